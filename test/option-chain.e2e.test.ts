/**
 * End to end in Debian Chromium: the option chain on the headless host and its simulated exchange
 * (default universe: NIFTY options ATM ± 20 strikes, weekly and monthly expiries). Search NIFTY 50,
 * add it to the watchlist, select it and press Alt+O: the chain opens on the nearest expiry with
 * the ATM row marked (the strike nearest the LTP in the header), strikes ascending, call deltas
 * in (0, 1) and put deltas in (−1, 0), ITM calls below and ITM puts above the LTP shaded, and LTPs
 * that change over time. A click on the ATM call's ask opens a BUY ticket for that option at that
 * ask with the quantity in lots (1 lot = 65); sent, the order shows in the order book.
 * Screenshots: test-results/option-chain.png (ATM ± 10), test-results/option-chain-all.png (every
 * strike; only those on screen ± a margin are rendered), test-results/option-chain-ticket.png, test-results/option-chain-order-book.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts. The renderer must be built
 * (`npm test` builds it).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amount, dismissToasts, openApp, RESULTS, startE2eSession, type E2eSession } from './e2e-kit';

let session: E2eSession | null = null;
let page: Page | null = null;

/** Adds NIFTY 50 (IDX_I) to the watchlist through the search box, retrying while the master loads. */
async function addNifty(p: Page): Promise<void> {
  await p.getByLabel('Segment filter').selectOption('IDX_I');
  const deadline = Date.now() + 90_000;
  for (;;) {
    await p.keyboard.press('/');
    await p.getByTestId('search-input').fill('');
    await p.getByTestId('search-input').pressSequentially('NIFTY', { delay: 20 });
    // The index itself (symbol NIFTY), not BANKNIFTY or FINNIFTY.
    const hit = p.getByTestId('search-hit').filter({ has: p.locator('.hit-symbol', { hasText: /^NIFTY( 50)?$/i }) }).first();
    try {
      await hit.waitFor({ timeout: 3_000 });
      await hit.click();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error('no search hit for NIFTY 50 within 90 s', { cause: e });
    }
  }
}

/** Everything the chain's rows show, read in one page task. */
interface ChainRead {
  readonly spot: string;
  readonly rows: {
    readonly strike: number;
    readonly atm: boolean;
    readonly callKey: string;
    readonly cells: Record<string, string>;
    readonly callItm: boolean;
    readonly putItm: boolean;
  }[];
}

async function readChain(p: Page): Promise<ChainRead> {
  return p.getByTestId('option-chain').evaluate((panel) => {
    const spot = panel.querySelector('[data-testid="oc-spot"]')?.textContent ?? '';
    const rows = [...panel.querySelectorAll<HTMLTableRowElement>('tr[data-testid="oc-row"]')].map((tr) => {
      const cells: Record<string, string> = {};
      for (const td of tr.querySelectorAll('td')) {
        const m = /\boc-(\w+) (ce|pe)\b/.exec(td.className);
        if (m) cells[`${m[2]}.${m[1]}`] = td.textContent ?? '';
      }
      return {
        strike: Number(tr.dataset.strike),
        atm: tr.dataset.atm === 'true',
        callKey: tr.dataset.callKey ?? '',
        cells,
        callItm: tr.querySelector('td.oc-ltp.ce')?.classList.contains('itm') ?? false,
        putItm: tr.querySelector('td.oc-ltp.pe')?.classList.contains('itm') ?? false,
      };
    });
    return { spot, rows };
  });
}

