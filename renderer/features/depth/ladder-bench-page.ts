/**
 * The page side of the ladder benchmark (./ladder.bench.ts bundles this file and runs it in
 * headless Chromium): a ladder canvas tall enough to show every row of a 200-level book (401
 * rows), fed a synthetic book frame by frame from requestAnimationFrame, timing each frame's draw.
 *
 * The time of a frame is the renderer's `draw` plus a 1-pixel `getImageData`, which makes Chromium
 * rasterise the frame's recorded canvas commands there and then (otherwise the raster happens
 * later, off the clock). Milliseconds, from `performance.now()`.
 */
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
  return new Promise((resolve) => {
    const tick = () => {
      stepSyntheticBook(book, frame, a.changingPerSide, rnd, 0.05, a.shiftEvery ?? 10);
      fillRows(rows, book.bids, book.asks, book.ltp, a.levels, noMarkers, noMarkers);
      const t0 = performance.now();
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
      if (frame < a.warmup + a.frames) requestAnimationFrame(tick);
      else resolve({ drawMs, jsMs, fullFrames, rows: rows.count });
    };
    requestAnimationFrame(tick);
  });
}
