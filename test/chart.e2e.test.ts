/**
 * End to end in Debian Chromium: the chart panel on the headless host and its simulated exchange
 * (open at any hour). Search RELIANCE, add it to the watchlist, double-click the row to open its
 * chart; see candles drawn (candle-coloured pixels on the canvas), the OHLC legend for the candle
 * under the mouse (IST time, high >= open/close >= low), the live candle moving with ticks, an
 * indicator pane, the daily interval, and a right-click that opens the order ticket at the clicked
 * price (and Alt+click a sell above the LTP); the order sent from it shows up on the chart as a
 * price line; scrolling back loads older candles in chunks. Trading from the line: a far limit buy
 * placed by right-click is dragged up (Esc first puts a drag back), the modify ticket opens at the
 * dragged price and, once confirmed, the order book shows the new price; the line's × cancels it
 * (CANCELLED). The chart's interval and indicators come back after a reload (saved with the layout).
 * Screenshots: test-results/chart.png (1m with indicators), chart-daily.png, chart-order-line.png,
 * chart-line-drag.png (while dragging), chart-line-modified.png, chart-restored.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts, as test/web.e2e.test.ts does.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, dismissToasts, searchUntilHits, startE2eSession, type E2eSession } from './e2e-kit';

let session: E2eSession | null = null;
let url = '';
let page: Page | null = null;

/**
 * Right-clicks the chart at page point (x, y) until the menu `testId` shows. The chart answers a
 * right-click only once its price scale is laid out (the first frame after new history): on a busy
 * machine that frame can come after the click, so the click is repeated, never the assertion.
 */
async function rightClickMenu(p: Page, x: number, y: number, testId: string) {
  const menu = p.getByTestId(testId);
  await expect
    .poll(
      async () => {
        await p.mouse.click(x, y, { button: 'right' });
        return menu.waitFor({ timeout: 1_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 10_000, interval: 250 },
    )
    .toBe(true);
  return menu;
}

/** A number as the legend prints it (`1,312.80`). */
function num(text: string | null): number {
  const t = (text ?? '').replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return Number(t);
}

/** The legend's field `f` (O, H, L, C, V). */
const field = (p: Page, f: string) => p.getByTestId('chart-legend').locator(`[data-field="${f}"]`);

/**
 * Pixels of the chart's largest canvas: how many are candle-coloured (up #26a69a, down #ef5350, any
 * alpha blend close to them), how many match `rgb` (when given), and the grey-level variance.
 */
async function canvasStats(p: Page, rgb?: readonly [number, number, number]) {
  return p.evaluate((target) => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="chart-host"] canvas')];
    const c = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0];
    if (!c) return { candles: 0, target: 0, variance: 0 };
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let candles = 0;
    let hits = 0;
    let sum = 0;
    let sum2 = 0;
    const near = (r: number, g: number, b: number, q: readonly number[]) => Math.abs(r - q[0]!) + Math.abs(g - q[1]!) + Math.abs(b - q[2]!) < 24;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i]!;
      const g = d[i + 1]!;
      const b = d[i + 2]!;
      if (near(r, g, b, [38, 166, 154]) || near(r, g, b, [239, 83, 80])) candles++;
      if (target && near(r, g, b, target)) hits++;
      const y = (r + g + b) / 3;
      sum += y;
      sum2 += y * y;
    }
    const n = d.length / 4;
    return { candles, target: hits, variance: sum2 / n - (sum / n) ** 2 };
  }, rgb ?? null);
}

