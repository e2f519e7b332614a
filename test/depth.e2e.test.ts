/**
 * End to end in Debian Chromium: the depth ladder on the headless host and its simulated exchange.
 * Search RELIANCE, add it to the watchlist, select it and press F6: the 20-level ladder opens with
 * 20 slots per side (the spread row at index 20, empty padding where the book has fewer levels)
 * whose quantities change over time (read through the canvas's `data-ladder`
 * testing hook, ./renderer/features/depth/ladder-hook.ts, and seen in the canvas pixels). Then on
 * the 200-level ladder, a click on the bid side of a deep row places a far BUY limit (after the
 * confirmation step; Shift+click opens the order ticket at that price instead), the order is marked on the ladder at its price, and a click on the marker
 * cancels it. Then, on a second host with the real instrument master, a far out-of-the-money put's
 * thin book: padded with empty rows, and clicks on them do nothing. Screenshots:
 * test-results/depth.png (ladder with the order marked), test-results/depth-20.png and
 * test-results/depth-thin.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts, as test/web.e2e.test.ts does.
 * The renderer must be built (`npm test` builds it).
 */
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dismissToasts,
  ladderWhere,
  openApp,
  readLadder as hook,
  RESULTS,
  ROOT,
  searchUntilHits,
  startE2eSession,
  type E2eSession,
  type LadderHook as Hook,
} from './e2e-kit';

/** The real instrument master (its far out-of-the-money options have thin books in the sim). */
const MASTER = resolve(ROOT, '..', 'shared', 'fixtures', 'dhan', 'api-scrip-master.2026-02.csv.gz');

let session: E2eSession | null = null;
let url = '';
let page: Page | null = null;

/** Waits until the ladder's hook satisfies `ok`, returns it (on a timeout: test-results/depth-failed.png). */
const hookWhere = (p: Page, ok: (h: Hook) => boolean, what: string, timeout = 20_000) => ladderWhere(p, ok, what, timeout, 'depth-failed.png');

/** Index of the ask or bid row showing `price` in `h`, or -1. */
const rowOf = (h: Hook, price: number) => h.rows.findIndex((r) => (r[0] === 'a' || r[0] === 'b') && r[1] === price);

/** True when the row of `price` is wholly inside the ladder's viewport in `h`. */
function inView(h: Hook, price: number): boolean {
  const row = rowOf(h, price);
  if (row < 0) return false;
  const y = row * h.rowHeight - h.scrollTop;
  return y >= 0 && y + h.rowHeight <= h.viewHeight;
}

/**
 * Scrolls the ladder so that the row of `price` is about `above` px below the top, and waits until
 * the hook shows that row in view (not an exact scrollTop: the browser may clamp it, and the book
 * may move a row meanwhile); returns the hook.
 */
async function scrollToPrice(p: Page, price: number, above = 100): Promise<Hook> {
  const h = (await hook(p))!;
  const row = rowOf(h, price);
  if (row < 0) throw new Error(`price ${price} is not on the ladder`);
  await p
    .getByTestId('depth-panel')
    .locator('.depth-scroll')
    .evaluate((el, t) => {
      el.scrollTop = t;
    }, Math.max(0, row * h.rowHeight - above));
  return hookWhere(p, (x) => inView(x, price), `the row of ${price} in view`);
}

/**
 * Checks the fixed-slot layout of a `levels`-level ladder (renderer/features/depth/ladder-rows.ts):
 * 2·levels+1 rows, the spread row at index `levels`; above it empty padding then asks, below it
 * bids then empty padding; quantities and order counts on every level row, zeros on padding rows;
 * price falling from the top level row to the bottom one.
 */
