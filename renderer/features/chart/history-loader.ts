/**
 * History for the chart, in chunks, through `market.history` (shared/ipc/contract.ts): the newest
 * window first, then older chunks ending before the oldest loaded candle (`toSec` = its time), as
 * the contract says ("Scrolling back asks again with the first candle's time").
 *
 * Pure with respect to the UI: takes the bridge's `invoke`, reports progress through a callback,
 * and returns candles (epoch seconds UTC, rupees, oldest first) or the bridge's error as data.
 *
 * Source: issue 5, "Chart" (older history loads in chunks as the user scrolls back) and "Every long
 * task shows progress (... history loading)".
 */
import type { BridgeError, Result } from '../../../shared/errors';
import type { Bridge, HistoryReply } from '../../../shared/ipc/contract';
import type { InstrumentKey } from '../../../shared/instruments';
import type { Candle, CandleInterval } from '../../../shared/market';
import { mergeOlder } from './bar-window';

/** Candles per request (the contract allows 1…5000). */
export const HISTORY_CHUNK = 2500;
/** Candles loaded before the chart counts as ready (the newest chunk draws at once; the rest follows). */
export const INITIAL_BARS = 5000;

/** The `invoke` of a Bridge, narrowed to history. */
export type HistoryInvoke = (channel: 'market.history', args: { key: InstrumentKey; interval: CandleInterval; toSec?: number; count?: number }) => Promise<Result<HistoryReply>>;

/** Binds a bridge's invoke for history calls. */
export function historyInvoke(bridge: Pick<Bridge, 'invoke'>): HistoryInvoke {
  return (channel, args) => bridge.invoke(channel, args);
}

/** One chunk older than `toSec` (epoch s UTC; absent = the newest). */
export async function loadChunk(
  invoke: HistoryInvoke,
  key: InstrumentKey,
  interval: CandleInterval,
  toSec: number | undefined,
  count = HISTORY_CHUNK,
): Promise<Result<HistoryReply>> {
  return invoke('market.history', toSec === undefined ? { key, interval, count } : { key, interval, toSec, count });
}

/** Progress of the initial load: candles loaded so far against the target. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
}

/** What the initial load produced. */
export interface InitialLoad {
  readonly candles: readonly Candle[];
  readonly hasMore: boolean;
  /** Set when a chunk after the first failed (the candles before it are kept). */
  readonly error: BridgeError | null;
}

/**
 * Loads up to `target` newest candles in chunks, newest chunk first. `onChunk` gets each chunk's new
 * candles (`first`: the newest window; then each older chunk, without bars already loaded) with the
 * progress so far: the chart draws the first at once and puts the others in front. `cancelled()` stops
 * between chunks. A failure of the FIRST chunk is returned as the error result; a later failure
 * keeps what loaded and reports it in `error`.
 */
export async function loadInitial(
  invoke: HistoryInvoke,
  key: InstrumentKey,
  interval: CandleInterval,
  onChunk: (chunk: readonly Candle[], first: boolean, progress: LoadProgress) => void,
  cancelled: () => boolean,
  target = INITIAL_BARS,
  chunk = HISTORY_CHUNK,
): Promise<Result<InitialLoad>> {
  const first = await loadChunk(invoke, key, interval, undefined, Math.min(chunk, target));
  if (!first.ok) return first;
  let candles: readonly Candle[] = first.value.candles;
  let hasMore = first.value.hasMore;
  if (cancelled()) return { ok: true, value: { candles, hasMore, error: null } };
  onChunk(candles, true, { done: candles.length, total: hasMore ? target : candles.length });
  while (hasMore && candles.length < target && candles.length > 0) {
    const r = await loadChunk(invoke, key, interval, candles[0]!.time, Math.min(chunk, target - candles.length));
    if (cancelled()) break;
    if (!r.ok) return { ok: true, value: { candles, hasMore, error: r.error } };
    const merged = mergeOlder(candles, r.value.candles, Number.MAX_SAFE_INTEGER);
    hasMore = r.value.hasMore && merged.added > 0;
    const added = merged.bars.slice(0, merged.added);
    candles = merged.bars;
    if (added.length > 0) onChunk(added, false, { done: candles.length, total: hasMore ? target : candles.length });
  }
  return { ok: true, value: { candles, hasMore, error: null } };
}
