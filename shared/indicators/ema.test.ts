import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmaStream, ema, emaAlpha } from './ema';

// StockCharts ChartSchool, "Moving Averages - Simple and Exponential", 10-day EMA worked table
// (cs-movavg): the same 30 closes as the SMA table; the EMA is seeded with the 10-day SMA.
const CLOSES = [
  22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36,
  24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68, 23.1, 22.4, 22.17,
];
const EMA10 = [
  22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.8, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.53, 23.47,
  23.4, 23.39, 23.26, 23.23, 23.08, 22.92,
];

/**
 * The closed form of the seeded EMA, a different formulation from the recursion:
 * EMA[t] = (1-a)^(t-s) × seed + Σ_{j=s+1..t} a (1-a)^(t-j) x[j], with s = period-1.
 */
function closedFormEma(xs: readonly number[], period: number): number[] {
  const a = 2 / (period + 1);
  const s = period - 1;
  let seed = 0;
  for (let j = 0; j < period && j < xs.length; j++) seed += xs[j]!;
  seed /= period;
  return xs.map((_, t) => {
    if (t < s) return Number.NaN;
    let v = (1 - a) ** (t - s) * seed;
    for (let j = s + 1; j <= t; j++) v += a * (1 - a) ** (t - j) * xs[j]!;
    return v;
  });
}

describe('ema', () => {
  it('alpha is 2 / (period + 1)', () => {
    expect(emaAlpha(10)).toBeCloseTo(0.181818, 6); // StockCharts: "Multiplier: (2 / (10 + 1)) = 0.1818 (18.18%)"
    expect(emaAlpha(1)).toBe(1);
  });

  it('hand-computed: [2,4,6,8,12] over 3 bars: seed SMA 4, then 4+0.5(8-4)=6, 6+0.5(12-6)=9', () => {
    expect(Array.from(ema([2, 4, 6, 8, 12], 3))).toEqual([NaN, NaN, 4, 6, 9]);
  });

  it('period 1 is the input; too short a series is all warm-up', () => {
    expect(Array.from(ema([5, 1, 9], 1))).toEqual([5, 1, 9]);
    expect(Array.from(ema([5, 1], 3))).toEqual([NaN, NaN]);
  });

  it('matches the StockCharts 10-day EMA table to the cent', () => {
    const out = ema(CLOSES, 10);
    for (let i = 0; i < 9; i++) expect(out[i]).toBeNaN();
    EMA10.forEach((ref, k) => expect(Math.abs(out[9 + k]! - ref)).toBeLessThanOrEqual(0.005 + 1e-9));
  });

  it('refuses bad periods and non-finite inputs', () => {
    expect(() => ema([1], 0)).toThrow(RangeError);
    expect(() => ema([1, Number.NaN], 1)).toThrow(/bar 1/);
    expect(() => createEmaStream(Number.NaN)).toThrow(RangeError);
    expect(() => createEmaStream(3).push(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
  });

  it('equals the closed form on random series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        (xs, period) => {
          const out = ema(xs, period);
          closedFormEma(xs, period).forEach((ref, i) => {
            if (Number.isNaN(ref)) expect(out[i]).toBeNaN();
            else expect(Math.abs(out[i]! - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
          });
        },
      ),
    );
  });

  it('stays between the smallest and largest input seen (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        (xs, period) => {
          const out = ema(xs, period);
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          for (const v of out) {
            if (!Number.isNaN(v)) {
              expect(v).toBeGreaterThanOrEqual(lo - 1e-9 * hi);
              expect(v).toBeLessThanOrEqual(hi + 1e-9 * hi);
            }
          }
        },
      ),
    );
  });
});
