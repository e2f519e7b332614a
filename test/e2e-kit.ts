/**
 * Shared setup of the end-to-end tests (test/*.e2e.test.ts): the headless host started the way a
 * user does (`npx tsx scripts/web.ts --port 0`), Debian Chromium through playwright-core, their
 * throw-away directories, and the page helpers that several e2e files use unchanged. Not a test
 * file; helpers that differ between files stay in those files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..');

/** Where screenshots go (`test-results/` under the root; created by {@link prepareE2e}). */
export const RESULTS = join(ROOT, 'test-results');

/** The Chromium binary: `TICKDESK_CHROMIUM`, else Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.TICKDESK_CHROMIUM ?? '/usr/bin/chromium';

/** The line the host prints with its address: loopback, the port, and the launch token (base64url). */
export const URL_LINE = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/;

/**
 * Checks the preconditions of an e2e file and prepares for it: throws (never skips) with a clear
 * message when Chromium is not at {@link CHROMIUM}; creates {@link RESULTS}.
 */
export function prepareE2e(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the end-to-end tests need Debian's chromium (apt-get install chromium), ` +
        'or set TICKDESK_CHROMIUM to a Chromium binary.',
    );
  }
  mkdirSync(RESULTS, { recursive: true });
}

/**
 * A new empty directory under the OS temp dir for the host's data (TICKDESK_HOME), so that tests
 * never touch the user's ~/.tickdesk: `tickdesk-e2e-<label>-home-XXXXXX` (`tickdesk-e2e-home-…`
 * without a label). The caller removes it with {@link removeDir}.
 */
export function makeDataDir(label?: string): string {
  return mkdtempSync(join(tmpdir(), label ? `tickdesk-e2e-${label}-home-` : 'tickdesk-e2e-home-'));
}

/** Removes `dir` and everything under it; does nothing for '' or a missing directory. */
export function removeDir(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  /** TICKDESK_HOME of the host (from {@link makeDataDir}). */
  readonly dataDir: string;
  /** Arguments after `--port 0` (e.g. `['--instruments', master]`). */
  readonly args?: readonly string[];
  /** Environment added to this process's (e.g. `{ TICKDESK_SIM_ALWAYS_OPEN: '1' }`). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long the host may take to print its URL line, in ms (default 60 000). */
  readonly urlTimeoutMs?: number;
}

/** A running headless host. */
export interface WebHost {
  /** The URL line it printed (`http://127.0.0.1:<port>/?token=<token>`). */
  readonly url: string;
  /** Everything the host wrote to stdout and stderr so far. */
  output(): string;
  /**
   * Stops the host's process group (npx → tsx → node) with SIGTERM, as Ctrl-C or a service manager
   * would, and resolves with whether every process of the group ended by itself within 5 s (then
   * after all its output was read); if not, the group gets SIGKILL and the answer is false. A
   * second call resolves true at once.
   */
  stop(): Promise<boolean>;
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
 * Starts `npx tsx scripts/web.ts --port 0 ...args` from {@link ROOT} in its own process group
 * (detached), TICKDESK_HOME set to `dataDir`, and resolves once it prints its URL line. Rejects with
 * the host's whole output when it exits first or prints no URL within `urlTimeoutMs` (the host is
 * then stopped).
 */