beforeAll(async () => {
  // The simulated exchange trades at any hour, so that ticks flow on weekends and evenings too.
  session = await startE2eSession({ label: 'chart', viewport: { width: 1400, height: 860 }, env: { TICKDESK_SIM_ALWAYS_OPEN: '1' } });
  url = session.url;
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

describe('chart panel in Chromium on the simulated exchange', () => {
  it('opens RELIANCE from the watchlist and draws candles and volume from history', async () => {
    const p = page!;
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(url);
    await p.getByTestId('bridge-state').filter({ hasText: /^open$/ }).waitFor({ timeout: 20_000 });
    await searchUntilHits(p, 'RELIANCE');
    await p.getByTestId('search-input').press('Enter');
    const row = p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.dblclick();
    await p.getByTestId('chart-panel').waitFor({ timeout: 20_000 });
    // History loads with progress, then the legend shows the newest candle.
    await field(p, 'C').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await canvasStats(p)).candles, { timeout: 20_000 }).toBeGreaterThan(2000);
    const stats = await canvasStats(p);
    expect(stats.variance).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  });

  it('shows the OHLC legend of the candle under the mouse, with its IST time', async () => {
    const p = page!;
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    const times = new Set<string>();
    for (const fx of [0.3, 0.6]) {
      await p.mouse.move(box.x + box.width * fx, box.y + box.height * 0.5);
      await expect.poll(async () => (await p.getByTestId('chart-legend').locator('.chart-legend-time').textContent()) ?? '', { timeout: 5_000 }).toMatch(/^\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$/);
      times.add((await p.getByTestId('chart-legend').locator('.chart-legend-time').textContent()) ?? '');
      const [o, h, l, c] = await Promise.all(['O', 'H', 'L', 'C'].map(async (f) => num(await field(p, f).textContent())));
      expect(h!).toBeGreaterThanOrEqual(Math.max(o!, c!));
      expect(l!).toBeLessThanOrEqual(Math.min(o!, c!));
      expect(l!).toBeGreaterThan(0);
      // Minute candles of the NSE session: 09:15 to 15:29 IST.
      const hm = /(\d{2}):(\d{2})$/.exec([...times].at(-1)!)!;
      const minute = Number(hm[1]) * 60 + Number(hm[2]);
      expect(minute).toBeGreaterThanOrEqual(9 * 60 + 15);
      expect(minute).toBeLessThan(15 * 60 + 30);
    }
    // Two places on the time axis, two different candles.
    expect(times.size).toBe(2);
  });

  it('moves the live candle with ticks (legend of the newest candle while the mouse is away)', async () => {
    const p = page!;
    await p.mouse.move(5, 5);
    const before = `${await field(p, 'C').textContent()}|${await field(p, 'V').textContent()}|${await p.getByTestId('chart-legend').locator('.chart-legend-time').textContent()}`;
    await expect
      .poll(async () => `${await field(p, 'C').textContent()}|${await field(p, 'V').textContent()}|${await p.getByTestId('chart-legend').locator('.chart-legend-time').textContent()}`, { timeout: 45_000, interval: 500 })
      .not.toBe(before);
  });

  it('adds indicator panes and overlays from the toolbar; saves test-results/chart.png', async () => {
    const p = page!;
    for (const id of ['sma', 'bollinger', 'rsi', 'macd']) await p.getByTestId(`chart-indicator-${id}`).click();
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3);
    await expect.poll(async () => (await p.getByTestId('chart-legend').locator('.chart-legend-ind').textContent()) ?? '', { timeout: 5_000 }).toMatch(/SMA 20 [\d,]+\.\d{2} · BB 20,2 [\d,.]+ [\d,.]+ [\d,.]+ · RSI 14 \d+\.\d{2} · MACD 12,26,9 -?[\d.]+ -?[\d.]+ -?[\d.]+/);
    // Three panes: candles, RSI, MACD (separated by lines across the chart).
    const panes = await p.evaluate(() => document.querySelectorAll('[data-testid="chart-host"] table tr').length);
    expect(panes).toBeGreaterThanOrEqual(5); // 3 panes + 2 separators (+ the time axis row)
    await p.screenshot({ path: join(RESULTS, 'chart.png') });
  });

  it('switches to daily candles stamped at IST midnight', async () => {
    const p = page!;
    for (const id of ['rsi', 'macd']) await p.getByTestId(`chart-indicator-${id}`).click();
    await p.getByTestId('chart-interval-1d').click();
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    await expect
      .poll(
        async () => {
          await p.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
          await p.mouse.move(box.x + box.width * 0.5 + 1, box.y + box.height * 0.4);
          return (await p.getByTestId('chart-legend').locator('.chart-legend-time').textContent()) ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/^\d{2} [A-Z][a-z]{2} \d{4}$/);
    expect((await canvasStats(p)).candles).toBeGreaterThan(1000);
    await p.getByTestId('chart-progress').waitFor({ state: 'detached', timeout: 30_000 });
    await p.screenshot({ path: join(RESULTS, 'chart-daily.png') });
    await p.getByTestId('chart-interval-1m').click();
    await field(p, 'C').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
  });

  it('loads older history in chunks as the user scrolls back', async () => {
    const p = page!;
    const host = p.getByTestId('chart-host');
    // The initial load: the newest 5000 one-minute candles, in two chunks.
    await expect.poll(() => host.getAttribute('data-bars'), { timeout: 30_000 }).toBe('5000');
    const oldest = Number(await host.getAttribute('data-oldest'));
    const box = (await host.boundingBox())!;
    const y = box.y + box.height * 0.4;
    await p.mouse.move(box.x + box.width / 2, y);
    for (let i = 0; i < 12; i++) await p.mouse.wheel(0, 300); // zoom out
    await expect
      .poll(
        async () => {
          // Drag the chart to the right: older candles come into view from the left.
          await p.mouse.move(box.x + 40, y);
          await p.mouse.down();
          await p.mouse.move(box.x + box.width - 100, y, { steps: 4 });
          await p.mouse.up();
          return Number(await host.getAttribute('data-bars'));
        },
        { timeout: 100_000, interval: 300 },
      )
      .toBeGreaterThan(5000);
    expect(Number(await host.getAttribute('data-oldest'))).toBeLessThan(oldest);
    expect(await host.getAttribute('data-live')).toBe('true');
    // Back to the newest candles for what follows.
    await p.getByTestId('chart-interval-5m').click();
    await p.getByTestId('chart-interval-1m').click();
    await expect.poll(() => host.getAttribute('data-bars'), { timeout: 30_000 }).toBe('5000');
  }, 180_000);

  it('right-click opens the order ticket at the clicked price; the working order is drawn as a price line', async () => {
    const p = page!;
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    const greenBefore = (await canvasStats(p, [63, 185, 80])).target;
    // Low on the candles' pane: a buy limit under the market.
    const menu = await rightClickMenu(p, box.x + box.width * 0.5, box.y + box.height * 0.62, 'chart-menu');
    const buy = menu.getByRole('menuitem').first();
    const menuPrice = num(((await buy.textContent()) ?? '').replace(/^Buy at /, ''));
    expect(menuPrice).toBeGreaterThan(0);
    expect(Math.round(menuPrice * 100) % 5).toBe(0); // on RELIANCE's 0.05 tick
    await buy.click();
    const ticket = p.getByTestId('order-ticket');
    await ticket.waitFor({ timeout: 5_000 });
    // The ticket shows "Loading the instrument…" first; the side appears once the form is built.
    await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 10_000 }).toBe('BUY');
    await expect.poll(async () => num(await p.getByTestId('ticket-price').inputValue()), { timeout: 10_000 }).toBe(menuPrice);
    // Send it (through the confirmation step when on).
    await p.getByTestId('ticket-quantity').focus();
    await p.keyboard.press('Enter');
    if ((await ticket.getAttribute('data-phase')) === 'confirm') {
      await p.getByTestId('ticket-confirm').waitFor();
      await p.keyboard.press('Enter');
    }
    await p.getByTestId('ticket-outcome').waitFor({ timeout: 15_000 });
    await p.keyboard.press('Escape');
    await ticket.waitFor({ state: 'detached', timeout: 5_000 });
    // The working order: a dashed green line across the pane (and its axis label).
    await expect.poll(async () => (await canvasStats(p, [63, 185, 80])).target, { timeout: 15_000 }).toBeGreaterThan(greenBefore + 150);
    await p.mouse.move(5, 5);
    await p.screenshot({ path: join(RESULTS, 'chart-order-line.png') });
  });

  it('Alt+click opens the order ticket at the clicked price (a sell above the LTP)', async () => {
    const p = page!;
    // No ticket left over from an earlier case (it would answer for this one).
    while ((await p.getByTestId('order-ticket').count()) > 0) await p.keyboard.press('Escape');
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    // Just under the legend: above the candles of the visible range, so above the LTP.
    await p.keyboard.down('Alt');
    await p.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.12);
    await p.keyboard.up('Alt');
    const ticket = p.getByTestId('order-ticket');
    await ticket.waitFor({ timeout: 5_000 });
    await expect.poll(() => ticket.getAttribute('data-side'), { timeout: 10_000 }).toBe('SELL');
    const price = num(await p.getByTestId('ticket-price').inputValue());
    expect(Math.round(price * 100) % 5).toBe(0);
    await p.keyboard.press('Escape');
    await ticket.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('drags a far limit buy line up: Esc puts it back; a drop opens the modify ticket at the new price; the order book shows it', async () => {
    const p = page!;
    while ((await p.getByTestId('order-ticket').count()) > 0) await p.keyboard.press('Escape');
    // The order book below the chart first, so that the chart keeps its size from here on.
    await p.keyboard.press('F3');
    await p.getByTestId('order-book').waitFor({ timeout: 10_000 });
    await dismissToasts(p);
    const host = p.getByTestId('chart-host');
    const handles = host.getByTestId('chart-order-cancel');
    const before = new Set(await handles.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId ?? '')));
    let box = (await host.boundingBox())!;
    // Near the bottom of the candles' pane: under every visible candle, a buy that will not fill.
    const menu = await rightClickMenu(p, box.x + box.width * 0.45, box.y + box.height * 0.8, 'chart-menu');
    const placedAt = num(((await menu.getByRole('menuitem').first().textContent()) ?? '').replace(/^Buy at /, ''));
    await menu.getByRole('menuitem').first().click();
    await sendTicket(p);
    // Its line and × handle appear; the handle's top is the line's y in the chart host.
    await expect.poll(async () => (await handles.count()) > before.size, { timeout: 15_000 }).toBe(true);
    const ids = await handles.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId ?? ''));
    const orderId = ids.find((id) => !before.has(id))!;
    const handle = host.locator(`[data-testid="chart-order-cancel"][data-order-id="${orderId}"]`);
    const lineY = async () => handle.evaluate((e) => parseFloat((e as HTMLElement).style.top));
    await expect.poll(lineY, { timeout: 5_000 }).toBeGreaterThan(0);
    box = (await host.boundingBox())!;
    const x = box.x + box.width * 0.45;

    // Esc during a drag puts the line back and opens nothing.
    let y0 = box.y + (await lineY());
    await p.mouse.move(x, y0);
    await p.mouse.down();
    await p.mouse.move(x, y0 - 30, { steps: 6 });
    await expect.poll(() => host.getAttribute('data-drag-price'), { timeout: 5_000 }).not.toBeNull();
    await p.keyboard.press('Escape');
    expect(await host.getAttribute('data-drag-price')).toBeNull();
    await p.mouse.up();
    await p.waitForTimeout(300);
    expect(await p.getByTestId('order-ticket').count()).toBe(0);
    expect(Math.abs(box.y + (await lineY()) - y0)).toBeLessThan(2);

    // A real drag: 24 px up, the snapped price shown while dragging. Hovering the line first
    // shows the resize cursor.
    y0 = box.y + (await lineY());
    await p.mouse.move(x, y0 - 40);
    await p.mouse.move(x, y0);
    await expect.poll(async () => (await host.getAttribute('class')) ?? '', { timeout: 5_000 }).toContain('chart-line-hover');
    await p.mouse.down();
    await p.mouse.move(x, y0 - 24, { steps: 8 });
    await expect.poll(async () => Number(await host.getAttribute('data-drag-price')), { timeout: 5_000 }).toBeGreaterThan(placedAt);
    const dragged = Number(await host.getAttribute('data-drag-price'));
    expect(Math.round(dragged * 100) % 5).toBe(0); // on RELIANCE's 0.05 tick
    expect(await host.getAttribute('data-drag-order')).toBe(orderId);
    // The handle rides with the line.
    expect(Math.abs(box.y + (await lineY()) - (y0 - 24))).toBeLessThan(3);
    await p.screenshot({ path: join(RESULTS, 'chart-line-drag.png') });
    await p.mouse.up();

    // The modify ticket, pre-filled with the dragged price; confirmed, the order book shows it.
    const ticket = p.getByTestId('order-ticket');
    await ticket.waitFor({ timeout: 5_000 });
    await expect.poll(async () => (await p.getByTestId('ticket-side').textContent()) ?? '', { timeout: 10_000 }).toBe('MODIFY BUY');
    expect(num(await p.getByTestId('ticket-price').inputValue())).toBe(dragged);
    await sendTicket(p);
    const row = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expect.poll(async () => num(await row.locator('td').nth(7).textContent()), { timeout: 15_000 }).toBe(dragged);
    expect(await row.getAttribute('data-status')).toBe('PENDING');
    // The line (and its handle) now rests at the new price.
    await expect.poll(async () => Math.abs(box.y + (await lineY()) - (y0 - 24)), { timeout: 10_000 }).toBeLessThan(4);
    await p.mouse.move(5, 5);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'chart-line-modified.png') });
  });

  it('cancels the order from its line: right-click shows Modify/Cancel, the × cancels it (CANCELLED in the order book)', async () => {
    const p = page!;
    const host = p.getByTestId('chart-host');
    const handles = host.getByTestId('chart-order-cancel');
    const ids = await handles.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId ?? ''));
    const orderId = ids.at(-1)!;
    const handle = host.locator(`[data-testid="chart-order-cancel"][data-order-id="${orderId}"]`);
    const box = (await host.boundingBox())!;
    const y = box.y + (await handle.evaluate((e) => parseFloat((e as HTMLElement).style.top)));
    // Right-click on the line: the order's menu, not Buy/Sell.
    const menu = await rightClickMenu(p, box.x + box.width * 0.45, y, 'chart-order-menu');
    expect(await menu.getAttribute('data-order-id')).toBe(orderId);
    await menu.getByTestId('chart-order-modify').waitFor({ timeout: 2_000 });
    await menu.getByTestId('chart-order-cancel-item').waitFor({ timeout: 2_000 });
    await p.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', timeout: 5_000 });
    await handle.click();
    const row = p.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('CANCELLED');
    await handle.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('keeps the interval and indicators with the layout: 5m and ATR come back after a reload', async () => {
    const p = page!;
    await p.getByTestId('chart-interval-5m').click();
    const atr = p.getByTestId('chart-indicator-atr');
    if ((await atr.getAttribute('aria-pressed')) !== 'true') await atr.click();
    const on = async () => {
      const out: string[] = [];
      for (const b of await p.getByTestId('chart-toolbar-indicators').getByRole('button').all()) if ((await b.getAttribute('aria-pressed')) === 'true') out.push((await b.getAttribute('data-testid')) ?? '');
      return out;
    };
    const wanted = await on();
    expect(wanted).toContain('chart-indicator-atr');
    // The layout is saved 500 ms after the change.
    await p.waitForTimeout(1500);
    await p.reload();
    await p.getByTestId('chart-panel').waitFor({ timeout: 20_000 });
    await expect.poll(() => p.getByTestId('chart-interval-5m').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await p.getByTestId('chart-interval-1m').getAttribute('aria-pressed')).toBe('false');
    expect(await on()).toEqual(wanted);
    // The indicator is drawn again: its value in the legend of a 5-minute candle.
    await field(p, 'C').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    const box = (await p.getByTestId('chart-host').boundingBox())!;
    await expect
      .poll(
        async () => {
          await p.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
          await p.mouse.move(box.x + box.width * 0.6 + 1, box.y + box.height * 0.3);
          return (await p.getByTestId('chart-legend').locator('.chart-legend-ind').textContent()) ?? '';
        },
        { timeout: 20_000 },
      )
      .toMatch(/ATR 14 \d+\.\d{2}/);
    await p.screenshot({ path: join(RESULTS, 'chart-restored.png') });
  });
});

/** Sends the open order ticket with Enter (and Enter again at the confirmation step when on), waits for its outcome and closes it. */
async function sendTicket(p: Page): Promise<void> {
  const ticket = p.getByTestId('order-ticket');
  await ticket.waitFor({ timeout: 5_000 });
  await expect.poll(() => ticket.getAttribute('data-phase'), { timeout: 10_000 }).toBe('edit');
  await p.getByTestId('ticket-quantity').focus();
  await p.keyboard.press('Enter');
  if ((await ticket.getAttribute('data-phase')) === 'confirm') {
    await p.getByTestId('ticket-confirm').waitFor();
    await p.keyboard.press('Enter');
  }
  await p.getByTestId('ticket-outcome').waitFor({ timeout: 15_000 });
  expect(await p.getByTestId('ticket-outcome').getAttribute('data-tone')).toBe('good');
  await p.keyboard.press('Escape');
  await ticket.waitFor({ state: 'detached', timeout: 5_000 });
}
