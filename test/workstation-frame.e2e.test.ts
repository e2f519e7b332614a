/**
 * End to end in Debian Chromium: the workstation frame on the headless host and its simulated
 * exchange. Search RELIANCE, add it to the watchlist with Enter, see its LTP cell change with the
 * ticks; the watchlist and the dock arrangement survive a reload (saved in the core's prefs);
 * "Reset layout" puts the default back; F1 either opens the order ticket or says it is not
 * available (never nothing); Shift+Enter opens the depth ladder of the selected row and of the
 * highlighted search hit; a NIFTY future brings the OI column (absent for equities only) with a
 * positive OI; LTP, change, % change, bid, ask, volume and OI are all visible in the default
 * arrangement (watchlist | chart | depth) at 1440×900 and 1280×800. Screenshots go to
 * test-results/workstation-frame-*.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts, as test/web.e2e.test.ts does.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amount, dismissToasts, openApp, RESULTS, searchUntilHits, startE2eSession, URL_LINE, type E2eSession } from './e2e-kit';

let session: E2eSession | null = null;
let url = '';
let page: Page | null = null;
/** Uncaught page errors and console errors, printed after the run to explain a failure. */
const pageErrors: string[] = [];

/** The dock's tab titled `title`. */
const dockTab = (p: Page, title: string) => p.locator('.dv-tab', { hasText: title });

beforeAll(async () => {
  // The simulated exchange trades at any hour, so that ticks flow on weekends and evenings too.
  session = await startE2eSession({ label: 'frame', viewport: { width: 1400, height: 800 }, env: { TICKDESK_SIM_ALWAYS_OPEN: '1' } });
  url = session.url;
  page = await session.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
});

afterAll(async () => {
  if (pageErrors.length > 0) console.error(`page errors during the run:\n${pageErrors.join('\n')}`);
  await session?.close();
});