/** Runs `body`; on a failure saves test-results/option-chain-failed.png (and the host's log tail in the error). */
async function failShot(p: Page, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await p.screenshot({ path: join(RESULTS, 'option-chain-failed.png') }).catch(() => undefined);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nhost log:\n${session?.host.output().slice(-2000) ?? ''}`, { cause: e });
  }
}

beforeAll(async () => {
  session = await startE2eSession({ label: 'option-chain', viewport: { width: 1760, height: 900 } });
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

describe('option chain on the simulated exchange', () => {
  it('opens the NIFTY chain with Alt+O: ATM marked, strikes ascending, deltas in range, ITM shaded, LTPs ticking', { timeout: 150_000 }, async () => {
    const p = page!;
    await failShot(p, async () => {
      await openApp(p, session!.url);
      await addNifty(p);
      const row = p.getByTestId('watchlist-row').filter({ hasText: /NIFTY|Nifty 50/i }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.click();
      await p.keyboard.press('Alt+KeyO');
      const panel = p.getByTestId('option-chain');
      await panel.waitFor({ timeout: 10_000 });
      await expect.poll(() => p.getByTestId('oc-underlying').textContent(), { timeout: 15_000 }).toMatch(/^(NIFTY|Nifty 50)$/i);

      // Nearest expiry selected by default, the later ones offered.
      const expiries = await p.getByTestId('oc-expiry').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(expiries.length).toBeGreaterThanOrEqual(3);
      expect([...expiries].sort()).toEqual(expiries);
      expect(await p.getByTestId('oc-expiry').inputValue()).toBe(expiries[0]);

      // 21 rows (ATM ± 10) once the chain and the LTP are in.
      await expect.poll(async () => (await readChain(p)).rows.filter((r) => r.atm).length, { timeout: 20_000 }).toBe(1);
      await expect.poll(async () => (await readChain(p)).rows.length, { timeout: 10_000 }).toBe(21);
      const c = await readChain(p);
      const spot = amount(c.spot);
      const strikes = c.rows.map((r) => r.strike);
      expect([...strikes].sort((a, b) => a - b)).toEqual(strikes);
      expect(new Set(strikes).size).toBe(strikes.length);
      const atm = c.rows.find((r) => r.atm)!;
      // The ATM strike is the one nearest the LTP (the LTP may move a little between reads).
      const nearest = Math.min(...strikes.map((s) => Math.abs(s - spot)));
      expect(Math.abs(atm.strike - spot)).toBeLessThanOrEqual(nearest + 50);
      expect(c.rows.indexOf(atm)).toBeGreaterThanOrEqual(8);
      expect(c.rows.indexOf(atm)).toBeLessThanOrEqual(12);
      for (const r of c.rows) {
        const cd = Number(r.cells['ce.delta']);
        const pd = Number(r.cells['pe.delta']);
        expect(cd, `call delta at ${r.strike}`).toBeGreaterThanOrEqual(0);
        expect(cd).toBeLessThanOrEqual(1);
        expect(pd, `put delta at ${r.strike}`).toBeGreaterThanOrEqual(-1);
        expect(pd).toBeLessThanOrEqual(0);
        expect(Number(r.cells['ce.iv'])).toBeGreaterThan(0);
        expect(r.cells['ce.ltp']).toMatch(/^[\d,]+\.\d{2}$/);
        expect(r.cells['ce.oi']).toMatch(/^[\d,]+$/);
        // ITM: calls below the LTP, puts above it (rows far from the LTP, which cannot flip between reads).
        if (r.strike < spot - 100) expect([r.callItm, r.putItm]).toEqual([true, false]);
        if (r.strike > spot + 100) expect([r.callItm, r.putItm]).toEqual([false, true]);
      }
      // Deltas fall with the strike (calls) as traders expect: deep ITM near 1, far OTM near 0.
      expect(Number(c.rows[0]!.cells['ce.delta'])).toBeGreaterThan(Number(c.rows.at(-1)!.cells['ce.delta']));
      // The ATM row is on screen.
      const atmRow = panel.locator('tr[data-atm="true"]');
      expect(await atmRow.isVisible()).toBe(true);
      const [rowBox, scrollBox] = await Promise.all([atmRow.boundingBox(), panel.locator('.oc-scroller').boundingBox()]);
      expect(rowBox!.y).toBeGreaterThanOrEqual(scrollBox!.y);
      expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(scrollBox!.y + scrollBox!.height);

      // Live: the LTPs of the visible strikes change over time.
      const sig = (x: ChainRead) => x.rows.map((r) => `${r.cells['ce.ltp']}|${r.cells['pe.ltp']}`).join(',');
      const before = sig(c);
      await expect.poll(async () => sig(await readChain(p)) !== before, { timeout: 20_000 }).toBe(true);
      await dismissToasts(p);
      await p.screenshot({ path: join(RESULTS, 'option-chain.png') });

      // Every strike: 41 rows (the sim lists ATM ± 20), the ATM row still marked and in view.
      await p.getByTestId('oc-around').selectOption('0');
      const table = p.getByTestId('oc-table');
      await expect.poll(() => table.getAttribute('data-strikes'), { timeout: 10_000 }).toBe('41');
      // Only the rows on screen ± a margin are in the DOM; the ATM row is centred among them.
      await expect.poll(() => atmRow.isVisible(), { timeout: 10_000 }).toBe(true);
      const all = await readChain(p);
      expect(all.rows.length).toBeLessThanOrEqual(41);
      expect(all.rows.map((r) => r.strike)).toEqual([...all.rows.map((r) => r.strike)].sort((x, y) => x - y));
      await p.screenshot({ path: join(RESULTS, 'option-chain-all.png') });
      await p.getByTestId('oc-around').selectOption('10');
      await expect.poll(() => table.getAttribute('data-strikes'), { timeout: 10_000 }).toBe('21');
      await expect.poll(async () => (await readChain(p)).rows.length, { timeout: 10_000 }).toBe(21);
    });
  });

  it('clicking the ATM call\'s ask opens a BUY ticket for that option at the ask, in lots; sent, it shows in the order book', { timeout: 90_000 }, async () => {
    const p = page!;
    await failShot(p, async () => {
      // Read the ask and click it in the same page task, so a tick between the two cannot differ.
      const clicked = await p.getByTestId('option-chain').evaluate((panel) => {
        const tr = panel.querySelector<HTMLTableRowElement>('tr[data-atm="true"]')!;
        const td = tr.querySelector<HTMLTableCellElement>('td[data-testid="oc-ce-ask"]')!;
        const ask = td.textContent ?? '';
        td.click();
        return { ask, key: tr.dataset.callKey ?? '', strike: Number(tr.dataset.strike) };
    });
    expect(clicked.key).toMatch(/^NSE_FNO:\d+$/);
    const ask = amount(clicked.ask);
    const ticket = p.getByTestId('order-ticket');
    await ticket.waitFor({ timeout: 5_000 });
    await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 5_000 }).toBe('BUY');
    await expect.poll(() => p.getByTestId('ticket-price').inputValue(), { timeout: 10_000 }).toBe(ask.toFixed(2));
    expect(await p.getByTestId('ticket-quantity').inputValue()).toBe('1');
    await expect.poll(() => p.getByTestId('ticket-units').textContent(), { timeout: 5_000 }).toMatch(/65 units.*1 lot/);
    expect(await ticket.textContent()).toContain(`${clicked.strike} CE`);
    await p.screenshot({ path: join(RESULTS, 'option-chain-ticket.png') });

    // Send: Enter, then Enter on the confirmation.
    await p.getByTestId('ticket-quantity').focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('ticket-confirm').waitFor({ timeout: 5_000 });
    expect(await p.getByTestId('ticket-confirm').textContent()).toMatch(new RegExp(`^Send BUY 65 .*${clicked.strike} CE.* @ ${clicked.ask.replace('.', '\\.')} · LIMIT`));
    await p.keyboard.press('Enter');
    const outcome = p.getByTestId('ticket-outcome');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.textContent()).toMatch(/Order accepted/);
    await p.keyboard.press('Escape');
    await expect.poll(() => ticket.count()).toBe(0);

    await p.keyboard.press('F3');
    const book = p.getByTestId('order-book');
    await book.waitFor({ timeout: 5_000 });
    await p.getByTestId('orders-filter-all').click();
    const order = book.getByTestId('order-row').filter({ hasText: `${clicked.strike} CE` }).first();
    await order.waitFor({ timeout: 15_000 });
    expect(await order.locator('.side-buy').textContent()).toBe('BUY');
    expect(await order.textContent()).toContain(clicked.ask);
    await expect.poll(() => order.getAttribute('data-status'), { timeout: 20_000 }).toMatch(/^(TRADED|PENDING|TRANSIT)$/);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'option-chain-order-book.png') });
    });
  });
});
