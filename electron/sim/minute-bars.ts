/**
 * Records one instrument's live prices as 1-minute bars (the live side of the candle seam).
 * Bars are keyed by the epoch minute (ms of the minute's start, UTC); volume in units; OI the last
 * value seen in the minute. Only the most recent `capacity` bars are kept (older minutes come from
 * the seeded history generator, which agrees with them only at the seam).
 */

/** One recorded 1-minute bar; prices in rupees, times epoch ms UTC. */
export interface MinuteBar {
  readonly startMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  oi: number;
}

/** A bounded, append-only list of 1-minute bars. */
export class MinuteBars {
  private readonly bars: MinuteBar[] = [];

  constructor(private readonly capacity = 3 * 375 + 60) {}

  /** Adds a price print at `timeMs` (UTC ms) with `volume` units and the current `oi`. */
  record(timeMs: number, price: number, volume: number, oi: number): void {
    const start = Math.floor(timeMs / 60_000) * 60_000;
    const last = this.bars[this.bars.length - 1];
    if (last && last.startMs === start) {
      if (price > last.high) last.high = price;
      if (price < last.low) last.low = price;
      last.close = price;
      last.volume += volume;
      last.oi = oi;
      return;
    }
    if (last && start < last.startMs) return; // out of order: ignored (never happens with a monotone clock)
    this.bars.push({ startMs: start, open: price, high: price, low: price, close: price, volume, oi });
    if (this.bars.length > this.capacity) this.bars.splice(0, this.bars.length - this.capacity);
  }

  /** Bars with `fromMs ≤ startMs < toMs`, oldest first. */
  range(fromMs: number, toMs: number): readonly MinuteBar[] {
    return this.bars.filter((b) => b.startMs >= fromMs && b.startMs < toMs);
  }

  /** Start of the oldest kept bar, or +Infinity when empty. */
  firstStartMs(): number {
    return this.bars[0]?.startMs ?? Infinity;
  }
}
