/**
 * End to end in Debian Chromium: the workstation as issue 5 states its test, in one page, on the
 * headless host whose simulated exchange is loaded with the real Dhan scrip master
 * (../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz, about 228k tradable rows):
 * 1. search RELIANCE (ranked first among the whole master's NSE_EQ rows), add it to a watchlist and
 *    see its LTP change;
 * 2. open its chart (double-click on the row) and see candles (candle-coloured pixels, not a blank
 *    canvas) and the OHLC legend;
 * 3. open its 20-level ladder (F6) and see 20 rows per side change;
 * 4. F1, buy 1 at the best ask as LIMIT, see it TRADED in the order book and a position whose MTM
 *    moves;
 * 5. F2, sell 1, see the position closed with realised P&L;
 * 6. place a far limit buy from the ticket, see it marked on the ladder, cancel it from the order
 *    book and see the marker go.
 * Screenshots: test-results/workstation-{search,watchlist,chart,depth,ticket,orders,positions}.png
 * (and workstation-depth-order.png, the ladder with the far order marked).
 *
 * Starts `npx tsx scripts/web.ts --port 0 --instruments <master>` through test/e2e-kit.ts, as the
 * other e2e tests start the host. The master is resolved
 * from the repository root as ../shared/fixtures/… (CI clones the repo with shared/ beside it). The
 * renderer must be built (`npm test` builds it). Waits are on what the page shows (task progress,
 * search results, the ladder's testing hook), with generous timeouts for a loaded 2-core machine;
 * nothing is timed.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amount,
  dismissToasts,
  ladderWhere,
  openApp,
  prepareE2e,
  RESULTS,
  ROOT,
  startE2eSession,
  type E2eSession,
  type LadderHook as Hook,
} from './e2e-kit';

const MASTER = resolve(ROOT, '..', 'shared', 'fixtures', 'dhan', 'api-scrip-master.2026-02.csv.gz');

let session: E2eSession | null = null;
let url = '';
let page: Page | null = null;
const pageErrors: string[] = [];

/** The tail of the host's log, for failure messages. */
const log = () => `host log:\n${session?.host.output().slice(-3000) ?? ''}`;

/**
 * Searches `query` in NSE_EQ until the core answers with hits from the whole master: the master
 * loads after the page (the status bar shows its task's progress), so the first answers may say
 * it is still loading.
 */
