/**
 * A per-frame budget for the chart's secondary series (volume and indicator lines).
 *
 * Measured in the chart frame benchmark: lightweight-charts rebuilds the drawn items of EVERY series
 * whose data changed, over the whole series (O(bars) each, with the garbage that makes), so a frame
 * costs about one series' worth per `update()`: with 10 k bars, candles + volume take ~6 ms of main
 * thread per frame and each further line ~2 ms (all six indicators: ~30 ms). So the candle series
 * is updated every frame, and the secondary series share a budget of a few `update()`s per frame,
 * taken round-robin; a series waiting its turn keeps only its last point per candle time (so at a
 * candle boundary the closing value is still applied, then the new one).
 *
 * Source: issue 5, "Chart" (each series gets at most one update() per frame) and "Speed".
 */

/** A point with the candle time it belongs to (any time unit; only equality and order matter). */
export interface TimedPoint {
  readonly time: number;
}

/** See the file comment. `K` identifies a series (the series object itself). */
export class RoundRobinUpdates<K, P extends TimedPoint> {
  private readonly pendingByKey = new Map<K, Map<number, P>>();
  private order: K[] = [];
  private next = 0;

  /** Holds `point` for `key`, replacing a held point of the same time. */
  set(key: K, point: P): void {
    let m = this.pendingByKey.get(key);
    if (m === undefined) {
      m = new Map();
      this.pendingByKey.set(key, m);
      if (!this.order.includes(key)) this.order.push(key);
    }
    m.set(point.time, point);
  }

  /** True while some series has points waiting. */
  get pending(): boolean {
    return this.pendingByKey.size > 0;
  }

  /**
   * Up to `budget` series with waiting points, continuing after the last one served, each with its
   * points in time order; they are no longer pending.
   */
  take(budget: number): [K, P[]][] {
    const out: [K, P[]][] = [];
    const n = this.order.length;
    const start = this.next;
    for (let i = 0; i < n && out.length < budget; i++) {
      const idx = (start + i) % n;
      const key = this.order[idx]!;
      const m = this.pendingByKey.get(key);
      if (m === undefined) continue;
      this.pendingByKey.delete(key);
      out.push([key, [...m.values()].sort((a, b) => a.time - b.time)]);
      this.next = (idx + 1) % n;
    }
    return out;
  }

  /** Forgets `key` (its series was removed). */
  drop(key: K): void {
    this.pendingByKey.delete(key);
    const i = this.order.indexOf(key);
    if (i < 0) return;
    this.order.splice(i, 1);
    if (this.next > i) this.next--;
    if (this.next >= this.order.length) this.next = 0;
  }

  /** Forgets every waiting point (after a full redraw). */
  clear(): void {
    this.pendingByKey.clear();
  }
}
