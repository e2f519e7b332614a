import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRsiStream, rsi, rsiFromAverages } from './rsi';

// StockCharts ChartSchool, "Relative Strength Index (RSI)", 14-day worked table (cs-rsi, QQQQ closes
// 14-Dec-2009 … 1-Feb-2010). The sheet's closes carry four decimals (the page prints two); the 19 RSI
// values from bar 14 on are the page's, rounded to two decimals.
const CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328,
  45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
  45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const RSI14 = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
  45.46, 37.3, 33.08, 37.77,
];

/**
 * Wilder's averages in closed form (seed × (1-1/p)^(t-p) plus the weighted later terms) and the
 * textbook RSI = 100 - 100 / (1 + RS): a different formulation from the module's recursion.
 */
function closedFormRsi(xs: readonly number[], p: number): number[] {
  const gains = xs.map((x, i) => (i === 0 ? 0 : Math.max(x - xs[i - 1]!, 0)));
  const losses = xs.map((x, i) => (i === 0 ? 0 : Math.max(xs[i - 1]! - x, 0)));
  const wilder = (v: readonly number[], t: number): number => {
    let seed = 0;
    for (let j = 1; j <= p; j++) seed += v[j]!;
    let avg = (1 - 1 / p) ** (t - p) * (seed / p);
    for (let j = p + 1; j <= t; j++) avg += (1 / p) * (1 - 1 / p) ** (t - j) * v[j]!;
    return avg;
  };
  return xs.map((_, t) => {
    if (t < p) return Number.NaN;
    const g = wilder(gains, t);
    const l = wilder(losses, t);
    if (g === 0 && l === 0) return 50;
    if (l === 0) return 100;
    return 100 - 100 / (1 + g / l);
  });
}

describe('rsi', () => {
  it('matches the StockCharts 14-day RSI table', () => {
    const out = rsi(CLOSES);
    for (let i = 0; i < 14; i++) expect(out[i]).toBeNaN();
    RSI14.forEach((ref, k) => expect(Math.abs(out[14 + k]! - ref)).toBeLessThanOrEqual(0.005 + 1e-9));
  });

  it('hand-computed: closes [1,2,1,3,2] over 2 bars', () => {
    // changes +1, -1, +2, -1. Bar 2: gains (1+0)/2, losses (0+1)/2 → RSI 50.
    // Bar 3: gain (0.5×1 + 2)/2 = 1.25, loss (0.5×1 + 0)/2 = 0.25 → 100 × 1.25/1.5 = 83.33…
    // Bar 4: gain (1.25 + 0)/2 = 0.625, loss (0.25 + 1)/2 = 0.625 → 50.
    const out = rsi([1, 2, 1, 3, 2], 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(50);
    expect(out[3]).toBeCloseTo(250 / 3, 12);
    expect(out[4]).toBe(50);
  });

  it('edge cases: only gains → 100, only losses → 0, flat → 50 (our convention for 0/0)', () => {
    expect(rsi([1, 2, 3, 4, 5, 6], 3)[5]).toBe(100);
    expect(rsi([6, 5, 4, 3, 2, 1], 3)[5]).toBe(0);
    expect(rsi([7, 7, 7, 7, 7], 3)[4]).toBe(50);
    expect(rsiFromAverages(0, 0)).toBe(50);
    expect(rsiFromAverages(3, 1)).toBe(75);
  });

  it('the first value needs period + 1 closes', () => {
    expect(Number.isNaN(rsi(CLOSES.slice(0, 14))[13])).toBe(true);
    expect(Number.isNaN(rsi(CLOSES.slice(0, 15))[14])).toBe(false);
  });

  it('refuses bad periods and non-finite closes', () => {
    expect(() => rsi([1, 2], 0)).toThrow(RangeError);
    expect(() => rsi([1, Number.NaN], 1)).toThrow(/bar 1/);
    expect(() => createRsiStream(1.5)).toThrow(RangeError);
    const s = createRsiStream(1);
    s.push(10);
    expect(s.push(11)).toBe(100);
    expect(() => s.update(Number.NaN)).toThrow(RangeError);
    expect(s.update(9)).toBe(0); // state kept: the change is still measured from 10
  });

  it('equals the closed form on random series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        (xs, period) => {
          const out = rsi(xs, period);
          closedFormRsi(xs, period).forEach((ref, i) => {
            if (Number.isNaN(ref)) expect(out[i]).toBeNaN();
            else expect(Math.abs(out[i]! - ref)).toBeLessThanOrEqual(1e-7);
          });
        },
      ),
    );
  });

  it('stays within [0, 100], batch and stream (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        (xs, period) => {
          const out = rsi(xs, period);
          const s = createRsiStream(period);
          xs.forEach((x, i) => {
            const v = s.push(x);
            for (const r of [out[i]!, v]) {
              if (i < period) expect(r).toBeNaN();
              else {
                expect(r).toBeGreaterThanOrEqual(0);
                expect(r).toBeLessThanOrEqual(100);
              }
            }
          });
        },
      ),
    );
  });
});