describe('workstation frame on the simulated exchange', () => {
  it('searches RELIANCE, adds it with Enter, and its LTP cell changes with the ticks', async () => {
    const p = page!;
    await openApp(p, url);
    await searchUntilHits(p, 'RELIANCE');
    const first = p.getByTestId('search-hit').first();
    expect(await first.textContent()).toContain('NSE_EQ');
    expect(await first.locator('.hit-symbol').textContent()).toBe('RELIANCE');
    await p.screenshot({ path: join(RESULTS, 'workstation-frame-search.png') });
    await p.keyboard.press('Enter');

    const row = p.getByTestId('watchlist-row').first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-key')).toMatch(/^NSE_EQ:\d+$/);
    const ltp = row.locator('[data-cell="ltp"]');
    // First a value, then a different one: the ticks reach the row's DOM.
    await p.waitForFunction((el) => /^[\d,]+\.\d{2}$/.test(el?.textContent ?? ''), await ltp.elementHandle(), { timeout: 60_000 });
    const firstLtp = await ltp.textContent();
    await p.waitForFunction(([el, before]) => el?.textContent !== before, [await ltp.elementHandle(), firstLtp] as const, { timeout: 45_000 });
    expect(await ltp.textContent()).toMatch(/^[\d,]+\.\d{2}$/);
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await p.screenshot({ path: join(RESULTS, 'workstation-frame-watchlist.png') });
  }, 240_000);

  it('reorders with Alt+Up, moves with F4 and the arrows, and opens a chart tab on double-click', async () => {
    const p = page!;
    await searchUntilHits(p, 'HDFCBANK');
    await p.keyboard.press('Enter');
    const rows = p.getByTestId('watchlist-row');
    await expect.poll(() => rows.count()).toBe(2);
    const second = await rows.nth(1).getAttribute('data-key');
    await rows.nth(1).click();
    await p.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => rows.first().getAttribute('data-key')).toBe(second);
    // F4 from the search box puts the keyboard back in the rows: Down selects the next one.
    await p.getByTestId('search-input').focus();
    await p.keyboard.press('F4');
    await p.waitForTimeout(200);
    await p.keyboard.press('ArrowDown');
    await expect.poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true');
    const tabsBefore = await p.locator('.dv-tab').count();
    await rows.first().dblclick();
    await expect.poll(() => p.locator('.dv-tab').count(), { timeout: 10_000 }).toBe(tabsBefore + 1);
    // Opening the same instrument's chart again focuses it rather than adding a tab.
    await rows.first().dblclick();
    await p.waitForTimeout(300);
    expect(await p.locator('.dv-tab').count()).toBe(tabsBefore + 1);
   }, 120_000);

  it('F1 opens the order ticket or says it is not available', async () => {
    const p = page!;
    await p.getByTestId('watchlist-row').first().click();
    await p.keyboard.press('F1');
    await p
      .locator('[role="dialog"], [data-testid="toast"]:has-text("Order ticket not available")')
      .first()
      .waitFor({ timeout: 5_000 });
    await p.keyboard.press('Escape');
  });

  it('keeps the watchlist and the arrangement across a reload, and resets to the default', async () => {
    const p = page!;
    await p.getByTestId('panel-menu').click();
    await p.getByRole('menuitem', { name: /^Settings/ }).click();
    await dockTab(p, 'Settings').waitFor({ timeout: 5_000 });
    await p.getByTestId('settings').waitFor();
    // The arrangement is saved after a quiet 500 ms; the watchlist after 400 ms.
    await p.waitForTimeout(1_500);
    await p.screenshot({ path: join(RESULTS, 'workstation-frame-settings.png') });

    await p.reload();
    await openApp(p, url);
    await dockTab(p, 'Settings').waitFor({ timeout: 10_000 });
    await p.getByTestId('watchlist-row').first().waitFor({ timeout: 10_000 });
    expect(await p.getByTestId('watchlist-row').first().getAttribute('data-key')).toMatch(/^NSE_EQ:\d+$/);

    await p.getByTestId('panel-menu').click();
    await p.getByTestId('reset-layout').click();
    await expect.poll(() => dockTab(p, 'Settings').count()).toBe(0);
    await p.waitForTimeout(1_500);
    await p.reload();
    await openApp(p, url);
    await p.getByTestId('watchlist-row').first().waitFor({ timeout: 10_000 });
    expect(await dockTab(p, 'Settings').count()).toBe(0);
    expect(await dockTab(p, 'Watchlist').count()).toBe(1);
  });

  it('shows the feed in the status bar and never the launch token', async () => {
    const p = page!;
    await p.getByTestId('socket-state').first().waitFor({ timeout: 20_000 });
    expect(await p.getByTestId('status-mode').textContent()).toMatch(/^SIM/);
    expect(await p.getByTestId('messages-per-second').textContent()).toMatch(/^[\d,]+$/);
    expect(await p.locator('body').textContent()).not.toContain(URL_LINE.exec(url)![2]!);
    await p.screenshot({ path: join(RESULTS, 'workstation-frame-status.png') });
  });

  it('Shift+Enter opens the depth ladder of the selected row, and of the highlighted search hit', async () => {
    const p = page!;
    const row = p.getByTestId('watchlist-row').first();
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    // The row's tooltip is "display name · trading symbol · segment"; the depth tab is titled by the symbol.
    const symbol = ((await row.locator('td.wl-symbol').getAttribute('title')) ?? '').split(' · ')[1]!;
    expect(symbol).toMatch(/^[A-Z&-]+$/);
    expect(await dockTab(p, 'Depth').count()).toBe(0);
    await p.keyboard.press('Shift+Enter');
    await dockTab(p, `Depth · ${symbol}`).waitFor({ timeout: 10_000 });
    await p.getByTestId('depth-panel').waitFor({ timeout: 10_000 });
    // No chart opened instead (plain Enter's job), and the row stays the focused instrument.
    expect(await dockTab(p, 'Chart').count()).toBe(0);
    expect(await row.getAttribute('aria-selected')).toBe('true');

    // From the search box: the highlighted hit's ladder, without adding it to the list.
    const before = await p.getByTestId('watchlist-row').count();
    await searchUntilHits(p, 'INFY');
    expect(await p.getByTestId('search-hit').first().locator('.hit-symbol').textContent()).toBe('INFY');
    await p.keyboard.press('Shift+Enter');
    await dockTab(p, 'Depth · INFY').waitFor({ timeout: 10_000 });
    expect(await p.getByTestId('watchlist-row').count()).toBe(before);
    await dismissToasts(p);
    await p.screenshot({ path: join(RESULTS, 'workstation-frame-depth-shift-enter.png') });
  }, 150_000);

  it('has no OI column for equities only; a NIFTY future brings it, with an OI above zero', async () => {
    const p = page!;
    const rows = p.getByTestId('watchlist-row');
    for (const key of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''))) expect(key).toMatch(/^NSE_EQ:/);
    expect(await p.locator('.wl-table th.wl-oi').count()).toBe(0);
    expect(await p.locator('.wl-table td.wl-oi').count()).toBe(0);

    // The default sim universe has NIFTY index futures; the nearest expiry ranks first.
    await p.getByLabel('Segment filter').selectOption('NSE_FNO');
    const hit = p.getByTestId('search-hit').filter({ has: p.locator('.hit-type', { hasText: /^FUTIDX$/ }) }).filter({ has: p.locator('.hit-symbol', { hasText: /^NIFTY / }) }).first();
    const deadline = Date.now() + 90_000;
    for (;;) {
      await p.keyboard.press('/');
      await p.getByTestId('search-input').fill('');
      await p.getByTestId('search-input').pressSequentially('NIFTY FUT', { delay: 20 });
      try {
        await hit.waitFor({ timeout: 3_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error('no search hit for NIFTY FUT within 90 s', { cause: e });
      }
    }
    await hit.click();
    const future = p.locator('[data-testid="watchlist-row"][data-key^="NSE_FNO:"]').first();
    await future.waitFor({ timeout: 10_000 });
    expect(await future.getAttribute('data-key')).toMatch(/^NSE_FNO:\d+$/);
    await expect.poll(() => p.locator('.wl-table th.wl-oi').count(), { timeout: 10_000 }).toBe(1);
    // Every row has the cell; only the future's holds a number (equities print —).
    await expect.poll(() => p.locator('.wl-table td.wl-oi').count()).toBe(await rows.count());
    const oi = future.locator('[data-cell="oi"]');
    await expect.poll(() => oi.textContent(), { timeout: 45_000 }).toMatch(/^[\d,]+$/);
    expect(amount(await oi.textContent())).toBeGreaterThan(0);
    expect(await future.locator('[data-cell="oiShort"]').textContent()).toMatch(/^[\d,.]+( L| Cr)?$/);
    expect(await rows.first().locator('[data-cell="oi"]').textContent()).toBe('—');
    await p.getByLabel('Segment filter').selectOption('NSE_EQ');
    await dismissToasts(p);
  }, 150_000);

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 800 },
  ]) {
    it(`shows LTP, change, % change, bid, ask, volume and OI in the default arrangement at ${viewport.width}×${viewport.height}`, async () => {
      const p = page!;
      await p.setViewportSize(viewport);
      await p.getByTestId('panel-menu').click();
      await p.getByTestId('reset-layout').click();
      await expect.poll(() => dockTab(p, 'Depth').count()).toBe(0);
      // The usual arrangement: the watchlist column, a chart in the middle, the ladder on the right.
      const reliance = p.getByTestId('watchlist-row').filter({ hasText: 'RELIANCE' }).first();
      await reliance.dblclick();
      await dockTab(p, 'Chart').waitFor({ timeout: 10_000 });
      await reliance.click();
      await p.keyboard.press('Shift+Enter');
      await dockTab(p, 'Depth · RELIANCE').waitFor({ timeout: 10_000 });
      await p.waitForTimeout(500);
      await dismissToasts(p);

      const panel = (await p.getByTestId('watchlist').boundingBox())!;
      const shown = async (selector: string) => {
        const el = p.locator(selector).first();
        if (!(await el.isVisible())) return false;
        const b = (await el.boundingBox())!;
        // Inside the panel: not clipped by the table's horizontal scroll.
        return b.width > 0 && b.x >= panel.x - 0.5 && b.x + b.width <= panel.x + panel.width + 0.5;
      };
      for (const col of ['wl-ltp', 'wl-change', 'wl-bid', 'wl-ask', 'wl-volume', 'wl-oi']) {
        expect(await shown(`.wl-table th.${col}`), `${col} header at ${viewport.width}×${viewport.height}`).toBe(true);
      }
      // % change: its own column when wide, stacked under change when narrow.
      expect((await shown('.wl-table th.wl-changePct')) || (await shown('.wl-table th .wl-chg-pct'))).toBe(true);
      const pct = (await shown('.wl-table th.wl-changePct')) ? '[data-cell="changePct"]' : '[data-cell="changePctStacked"]';
      await expect.poll(() => reliance.locator('[data-cell="bid"]').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+\.\d{2}$/);
      for (const cell of ['ltp', 'bid', 'ask']) expect(await reliance.locator(`[data-cell="${cell}"]`).textContent()).toMatch(/^[\d,]+\.\d{2}$/);
      expect(await reliance.locator(pct).textContent()).toMatch(/^([+-]?\d+\.\d{2}%|—)$/);
      for (const cell of ['bid', 'ask', 'ltp']) expect(await shown(`.wl-row[data-key="${await reliance.getAttribute('data-key')}"] [data-cell="${cell}"]`)).toBe(true);
      expect(await shown(`.wl-row:has-text("RELIANCE") ${pct}`)).toBe(true);
      // The instrument keeps room for its name.
      const name = (await reliance.locator('td.wl-symbol').boundingBox())!;
      expect(name.width).toBeGreaterThan(90);
      await p.screenshot({ path: join(RESULTS, `workstation-frame-columns-${viewport.width}x${viewport.height}.png`) });
    }, 120_000);
  }
});
