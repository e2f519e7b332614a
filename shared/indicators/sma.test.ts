import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSmaStream, sma } from './sma';

// StockCharts ChartSchool, "Moving Averages - Simple and Exponential", 10-day SMA worked table
// (the cs-movavg spreadsheet): 30 closes and the 21 SMA values it prints, rounded to cents.
const CLOSES = [
  22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36,
  24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68, 23.1, 22.4, 22.17,
];
const SMA10 = [
  22.22, 22.21, 22.23, 22.26, 22.3, 22.42, 22.61, 22.77, 22.91, 23.08, 23.21, 23.38, 23.52, 23.65, 23.71,
  23.68, 23.61, 23.51, 23.43, 23.28, 23.13,
];

/** The definition, written out: mean of the `period` inputs ending at each bar. */
function naiveSma(xs: readonly number[], period: number): number[] {
  return xs.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    let s = 0;
    for (let j = i - period + 1; j <= i; j++) s += xs[j]!;
    return s / period;
  });
}

describe('sma', () => {
  it('hand-computed: [1,2,3,4,5] over 3 bars is NaN, NaN, 2, 3, 4', () => {
    expect(Array.from(sma([1, 2, 3, 4, 5], 3))).toEqual([NaN, NaN, 2, 3, 4]);
    expect(Array.from(sma(new Float64Array([10, 20, 60]), 2))).toEqual([NaN, 15, 40]);
  });

  it('period 1 is the input; a period longer than the series is all warm-up', () => {
    expect(Array.from(sma([3.5, 7, 1], 1))).toEqual([3.5, 7, 1]);
    expect(Array.from(sma([1, 2], 5))).toEqual([NaN, NaN]);
    expect(sma([], 3)).toHaveLength(0);
  });

  it('matches the StockCharts 10-day SMA table to the cent', () => {
    const out = sma(CLOSES, 10);
    for (let i = 0; i < 9; i++) expect(out[i]).toBeNaN();
    SMA10.forEach((ref, k) => expect(Math.abs(out[9 + k]! - ref)).toBeLessThanOrEqual(0.005 + 1e-9));
  });

  it('keeps full precision over long series at index-like prices (no running-sum drift)', () => {
    // 200 000 bars around ₹25 000 moving in paise: compare with the definition recomputed per bar.
    const xs: number[] = [];
    let p = 25_000;
    let seed = 7;
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      p = Math.round((p + ((seed % 41) - 20) * 0.05) * 100) / 100;
      xs.push(p);
    }
    const out = sma(xs, 20);
    const ref = naiveSma(xs.slice(-1000), 20);
    for (let k = 19; k < 1000; k++) {
      expect(Math.abs(out[xs.length - 1000 + k]! - ref[k]!)).toBeLessThan(1e-9);
    }
  });

  it('refuses bad periods and non-finite inputs with a RangeError naming the bar', () => {
    expect(() => sma([1, 2], 0)).toThrow(RangeError);
    expect(() => sma([1, 2], 2.5)).toThrow(/integer >= 1/);
    expect(() => sma([1, Number.NaN, 3], 2)).toThrow(/bar 1/);
    expect(() => createSmaStream(-1)).toThrow(RangeError);
  });

  it('a stream that refuses a value keeps its state', () => {
    const s = createSmaStream(2);
    s.push(10);
    expect(s.push(20)).toBe(15);
    expect(() => s.update(Number.POSITIVE_INFINITY)).toThrow(/update/);
    expect(() => s.push(Number.NaN)).toThrow(/push/);
    expect(s.length).toBe(2);
    expect(s.update(30)).toBe(20);
    expect(s.push(40)).toBe(35);
  });

  it('the SMA of a constant is that constant (property, batch and stream)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 10_000_000 }).map((paise) => paise / 100),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 80 }),
        (c, period, n) => {
          const xs = new Array<number>(n).fill(c);
          const out = sma(xs, period);
          const s = createSmaStream(period);
          for (let i = 0; i < n; i++) {
            const v = s.push(c);
            if (i < period - 1) {
              expect(out[i]).toBeNaN();
              expect(v).toBeNaN();
            } else {
              expect(Math.abs(out[i]! - c)).toBeLessThanOrEqual(1e-12 * c);
              expect(Math.abs(v - c)).toBeLessThanOrEqual(1e-12 * c);
            }
          }
        },
      ),
    );
  });

  it('equals the definition on random series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        (xs, period) => {
          const out = sma(xs, period);
          naiveSma(xs, period).forEach((ref, i) => {
            if (Number.isNaN(ref)) expect(out[i]).toBeNaN();
            else expect(Math.abs(out[i]! - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
          });
        },
      ),
    );
  });
});
