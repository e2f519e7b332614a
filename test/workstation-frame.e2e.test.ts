/**
 * End to end in Debian Chromium: the workstation frame on the headless host and its simulated
 * exchange. Search RELIANCE, add it to the watchlist with Enter, see its LTP cell change with the
 * ticks; the watchlist and the dock arrangement survive a reload (saved in the core's prefs);
 * "Reset layout" puts the default back; F1 either opens the order ticket or says it is not
 * available (never nothing). Screenshots go to test-results/workstation-frame-*.png.
 *
 * Starts `npx tsx scripts/web.ts --port 0` through test/e2e-kit.ts, as test/web.e2e.test.ts does.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, RESULTS, searchUntilHits, startE2eSession, URL_LINE, type E2eSession } from './e2e-kit';

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
});
