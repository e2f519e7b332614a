/**
 * End to end in Debian Chromium: the order flow on the headless host and its simulated exchange.
 * Search RELIANCE, add it to the watchlist, select it, press F1 and buy 1 at the best ask as LIMIT
 * (the ticket's default price), see it TRADED in the order book (F3) and a long position whose MTM
 * moves with the ticks (Alt+F6); F2 to sell 1 and see the position closed with realised P&L; place
 * a far limit buy, see it PENDING, cancel it from the order book and see it CANCELLED. Then the
 * position actions: buy 1, Exit from the positions row (Shift+X: the ticket opens pre-filled SELL 1
 * INTRADAY LIMIT) and see it closed; buy 1 again and Convert it to CNC; "Cancel all open" in the
 * order book; and Exit all (the dialog names the positions, the total quantity and the open orders
 * it cancels too) until every position is flat and the pending order is CANCELLED. The default
 * LIMIT price is the best ask (BUY) or bid (SELL) the ticket names under the field. Last, with the
 * confirmation turned off in Settings, Enter sends at once (the ticket never enters its confirm
 * phase), for a BUY and a SELL. Screenshots go to test-results/order-flow-*.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts, as test/web.e2e.test.ts does.
 * The renderer must be built (`npm test` builds it).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amount, dismissToasts, openApp, RESULTS, searchUntilHits, startE2eSession, type E2eSession } from './e2e-kit';

let session: E2eSession | null = null;
let url = '';
let page: Page | null = null;

/** Opens the ticket with `key` (F1/F2) and waits until it shows a default price. */
async function openTicket(p: Page, key: 'F1' | 'F2'): Promise<void> {
  // A ticket left open by a failed step would cover the watchlist.
  while ((await p.getByTestId('order-ticket').count()) > 0) await p.keyboard.press('Escape');
  await p.getByTestId('watchlist-row').first().click();
  await p.keyboard.press(key);
  const ticket = p.getByTestId('order-ticket');
  await ticket.waitFor({ timeout: 5_000 });
  await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 5_000 }).toBe(key === 'F1' ? 'BUY' : 'SELL');
  await expect.poll(() => p.getByTestId('ticket-price').inputValue(), { timeout: 20_000 }).toMatch(/^\d+\.\d{2}$/);
}

/**
 * The ticket's default price came from the book's `side` (best ask for a buy, best bid for a sell)
 * as the ticket opened: the field holds the quoted price named under it, not the LTP.
 */
async function expectDefaultFromBook(p: Page, side: 'ask' | 'bid'): Promise<void> {
  const source = p.getByTestId('ticket-price-source');
  await expect.poll(() => source.textContent(), { timeout: 10_000 }).toMatch(/^best (ask|bid) [\d,]+\.\d{2}$/);
  const m = /^best (ask|bid) ([\d,]+\.\d{2})$/.exec((await source.textContent()) ?? '')!;
  expect(m[1]).toBe(side);
  expect(Number(await p.getByTestId('ticket-price').inputValue())).toBe(amount(m[2]!));
}

/**
 * Enter, then Enter again on the confirmation step (on by default: Settings `confirmOrders`), and
 * waits for the outcome; returns its text. `shot` names a screenshot of the confirmation.
 */
async function sendTicket(p: Page, shot?: string): Promise<string> {
  await p.getByTestId('ticket-quantity').focus();
  await p.keyboard.press('Enter');
  await p.getByTestId('ticket-confirm').waitFor({ timeout: 5_000 });
  expect(await p.getByTestId('order-ticket').getAttribute('data-phase')).toBe('confirm');
  // The confirmation repeats the whole order in words before anything is sent.
  expect(await p.getByTestId('ticket-confirm').textContent()).toMatch(/^(Send|Modify to) (BUY|SELL) [\d,]+ .+ (@ [\d,]+\.\d{2}|at market) · (LIMIT|MARKET|SL|SL-M) · \w+ · (DAY|IOC).*\? Enter to/);
  if (shot) await p.screenshot({ path: join(RESULTS, shot) });
  await p.keyboard.press('Enter');
  const outcome = p.getByTestId('ticket-outcome');
  await outcome.waitFor({ timeout: 15_000 });
  return (await outcome.textContent()) ?? '';
}

