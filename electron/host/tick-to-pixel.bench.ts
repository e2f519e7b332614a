/**
 * End-to-end latency benchmark "tick to pixel" (issue 5, "Speed": tick to pixel p99 <= 33 ms).
 *
 * The whole path of a trade tick: the simulated exchange (in-process in the headless host) sends a
 * binary Dhan feed packet → the feed worker decodes it into its tables and batches per frame → the
 * core's MarketData batches per frame and emits a `QuoteBatch` on `market.quotes` → the loopback
 * WebSocket bridge → the renderer's quote hub → a watchlist row writes its cells → the browser
 * renders the next frame.
 *
 * Method (nothing in the app is changed or switched on to measure it):
 * - Host: `startHeadlessHost` (sim always open, real speed, seed 7), the renderer built by Vite
 *   into a temporary directory (or taken from `TICKDESK_RENDERER_DIR`), a temporary data
 *   directory whose watchlist pref is seeded with the 16 `STOCKS` before the page opens. Debian
 *   Chromium through playwright-core with the project's usual flags.
 * - Naming a tick: a stock's cumulative volume grows with every trade, so (instrument, volume)
 *   names one packet of the sim; nothing is encoded into prices. Node hears each sim tick of a
 *   watched stock (`SimMarket.onTick`, synchronously inside the sim's model step) and stamps the
 *   send time, `performance.timeOrigin + performance.now()`, in a microtask at the end of that
 *   timer turn: just after the step's feed flush wrote the packet to the socket (a fraction of a
 *   ms late at most: only the depth flush runs in between). When the sim's timer runs several
 *   steps in one turn (catching up on a loaded machine), the ticks of the earlier steps keep the
 *   stamp taken at the tick itself, before their flush, so those latencies err long (their count
 *   is printed). When a stock trades several times in one step, the packet carries the last trade.
 * - Page: a MutationObserver (installed through Playwright) on the watchlist body notes each write
 *   of a row's volume cell (`writeAt`: the quote hub's listener writes in the WebSocket message
 *   task, the observer runs at its microtask checkpoint); one `requestAnimationFrame` per frame
 *   stamps `rafAt` and posts a MessageChannel message, which runs after that frame's style, layout
 *   and paint on the main thread: `paintAt`, the "pixel" time. (Raster and compositing follow on
 *   other threads; headless Chromium has no screen, so this is the last observable point.)
 * - Clocks: both sides read `performance.timeOrigin + performance.now()` (epoch ms, one machine);
 *   the page's offset from Node's is measured by `page.evaluate` round trips (the one with the
 *   least delay, before and after the run, averaged) and subtracted.
 * - Breakdown (stderr, p50/p99 per stage): the feed client's batch events give the worker's post
 *   and the core thread's arrival times (`FeedBatch.sentAt`/`receivedAt`), a Node-side
 *   `market.quotes` subscriber on the core (same keys, same frames as the page's) the core's emit
 *   time; then DOM write, rAF, paint. Also printed: the host thread's timer lateness
 *   (`monitorEventLoopDelay`) and the load average, since on a shared machine the tail is mostly
 *   waiting for a CPU.
 *
 * It lives in electron/host/, not renderer/: it drives the host in-process, and renderer files,
 * benches included, may not import electron/ (scripts/layers.ts).
 *
 * Figures: `tick_to_pixel_p99` and `tick_to_pixel_p50`, ms, over every painted tick after a
 * warm-up (at least `MIN_SAMPLES` ticks and `MIN_RUN_MS`, at most `MAX_RUN_MS`). The run stops by
 * itself and closes the browser and the host, and removes its temporary directory, whatever happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { percentile, type BenchFigure } from '../../scripts/bench-kit';
import type { QuoteBatch } from '../../shared/ipc/contract';
import { SEGMENT_BY_CODE } from '../brokers/dhan/segments';
import type { FeedBatch } from '../feed/feed-client';
import { TickField } from '../feed/tick-lane';
import type { SimTick } from '../sim/market-model';
import { startHeadlessHost, type HeadlessHost } from './main';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.TICKDESK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** NSE_EQ security ids of the watched stocks (electron/sim/default-universe.ts). */
const STOCKS = ['2885', '1333', '4963', '1594', '11536', '3045', '10604', '11483', '1660', '5900', '1922', '2031', '317', '1394', '3351', '7229'] as const;
const KEYS = STOCKS.map((id) => `NSE_EQ:${id}` as const);
/** Simulated ms per real ms: 1, as the app runs (a faster sim costs the host's thread more per step). */
const SIM_SPEED = 1;
/** Discarded at the start (first frames, JIT warm-up), ms. */
const WARMUP_MS = 3_000;
/** The run ends when this many ticks were painted after the warm-up… */
const MIN_SAMPLES = 600;
/** …and at least this long has passed, ms (several hundred sim steps)… */
const MIN_RUN_MS = 15_000;
/** …or at the latest after this long, ms. */
const MAX_RUN_MS = 60_000;

