/**
 * The live candle: ticks (`QuoteTick`, conflated per frame by the core) folded into the forming
 * candle of the chart's interval.
 *
 * Rules (issue 5, "Chart": "live candle built from ticks"):
 * - A tick's time is its last trade time (`lttMs`); a tick without a trade yet is ignored.
 * - The bucket is `bucketStartSec` (./candle-buckets.ts): session-open aligned minutes, daily
 *   candles from IST midnight. When seeded with the last history candle and a tick falls inside it,
 *   that candle keeps forming (history and ticks meet without a duplicate bar).
 * - A tick older than the forming candle's bucket is late: ignored and counted (`lateTicks`). A tick
 *   in the forming bucket whose trade time is older than the last one applied is merged: it may
 *   widen high/low, but does not move the close (the close is the latest trade).
 * - Volume of an intraday candle = day volume now − day volume when the bucket started (the last day
 *   volume seen before it; for the first tick ever, the day volume before its own trade, i.e.
 *   `volume − ltq`; when continuing a history candle, `volume − candle.volume`). Day volume that
 *   goes down (a new session) restarts the base. A daily candle's volume is the day volume itself,
 *   and its high/low take the day's high/low from the tick.
 *
 * Prices in rupees, times epoch seconds UTC (`Candle.time`), volume in units.
 */
import type { QuoteTick } from '../../../shared/ipc/contract';
import type { Candle, CandleInterval } from '../../../shared/market';
import { bucketStartSec, intervalSeconds } from './candle-buckets';

/** What applying one tick did: nothing, changed the forming candle, or opened a new one. */
export type TickEffect = 'ignored' | 'updated' | 'opened';

/** The tick fields the builder reads. */
export type CandleTick = Pick<QuoteTick, 'ltp' | 'ltq' | 'lttMs' | 'volume' | 'high' | 'low'>;

/** See the file comment. One builder per chart (instrument and interval); re-create on a change. */
export class LiveCandleBuilder {
  private candle: Candle | null = null;
  private lastTradeMs = -Infinity;
  /** Day volume at the start of the forming bucket (intraday). */
  private baseVolume = 0;
  /** Largest day volume seen (cumulative; a smaller one is a late tick or a new session). */
  private dayVolume: number | null = null;
  private late = 0;

  /**
   * @param interval the chart's interval.
   * @param openMinute session open, minutes after IST midnight (`sessionOpenMinute(segment)`).
   */
  constructor(
    readonly interval: CandleInterval,
    private readonly openMinute = 555,
  ) {}

  /**
   * Seeds with the newest history candle (or none): a tick inside its bucket keeps it forming.
   * Call before the first tick; calling again re-seeds (after the history was reloaded).
   */
  seed(last: Candle | undefined): void {
    this.candle = last ?? null;
    this.lastTradeMs = last ? last.time * 1000 : -Infinity;
    this.baseVolume = 0;
    this.dayVolume = null;
  }

  /** The forming candle (the newest), or null before any history or trade. */
  get current(): Candle | null {
    return this.candle;
  }

  /** Ticks ignored because their trade belongs to a bucket before the forming one. */
  get lateTicks(): number {
    return this.late;
  }

  /** Folds one tick in; see the file comment. Never throws: a non-finite price or time is ignored. */
  apply(tick: CandleTick): TickEffect {
    const ms = tick.lttMs;
    if (ms === null || !Number.isFinite(ms) || !Number.isFinite(tick.ltp) || tick.ltp <= 0) return 'ignored';
    const t = Math.floor(ms / 1000);
    const cur = this.candle;
    const daily = this.interval === '1d';
    // A history candle that is still forming owns the tick when the tick falls inside it.
    let bucket = bucketStartSec(t, this.interval, this.openMinute);
    if (cur !== null && t >= cur.time && t < cur.time + intervalSeconds(this.interval)) bucket = cur.time;

    if (cur !== null && bucket < cur.time) {
      this.late++;
      return 'ignored';
    }
    const volume = Number.isFinite(tick.volume) && tick.volume >= 0 ? tick.volume : (this.dayVolume ?? 0);

    if (cur === null || bucket > cur.time) {
      if (!daily) {
        const prev = this.dayVolume;
        this.baseVolume = prev !== null && prev <= volume ? prev : Math.max(0, volume - Math.max(0, tick.ltq));
      }
      this.dayVolume = volume;
      this.lastTradeMs = ms;
      const open = tick.ltp;
      this.candle = {
        time: bucket,
        open,
        high: daily && tick.high > 0 ? Math.max(open, tick.high) : open,
        low: daily && tick.low > 0 ? Math.min(open, tick.low) : open,
        close: open,
        volume: daily ? volume : volume - this.baseVolume,
      };
      return 'opened';
    }

    // Same bucket as the forming candle.
    if (this.dayVolume === null) {
      // First tick on a seeded history candle: its volume so far is already in the candle.
      this.baseVolume = daily ? 0 : Math.max(0, volume - cur.volume);
      this.dayVolume = volume;
    } else if (volume > this.dayVolume) {
      this.dayVolume = volume;
    }
    const latest = ms >= this.lastTradeMs;
    if (latest) this.lastTradeMs = ms;
    let high = Math.max(cur.high, tick.ltp);
    let low = Math.min(cur.low, tick.ltp);
    if (daily) {
      if (tick.high > 0) high = Math.max(high, tick.high);
      if (tick.low > 0) low = Math.min(low, tick.low);
    }
    const close = latest ? tick.ltp : cur.close;
    const candleVolume = daily ? Math.max(cur.volume, this.dayVolume) : Math.max(cur.volume, this.dayVolume - this.baseVolume);
    if (high === cur.high && low === cur.low && close === cur.close && candleVolume === cur.volume) return 'ignored';
    this.candle = { time: cur.time, open: cur.open, high, low, close, volume: candleVolume };
    return 'updated';
  }
}