/** Buys 1 RELIANCE INTRADAY at the best ask (F1, the ticket's defaults) and closes the ticket. */
async function buyOne(p: Page): Promise<void> {
  await openTicket(p, 'F1');
  expect(await p.getByTestId('ticket-product').inputValue()).toBe('INTRADAY');
  expect(await sendTicket(p)).toMatch(/Order accepted/);
  await p.keyboard.press('Escape');
  await expect.poll(() => p.getByTestId('order-ticket').count()).toBe(0);
}

/** Places a limit buy 10 % under the ask (rests PENDING); returns its order id. */
async function placeFarBuy(p: Page): Promise<string> {
  await openTicket(p, 'F1');
  const ask = Number(await p.getByTestId('ticket-price').inputValue());
  await p.getByTestId('ticket-price').fill(Math.floor(ask * 0.9).toFixed(2));
  const orderId = /order (\S+) \(/.exec(await sendTicket(p))?.[1];
  expect(orderId).toBeTruthy();
  await p.keyboard.press('Escape');
  await p.keyboard.press('F3');
  const row = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await p.getByTestId('orders-filter-all').click();
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('PENDING');
  return orderId!;
}

/** The positions panel (Alt+F6) and its row for RELIANCE in `product`. */
async function positionRow(p: Page, product: string) {
  await p.keyboard.press('Alt+F6');
  return p.getByTestId('positions').locator(`[data-testid="position-row"][data-product="${product}"]`);
}

beforeAll(async () => {
  session = await startE2eSession({ label: 'orders', viewport: { width: 1400, height: 860 } });
  url = session.url;
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

describe('order flow on the simulated exchange', () => {
  it('adds RELIANCE to the watchlist and sees it tick', async () => {
    const p = page!;
    await openApp(p, url);
    await searchUntilHits(p, 'RELIANCE');
    await p.keyboard.press('Enter');
    const row = p.getByTestId('watchlist-row').first();
    await row.waitFor({ timeout: 10_000 });
    const ltp = row.locator('[data-cell="ltp"]');
    await p.waitForFunction((el) => /^[\d,]+\.\d{2}$/.test(el?.textContent ?? ''), await ltp.elementHandle(), { timeout: 30_000 });
    await row.click();
  });

  it('F1 buys 1 at the best ask as LIMIT; the order book shows it TRADED', async () => {
    const p = page!;
    await openTicket(p, 'F1');
    // The default price is the best ask (on the tick grid) and the quantity 1 share.
    expect(await p.getByTestId('ticket-quantity').inputValue()).toBe('1');
    expect(await p.getByTestId('ticket-units').textContent()).toContain('1 share');
    await expectDefaultFromBook(p, 'ask');
    await expect.poll(() => p.getByTestId('ticket-available').textContent(), { timeout: 10_000 }).toMatch(/^₹[\d,]+\.\d{2}$/);
    // The margin the order needs, from the broker's margin calculator, before sending.
    await expect
      .poll(() => p.getByTestId('ticket-margin-required').textContent(), { timeout: 10_000, message: `host log:\n${session!.host.output().slice(-3000)}` })
      .toMatch(/^₹[\d,]+\.\d{2}$/);
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket.png') });

    // Inline validation before any network call: an off-tick price is refused with suggestions.
    const price = await p.getByTestId('ticket-price').inputValue();
    await p.getByTestId('ticket-price').fill(`${price.slice(0, -1)}3`);
    await p.getByTestId('ticket-error-price').waitFor();
    expect(await p.getByTestId('ticket-error-price').textContent()).toMatch(/^Price \d+\.\d+3 is not a multiple of the tick size 0\.\d+: nearest valid prices/);
    expect(await p.getByTestId('ticket-submit').isDisabled()).toBe(true);
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-invalid.png') });
    await p.getByTestId('ticket-price').fill(price);
    await expect.poll(() => p.getByTestId('ticket-margin-required').textContent(), { timeout: 10_000 }).toMatch(/^₹[\d,]+\.\d{2}$/);

    const text = await sendTicket(p, 'order-flow-ticket-confirm.png');
    expect(text).toMatch(/Order accepted: order \S+/);
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-accepted.png') });
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByTestId('order-ticket').count()).toBe(0);

    await p.keyboard.press('F3');
    const book = p.getByTestId('order-book');
    await book.waitFor({ timeout: 5_000 });
    const first = book.getByTestId('order-row').first();
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 20_000 }).toBe('TRADED');
    expect(await first.locator('.side-buy').textContent()).toBe('BUY');
    // The fill is announced (a toast: the headless page has the focus).
    await p.getByTestId('toast').filter({ hasText: /^Order filled: BUY 1 .*RELIANCE.* @ ₹[\d,]+\.\d{2} · order \S+$/ }).waitFor({ timeout: 10_000 });
    await p.screenshot({ path: join(RESULTS, 'order-flow-order-book.png') });
  });

  it('shows a long position whose MTM moves with the ticks', async () => {
    const p = page!;
    await p.keyboard.press('Alt+F6');
    const row = p.getByTestId('positions').getByTestId('position-row').first();
    await expect.poll(() => row.getAttribute('data-net'), { timeout: 20_000 }).toBe('1');
    const mtm = row.locator('[data-cell="mtm"]');
    await expect.poll(() => mtm.textContent(), { timeout: 10_000 }).toMatch(/^[+-]?[\d,]+\.\d{2}$/);
    const seen = new Set<string>([(await mtm.textContent()) ?? '']);
    const deadline = Date.now() + 45_000;
    while (seen.size < 2 && Date.now() < deadline) {
      await p.waitForTimeout(250);
      seen.add((await mtm.textContent()) ?? '');
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
    // The total row adds the same MTM (one position); both read in one go, between two frames.
    const [rowTotal, sumTotal] = await p.evaluate(() => [
      document.querySelector('[data-testid="position-row"] [data-cell="total"]')?.textContent ?? null,
      document.querySelector('[data-testid="positions-total"] [data-cell="total"]')?.textContent ?? null,
    ]);
    expect(amount(sumTotal!)).toBeCloseTo(amount(rowTotal!), 2);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-positions-open.png') });
  });

  it('F2 sells 1: the position is closed with realised P&L', async () => {
    const p = page!;
    await openTicket(p, 'F2');
    expect(await p.getByTestId('ticket-side').textContent()).toBe('SELL');
    await expectDefaultFromBook(p, 'bid');
    const text = await sendTicket(p);
    expect(text).toMatch(/Order accepted/);
    await p.keyboard.press('Escape');

    await p.keyboard.press('Alt+F6');
    const row = p.getByTestId('positions').getByTestId('position-row').first();
    await expect.poll(() => row.getAttribute('data-net'), { timeout: 20_000 }).toBe('0');
    const realised = amount(await row.locator('[data-cell="realised"]').textContent());
    // Bought at the ask, sold at the bid: the realised P&L is the round trip, a small number of rupees.
    expect(Math.abs(realised)).toBeLessThan(100);
    expect(await row.textContent()).toContain('closed');
    // Flat: nothing unrealised, so the total is the realised P&L.
    expect(amount(await row.locator('[data-cell="mtm"]').textContent())).toBe(0);
    expect(amount(await row.locator('[data-cell="total"]').textContent())).toBeCloseTo(realised, 2);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-positions-closed.png') });

    // The trade book (F8) holds both fills, newest first.
    await p.keyboard.press('F8');
    const trades = p.getByTestId('trade-book').getByTestId('trade-row');
    await expect.poll(() => trades.count(), { timeout: 10_000 }).toBe(2);
    expect(await trades.first().locator('.side-sell').textContent()).toBe('SELL');
    await p.screenshot({ path: join(RESULTS, 'order-flow-trade-book.png') });

    // Funds, from the panel menu: the available balance in Indian grouping.
    await p.getByTestId('panel-menu').click();
    await p.getByRole('menuitem', { name: 'Funds' }).click();
    await expect.poll(() => p.locator('[data-testid="funds"] [data-field="availableBalance"] dd').textContent(), { timeout: 10_000 }).toMatch(/^₹\d{1,2}(,\d{2})*,\d{3}\.\d{2}$/);
    await p.screenshot({ path: join(RESULTS, 'order-flow-funds.png') });

    // Holdings, from the panel menu: read from the broker (rows, or says there are none).
    await p.getByTestId('panel-menu').click();
    await p.getByRole('menuitem', { name: 'Holdings' }).click();
    const holdings = p.getByTestId('holdings');
    await expect
      .poll(async () => (await holdings.getByTestId('holding-row').count()) > 0 || (await holdings.textContent())?.includes('No holdings in the demat account'), { timeout: 10_000 })
      .toBe(true);
    await p.screenshot({ path: join(RESULTS, 'order-flow-holdings.png') });
  });

  it('places a far limit buy and cancels it from the order book', async () => {
    const p = page!;
    await openTicket(p, 'F1');
    const ask = Number(await p.getByTestId('ticket-price').inputValue());
    // 10 % under the ask, on a whole rupee (on every NSE tick grid): inside the default ±20 % band,
    // far from trading.
    const far = Math.floor(ask * 0.9).toFixed(2);
    await p.getByTestId('ticket-price').fill(far);
    const text = await sendTicket(p);
    const orderId = /order (\S+) \(/.exec(text)?.[1];
    expect(orderId).toBeTruthy();
    await p.keyboard.press('Escape');

    await p.keyboard.press('F3');
    const row = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('PENDING');
    await p.getByTestId('orders-filter-open').click();
    expect(await p.getByTestId('order-book').getByTestId('order-row').count()).toBe(1);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-order-book-pending.png') });

    // Modify from the keyboard: select the row, Enter opens the ticket in modify mode.
    await row.click();
    await p.keyboard.press('Enter');
    await expect.poll(() => p.getByTestId('ticket-side').textContent(), { timeout: 5_000 }).toBe('MODIFY BUY');
    expect(await p.getByTestId('ticket-price').inputValue()).toBe(far);
    const lower = (Number(far) - 1).toFixed(2);
    await p.getByTestId('ticket-price').fill(lower);
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-modify.png') });
    expect(await sendTicket(p)).toMatch(/Modification accepted: order \S+/);
    await p.keyboard.press('Escape');
    await expect.poll(() => row.locator('td').nth(7).textContent(), { timeout: 20_000 }).toBe(Number(lower).toLocaleString('en-IN', { minimumFractionDigits: 2 }));
    expect(await row.getAttribute('data-status')).toBe('PENDING');

    await row.getByTestId('order-cancel').click();
    // Cancelled orders leave the Open filter; All shows it CANCELLED.
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(0);
    await p.getByTestId('orders-filter-all').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 5_000 }).toBe('CANCELLED');
    await p.screenshot({ path: join(RESULTS, 'order-flow-order-book-cancelled.png') });
  });

  it("shows a rejection in the broker's words: in the ticket, as a notification and in the order book", async () => {
    const p = page!;
    await openTicket(p, 'F1');
    // 1,000 shares for delivery (CNC: full value, about ₹13 lakh) against ₹10 lakh of funds.
    await p.getByTestId('ticket-product').selectOption('CNC');
    await p.getByTestId('ticket-quantity').fill('1000');
    await expect.poll(() => p.getByTestId('ticket-margin-required').textContent(), { timeout: 10_000 }).toMatch(/^₹\d{1,2},\d{2},\d{3}\.\d{2}$/);
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-short.png') });
    const text = await sendTicket(p);
    expect(text).toMatch(/^Order rejected: .+/);
    expect(await p.getByTestId('ticket-outcome').getAttribute('data-tone')).toBe('bad');
    await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-rejected.png') });
    await p.keyboard.press('Escape');

    await p.getByTestId('toast').filter({ hasText: /^Order rejected: BUY 1,000 .*RELIANCE.*: .+/ }).waitFor({ timeout: 10_000 });
    await p.keyboard.press('F3');
    await p.getByTestId('orders-filter-all').click();
    const row = p.getByTestId('order-book').locator('[data-testid="order-row"][data-status="REJECTED"]').first();
    await row.waitFor({ timeout: 10_000 });
    expect((await row.getByTestId('order-reason').textContent())?.trim().length).toBeGreaterThan(0);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-order-book-rejected.png') });
  });

  it('Exit from the positions row (Shift+X): the ticket opens pre-filled SELL 1 INTRADAY; sent, the position is closed', async () => {
    const p = page!;
    await buyOne(p);
    const row = await positionRow(p, 'INTRADAY');
    await expect.poll(() => row.getAttribute('data-net'), { timeout: 20_000 }).toBe('1');
    expect(await row.getByTestId('position-exit').count()).toBe(1);
    expect(await row.getByTestId('position-convert').count()).toBe(1);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-positions-actions.png') });

    // The keyboard path: select the row, Shift+X.
    await row.locator('td').first().click();
    await p.keyboard.press('Shift+X');
    const ticket = p.getByTestId('order-ticket');
    await ticket.waitFor({ timeout: 5_000 });
    await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 5_000 }).toBe('SELL');
    expect(await p.getByTestId('ticket-quantity').inputValue()).toBe('1');
    expect(await p.getByTestId('ticket-product').inputValue()).toBe('INTRADAY');
    expect(await ticket.getByRole('radio', { name: 'LIMIT' }).getAttribute('aria-checked')).toBe('true');
    expect(await p.getByTestId('ticket-exit').textContent()).toMatch(/^Exit position: SELL closes it\. LIMIT at the best bid/);
    await expect.poll(() => p.getByTestId('ticket-price').inputValue(), { timeout: 20_000 }).toMatch(/^\d+\.\d{2}$/);
    await p.screenshot({ path: join(RESULTS, 'order-flow-exit-ticket.png') });
    const text = await sendTicket(p);
    expect(text).toMatch(/Order accepted/);
    await p.keyboard.press('Escape');

    await expect.poll(() => row.getAttribute('data-net'), { timeout: 20_000 }).toBe('0');
    expect(await row.getByTestId('position-exit').count()).toBe(0);
  });

  it('converts a new INTRADAY position to CNC: the product changes', async () => {
    const p = page!;
    await buyOne(p);
    const intraday = await positionRow(p, 'INTRADAY');
    await expect.poll(() => intraday.getAttribute('data-net'), { timeout: 20_000 }).toBe('1');
    await intraday.getByTestId('position-convert').click();
    const dialog = p.getByTestId('convert-dialog');
    await dialog.waitFor({ timeout: 5_000 });
    expect(await p.getByTestId('convert-to').inputValue()).toBe('CNC');
    expect(await p.getByTestId('convert-quantity').inputValue()).toBe('1');
    // More than the open quantity is refused before anything is sent.
    await p.getByTestId('convert-quantity').fill('2');
    expect(await p.getByTestId('convert-error').textContent()).toBe('At most the open quantity: 1');
    expect(await p.getByTestId('convert-submit').isDisabled()).toBe(true);
    await p.getByTestId('convert-quantity').fill('1');
    await p.screenshot({ path: join(RESULTS, 'order-flow-convert-dialog.png') });
    await p.getByTestId('convert-submit').click();
    const outcome = p.getByTestId('convert-outcome');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.getAttribute('data-tone')).toBe('good');
    expect(await outcome.textContent()).toMatch(/^Conversion accepted/);
    await p.getByTestId('convert-close').click();
    await expect.poll(() => dialog.count()).toBe(0);

    const cnc = p.getByTestId('positions').locator('[data-testid="position-row"][data-product="CNC"]');
    await expect.poll(() => cnc.getAttribute('data-net'), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => intraday.getAttribute('data-net'), { timeout: 20_000 }).toBe('0');
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-positions-converted.png') });
  });

  it('cancels all open orders from the Open filter after a confirmation naming the count', async () => {
    const p = page!;
    const orderId = await placeFarBuy(p);
    await p.getByTestId('orders-filter-open').click();
    await p.getByTestId('orders-cancel-all').click();
    const confirm = p.getByTestId('orders-cancel-all-confirm');
    expect(await confirm.textContent()).toMatch(/^Cancel all 1 open order\? Each is sent once, never retried\./);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-cancel-all-confirm.png') });
    await p.getByTestId('orders-cancel-all-yes').click();
    await p.getByTestId('toast').filter({ hasText: /^Cancel all: 1 accepted$/ }).waitFor({ timeout: 15_000 });
    await p.getByTestId('orders-filter-all').click();
    const row = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('CANCELLED');
  });

  it('Exit all: the dialog names the positions, the total quantity and the open orders; every position ends flat', async () => {
    const p = page!;
    // A pending order that exit all must cancel too (seeds/002: exit all cancels the open orders).
    const orderId = await placeFarBuy(p);
    await p.keyboard.press('Alt+F6');
    await p.getByTestId('positions-exit-all').click();
    const dialog = p.getByTestId('exit-all-dialog');
    await dialog.waitFor({ timeout: 5_000 });
    expect(await p.getByTestId('exit-all-count').textContent()).toBe('Square off 1 open position, total quantity 1:');
    expect(await dialog.locator('li').allTextContents()).toEqual([expect.stringMatching(/^SELL 1 .+ · CNC$/)]);
    expect(await p.getByTestId('exit-all-orders').textContent()).toMatch(/cancels every open order of the day \(1 open in the order book now\)/);
    // The focus starts on Back: Enter alone does not exit everything.
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('exit-all-back');
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-exit-all-dialog.png') });
    await p.getByTestId('exit-all-confirm').click();
    const outcome = p.getByTestId('exit-all-outcome');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.getAttribute('data-tone')).toBe('good');
    expect(await outcome.textContent()).toBe('Exit all accepted: All orders and positions exited successfully');
    // What was confirmed stays in the dialog while the positions go flat behind it.
    expect(await p.getByTestId('exit-all-count').textContent()).toBe('Square off 1 open position, total quantity 1:');
    await p.getByTestId('exit-all-close').click();
    await expect.poll(() => dialog.count(), { timeout: 5_000 }).toBe(0);

    const rows = p.getByTestId('positions').getByTestId('position-row');
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-net')))).every((n) => n === '0'), { timeout: 20_000 }).toBe(true);
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'order-flow-positions-exited.png') });

    await p.keyboard.press('F3');
    await p.getByTestId('orders-filter-all').click();
    await expect.poll(() => p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`).getAttribute('data-status'), { timeout: 20_000 }).toBe('CANCELLED');
  });

  it('with confirmation turned off in Settings, Enter sends at once (no confirmation step), BUY then SELL', async () => {
    const p = page!;
    const confirmBox = p.getByLabel('ask before sending an order');
    const setConfirm = async (on: boolean) => {
      await p.getByTestId('panel-menu').click();
      await p.getByRole('menuitem', { name: /^Settings/ }).click();
      await confirmBox.waitFor({ timeout: 10_000 });
      await confirmBox.setChecked(on);
      await p.locator('form[aria-labelledby="limits-h"]').getByRole('button', { name: 'Save' }).click();
      await p.getByTestId('toast').filter({ hasText: 'Settings saved.' }).first().waitFor({ timeout: 10_000 });
      expect(await confirmBox.isChecked()).toBe(on);
      await dismissToasts(p);
    };
    await setConfirm(false);

    for (const [key, side, net] of [['F1', 'ask', '1'], ['F2', 'bid', '0']] as const) {
      await openTicket(p, key);
      await expectDefaultFromBook(p, side);
      // Every phase the ticket goes through from here on.
      await p.evaluate(() => {
        const t = document.querySelector('[data-testid="order-ticket"]')!;
        const seen = [t.getAttribute('data-phase')];
        (window as unknown as { phases: (string | null)[] }).phases = seen;
        new MutationObserver(() => seen.push(t.getAttribute('data-phase'))).observe(t, { attributes: true, attributeFilter: ['data-phase'] });
      });
      await p.getByTestId('ticket-quantity').focus();
      await p.keyboard.press('Enter');
      const outcome = p.getByTestId('ticket-outcome');
      await outcome.waitFor({ timeout: 15_000 });
      expect(await outcome.textContent()).toMatch(/Order accepted: order \S+/);
      const phases = await p.evaluate(() => (window as unknown as { phases: (string | null)[] }).phases);
      expect(phases[0]).toBe('edit');
      expect(phases).not.toContain('confirm');
      expect(phases.at(-1)).toBe('done');
      expect(await p.getByTestId('ticket-confirm').count()).toBe(0);
      if (key === 'F1') await p.screenshot({ path: join(RESULTS, 'order-flow-ticket-no-confirm.png') });
      await p.keyboard.press('Escape');
      await expect.poll(() => p.getByTestId('order-ticket').count()).toBe(0);
      const row = await positionRow(p, 'INTRADAY');
      await expect.poll(() => row.getAttribute('data-net'), { timeout: 20_000 }).toBe(net);
    }

    await setConfirm(true);
  }, 120_000);
});
