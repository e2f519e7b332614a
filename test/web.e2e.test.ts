/**
 * End to end in Debian Chromium: start the headless host the way a user does (`scripts/web.ts
 * --port 0`), read the URL it prints, open it, and see values that travelled through the bridge.
 * Then open the same page without the token and see the bridge refused, not working.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, ROOT, startE2eSession, URL_LINE, type E2eSession } from './e2e-kit';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let session: E2eSession | null = null;
let url = '';
let context: BrowserContext | null = null;

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

beforeAll(async () => {
  session = await startE2eSession({ viewport: { width: 1280, height: 720 } });
  url = session.url;
  context = session.context;
});

afterAll(async () => {
  await session?.close();
});

describe('npm run web in Chromium', () => {
  it('prints the tokenised loopback URL on a line of its own', () => {
    const m = URL_LINE.exec(url);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![2]!, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('shows the app version and transport that travelled through the bridge', async () => {
    const page = await context!.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(url);
    await page.getByTestId('bridge-state').filter({ hasText: /^open$/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('app-version').filter({ hasText: VERSION }).waitFor({ timeout: 20_000 });
    expect(await text(page, 'app-version')).toBe(VERSION);
    expect(await text(page, 'transport')).toBe('websocket');
    expect(await text(page, 'bridge-state')).toBe('open');
    expect(await text(page, 'core-host')).toBe('headless');
    // The simulated exchange is the default session: it comes up by itself.
    await page.getByTestId('session-state').filter({ hasText: /^connected$/ }).waitFor({ timeout: 30_000 });
    expect(await text(page, 'mode-badge')).toContain('SIM');
    // The heartbeat stream keeps arriving: its age reads in seconds, not the unknown dash.
    await page.getByTestId('heartbeat-age').filter({ hasText: /^\d+ s ago$/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator('body').textContent()).not.toContain(URL_LINE.exec(url)![2]!);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'web-home.png') });
    await page.close();
  });

  it('shows the bridge refused, not working, when the page is opened without the token', async () => {
    const page = await context!.newPage();
    await page.goto(url.replace(/\?token=.*$/, ''));
    await page.getByTestId('bridge-state').filter({ hasText: /^refused$/ }).waitFor({ timeout: 20_000 });
    expect(await text(page, 'app-version')).toBe('—');
    expect(await text(page, 'session-state')).toBe('—');
    expect(await text(page, 'link-notice')).toContain('This page has no launch token');
    await page.screenshot({ path: join(RESULTS, 'web-refused.png') });
    await page.close();
  });

  it('shows the bridge refused for a wrong token', async () => {
    const page = await context!.newPage();
    await page.goto(url.replace(/token=.*$/, 'token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await page.getByTestId('bridge-state').filter({ hasText: /^refused$/ }).waitFor({ timeout: 20_000 });
    expect(await text(page, 'link-notice')).toContain('The host refused this launch token');
    await page.close();
  });

  it('shows the link reconnecting, not refused, when the host stops under an open page; the host exits cleanly', async () => {
    const page = await context!.newPage();
    await page.goto(url);
    await page.getByTestId('bridge-state').filter({ hasText: /^open$/ }).waitFor({ timeout: 20_000 });
    expect(await session!.host.stop()).toBe(true);
    expect(session!.host.output()).toContain('SIGTERM, closing');
    expect(session!.host.output()).not.toContain('close failed');
    await page.getByTestId('bridge-state').filter({ hasText: /^reconnecting$/ }).waitFor({ timeout: 20_000 });
    expect(await text(page, 'link-notice')).toContain('Not connected to the Tickdesk core');
    await page.screenshot({ path: join(RESULTS, 'web-reconnecting.png') });
    await page.close();
  });
});
