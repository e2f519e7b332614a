import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ema } from './ema';
import { createMacdStream, macd } from './macd';

/** Seeded EMA in closed form over xs[from…]; NaN before from + period - 1. */
function closedFormEma(xs: readonly number[], period: number, from = 0): number[] {
  const a = 2 / (period + 1);
  const s = from + period - 1;
  let seed = 0;
  for (let j = from; j <= s && j < xs.length; j++) seed += xs[j]!;
  seed /= period;
  return xs.map((_, t) => {
    if (t < s) return Number.NaN;
    let v = (1 - a) ** (t - s) * seed;
    for (let j = s + 1; j <= t; j++) v += a * (1 - a) ** (t - j) * xs[j]!;
    return v;
  });
}

function expectNear(actual: number | undefined, ref: number, tol: number): void {
  if (Number.isNaN(ref)) expect(actual).toBeNaN();
  else expect(Math.abs(actual! - ref)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(ref)));
}

function expectAbs(actual: number | undefined, ref: number, tol: number): void {
  if (Number.isNaN(ref)) expect(actual).toBeNaN();
  else expect(Math.abs(actual! - ref)).toBeLessThanOrEqual(tol);
}

describe('macd', () => {
  it('hand-computed with fast 2, slow 3, signal 2 on [1,2,4,8,16,32]', () => {
    // EMA2 (alpha 2/3): 3/2, 19/6, 115/18, 691/54, 4147/162 from bar 1.
    // EMA3 (alpha 1/2): 7/3, 31/6, 127/12, 511/24 from bar 2.
    // line = EMA2 - EMA3: 5/6, 11/9, 239/108, 2791/648 from bar 2.
    // signal = EMA2 of the line seeded with (5/6 + 11/9)/2 = 37/36 at bar 3: 37/36, 589/324, 845/243.
    const m = macd([1, 2, 4, 8, 16, 32], { fast: 2, slow: 3, signal: 2 });
    const line = [NaN, NaN, 5 / 6, 11 / 9, 239 / 108, 2791 / 648];
    const signal = [NaN, NaN, NaN, 37 / 36, 589 / 324, 845 / 243];
    line.forEach((v, i) => expectNear(m.macd[i], v, 1e-12));
    signal.forEach((v, i) => expectNear(m.signal[i], v, 1e-12));
    signal.forEach((v, i) => expectNear(m.histogram[i], line[i]! - v, 1e-12));
  });

  it('with 12, 26, 9 the line starts at bar 25 and the signal and histogram at bar 33', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 5));
    const m = macd(xs);
    expect(Number.isNaN(m.macd[24])).toBe(true);
    expect(Number.isNaN(m.macd[25])).toBe(false);
    expect(Number.isNaN(m.signal[32])).toBe(true);
    expect(Number.isNaN(m.signal[33])).toBe(false);
    expect(Number.isNaN(m.histogram[32])).toBe(true);
    // The line is the difference of this module's EMAs (tested against StockCharts in ema.test.ts).
    const f = ema(xs, 12);
    const s = ema(xs, 26);
    for (let i = 25; i < 60; i++) expect(m.macd[i]).toBeCloseTo(f[i]! - s[i]!, 12);
  });

  it('short series: all warm-up, no throw', () => {
    const m = macd([1, 2, 3]);
    expect(Array.from(m.macd).every(Number.isNaN)).toBe(true);
    expect(Array.from(m.signal).every(Number.isNaN)).toBe(true);
    expect(macd([]).histogram).toHaveLength(0);
  });

  it('refuses bad periods (fast must be shorter than slow) and non-finite inputs', () => {
    expect(() => macd([1], { fast: 26, slow: 12 })).toThrow(/shorter than slow/);
    expect(() => macd([1], { signal: 0 })).toThrow(RangeError);
    expect(() => macd([1, Number.NaN])).toThrow(/bar 1/);
    expect(() => createMacdStream({ fast: 3, slow: 3 })).toThrow(RangeError);
  });

  it('equals the closed-form composition on random series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 90 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (xs, fast, extra, signal) => {
          const slow = fast + extra;
          const m = macd(xs, { fast, slow, signal });
          const f = closedFormEma(xs, fast);
          const s = closedFormEma(xs, slow);
          const line = xs.map((_, i) => (i < slow - 1 ? Number.NaN : f[i]! - s[i]!));
          const sig = closedFormEma(
            line.map((v) => (Number.isNaN(v) ? 0 : v)),
            signal,
            slow - 1,
          );
          // The line is a difference of prices: compare at an absolute scale of the largest price.
          const tol = 1e-10 * Math.max(1, ...xs);
          xs.forEach((_, i) => {
            expectAbs(m.macd[i], line[i]!, tol);
            expectAbs(m.signal[i], sig[i]!, tol);
            expectAbs(m.histogram[i], line[i]! - sig[i]!, 2 * tol);
          });
        },
      ),
    );
  });
});