function expectLayout(h: Hook, levels: number): void {
  expect(h.levels).toBe(levels);
  expect(h.rows.length).toBe(2 * levels + 1);
  expect(h.spreadRow).toBe(levels);
  const kinds = h.rows.map((r) => r[0]).join('');
  expect(kinds).toBe('e'.repeat(levels - h.asks) + 'a'.repeat(h.asks) + 's' + 'b'.repeat(h.bids) + 'e'.repeat(levels - h.bids));
  for (const r of h.rows) {
    if (r[0] === 'a' || r[0] === 'b') expect(r[2] > 0 && r[3] > 0).toBe(true);
    if (r[0] === 'e') expect(r.slice(1)).toEqual([0, 0, 0, 0, 0]);
  }
  const prices = h.rows.filter((r) => r[0] === 'a' || r[0] === 'b').map((r) => r[1]);
  for (let i = 1; i < prices.length; i++) expect(prices[i]!).toBeLessThan(prices[i - 1]!);
}

/** Clicks column `column` of the row whose price is `price` (scrolled into view first), with the mouse. */
async function clickRow(p: Page, price: number, column: string): Promise<void> {
  const h = await scrollToPrice(p, price);
  const row = rowOf(h, price);
  const [x, w] = h.columns[column]!;
  await p.getByTestId('depth-canvas').click({ position: { x: x + w / 2, y: row * h.rowHeight - h.scrollTop + h.rowHeight / 2 } });
}

/**
 * Clicks column `column` of the row showing `price` right now: reads the ladder's live hook and
 * clicks in the same page task, so a book that moves a tick meanwhile cannot shift the row under
 * the pointer. Scrolls the row into view first.
 */
async function clickPrice(p: Page, price: number, column: string, shiftKey = false): Promise<void> {
  await scrollToPrice(p, price);
  const done = await p.getByTestId('depth-canvas').evaluate(
    (canvas, a) => {
      const h = (canvas as HTMLCanvasElement & { ladderHook(): Hook }).ladderHook();
      const row = h.rows.findIndex((r) => (r[0] === 'a' || r[0] === 'b') && r[1] === a.price);
      if (row < 0) return false;
      const box = canvas.getBoundingClientRect();
      const [x, w] = h.columns[a.column]!;
      const y = row * h.rowHeight - h.scrollTop + h.rowHeight / 2;
      if (y < 0 || y > box.height) return false;
      canvas.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.left + x + w / 2, clientY: box.top + y, shiftKey: a.shiftKey, detail: 1 }));
      return true;
    },
    { price, column, shiftKey },
  );
  if (!done) throw new Error(`price ${price} is not on screen`);
}

/**
 * Gives the ladder's dock column about 420 px when the frame opened it narrower (dockview sash
 * drag, as a user would). The ladder itself copes with any width (it scrolls sideways below
 * 340 px), but the screenshots should show it whole.
 */
async function widenLadder(p: Page): Promise<void> {
  const box = await p.getByTestId('depth-panel').boundingBox();
  if (!box || box.width >= 400) return;
  for (const sash of await p.locator('.dv-sash').all()) {
    const s = await sash.boundingBox();
    if (!s || s.height < 100 || Math.abs(s.x + s.width / 2 - box.x) > 8) continue;
    const y = s.y + s.height / 2;
    await p.mouse.move(s.x + s.width / 2, y);
    await p.mouse.down();
    await p.mouse.move(s.x + s.width / 2 - (420 - box.width), y, { steps: 8 });
    await p.mouse.up();
    return;
  }
}

