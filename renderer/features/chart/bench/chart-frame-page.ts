/**
 * Page script of the chart frame benchmark (../chart-frame.bench.ts builds it with vite and runs
 * it in headless Chromium): mounts a ChartController on ~10 k one-minute bars and pushes a tick
 * every display frame, then measures each frame's main-thread time.
 *
 * Frame time = from the start of the frame's first `requestAnimationFrame` callback (the tick
 * driver, the chart's flush with its `update()` calls, lightweight-charts' own paint callback) to a
 * message task posted from that first callback, which runs after the frame's rendering step (style,
 * layout, paint recording). `requestAnimationFrame` is wrapped before the chart is created so the
 * library's callbacks are timed too. The flush's own time (performance.now around it) is kept
 * separately. Source: issue 5, "Speed" (chart frame <= 10 ms while ticking).
 */
import type { QuoteTick } from '../../../../shared/ipc/contract';
import type { Candle } from '../../../../shared/market';
import { ChartController } from '../chart-controller';
import type { IndicatorId } from '../indicator-series';

/** What one run measured, ms. */
export interface ChartBenchResult {
  readonly frames: number[];
  readonly flushes: number[];
  /** Time in animation-frame callbacks per frame (flush + lightweight-charts' paint), ms. */
  readonly callbacks: number[];
  readonly bars: number;
  readonly candleUpdates: number;
}

declare global {
  interface Window {
    chartBench: { run(opts: { bars: number; frames: number; warmup: number; indicators: IndicatorId[]; secondaryUpdatesPerFrame?: number }): Promise<ChartBenchResult> };
  }
}

const native = window.requestAnimationFrame.bind(window);
let frameStart: number | null = null;
let onFrameEnd: ((ms: number) => void) | null = null;
/** Time spent in animation-frame callbacks during the current frame, ms (and in the last finished one). */
let lastCallbackMs = 0;
let callbackMs = 0;
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  const start = frameStart;
  frameStart = null;
  lastCallbackMs = callbackMs;
  callbackMs = 0;
  if (start !== null) onFrameEnd?.(performance.now() - start);
};
window.requestAnimationFrame = (cb: FrameRequestCallback): number =>
  native((t) => {
    if (frameStart === null) {
      frameStart = performance.now();
      channel.port2.postMessage(0);
    }
    const s = performance.now();
    cb(t);
    callbackMs += performance.now() - s;
  });

/** ~`n` one-minute candles of a random walk, ending now (09:15-aligned days are not needed here). */
function history(n: number, end: number): Candle[] {
  let p = 2500;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const out: Candle[] = [];
  for (let i = 0; i < n; i++) {
    const open = p;
    p = Math.max(1, Math.round((p + rnd() * 4) * 20) / 20);
    const hi = Math.max(open, p) + Math.abs(rnd());
    const lo = Math.min(open, p) - Math.abs(rnd());
    out.push({ time: end - (n - i) * 60, open, high: Math.round(hi * 20) / 20, low: Math.round(lo * 20) / 20, close: p, volume: 1000 + Math.floor(Math.abs(rnd()) * 5000) });
  }
  return out;
}

window.chartBench = {
  async run({ bars, frames, warmup, indicators, secondaryUpdatesPerFrame }) {
    const host = document.getElementById('root')!;
    const endSec = Math.floor(Date.now() / 60_000) * 60;
    const ctl = new ChartController(host, { interval: '1m', instrument: { tickSize: 0.05, decimals: 2, openMinute: 555 }, onLegend: () => {}, ...(secondaryUpdatesPerFrame !== undefined ? { secondaryUpdatesPerFrame } : {}) });
    ctl.setHistory(history(bars, endSec));
    ctl.setIndicators(indicators);
    let ltp = ctl.window[ctl.window.length - 1]!.close;
    let volume = 1_000_000;
    let simMs = endSec * 1000;
    const frameMs: number[] = [];
    const flushMs: number[] = [];
    const callbacks: number[] = [];
    let seen = 0;
    await new Promise<void>((done) => {
      onFrameEnd = (ms) => {
        seen++;
        if (seen > warmup) {
          frameMs.push(ms);
          flushMs.push(ctl.stats.lastFlushMs);
          callbacks.push(lastCallbackMs);
        }
        if (frameMs.length >= frames) {
          onFrameEnd = null;
          done();
        }
      };
      const drive = () => {
        if (onFrameEnd === null) return;
        // One tick per frame; simulated time runs 1 s per frame (60 times real time at 60 Hz), so a new
        // one-minute candle opens every 60 frames (at real time it would be every 3600).
        simMs += 1000;
        ltp = Math.max(1, Math.round((ltp + (Math.random() - 0.5) * 2) * 20) / 20);
        volume += 10 + Math.floor(Math.random() * 100);
        const tick: QuoteTick = {
          key: 'NSE_EQ:2885',
          ltp,
          ltq: 10,
          lttMs: simMs,
          atp: ltp,
          volume,
          open: ltp,
          high: ltp,
          low: ltp,
          prevClose: ltp,
          oi: 0,
          bidPrice: ltp - 0.05,
          bidQty: 100,
          askPrice: ltp + 0.05,
          askQty: 100,
          totalBuyQty: 0,
          totalSellQty: 0,
          receivedAtMs: Date.now(),
        };
        ctl.pushTick(tick);
        window.requestAnimationFrame(drive);
      };
      window.requestAnimationFrame(drive);
    });
    const result = { frames: frameMs, flushes: flushMs, callbacks, bars: ctl.window.length, candleUpdates: ctl.stats.candleUpdates };
    ctl.dispose();
    return result;
  },
};
