/**
 * Frame coalescer: values pushed at any rate (ticks) are held, last value per key wins, and handed
 * to `flush` at most once per display frame (`requestAnimationFrame`).
 *
 * The chart keys candles by their time: within one frame the forming candle changes many times and
 * only its last state reaches the series. Each frame hands over ONE key, the oldest pending: when a
 * candle closes and the next opens, the closing candle's final state goes in one frame and the new
 * candle in the next (16 ms later), so no series ever gets two `update()`s in a frame and the
 * closing candle's last trades are not lost. A backlog (a stalled tab) drains one candle per frame.
 *
 * Source: issue 5, "Chart" ("each series gets at most one update() per frame"); DESIGN.md "Data
 * flow" (market data never makes React re-render per tick).
 */

/** Schedules a callback for the next frame; returns a handle for `cancel`. */
export interface FrameScheduler {
  request(callback: (frameTimeMs: number) => void): number;
  cancel(handle: number): void;
}

/** The browser's `requestAnimationFrame` as a `FrameScheduler`. */
export const animationFrames: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

/** See the file comment. */
export interface FrameCoalescer<K, V> {
  /** Holds `value` under `key` (replacing a pending one) and makes sure a frame is scheduled. */
  push(key: K, value: V): void;
  /** Values waiting for the next frame. */
  readonly pending: number;
  /** Flushes every pending value now (in key insertion order) and cancels the scheduled frame. */
  flushNow(): void;
  /** Drops pending values and cancels the scheduled frame; later pushes are ignored. */
  dispose(): void;
}

/**
 * Builds a coalescer that calls `flush([value])` once per frame with the oldest pending key's last
 * value (keys in the order they were first pushed). An exception from `flush` is reported to
 * `onError` (default console.error) and does not stop later frames.
 */
export function createFrameCoalescer<K, V>(
  flush: (values: readonly V[]) => void,
  scheduler: FrameScheduler = animationFrames,
  onError: (e: unknown) => void = (e) => console.error('chart frame flush failed', e),
): FrameCoalescer<K, V> {
  let held = new Map<K, V>();
  let handle: number | null = null;
  let disposed = false;

  const run = () => {
    handle = null;
    if (held.size === 0) return;
    // One key per frame, oldest first; the rest wait for the following frames.
    const [key, value] = held.entries().next().value as [K, V];
    held.delete(key);
    if (held.size > 0) handle = scheduler.request(run);
    try {
      flush([value]);
    } catch (e) {
      onError(e);
    }
  };

  return {
    push(key, value) {
      if (disposed) return;
      held.set(key, value);
      if (handle === null) handle = scheduler.request(run);
    },
    get pending() {
      return held.size;
    },
    flushNow() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      if (held.size === 0) return;
      const values = [...held.values()];
      held = new Map();
      try {
        flush(values);
      } catch (e) {
        onError(e);
      }
    },
    dispose() {
      disposed = true;
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      held = new Map();
    },
  };
}
