/**
 * Benchmark of the depth ladder's canvas renderer in headless Chromium (issue 5, "Speed": ladder
 * with 200 levels per side <= 8 ms per frame with every row changing, <= 3 ms with 20 rows per side
 * changing).
 *
 * Bundles ./ladder-bench-page.ts with Vite into one script, opens a blank page in Debian's Chromium
 * (software raster: `--disable-gpu`), and runs it: a 420 × 7218 CSS px canvas showing all 401 rows
 * of a 200-level book, one draw per animation frame, each timed as draw + raster flush (see the
 * page file). Figures, p95 over 400 measured frames of each frame's main-thread CPU time (see
 * `run`), ms:
 * - `depth_ladder_200_full_ms_p95`: every row's quantity and order count change every frame, and
 *   every 10th frame the whole book moves one tick (every price changes too);
 * - `depth_ladder_20_ms_p95`: 20 random rows per side change every frame;
 * - `depth_ladder_200_thinning_ms_p95`: as the previous, and each side shows 198-200 of its levels,
 *   changing every frame (no target in issue 5; it tracks what a varying level count costs: with
 *   fixed slots per side, ./ladder-rows.ts, only the slots that fill or empty are redrawn).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { percentile, type BenchFigure } from '../../../scripts/bench-kit';
import type { LadderBenchArgs, LadderBenchResult } from './ladder-bench-page';

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

/** The page script: ./ladder-bench-page.ts and its imports as one IIFE exposing `LadderBench`. */
async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'ladder-bench-page.ts'), formats: ['iife'], name: 'LadderBench', fileName: () => 'ladder-bench.js' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if (!('output' in o)) continue;
    for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('ladder bench: Vite produced no script');
}

/** One Chromium trace event (only the fields read here). */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  /** Main-thread CPU time of a complete event, µs. */
  readonly tdur?: number;
}

/**
 * Runs `args` in the page under a Chromium trace and returns, besides the page's wall times, the
 * main-thread CPU time (ms) of each measured animation-frame callback (`FireAnimationFrame`).
 */
async function measure(browser: Browser, page: Page, args: LadderBenchArgs): Promise<LadderBenchResult & { readonly cpuMs: number[] }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const r = await page.evaluate(
    (a) => (globalThis as unknown as { LadderBench: { runLadderBench(x: LadderBenchArgs): Promise<LadderBenchResult> } }).LadderBench.runLadderBench(a),
    args,
  );
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const frames = trace.traceEvents
    .filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && typeof e.tdur === 'number')
    .sort((x, y) => x.ts - y.ts)
    .slice(-args.frames);
  if (frames.length !== args.frames) throw new Error(`ladder bench: ${frames.length} traced frames, expected ${args.frames}`);
  return { ...r, cpuMs: frames.map((e) => e.tdur! / 1000) };
}

/**
 * Runs the two figures. Each is the p95 of the per-frame main-thread CPU time: this machine's two
 * cores are shared with other work, and wall time then measures the scheduler more than the
 * ladder. `LADDER_BENCH_VERBOSE=1` also prints the wall-time percentiles to stderr.
 */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`ladder bench: Chromium not found at ${CHROMIUM} (set TICKDESK_CHROMIUM)`);
  const code = await bundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: code });
    const full = await measure(browser, page, { levels: 200, changingPerSide: null, frames: 400, warmup: 30 });
    const sparse = await measure(browser, page, { levels: 200, changingPerSide: 20, frames: 400, warmup: 30 });
    const thinning = await measure(browser, page, { levels: 200, changingPerSide: 20, frames: 400, warmup: 30, thinning: 2 });
    if (process.env.LADDER_BENCH_VERBOSE) {
      for (const [name, r] of [['full', full], ['sparse', sparse], ['thinning', thinning]] as const) {
        const f = (xs: number[], p: number) => percentile(xs, p).toFixed(2);
        console.error(`${name}: cpu p50 ${f(r.cpuMs, 50)} p95 ${f(r.cpuMs, 95)} | wall p50 ${f(r.drawMs, 50)} p95 ${f(r.drawMs, 95)} | rows ${r.rows}`);
      }
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: 'depth_ladder_200_full_ms_p95', value: round(percentile(full.cpuMs, 95)), unit: 'ms' },
      { name: 'depth_ladder_20_ms_p95', value: round(percentile(sparse.cpuMs, 95)), unit: 'ms' },
      { name: 'depth_ladder_200_thinning_ms_p95', value: round(percentile(thinning.cpuMs, 95)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