beforeAll(async () => {
  session = await startE2eSession({ label: 'depth', viewport: { width: 1400, height: 900 } });
  url = session.url;
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

describe('depth ladder on the simulated exchange', () => {
  it('opens the 20-level ladder of RELIANCE with F6; 20 rows per side change over time', async () => {
    const p = page!;
    await openApp(p, url);
    await searchUntilHits(p, 'RELIANCE');
    await p.keyboard.press('Enter');
    const row = p.getByTestId('watchlist-row').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await p.keyboard.press('F6');
    await p.getByTestId('depth-panel').waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await p.screenshot({ path: join(RESULTS, 'depth-failed.png') });
      throw e;
    });
    await expect.poll(() => p.getByTestId('depth-levels-20').getAttribute('class'), { timeout: 10_000 }).toBe('on');
    await widenLadder(p);

    // Fixed slots: 20 ask slots, the spread row at index 20, 20 bid slots, whatever the book holds;
    // more than 5 levels a side shows the 20-level feed.
    const first = await hookWhere(p, (h) => h.levels === 20 && h.rows.length === 41 && h.asks > 5 && h.bids > 5, 'the 20-level book', 30_000);
    expectLayout(first, 20);
    expect(first.rows[20]![0]).toBe('s');

    const canvas = p.getByTestId('depth-canvas');
    const before = await canvas.screenshot();
    const sig = (h: Hook) => JSON.stringify(h.rows.map((r) => [r[1], r[2], r[3]]));
    const changed = await hookWhere(p, (h) => h.levels === 20 && sig(h) !== sig(first), 'changed rows', 20_000);
    expectLayout(changed, 20);
    // The pixels change too (the hook describes what is drawn, the canvas shows it).
    await expect.poll(async () => Buffer.compare(await canvas.screenshot(), before) !== 0, { timeout: 10_000 }).toBe(true);
    await p.screenshot({ path: join(RESULTS, 'depth-20.png') });
  });

  it('places a far BUY limit by clicking a deep bid row of the 200-level ladder, marks it, and cancels it from the marker', async () => {
    const p = page!;
    await p.getByTestId('depth-levels-200').click();
    const deep = await hookWhere(p, (h) => h.levels === 200 && h.bids >= 150, 'a 200-level book', 30_000);
    expectLayout(deep, 200);
    const bidRows = deep.rows.filter((r) => r[0] === 'b');
    const target = bidRows[139]![1];

    // Inline validation first: a quantity of 0 sends nothing and asks nothing, the status says why.
    await p.getByTestId('depth-qty').fill('0');
    await clickRow(p, target, 'bidQty');
    await expect.poll(() => p.getByTestId('depth-status').textContent(), { timeout: 5_000 }).toBe('Not sent: Quantity must be at least 1 share');
    expect(await p.getByTestId('depth-confirm').count()).toBe(0);
    await p.getByTestId('depth-qty').fill('1');

    // Shift+click opens the order ticket at that side and price instead of sending; Esc closes it.
    await clickPrice(p, target, 'bidQty', true);
    await p.getByTestId('order-ticket').waitFor({ timeout: 5_000 });
    await expect.poll(() => p.getByTestId('order-ticket').getAttribute('data-side'), { timeout: 5_000 }).toBe('BUY');
    await expect.poll(async () => Number(await p.getByTestId('ticket-price').inputValue()), { timeout: 5_000 }).toBe(target);
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByTestId('order-ticket').count()).toBe(0);

    await clickRow(p, target, 'bidQty');
    await p.getByTestId('depth-confirm').waitFor({ timeout: 5_000 });
    const question = (await p.getByTestId('depth-confirm').textContent()) ?? '';
    expect(question).toMatch(/^BUY 1 .*@ [\d,]+\.\d{2} LIMIT · INTRADAY · DAY/);
    const price = Number(/@ ([\d,]+\.\d{2})/.exec(question)![1]!.replace(/,/g, ''));
    expect(price).toBeLessThan(deep.ltp);
    await p.getByTestId('depth-confirm-yes').click();
    await expect.poll(() => p.getByTestId('depth-status').textContent(), { timeout: 15_000 }).toMatch(/^BUY 1 @ [\d,]+\.\d{2}: order \S+ (TRANSIT|PENDING)/);

    // The order is marked on the ladder, on the bid side, at its price, with its quantity.
    const marked = await hookWhere(p, (h) => h.rows.some((r) => r[1] === price && r[4] === 1), 'the order marker', 20_000);
    expect(marked.rows.filter((r) => r[4] > 0).map((r) => r[1])).toEqual([price]);
    await scrollToPrice(p, price, 300);
    await p.screenshot({ path: join(RESULTS, 'depth.png') });

    // A click on the marker asks to cancel; confirmed, the order is cancelled and the marker goes.
    await clickPrice(p, price, 'myBuy');
    await p.getByTestId('depth-confirm').waitFor({ timeout: 5_000 });
    expect(await p.getByTestId('depth-confirm').textContent()).toContain(`Cancel the BUY order at ${price.toLocaleString('en-IN', { minimumFractionDigits: 2 })}`);
    await p.getByTestId('depth-confirm-yes').click();
    await expect.poll(() => p.getByTestId('depth-status').textContent(), { timeout: 15_000 }).toMatch(/^cancel \S+: (CANCELLED|PENDING|TRANSIT)/);
    await hookWhere(p, (h) => h.rows.every((r) => r[4] === 0), 'the marker gone', 20_000);
  });
});

