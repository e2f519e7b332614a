import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market';
import { bucketStartSec, istDayStartSec, sessionOpenMinute } from './candle-buckets';
import { LiveCandleBuilder, type CandleTick } from './live-candle';

/** Epoch seconds UTC of an IST wall-clock time on 2026-11-20 (a Friday). */
const ist = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 20, h, m, s) / 1000 - 19_800;

const tick = (atSec: number, ltp: number, volume: number, ltq = 1, extra: Partial<CandleTick> = {}): CandleTick => ({
  ltp,
  ltq,
  lttMs: atSec * 1000,
  volume,
  high: 0,
  low: 0,
  ...extra,
});

describe('bucketStartSec', () => {
  it('aligns minute candles to 09:15 IST, including 25 and 60 minutes', () => {
    expect(bucketStartSec(ist(9, 15, 59), '1m')).toBe(ist(9, 15));
    expect(bucketStartSec(ist(9, 19, 59), '5m')).toBe(ist(9, 15));
    expect(bucketStartSec(ist(9, 44, 0), '15m')).toBe(ist(9, 30));
    expect(bucketStartSec(ist(9, 39, 59), '25m')).toBe(ist(9, 15));
    expect(bucketStartSec(ist(9, 40, 0), '25m')).toBe(ist(9, 40));
    expect(bucketStartSec(ist(15, 29, 0), '25m')).toBe(ist(15, 5));
    expect(bucketStartSec(ist(10, 14, 59), '60m')).toBe(ist(9, 15));
    expect(bucketStartSec(ist(15, 20, 0), '60m')).toBe(ist(15, 15));
  });

  it('puts daily candles at IST midnight (18:30 UTC the day before)', () => {
    expect(bucketStartSec(ist(9, 15), '1d')).toBe(Date.UTC(2026, 10, 19, 18, 30) / 1000);
    expect(bucketStartSec(ist(23, 59, 59), '1d')).toBe(ist(0, 0));
    expect(istDayStartSec(ist(0, 0))).toBe(ist(0, 0));
    expect(istDayStartSec(ist(0, 0) - 1)).toBe(ist(0, 0) - 86_400);
  });

  it('uses 09:00 IST for MCX', () => {
    expect(sessionOpenMinute('MCX_COMM')).toBe(540);
    expect(bucketStartSec(ist(10, 5), '60m', sessionOpenMinute('MCX_COMM'))).toBe(ist(10, 0));
    expect(bucketStartSec(ist(10, 5), '60m', sessionOpenMinute('NSE_EQ'))).toBe(ist(9, 15));
  });
});