/** Sampling period of the host thread's event-loop delay histogram, ms. */
const LOOP_RESOLUTION_MS = 5;

/** Node's clock: epoch ms, sub-ms resolution. */
const nodeNow = () => performance.timeOrigin + performance.now();

/** One painted cell as the page records it (epoch ms on the page's clock). */
interface PaintRecord {
  readonly key: string;
  readonly volume: number;
  readonly writeAt: number;
  readonly rafAt: number;
  readonly paintAt: number;
}

/** Builds the renderer into a temporary directory (the shared dist/ is not touched). */
async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

/**
 * The page clock's offset from Node's, ms (page = node + offset): the midpoint estimate of the
 * round trip with the least delay among `n`.
 */
async function clockOffset(page: Page, n = 30): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < n; i++) {
    const t0 = nodeNow();
    const p = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const t1 = nodeNow();
    if (t1 - t0 < best.rtt) best = { offset: p - (t0 + t1) / 2, rtt: t1 - t0 };
  }
  return best;
}

/**
 * The page-side probe (see the file comment), as plain script text: tsx would add its `__name`
 * helper to a function passed to `page.evaluate`, which the page does not have.
 */
const PROBE = `(() => {
  const out = [];
  window.__tickToPixel = out;
  const now = () => performance.timeOrigin + performance.now();
  let pending = [];
  let awaitingPaint = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = now();
    for (const r of awaitingPaint) { r.paintAt = t; out.push(r); }
    awaitingPaint = [];
  };
  const onFrame = () => {
    const t = now();
    for (const r of pending) r.rafAt = t;
    awaitingPaint = awaitingPaint.concat(pending);
    pending = [];
    channel.port2.postMessage(0);
  };
  const body = document.querySelector('[data-testid="watchlist-row"]')?.parentElement;
  if (!body) throw new Error('tick-to-pixel: no watchlist rows to observe');
  new MutationObserver((mutations) => {
    const t = now();
    for (const m of mutations) {
      const cell = m.target instanceof Element ? m.target : m.target.parentElement;
      if (!cell || cell.getAttribute('data-cell') !== 'volume') continue;
      const key = cell.closest('tr')?.getAttribute('data-key');
      const volume = Number((cell.textContent ?? '').replace(/,/g, ''));
      if (!key || !Number.isFinite(volume)) continue;
      if (pending.length === 0) requestAnimationFrame(onFrame);
      pending.push({ key, volume, writeAt: t, rafAt: 0, paintAt: 0 });
    }
  }).observe(body, { subtree: true, childList: true, characterData: true });
})()`;

/** Installs {@link PROBE} on the open page. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

/** `p50 / p99` of `xs` rounded to 0.1 ms, for the stderr breakdown. */
function spread(xs: readonly number[]): string {
  return `${percentile(xs, 50).toFixed(1)}/${percentile(xs, 99).toFixed(1)}`;
}