export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const timeoutMs = options.urlTimeoutMs ?? 60_000;
  const child = spawn('npx', ['tsx', 'scripts/web.ts', '--port', '0', ...(options.args ?? [])], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The host's data (vault file) goes to a throw-away directory, not the user's ~/.tickdesk.
    env: { ...process.env, TICKDESK_HOME: options.dataDir, ...options.env },
  });
  /** Resolves once every process holding the host's stdout/stderr has closed them (all output read). */
  const outputDone = new Promise<void>((r) => child.once('close', () => r()));
  let output = '';
  let stopped = false;
  const stop = async (): Promise<boolean> => {
    if (stopped || child.pid === undefined) return true;
    stopped = true;
    const pgid = child.pid;
    if (!groupAlive(pgid)) return true;
    process.kill(-pgid, 'SIGTERM');
    for (let waited = 0; waited < 5000; waited += 50) {
      if (!groupAlive(pgid)) {
        await outputDone;
        return true;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-pgid, 'SIGKILL');
    return false;
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      void stop().finally(() => reject(new Error(`${message}. Output:\n${output}`)));
    };
    let stdout = '';
    const timer = setTimeout(() => fail(`npm run web printed no URL within ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (output += c));
    child.stdout.on('data', (c: string) => {
      output += c;
      stdout += c;
      const line = stdout.split('\n').find((l) => URL_LINE.test(l.trim()));
      if (line && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ url: line.trim(), output: () => output, stop });
      }
    });
    child.on('exit', (code) => fail(`npm run web exited with ${code} before printing a URL`));
  });
}

/** A headless Chromium with its own throw-away profile. */
export interface E2eBrowser {
  readonly context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/**
 * Launches {@link CHROMIUM} headless (new headless mode, no sandbox, no GPU, no QUIC, no background
 * networking, updates or sync) with a persistent profile in a new temp directory
 * `tickdesk-chromium-<label>-XXXXXX` (`tickdesk-chromium-…` without a label) and the given viewport
 * in CSS pixels. Throws with a clear message when Chromium is missing (see {@link prepareE2e}).
 */
export async function launchChromium(label: string | undefined, viewport: { readonly width: number; readonly height: number }): Promise<E2eBrowser> {
  prepareE2e();
  const profileDir = mkdtempSync(join(tmpdir(), label ? `tickdesk-chromium-${label}-` : 'tickdesk-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: viewport.width, height: viewport.height },
    });
  } catch (e) {
    removeDir(profileDir);
    throw e;
  }
  return {
    context,
    close: async () => {
      await context.close();
      removeDir(profileDir);
    },
  };
}

/** Options of {@link startE2eSession}. */
export interface E2eSessionOptions {
  /** Names the temp directories (`tickdesk-e2e-<label>-home-…`, `tickdesk-chromium-<label>-…`). */
  readonly label?: string;
  /** Chromium's viewport in CSS pixels. */
  readonly viewport: { readonly width: number; readonly height: number };
  /** Host arguments after `--port 0` (see {@link WebHostOptions}). */
  readonly args?: readonly string[];
  /** Host environment added to this process's (see {@link WebHostOptions}). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long the host may take to print its URL line, in ms (default 60 000). */
  readonly urlTimeoutMs?: number;
}

/** What an e2e file runs against: a host with its own data directory and a Chromium. */
export interface E2eSession {
  readonly host: WebHost;
  /** The host's URL line (with the launch token). */
  readonly url: string;
  readonly context: BrowserContext;
  /** Closes Chromium (and its profile), stops the host, removes the host's data directory. */
  close(): Promise<void>;
}

/**
 * The usual `beforeAll` of an e2e file: {@link prepareE2e} (throws when Chromium is missing), a data
 * directory ({@link makeDataDir}), the host ({@link startWebHost}), then Chromium
 * ({@link launchChromium}). When a step fails, what was started is stopped and removed before the
 * error is rethrown.
 */
export async function startE2eSession(options: E2eSessionOptions): Promise<E2eSession> {
  prepareE2e();
  const dataDir = makeDataDir(options.label);
  let host: WebHost | null = null;
  try {
    host = await startWebHost({ dataDir, args: options.args, env: options.env, urlTimeoutMs: options.urlTimeoutMs });
    const browser = await launchChromium(options.label, options.viewport);
    const started = host;
    return {
      host: started,
      url: started.url,
      context: browser.context,
      close: async () => {
        await browser.close();
        await started.stop();
        removeDir(dataDir);
      },
    };
  } catch (e) {
    await host?.stop();
    removeDir(dataDir);
    throw e;
  }
}

/**
 * Opens the app at `url` and waits (each wait up to `timeout` ms) for the bridge to read `open`
 * and the watchlist to show.
 */
export async function openApp(p: Page, url: string, timeout = 20_000): Promise<void> {
  await p.goto(url);
  await p.getByTestId('bridge-state').filter({ hasText: /^open$/ }).waitFor({ timeout });
  await p.getByTestId('watchlist').waitFor({ timeout });
}

/**
 * Types `query` into the search box (NSE_EQ only) until the core answers with hits: the core may
 * still be loading the instrument master when the page opens. Tries every 3 s; throws after 90 s.
 */
export async function searchUntilHits(p: Page, query: string): Promise<void> {
  await p.getByLabel('Segment filter').selectOption('NSE_EQ');
  const deadline = Date.now() + 90_000;
  for (;;) {
    await p.keyboard.press('/');
    await p.getByTestId('search-input').fill('');
    await p.getByTestId('search-input').pressSequentially(query, { delay: 20 });
    try {
      await p.getByTestId('search-hit').first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no search hits for ${query} within 90 s`, { cause: e });
    }
  }
}

/** A rupee amount as the panels print it (`1,234.50`, `+12.35`, `-0.40`, `₹5.00`) as a number; throws on anything else. */
export function amount(text: string | null): number {
  const t = (text ?? '').replace(/[₹,+\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return Number(t);
}

/** Clicks every toast away (they would cover the panels in screenshots). */
export async function dismissToasts(p: Page): Promise<void> {
  for (let n = await p.getByTestId('toast').count(); n > 0; n = await p.getByTestId('toast').count()) {
    await p.getByTestId('toast').first().click();
  }
}

/** What the depth ladder's testing hook holds (renderer/features/depth/ladder-hook.ts). */
export interface LadderHook {
  readonly levels: number;
  /** Index of the spread row in `rows` (always `levels`: fixed slots per side). */
  readonly spreadRow: number;
  /** Ask / bid levels shown (rows of kind `a` / `b`). */
  readonly asks: number;
  readonly bids: number;
  readonly ltp: number;
  readonly rowHeight: number;
  readonly scrollTop: number;
  /** Height of the canvas viewport, CSS px. */
  readonly viewHeight: number;
  readonly columns: Record<string, [number, number]>;
  /**
   * `[kind a|s|b|e, price, quantity, orders, myBuy, mySell]`, top row first, one per drawn row
   * (`e`: an empty padding slot of a side with fewer levels than the ladder shows).
   */
  readonly rows: [string, number, number, number, number, number][];
}

/** The ladder's hook (the canvas's `data-ladder`), or null before the first frame. */
export async function readLadder(p: Page): Promise<LadderHook | null> {
  const raw = await p.getByTestId('depth-canvas').getAttribute('data-ladder');
  return raw ? (JSON.parse(raw) as LadderHook) : null;
}

/**
 * Polls the ladder's hook every 100 ms until it satisfies `ok` and returns it; after `timeout` ms
 * saves a screenshot as RESULTS/`failShot` and throws, naming `what` and the last hook.
 */
export async function ladderWhere(p: Page, ok: (h: LadderHook) => boolean, what: string, timeout: number, failShot: string): Promise<LadderHook> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const h = await readLadder(p);
    if (h && ok(h)) return h;
    if (Date.now() > deadline) {
      await p.screenshot({ path: join(RESULTS, failShot) });
      throw new Error(`ladder never showed ${what}; last hook: ${JSON.stringify(h)?.slice(0, 400)}`);
    }
    await p.waitForTimeout(100);
  }
}
