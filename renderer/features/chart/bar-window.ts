/**
 * The bounded window of candles a chart series holds.
 *
 * lightweight-charts' `update()` costs grow with the series length (issue 5: one update per frame on
 * 100 k bars drops to 16 fps), so a series holds at most `cap` bars (about 10 k):
 * - older history arrives in chunks as the user scrolls back (`mergeOlder`); when the merged window
 *   exceeds the cap, the NEWEST end is cut (the user is looking at the old end), and the window is
 *   no longer at the live edge: the chart reloads the newest bars when the user comes back;
 * - new live candles append at the newest end (`appendNewest`); when the window exceeds the cap by
 *   more than `slack`, the OLDEST end is cut down to the cap in one go (one `setData` per `slack`
 *   new bars instead of one per bar).
 *
 * Functions over arrays of `Candle` (epoch seconds UTC, oldest first): `mergeOlder` returns a new array,
 * `applyNewest` works in place (it runs every frame).
 * Source: issue 5, "Chart".
 */
import type { Candle } from '../../../shared/market';

/** Most bars a live series holds. */
export const WINDOW_CAP = 10_000;
/** Bars appended beyond the cap before the oldest end is cut (amortises the `setData`). */
export const WINDOW_SLACK = 500;

/** Result of merging an older chunk. */
export interface MergeOlderResult {
  readonly bars: Candle[];
  /** Bars of the chunk that went in front (chunk bars at or after the window's first time are dropped). */
  readonly added: number;
  /** Bars cut from the newest end to stay within the cap. */
  readonly trimmedNewest: number;
}

/**
 * Puts `chunk` (oldest first, as `market.history` answers) in front of `bars`. Chunk bars at or after
 * the window's first candle are dropped (the window's own bars win: they may hold live changes), and
 * unsorted or duplicate chunk bars are dropped too. Then cuts the newest end down to `cap`.
 */
export function mergeOlder(bars: readonly Candle[], chunk: readonly Candle[], cap = WINDOW_CAP): MergeOlderResult {
  const first = bars.length > 0 ? bars[0]!.time : Infinity;
  const older: Candle[] = [];
  let last = -Infinity;
  for (const c of chunk) {
    if (c.time >= first || c.time <= last || !Number.isFinite(c.time)) continue;
    older.push(c);
    last = c.time;
  }
  const merged = [...older, ...bars];
  const trimmedNewest = Math.max(0, merged.length - cap);
  return { bars: trimmedNewest > 0 ? merged.slice(0, cap) : merged, added: older.length, trimmedNewest };
}

/** What `applyNewest` did. */
export interface AppendResult {
  /** `update`: the newest bar changed or one was appended (the series takes one `update()`);
   *  `reset`: the oldest end was cut (the series needs `setData`); `ignored`: older than the newest bar. */
  readonly kind: 'update' | 'reset' | 'ignored';
  readonly trimmedOldest: number;
}

/**
 * Applies `candle` at the newest end of `bars`, IN PLACE (O(1) except when cutting): replaces the
 * newest bar when it has the same time, appends when newer, ignores it when older. When the window
 * then exceeds `cap + slack`, cuts the oldest bars down to `cap`.
 */
export function applyNewest(bars: Candle[], candle: Candle, cap = WINDOW_CAP, slack = WINDOW_SLACK): AppendResult {
  const n = bars.length;
  const newest = n > 0 ? bars[n - 1]! : null;
  if (newest !== null && candle.time < newest.time) return { kind: 'ignored', trimmedOldest: 0 };
  if (newest !== null && candle.time === newest.time) {
    bars[n - 1] = candle;
    return { kind: 'update', trimmedOldest: 0 };
  }
  bars.push(candle);
  if (bars.length > cap + slack) {
    const cut = bars.length - cap;
    bars.splice(0, cut);
    return { kind: 'reset', trimmedOldest: cut };
  }
  return { kind: 'update', trimmedOldest: 0 };
}

/**
 * True when the visible logical range starts within `margin` bars of the window's oldest bar (time to
 * load an older chunk). `from` is the range's left logical index (it goes negative past the first bar).
 */
export function nearOldestEdge(from: number, margin = 50): boolean {
  return from < margin;
}

/** True when the visible range reaches within `margin` bars of the window's newest bar (`length - 1`). */
export function nearNewestEdge(to: number, length: number, margin = 5): boolean {
  return to > length - 1 - margin;
}
