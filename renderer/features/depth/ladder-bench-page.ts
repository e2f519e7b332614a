/**
 * The page side of the ladder benchmark (./ladder.bench.ts bundles this file and runs it in
 * headless Chromium): a ladder canvas tall enough to show every row of a 200-level book (401
 * rows), fed a synthetic book frame by frame from requestAnimationFrame, timing each frame's draw.
 *
 * The time of a frame is `fillRows` + the renderer's `draw` plus a 1-pixel `getImageData`, which
 * makes Chromium finish the frame's canvas work there and then (otherwise it happens later, off
 * the clock). Milliseconds of wall time, from `performance.now()`; ./ladder.bench.ts also reads
 * each animation-frame callback's main-thread CPU time from a Chromium trace (the callback holds
 * exactly this work: the synthetic book moves in a task of its own between frames).
 */
import type { DepthLevel } from '../../../shared/market';
import { fillRows, createRows } from './ladder-rows';
import { createLadderRenderer } from './ladder-renderer';
import { createSyntheticBook, stepSyntheticBook, xorshift } from './synthetic-book';

/** Arguments of {@link runLadderBench}. */
export interface LadderBenchArgs {
  readonly levels: number;
  /** null: every row changes each frame; a number: that many rows per side. */
  readonly changingPerSide: number | null;
  readonly frames: number;
  readonly warmup: number;
  /** With every row changing: the whole book moves one tick every this many frames (default 10). */
  readonly shiftEvery?: number;
  readonly width?: number;
  /**
   * When set, each frame each side shows its first `levels − k` levels, k random in [0, thinning]
   * (a deep book losing and regaining its last levels, as Dhan's 200-level feed does).
   */
  readonly thinning?: number;
}

/** Per-frame draw times, ms, and the share of frames that were full redraws. */
export interface LadderBenchResult {
  readonly drawMs: number[];
  readonly jsMs: number[];
  readonly fullFrames: number;
  readonly rows: number;
}

/** Runs the benchmark in this page (see the file comment). */
export function runLadderBench(a: LadderBenchArgs): Promise<LadderBenchResult> {
  const rnd = xorshift(12345);
  const book = createSyntheticBook({ levels: a.levels }, rnd);
  const rows = createRows();
  const rowHeight = 18;
  const height = (2 * a.levels + 1) * rowHeight;
  const width = a.width ?? 420;
  const canvas = document.createElement('canvas');
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.style.display = 'block';
  document.body.style.margin = '0';
  document.body.replaceChildren(canvas);
  const renderer = createLadderRenderer(canvas, null, { rowHeight });
  renderer.resize(width, height, window.devicePixelRatio || 1);
  const ctx = canvas.getContext('2d')!;
  const noMarkers = new Map<number, number>();
  const drawMs: number[] = [];
  const jsMs: number[] = [];
  let fullFrames = 0;
  let frame = 0;
  // The synthetic feed moves the book between frames (in its own task, as the stream would), so
  // that an animation-frame callback holds only the ladder's own work: rows, draw, raster flush.
  let stepped = false;
  let bids: readonly DepthLevel[] = book.bids;
  let asks: readonly DepthLevel[] = book.asks;
  const step = () => {
    if (stepped) return;
    stepSyntheticBook(book, frame, a.changingPerSide, rnd, 0.05, a.shiftEvery ?? 10);
    if (a.thinning) {
      bids = book.bids.slice(0, book.bids.length - Math.floor(rnd() * (a.thinning + 1)));
      asks = book.asks.slice(0, book.asks.length - Math.floor(rnd() * (a.thinning + 1)));
    }
    stepped = true;
  };
  step();
  return new Promise((resolve) => {
    const tick = () => {
      step(); // only when the feed task has not run yet
      stepped = false;
      const t0 = performance.now();
      fillRows(rows, bids, asks, book.ltp, a.levels, noMarkers, noMarkers);
      const stats = renderer.draw({ rows, scrollTop: 0, decimals: 2 });
      const t1 = performance.now();
      ctx.getImageData(0, 0, 1, 1);
      const t2 = performance.now();
      if (frame >= a.warmup) {
        drawMs.push(t2 - t0);
        jsMs.push(t1 - t0);
        if (stats.full) fullFrames++;
      }
      frame++;
      if (frame < a.warmup + a.frames) {
        requestAnimationFrame(tick);
        setTimeout(step, 0);
      } else resolve({ drawMs, jsMs, fullFrames, rows: rows.count });
    };
    requestAnimationFrame(tick);
  });
}