async function searchMaster(p: Page, query: string): Promise<void> {
  await p.getByLabel('Segment filter').selectOption('NSE_EQ');
  const deadline = Date.now() + 180_000;
  for (;;) {
    // Wait for the loading task to finish (or never to have been shown) before typing again.
    await p
      .getByTestId('task-progress')
      .filter({ hasText: /instruments/i })
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await p.keyboard.press('/');
    await p.getByTestId('search-input').fill('');
    await p.getByTestId('search-input').pressSequentially(query, { delay: 20 });
    try {
      await p.getByTestId('search-hit').first().waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no search hits for ${query} within 180 s; ${log()}`, { cause: e });
    }
  }
}

/** Waits until the ladder's hook satisfies `ok`, returns it (on a timeout: test-results/workstation-failed.png). */
const hookWhere = (p: Page, ok: (h: Hook) => boolean, what: string, timeout = 30_000) => ladderWhere(p, ok, what, timeout, 'workstation-failed.png');

/**
 * Pixels of the chart's largest canvas: how many are candle-coloured (up #26a69a, down #ef5350,
 * or close to them) and the grey-level variance (0 on a blank canvas).
 */
async function chartPixels(p: Page): Promise<{ candles: number; variance: number }> {
  return p.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="chart-host"] canvas')];
    const c = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (!c || c.width === 0 || c.height === 0) return { candles: 0, variance: 0 };
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const near = (r: number, g: number, b: number, q: readonly number[]) => Math.abs(r - q[0]!) + Math.abs(g - q[1]!) + Math.abs(b - q[2]!) < 24;
    let candles = 0;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i]!;
      const g = d[i + 1]!;
      const b = d[i + 2]!;
      if (near(r, g, b, [38, 166, 154]) || near(r, g, b, [239, 83, 80])) candles++;
      const y = (r + g + b) / 3;
      sum += y;
      sum2 += y * y;
    }
    const n = d.length / 4;
    return { candles, variance: sum2 / n - (sum / n) ** 2 };
  });
}

/** Opens the ticket for the watchlist's RELIANCE row with `key` (F1/F2) and waits for its default price. */
async function openTicket(p: Page, key: 'F1' | 'F2'): Promise<void> {
  while ((await p.getByTestId('order-ticket').count()) > 0) await p.keyboard.press('Escape');
  await p.keyboard.press('F4');
  await p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first().click();
  await p.keyboard.press(key);
  const ticket = p.getByTestId('order-ticket');
  await ticket.waitFor({ timeout: 10_000 });
  await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 5_000 }).toBe(key === 'F1' ? 'BUY' : 'SELL');
  expect(await ticket.textContent()).toContain('RELIANCE');
  await expect.poll(() => p.getByTestId('ticket-price').inputValue(), { timeout: 20_000 }).toMatch(/^\d+\.\d{2}$/);
}

/**
 * Enter, then Enter again on the confirmation step (which states the order in words), waits for
 * the outcome; returns the confirmation's and the outcome's texts.
 */
async function sendTicket(p: Page): Promise<{ confirm: string; outcome: string }> {
  await p.getByTestId('ticket-quantity').focus();
  await p.keyboard.press('Enter');
  await p.getByTestId('ticket-confirm').waitFor({ timeout: 10_000 });
  const confirm = (await p.getByTestId('ticket-confirm').textContent()) ?? '';
  await p.keyboard.press('Enter');
  const outcome = p.getByTestId('ticket-outcome');
  await outcome.waitFor({ timeout: 20_000 });
  return { confirm, outcome: (await outcome.textContent()) ?? '' };
}

beforeAll(async () => {
  prepareE2e();
  if (!existsSync(MASTER)) throw new Error(`the real scrip master is not at ${MASTER} (the shared/ checkout belongs beside the repository)`);
  // The simulated exchange trades at any hour, so that ticks flow on weekends and evenings too.
  session = await startE2eSession({ label: 'workstation', viewport: { width: 1440, height: 900 }, args: ['--instruments', MASTER], env: { TICKDESK_SIM_ALWAYS_OPEN: '1' }, urlTimeoutMs: 90_000 });
  url = session.url;
  page = await session.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
}, 150_000);

afterAll(async () => {
  await session?.close();
});

describe('the workstation on the simulated exchange loaded with the real scrip master', () => {
  it('1. searches RELIANCE over the whole master, adds it to the watchlist and sees its LTP change', async () => {
    const p = page!;
    await openApp(p, url, 30_000);
    await searchMaster(p, 'RELIANCE');
    // Exact symbol first, and the universe is the real master (hundreds of thousands of rows).
    const first = p.getByTestId('search-hit').first();
    expect(await first.locator('.hit-symbol').textContent()).toBe('RELIANCE');
    expect(await first.locator('.hit-name').textContent()).toMatch(/^Reliance Industries$/i);
    expect(await first.locator('.hit-seg').textContent()).toBe('NSE_EQ');
    const foot = (await p.locator('.search-foot').textContent()) ?? '';
    const universe = Number(/([\d,]+) instruments/.exec(foot)?.[1]?.replace(/,/g, '') ?? 0);
    expect(universe).toBeGreaterThan(200_000);
    await p.screenshot({ path: join(RESULTS, 'workstation-search.png') });

    await p.getByTestId('search-input').press('Enter');
    const row = p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first();
    await row.waitFor({ timeout: 10_000 });
    const ltp = row.locator('[data-cell="ltp"]');
    await expect.poll(() => ltp.textContent(), { timeout: 60_000, message: log() }).toMatch(/^[\d,]+\.\d{2}$/);
    const firstLtp = await ltp.textContent();
    await expect.poll(() => ltp.textContent(), { timeout: 60_000, interval: 250 }).not.toBe(firstLtp);
    // Esc closes the results (they stay open after Enter, for adding more) so the list shows whole.
    await p.getByTestId('search-input').press('Escape');
    await p.getByTestId('search-results').waitFor({ state: 'detached', timeout: 5_000 });
    await dismissToasts(p);
    await p.mouse.move(5, 5);
    await p.screenshot({ path: join(RESULTS, 'workstation-watchlist.png') });
  }, 300_000);

  it('2. opens its chart and sees candles and the OHLC legend', async () => {
    const p = page!;
    await p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first().dblclick();
    await p.getByTestId('chart-panel').waitFor({ timeout: 20_000 });
    const legend = p.getByTestId('chart-legend');
    for (const f of ['O', 'H', 'L', 'C']) await legend.locator(`[data-field="${f}"]`).filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const [o, h, l, c] = await Promise.all(['O', 'H', 'L', 'C'].map(async (f) => amount(await legend.locator(`[data-field="${f}"]`).textContent())));
    expect(h!).toBeGreaterThanOrEqual(Math.max(o!, c!));
    expect(l!).toBeLessThanOrEqual(Math.min(o!, c!));
    expect(l!).toBeGreaterThan(0);
    // History, not just the live candle: the sim runs on the master's trading day, and the newest
    // window must be asked for on its clock (hundreds of one-minute candles).
    await expect.poll(async () => Number(await p.getByTestId('chart-host').getAttribute('data-bars')), { timeout: 60_000, message: log() }).toBeGreaterThan(300);
    await expect.poll(async () => (await chartPixels(p)).candles, { timeout: 30_000 }).toBeGreaterThan(1000);
    expect((await chartPixels(p)).variance).toBeGreaterThan(50);
    await p.getByTestId('chart-progress').waitFor({ state: 'detached', timeout: 60_000 });
    await dismissToasts(p);
    await p.mouse.move(5, 5);
    await p.screenshot({ path: join(RESULTS, 'workstation-chart.png') });
  }, 180_000);

  it('3. opens its 20-level ladder and sees 20 rows per side change', async () => {
    const p = page!;
    await p.keyboard.press('F4');
    await p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first().click();
    await p.keyboard.press('F6');
    await p.getByTestId('depth-panel').waitFor({ timeout: 20_000 });
    await expect.poll(() => p.getByTestId('depth-levels-20').getAttribute('class'), { timeout: 10_000 }).toBe('on');
    const first = await hookWhere(p, (h) => h.levels === 20 && h.asks === 20 && h.bids === 20, '20 rows per side', 60_000);
    const prices = first.rows.filter((r) => r[0] !== 's').map((r) => r[1]);
    for (let i = 1; i < prices.length; i++) expect(prices[i]!).toBeLessThan(prices[i - 1]!);
    expect(first.rows[20]![0]).toBe('s');
    expect(first.rows.filter((r) => r[0] !== 's').every((r) => r[2] > 0 && r[3] > 0)).toBe(true);
    const sig = (h: Hook) => JSON.stringify(h.rows.map((r) => [r[1], r[2], r[3]]));
    const changed = await hookWhere(p, (h) => h.levels === 20 && h.asks === 20 && h.bids === 20 && sig(h) !== sig(first), 'changed rows', 60_000);
    // Rows on both sides changed, not just one level.
    const diff = (side: string) => {
      const a = first.rows.filter((r) => r[0] === side);
      const b = changed.rows.filter((r) => r[0] === side);
      return b.filter((r, i) => r[1] !== a[i]![1] || r[2] !== a[i]![2] || r[3] !== a[i]![3]).length;
    };
    expect(diff('a') + diff('b')).toBeGreaterThan(0);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'workstation-depth.png') });
  }, 180_000);

  it('4. F1 buys 1 at the best ask as LIMIT: TRADED in the order book, a position whose MTM moves', async () => {
    const p = page!;
    await openTicket(p, 'F1');
    expect(await p.getByTestId('ticket-quantity').inputValue()).toBe('1');
    expect(await p.getByRole('radiogroup', { name: 'Order type' }).getByRole('radio', { checked: true }).textContent()).toMatch(/^LIMIT/);
    const price = await p.getByTestId('ticket-price').inputValue();
    await expect.poll(() => p.getByTestId('ticket-margin-required').textContent(), { timeout: 20_000, message: log() }).toMatch(/^₹[\d,]+\.\d{2}$/);
    await p.screenshot({ path: join(RESULTS, 'workstation-ticket.png') });
    const sent = await sendTicket(p);
    const shown = Number(price).toLocaleString('en-IN', { minimumFractionDigits: 2 });
    expect(sent.confirm).toMatch(new RegExp(`^Send BUY 1 .*Reliance.* @ ${shown.replace(/\./g, '\\.')} · LIMIT · `, 'i'));
    expect(sent.outcome).toMatch(/Order accepted: order \S+/);
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByTestId('order-ticket').count()).toBe(0);

    await p.keyboard.press('F3');
    const book = p.getByTestId('order-book');
    await book.waitFor({ timeout: 10_000 });
    const order = book.getByTestId('order-row').first();
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 30_000, message: log() }).toBe('TRADED');
    expect(await order.locator('.side-buy').textContent()).toBe('BUY');
    expect(await order.textContent()).toMatch(/RELIANCE/i);
    // The page opened while the exchange was still loading the master: the book was re-read when
    // the session connected, so no stale "not loaded" error sits above the rows.
    await expect.poll(() => book.getByText(/Order book not loaded/).count(), { timeout: 10_000 }).toBe(0);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'workstation-orders.png') });

    await p.keyboard.press('Alt+F6');
    const pos = p.getByTestId('positions').getByTestId('position-row').first();
    await expect.poll(() => pos.getAttribute('data-net'), { timeout: 30_000 }).toBe('1');
    const mtm = pos.locator('[data-cell="mtm"]');
    await expect.poll(() => mtm.textContent(), { timeout: 20_000 }).toMatch(/^[+-]?[\d,]+\.\d{2}$/);
    const firstMtm = await mtm.textContent();
    await expect.poll(() => mtm.textContent(), { timeout: 60_000, interval: 250 }).not.toBe(firstMtm);
  }, 180_000);

  it('5. F2 sells 1: the position is closed with realised P&L', async () => {
    const p = page!;
    await openTicket(p, 'F2');
    expect(await p.getByTestId('ticket-side').textContent()).toBe('SELL');
    expect((await sendTicket(p)).outcome).toMatch(/Order accepted/);
    await p.keyboard.press('Escape');
    await p.keyboard.press('Alt+F6');
    const pos = p.getByTestId('positions').getByTestId('position-row').first();
    await expect.poll(() => pos.getAttribute('data-net'), { timeout: 30_000 }).toBe('0');
    expect(await pos.textContent()).toContain('closed');
    const realised = amount(await pos.locator('[data-cell="realised"]').textContent());
    // Bought at the ask, sold at the bid a little later: a round trip of a few rupees on one share.
    expect(Math.abs(realised)).toBeLessThan(100);
    expect(amount(await pos.locator('[data-cell="mtm"]').textContent())).toBe(0);
    expect(amount(await pos.locator('[data-cell="total"]').textContent())).toBeCloseTo(realised, 2);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'workstation-positions.png') });
  }, 180_000);

  it('6. places a far limit buy, sees it on the ladder, cancels it from the order book', async () => {
    const p = page!;
    // A price deep in the 200-level book: far under the market, still on the ladder.
    await p.keyboard.press('F6');
    await p.getByTestId('depth-levels-200').click();
    const deep = await hookWhere(p, (h) => h.levels === 200 && h.bids >= 150, 'a 200-level book', 60_000);
    const far = deep.rows.filter((r) => r[0] === 'b')[120]![1];
    expect(far).toBeLessThan(deep.ltp);

    await openTicket(p, 'F1');
    await p.getByTestId('ticket-price').fill(far.toFixed(2));
    const text = (await sendTicket(p)).outcome;
    const orderId = /order (\S+) \(/.exec(text)?.[1];
    expect(orderId, text).toBeTruthy();
    await p.keyboard.press('Escape');

    // Marked on the ladder, on the bid side, at its price (the one working order).
    await p.keyboard.press('F6');
    const marked = await hookWhere(p, (h) => h.rows.some((r) => r[0] === 'b' && r[1] === far && r[4] === 1), 'the order marker', 60_000);
    expect(marked.rows.filter((r) => r[4] > 0 || r[5] > 0).map((r) => r[1])).toEqual([far]);
    const row = marked.rows.findIndex((r) => r[0] === 'b' && r[1] === far);
    await p.getByTestId('depth-panel').locator('.depth-scroll').evaluate((el, t) => (el.scrollTop = t), Math.max(0, row * marked.rowHeight - 200));
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'workstation-depth-order.png') });

    await p.keyboard.press('F3');
    const order = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 30_000 }).toBe('PENDING');
    await order.getByTestId('order-cancel').click();
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 30_000, message: log() }).toBe('CANCELLED');
    await p.keyboard.press('F6');
    await hookWhere(p, (h) => h.rows.every((r) => r[4] === 0 && r[5] === 0), 'the marker gone', 60_000);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