/** Runs the benchmark; stops the host and the browser whatever happens. */
export async function run(): Promise<BenchFigure[]> {
  const work = mkdtempSync(join(tmpdir(), 'tickdesk-t2p-'));
  let host: HeadlessHost | null = null;
  let browser: Browser | null = null;
  try {
    const rendererDir = process.env.TICKDESK_RENDERER_DIR ?? join(work, 'renderer');
    if (process.env.TICKDESK_RENDERER_DIR === undefined) await buildRenderer(rendererDir);
    host = await startHeadlessHost({ port: 0, dataDir: join(work, 'home'), rendererDir, sim: { alwaysOpen: true, seed: 7, speed: SIM_SPEED } });
    await host.trading.ready;
    const sim = host.trading.sessions.current?.sim;
    if (!sim) throw new Error('tick-to-pixel: the host has no simulated exchange session');
    host.trading.prefs.set('watchlists', { version: 1, activeId: 'wl-1', lists: [{ id: 'wl-1', name: 'Bench', keys: KEYS }] });

    // Node side: send stamps per (key, volume), and the core's emit stamps.
    const watched = new Set<string>(STOCKS.map((id) => `NSE_EQ:${id}`));
    const sent = new Map<string, number>();
    const stampLead: number[] = [];
    let early = 0;
    const simStepMs = 100 * SIM_SPEED; // simulated ms per sim step (server.ts default stepMs 100)
    const modelBase = sim.market.model.now(); // a step boundary: no step runs while this code does
    const stepOf = () => Math.floor((sim.market.model.now() - modelBase) / simStepMs);
    // This turn's ticks of the watched stocks: id → [tick-time stamp, step index].
    let turn = new Map<string, [number, number]>();
    const offTick = sim.market.onTick((t: SimTick) => {
      const key = `${t.key.segment}:${t.key.securityId}`;
      if (!watched.has(key)) return;
      if (turn.size === 0) {
        queueMicrotask(() => {
          // The end of the timer's turn: the last step's packets were just written to the sockets.
          const end = nodeNow();
          let last = -Infinity;
          for (const [, [, step]] of turn) last = Math.max(last, step);
          for (const [id, [at, step]] of turn) {
            if (step === last) {
              sent.set(id, end);
              stampLead.push(end - at);
            } else {
              sent.set(id, at); // an earlier step of a catch-up turn: its tick-time stamp (errs long)
              early++;
            }
          }
          turn = new Map();
        });
      }
      turn.set(`${key}|${t.volume}`, [nodeNow(), stepOf()]);
    });
    // The feed worker's batches as the core's thread receives them (worker post and arrival times).
    const workerPosted = new Map<string, number>();
    const workerArrived = new Map<string, number>();
    const adapter = host.trading.sessions.current?.adapter;
    if (!adapter) throw new Error('tick-to-pixel: no active session adapter');
    const offWorker = adapter.feed.onBatch((b: FeedBatch) => {
      const t = b.ticks;
      if (t === null) return;
      for (let i = 0; i < t.count; i++) {
        const id = `${SEGMENT_BY_CODE[t.segment(i)] ?? '?'}:${t.securityId(i)}|${t.get(i, TickField.VOLUME)}`;
        if (workerPosted.has(id)) continue; // a later resend of the same state (a snapshot): keep the first
        workerPosted.set(id, b.sentAt);
        workerArrived.set(id, b.receivedAt);
      }
    });
    const emitted = new Map<string, number>();
    const offCore = host.trading.market.subscribeQuotes(KEYS, (b: QuoteBatch) => {
      const at = nodeNow();
      for (const t of b.ticks) {
        const id = `${t.key}|${t.volume}`;
        if (!emitted.has(id)) emitted.set(id, at);
      }
    });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await page.goto(host.url);
    await page.locator('[data-testid="watchlist-row"] [data-cell="volume"]').nth(KEYS.length - 1).filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
    const before = await clockOffset(page);
    // How late the host's thread (core, bridge and sim share it) runs its callbacks: a loaded machine shows here.
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    await installProbe(page);
    const t0 = Date.now();
    const count = async () => (await page.evaluate('window.__tickToPixel.length')) as number;
    await page.waitForTimeout(WARMUP_MS);
    const skip = await count();
    while (Date.now() - t0 < MAX_RUN_MS) {
      await page.waitForTimeout(1000);
      if (Date.now() - t0 >= WARMUP_MS + MIN_RUN_MS && (await count()) - skip >= MIN_SAMPLES) break;
    }
    const records = (await page.evaluate('window.__tickToPixel')) as PaintRecord[];
    loopDelay.disable();
    // The histogram holds each sampling timer's whole wait (the resolution included): lateness is beyond it.
    const lateness = (p: number) => Math.max(0, loopDelay.percentile(p) / 1e6 - LOOP_RESOLUTION_MS).toFixed(1);
    const after = await clockOffset(page);
    offTick();
    offCore();
    offWorker();
    const offset = (before.offset + after.offset) / 2;

    const total: number[] = [];
    const toWorkerPost: number[] = [];
    const toMain: number[] = [];
    const toCore: number[] = [];
    const toDom: number[] = [];
    const toRaf: number[] = [];
    const toPaint: number[] = [];
    let unmatched = 0;
    const seen = new Set<string>();
    let repeats = 0;
    for (const [i, r] of records.entries()) {
      const id = `${r.key}|${r.volume}`;
      if (seen.has(id)) {
        if (i >= skip) repeats++; // the same value written again (a row re-rendered): not a new tick
        continue;
      }
      seen.add(id);
      if (i < skip) continue; // warm-up
      const s = sent.get(id);
      if (s === undefined) {
        unmatched++; // a subscribe snapshot, not a tick
        continue;
      }
      total.push(r.paintAt - offset - s);
      const wp = workerPosted.get(id);
      const wa = workerArrived.get(id);
      const c = emitted.get(id);
      if (wp !== undefined && wa !== undefined && c !== undefined) {
        toWorkerPost.push(wp - s);
        toMain.push(wa - wp);
        toCore.push(c - wa);
        toDom.push(r.writeAt - offset - c);
      }
      toRaf.push(r.rafAt - r.writeAt);
      toPaint.push(r.paintAt - r.rafAt);
    }
    if (total.length < 100) throw new Error(`tick-to-pixel: only ${total.length} ticks were painted and matched (${unmatched} unmatched)`);
    console.error(
      `tick-to-pixel: ${total.length} ticks (${unmatched} unmatched, ${repeats} repeated writes skipped), p50/p99 ms: total ${spread(total)} ` +
        `(p90 ${percentile(total, 90).toFixed(1)}, p95 ${percentile(total, 95).toFixed(1)}, over 33 ms ${total.filter((x) => x > 33).length}); ` +
        `sim send→worker post ${spread(toWorkerPost)}, →core thread ${spread(toMain)}, →core emit ${spread(toCore)}, core→DOM write ${spread(toDom)}, write→rAF ${spread(toRaf)}, rAF→painted ${spread(toPaint)}; ` +
        `tick→send ${spread(stampLead)} (${early} ticks of catch-up steps stamped at the tick); host thread's timer lateness p50/p99 ${lateness(50)}/${lateness(99)}; load ${loadavg()[0]!.toFixed(1)}; clock offset ${before.offset.toFixed(2)}→${after.offset.toFixed(2)} (rtt ${before.rtt.toFixed(2)}/${after.rtt.toFixed(2)})`,
    );
    const round = (x: number) => Math.round(x * 10) / 10;
    return [
      { name: 'tick_to_pixel_p99', value: round(percentile(total, 99)), unit: 'ms' },
      { name: 'tick_to_pixel_p50', value: round(percentile(total, 50)), unit: 'ms' },
    ];
  } finally {
    await browser?.close().catch(() => {});
    await host?.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}
