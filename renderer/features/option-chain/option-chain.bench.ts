/**
 * Benchmark of the option chain's live cells in headless Chromium (the brief: "a 100-strike chain
 * with every visible cell ticking" must stay smooth).
 *
 * Bundles ./bench/chain-bench-page.tsx with Vite into one script, opens a blank page in Debian's
 * Chromium (software raster: `--disable-gpu`) with ./option-chain.css, mounts a 100-strike chain
 * with every strike shown as the panel renders it (the rows on screen ± the subscription margin:
 * 64 rows, 128 legs, 896 live cells; spacer rows for the rest) and, each animation frame, gives
 * every rendered leg a new tick (LTP, bid, ask, OI, volume all change) and forces style and layout.
 * Figure, p95 over 300 measured frames of each frame's main-thread CPU time (trace
 * `FireAnimationFrame`), ms:
 * - `option_chain_100_strikes_all_ticking_ms_p95`.
 * Run: `npx tsx scripts/bench.ts option-chain` (`OPTION_CHAIN_BENCH_VERBOSE=1` prints wall times
 * and the trace's time per event kind; for experiments `OC_NO_LAYOUT=1` skips the forced layout and
 * `OC_EXTRA_CSS='…'` adds a style rule, to see what a rule costs; `OC_SCREENSHOT=file.png` saves the
 * page as the last frame left it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { percentile, type BenchFigure } from '../../../scripts/bench-kit';
import type { ChainBenchArgs, ChainBenchResult } from './bench/chain-bench-page';

const CHROMIUM = process.env.TICKDESK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The page script as one IIFE exposing `ChainBench`. */
async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    esbuild: { jsx: 'automatic' },
    build: {
      write: false,
      minify: false,
      lib: { entry: join(import.meta.dirname, 'bench', 'chain-bench-page.tsx'), formats: ['iife'], name: 'ChainBench', fileName: () => 'chain-bench.js' },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if (!('output' in o)) continue;
    for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('option chain bench: Vite produced no script');
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly tdur?: number;
  readonly dur?: number;
  readonly tid?: number;
  readonly args?: { beginData?: { dirtyObjects?: number; totalObjects?: number }; endData?: { layoutRoots?: unknown[] } };
}

/** Runs the figure (see the file comment). */
export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`option chain bench: Chromium not found at ${CHROMIUM} (set TICKDESK_CHROMIUM)`);
  const code = await bundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addStyleTag({ path: join(import.meta.dirname, '..', '..', 'styles', 'workstation.css') });
    await page.addStyleTag({ path: join(import.meta.dirname, 'option-chain.css') });
    await page.addScriptTag({ content: code });
    const args: ChainBenchArgs = { strikes: 100, frames: 300, warmup: 30, noLayout: process.env.OC_NO_LAYOUT === '1', keep: Boolean(process.env.OC_SCREENSHOT) };
    // Experiments: extra CSS (e.g. to see what a rule costs).
    if (process.env.OC_EXTRA_CSS) await page.addStyleTag({ content: process.env.OC_EXTRA_CSS });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const r = await page.evaluate((a) => (globalThis as unknown as { ChainBench: { runChainBench(x: ChainBenchArgs): Promise<ChainBenchResult> } }).ChainBench.runChainBench(a), args);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const frames = trace.traceEvents
      .filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && typeof e.tdur === 'number')
      .sort((x, y) => x.ts - y.ts)
      .slice(-args.frames);
    const cpu = frames.map((e) => e.tdur! / 1000);
    if (cpu.length !== args.frames) throw new Error(`option chain bench: ${cpu.length} traced frames, expected ${args.frames}`);
    if (process.env.OC_SCREENSHOT) await page.screenshot({ path: process.env.OC_SCREENSHOT });
    if (process.env.OPTION_CHAIN_BENCH_VERBOSE) {
      const f = (xs: number[], p: number) => percentile(xs, p).toFixed(2);
      const by = new Map<string, number>();
      for (const e of trace.traceEvents) if (e.ph === 'X' && typeof e.tdur === 'number') by.set(e.name, (by.get(e.name) ?? 0) + e.tdur / 1000 / args.frames);
      console.error([...by].sort((x, y) => y[1] - x[1]).slice(0, 14).map(([n, v]) => `${n} ${v.toFixed(2)}`).join(' | '));
      // Frames over p90 and what ran inside them (garbage collection, layout), ms of each.
      const p90 = percentile(cpu, 90);
      const slow = frames.filter((e) => e.tdur! / 1000 > p90);
      const inside = new Map<string, number>();
      for (const fr of slow)
        for (const e of trace.traceEvents)
          if (e.ph === 'X' && e.tid === fr.tid && e !== fr && e.ts >= fr.ts && e.ts < fr.ts + (fr.dur ?? 0) && /GC|Layout|FunctionCall|UpdateLayoutTree/.test(e.name))
            inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000 / slow.length);
      console.error(`frames over p90 (${p90.toFixed(2)} ms): ${[...inside].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([n, v]) => `${n} ${v.toFixed(2)}`).join(' | ')}`);
      const layouts = trace.traceEvents.filter((e) => e.name === 'Layout' && e.ph === 'X').slice(-args.frames);
      const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(0);
      console.error(`layout events: ${layouts.length} (last ${args.frames}); dirty objects ${avg(layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0))} of ${avg(layouts.map((e) => e.args?.beginData?.totalObjects ?? 0))}, layout roots ${avg(layouts.map((e) => e.args?.endData?.layoutRoots?.length ?? 0))}`);
      console.error(`option chain: ${r.rows} rows rendered, ${r.legs} legs, ${r.cells} live cells, ${r.writtenRows} rows on screen ± margin (written), ${r.clipped} clipping; cpu p50 ${f(cpu, 50)} p95 ${f(cpu, 95)} | wall p50 ${f(r.frameMs, 50)} p95 ${f(r.frameMs, 95)}`);
    }
    return [{ name: 'option_chain_100_strikes_all_ticking_ms_p95', value: Math.round(percentile(cpu, 95) * 100) / 100, unit: 'ms' }];
  } finally {
    await browser.close();
  }
}
