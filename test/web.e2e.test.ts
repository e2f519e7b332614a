/**
 * End to end in Debian Chromium: start the headless host the way a user does (`scripts/web.ts
 * --port 0`), read the URL it prints, open it, and see values that travelled through the bridge.
 * Then open the same page without the token and see the bridge refused, not working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.TICKDESK_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/;

let host: ChildProcess | null = null;
/** Resolves once every process holding the host's stdout/stderr has closed them (all output read). */
let hostOutputDone: Promise<void> = Promise.resolve();
let hostOutput = '';
let url = '';
let context: BrowserContext | null = null;
let profileDir = '';
let dataDir = '';

/** Starts `npx tsx scripts/web.ts --port 0` in its own process group; resolves with the printed URL. */
function startWeb(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/web.ts', '--port', '0'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The host's data (vault file) goes to a throw-away directory, not the user's ~/.tickdesk.
      env: { ...process.env, TICKDESK_HOME: dataDir },
    });
    host = child;
    hostOutputDone = new Promise((r) => child.once('close', () => r()));
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`npm run web printed no URL within 60 s. Output:\n${hostOutput}`)), 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (hostOutput += c));
    child.stdout.on('data', (c: string) => {
      hostOutput += c;
      stdout += c;
      const line = stdout.split('\n').find((l) => URL_LINE.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run web exited with ${code} before printing a URL. Output:\n${hostOutput}`));
    });
  });
}

/** True while any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the host's process group (npx → tsx → node) with SIGTERM, as Ctrl-C or a service manager
 * would, and resolves with whether every process of the group ended by itself within 5 s (if not,
 * the group gets SIGKILL and the answer is false).
 */
async function stopWeb(): Promise<boolean> {
  const child = host;
  host = null;
  if (!child || child.pid === undefined) return true;
  const pgid = child.pid;
  if (!groupAlive(pgid)) return true;
  process.kill(-pgid, 'SIGTERM');
  for (let waited = 0; waited < 5000; waited += 50) {
    if (!groupAlive(pgid)) {
      await hostOutputDone;
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(-pgid, 'SIGKILL');
  return false;
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the end-to-end tests need Debian's chromium (apt-get install chromium), ` +
        'or set TICKDESK_CHROMIUM to a Chromium binary.',
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'tickdesk-e2e-home-'));
  url = await startWeb();
  profileDir = mkdtempSync(join(tmpdir(), 'tickdesk-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 720 },
  });
});

afterAll(async () => {
  await context?.close();
  await stopWeb();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    expect(await stopWeb()).toBe(true);
    expect(hostOutput).toContain('SIGTERM, closing');
    expect(hostOutput).not.toContain('close failed');
    await page.getByTestId('bridge-state').filter({ hasText: /^reconnecting$/ }).waitFor({ timeout: 20_000 });
    expect(await text(page, 'link-notice')).toContain('Not connected to the Tickdesk core');
    await page.screenshot({ path: join(RESULTS, 'web-reconnecting.png') });
    await page.close();
  });
});
