/**
 * Chart frame time while ticking (issue 5, "Speed": chart frame <= 10 ms while ticking).
 *
 * Builds ./bench/chart-frame-page.ts with vite (one IIFE script: the real ChartController and
 * lightweight-charts), opens it in headless Debian Chromium (software raster, as CI runs), mounts a
 * 1280×720 chart on 10 000 one-minute bars and pushes one tick per display frame for 300 frames
 * (after 60 warm-up frames), a new candle every 60 frames.
 *
 * Two clocks per frame:
 * - main-thread CPU time (thread time, `tdur` in a Chromium trace) of the task that runs the frame:
 *   its animation-frame callbacks (our flush and lightweight-charts' paint), style, layout and paint
 *   recording. This is the cost of a frame, and other processes on a busy machine do not inflate it;
 * - wall time from the frame's first animation-frame callback to a task that runs after the frame's
 *   rendering (see the page's comment). On a loaded machine (shared CI, several test runs at once)
 *   this includes time the renderer waited for a CPU.
 *
 * Figures:
 * - `chart_frame_ms_p95`: CPU per frame, candles + volume, p95 (the issue's target: <= 10 ms).
 * - `chart_frame_wall_ms_p95`: wall per frame, same run.
 * - `chart_frame_indicators_ms_p95`: CPU per frame with all six indicators on (3 overlays, 3 panes).
 * - `chart_flush_ms_p95`: the flush alone (the `update()` calls of one frame), candles + volume.
 * Run: `npx tsx scripts/bench.ts chart-frame` (`BENCH_VERBOSE=1` prints the distributions).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { build } from 'vite';
import type { BenchFigure } from '../../../scripts/bench-kit';
import { percentile } from '../../../scripts/bench-kit';
import type { ChartBenchResult } from './bench/chart-frame-page';
import type { IndicatorId } from './indicator-series';

const CHROMIUM = process.env.TICKDESK_CHROMIUM ?? '/usr/bin/chromium';
const FRAMES = 300;
const WARMUP = 60;
const BARS = 10_000;

/** The page script as one IIFE string. */
async function pageScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: import.meta.dirname,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: join(import.meta.dirname, 'bench/chart-frame-page.ts'), formats: ['iife'], name: 'ChartFramePage' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (chunk?.code === undefined) throw new Error('chart bench: vite produced no script');
  return chunk.code;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Runs `body` under a Chromium trace and returns the main-thread CPU time (ms) of each task that
 * fired animation-frame callbacks (one per rendered frame), in order.
 */
async function frameCpuTimes(cdp: CDPSession, body: () => Promise<unknown>): Promise<number[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { readonly value: readonly object[] }) => void events.push(...(e.value as readonly TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  try {
    await body();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (main === undefined) throw new Error('chart bench: no renderer main thread in the trace');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const fires = mine.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts);
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const out: number[] = [];
  let f = 0;
  for (const t of tasks) {
    while (f < fires.length && fires[f]! < t.ts) f++;
    if (f < fires.length && fires[f]! <= t.ts + t.dur!) out.push((t.tdur ?? t.dur!) / 1000);
  }
  return out;
}

/** Runs the benchmark; see the file comment. */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`chart bench: Chromium not found at ${CHROMIUM} (set TICKDESK_CHROMIUM)`);
  const script = await pageScript();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#0d1117"><div id="root" style="position:relative;width:1280px;height:720px"></div></body></html>');
    await page.addScriptTag({ content: script });
    const cdp = await page.context().newCDPSession(page);
    const measure = async (indicators: IndicatorId[]) => {
      let result: ChartBenchResult | null = null;
      const cpu = await frameCpuTimes(cdp, async () => {
        result = (await page.evaluate((o) => window.chartBench.run(o), { bars: BARS, frames: FRAMES, warmup: WARMUP, indicators })) as ChartBenchResult;
      });
      // The measured frames are the last FRAMES of the run (the trace also holds the warm-up).
      return { page: result! as ChartBenchResult, cpu: cpu.slice(-FRAMES) };
    };
    const plain = await measure([]);
    const all = await measure(['sma', 'ema', 'bollinger', 'rsi', 'macd', 'atr']);
    if (process.env.BENCH_VERBOSE) {
      const dist = (xs: number[]) => [50, 90, 95, 99, 100].map((p) => `p${p}=${percentile(xs, p).toFixed(2)}`).join(' ');
      console.error(`chart bench: ${plain.page.bars} bars, ${plain.page.candleUpdates} candle updates`);
      console.error(`  candles+volume: cpu ${dist(plain.cpu)} | wall ${dist(plain.page.frames)} | flush ${dist(plain.page.flushes)}`);
      console.error(`  all indicators: cpu ${dist(all.cpu)} | wall ${dist(all.page.frames)} | flush ${dist(all.page.flushes)}`);
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: 'chart_frame_ms_p95', value: round(percentile(plain.cpu, 95)), unit: 'ms' },
      { name: 'chart_frame_wall_ms_p95', value: round(percentile(plain.page.frames, 95)), unit: 'ms' },
      { name: 'chart_frame_indicators_ms_p95', value: round(percentile(all.cpu, 95)), unit: 'ms' },
      { name: 'chart_flush_ms_p95', value: round(percentile(plain.page.flushes, 95)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