describe('LiveCandleBuilder', () => {
  it('opens, updates and rolls 5-minute candles with OHLC from LTP', () => {
    const b = new LiveCandleBuilder('5m');
    b.seed(undefined);
    expect(b.apply(tick(ist(9, 15, 1), 100, 1000, 10))).toBe('opened');
    expect(b.apply(tick(ist(9, 16, 0), 104, 1100))).toBe('updated');
    expect(b.apply(tick(ist(9, 17, 0), 98, 1250))).toBe('updated');
    expect(b.apply(tick(ist(9, 19, 59), 101, 1300))).toBe('updated');
    expect(b.current).toEqual({ time: ist(9, 15), open: 100, high: 104, low: 98, close: 101, volume: 310 });
    expect(b.apply(tick(ist(9, 20, 0), 102, 1340))).toBe('opened');
    // The new bucket's base is the last day volume seen before it (1300).
    expect(b.current).toEqual({ time: ist(9, 20), open: 102, high: 102, low: 102, close: 102, volume: 40 });
  });

  it('ignores ticks without a trade, with a bad price, and duplicates', () => {
    const b = new LiveCandleBuilder('1m');
    b.seed(undefined);
    expect(b.apply({ ...tick(ist(9, 15), 100, 10), lttMs: null })).toBe('ignored');
    expect(b.apply(tick(ist(9, 15), Number.NaN, 10))).toBe('ignored');
    expect(b.apply(tick(ist(9, 15), 0, 10))).toBe('ignored');
    expect(b.current).toBeNull();
    expect(b.apply(tick(ist(9, 15, 5), 100, 10, 10))).toBe('opened');
    expect(b.apply(tick(ist(9, 15, 5), 100, 10, 10))).toBe('ignored');
  });

  it('continues the last history candle when the first tick falls inside it', () => {
    const last: Candle = { time: ist(9, 40), open: 200, high: 205, low: 199, close: 203, volume: 5000 };
    const b = new LiveCandleBuilder('25m');
    b.seed(last);
    // Day volume 80 000 now; the candle already holds 5000 of it, so 75 000 came before the bucket.
    expect(b.apply(tick(ist(9, 52), 206, 80_000))).toBe('updated');
    expect(b.current).toEqual({ time: ist(9, 40), open: 200, high: 206, low: 199, close: 206, volume: 5000 });
    b.apply(tick(ist(9, 53), 204, 80_600));
    expect(b.current).toEqual({ time: ist(9, 40), open: 200, high: 206, low: 199, close: 204, volume: 5600 });
    expect(b.apply(tick(ist(10, 5), 204.5, 80_700))).toBe('opened');
    expect(b.current?.volume).toBe(100);
    expect(b.current?.time).toBe(ist(10, 5));
  });

  it('ignores and counts ticks of an earlier bucket; merges a late tick of the forming bucket without moving the close', () => {
    const b = new LiveCandleBuilder('1m');
    b.seed(undefined);
    b.apply(tick(ist(9, 30, 10), 100, 500));
    b.apply(tick(ist(9, 31, 5), 101, 600));
    expect(b.apply(tick(ist(9, 30, 59), 90, 590))).toBe('ignored');
    expect(b.lateTicks).toBe(1);
    b.apply(tick(ist(9, 31, 30), 102, 650));
    // Older trade time in the same bucket: widens the low, close stays 102, volume keeps the max.
    expect(b.apply(tick(ist(9, 31, 20), 99, 640))).toBe('updated');
    expect(b.current).toEqual({ time: ist(9, 31), open: 101, high: 102, low: 99, close: 102, volume: 150 });
  });

  it('restarts the volume base when the day volume resets (a new session)', () => {
    const b = new LiveCandleBuilder('1m');
    b.seed(undefined);
    b.apply(tick(ist(15, 29), 100, 9_000_000));
    const nextDay = ist(9, 15) + 86_400 * 3; // Monday
    expect(b.apply(tick(nextDay, 101, 250, 50))).toBe('opened');
    expect(b.current?.volume).toBe(50);
  });

  it('builds daily candles from IST midnight with the day volume and day high/low', () => {
    const yesterday: Candle = { time: ist(0, 0) - 86_400, open: 1, high: 2, low: 1, close: 2, volume: 9 };
    const b = new LiveCandleBuilder('1d');
    b.seed(yesterday);
    expect(b.apply(tick(ist(9, 15, 3), 1500, 12_000, 5, { high: 1510, low: 1490 }))).toBe('opened');
    expect(b.current).toEqual({ time: ist(0, 0), open: 1500, high: 1510, low: 1490, close: 1500, volume: 12_000 });
    b.apply(tick(ist(11, 0), 1520, 40_000, 5, { high: 1520, low: 1490 }));
    expect(b.current).toEqual({ time: ist(0, 0), open: 1500, high: 1520, low: 1490, close: 1520, volume: 40_000 });
  });
});

describe('LiveCandleBuilder across intervals', () => {
  it('gives the same OHLCV for a 5/15/25/60-minute candle as its 1-minute candles aggregated (same ticks)', () => {
    // A session of ticks every 7 s from 09:15 IST with a rising day volume and a wandering LTP.
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ticks: CandleTick[] = [];
    let ltp = 1400;
    let volume = 0;
    for (let t = ist(9, 15); t < ist(11, 30); t += 7) {
      ltp = Math.round((ltp + (rnd() - 0.5) * 2) * 20) / 20;
      const ltq = 1 + Math.floor(rnd() * 50);
      volume += ltq;
      ticks.push(tick(t, ltp, volume, ltq));
    }
    const run = (interval: '1m' | '5m' | '15m' | '25m' | '60m') => {
      const b = new LiveCandleBuilder(interval);
      b.seed(undefined);
      const closed: Candle[] = [];
      for (const t of ticks) {
        const prev = b.current;
        if (b.apply(t) === 'opened' && prev !== null) closed.push(prev);
      }
      closed.push(b.current!);
      return closed;
    };
    const minutes = run('1m');
    for (const interval of ['5m', '15m', '25m', '60m'] as const) {
      const expected = new Map<number, Candle>();
      for (const m of minutes) {
        const k = bucketStartSec(m.time, interval);
        const e = expected.get(k);
        expected.set(
          k,
          e === undefined
            ? { ...m, time: k }
            : { time: k, open: e.open, high: Math.max(e.high, m.high), low: Math.min(e.low, m.low), close: m.close, volume: e.volume + m.volume },
        );
      }
      expect(run(interval)).toEqual([...expected.values()]);
    }
  });
});