describe('depth ladder of a thin book (far out-of-the-money put, real instrument master)', () => {
  let thin: E2eSession | null = null;

  beforeAll(async () => {
    thin = await startE2eSession({ label: 'depth-thin', viewport: { width: 1400, height: 900 }, args: ['--instruments', MASTER], urlTimeoutMs: 90_000 });
  });

  afterAll(async () => {
    await thin?.close();
  });

  it('pads the thin side with empty rows (spread row still at index 20) and a click on an empty row does nothing', async () => {
    const p = await thin!.context.newPage();
    await openApp(p, thin!.url);
    // RELIANCE 24 FEB 620 PE: far below the money, its bid side is one or two levels in the sim.
    await p.getByLabel('Segment filter').selectOption('NSE_FNO');
    const deadline = Date.now() + 90_000;
    for (;;) {
      await p.keyboard.press('/');
      await p.getByTestId('search-input').fill('');
      await p.getByTestId('search-input').pressSequentially('RELIANCE 24 FEB 620 PE', { delay: 20 });
      const hit = p.getByTestId('search-hit').filter({ hasText: /620 PE/ }).first();
      try {
        await hit.waitFor({ timeout: 3_000 });
        await hit.click();
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error('no search hit for RELIANCE 24 FEB 620 PE within 90 s', { cause: e });
      }
    }
    const row = p.getByTestId('watchlist-row').first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await p.keyboard.press('F6');
    await p.getByTestId('depth-panel').waitFor({ timeout: 10_000 });
    const h = await hookWhere(p, (x) => x.levels === 20 && x.bids > 0 && x.bids < 20 && x.asks > 0, 'a thin 20-level book', 30_000);
    expectLayout(h, 20);
    expect(h.rows[20]![0]).toBe('s');
    expect(h.rows[40]![0]).toBe('e');
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'depth-thin.png') });

    // Click the bottom row (empty: a put priced at a tick or two cannot have 20 bid levels), on the
    // BUY side, the SELL side, the marker column and with Shift: nothing is asked, sent or opened;
    // the status line stays empty. Clicks 600 ms apart, so none counts as a double-click's second.
    const e = h.rows.length - 1;
    await p.locator('.depth-scroll').evaluate((el, t) => {
      el.scrollTop = t;
    }, Math.max(0, e * h.rowHeight - 100));
    const v = await hookWhere(p, (x) => x.rows[e]![0] === 'e' && e * x.rowHeight - x.scrollTop >= 0 && (e + 1) * x.rowHeight - x.scrollTop <= x.viewHeight, 'the empty row in view');
    const y = e * v.rowHeight - v.scrollTop + v.rowHeight / 2;
    for (const [column, modifiers] of [['bidQty', []], ['askQty', []], ['bidQty', ['Shift']], ['myBuy', []]] as const) {
      const [x, w] = v.columns[column]!;
      await p.getByTestId('depth-canvas').click({ position: { x: x + w / 2, y }, modifiers: [...modifiers] });
      await p.waitForTimeout(600);
    }
    expect(await p.getByTestId('depth-confirm').count()).toBe(0);
    expect(await p.getByTestId('order-ticket').count()).toBe(0);
    expect(await p.getByTestId('depth-status').textContent()).toBe('');
  });
});
