import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bollinger, createBollingerStream } from './bollinger';

// StockCharts ChartSchool, "Bollinger Bands", 20-day / 2σ worked table: 42 closes and the bands
// from bar 19 on, rounded to cents.
const CLOSES = [
  86.16, 89.09, 88.78, 90.32, 89.07, 91.15, 89.44, 89.18, 86.93, 87.68, 86.96, 89.43, 89.32, 88.72, 87.45,
  87.26, 89.5, 87.9, 89.13, 90.7, 92.9, 92.98, 91.8, 92.66, 92.68, 92.3, 92.77, 92.54, 92.95, 93.2, 91.07,
  89.83, 89.74, 90.4, 90.74, 88.02, 88.09, 88.84, 90.78, 90.54, 91.39, 90.65,
];
const MIDDLE = [
  88.71, 89.05, 89.24, 89.39, 89.51, 89.69, 89.75, 89.91, 90.08, 90.38, 90.66, 90.86, 90.88, 90.9, 90.99,
  91.15, 91.19, 91.12, 91.17, 91.25, 91.24, 91.17, 91.05,
];
const UPPER = [
  91.29, 91.95, 92.61, 92.93, 93.31, 93.73, 93.9, 94.26, 94.56, 94.79, 95.04, 94.91, 94.9, 94.89, 94.86,
  94.67, 94.55, 94.68, 94.57, 94.53, 94.53, 94.37, 94.15,
];
const LOWER = [
  86.13, 86.14, 85.87, 85.85, 85.7, 85.65, 85.59, 85.56, 85.6, 85.98, 86.27, 86.82, 86.86, 86.91, 87.12,
  87.63, 87.83, 87.56, 87.76, 87.97, 87.95, 87.96, 87.95,
];
// The first six rows of the same table to 9 significant digits, as printed by an independent NumPy
// implementation's doctest on these closes (upper, middle, lower).
const PRECISE: ReadonlyArray<readonly [number, number, number]> = [
  [91.2919107, 88.7085, 86.1250893],
  [91.9497209, 89.0455, 86.1412791],
  [92.6132536, 89.24, 85.8667464],
  [92.9344497, 89.391, 85.8475503],
  [93.3114122, 89.508, 85.7045878],
  [93.727011, 89.6885, 85.649989],
];

describe('bollinger', () => {
  it('hand-computed: [1,2,3] over 3 bars, k 2: middle 2, σ = √(2/3), bands 2 ± 2√(2/3)', () => {
    const b = bollinger([1, 2, 3], { period: 3 });
    expect(b.middle[2]).toBe(2);
    expect(b.upper[2]).toBeCloseTo(3.632993161855452, 12);
    expect(b.lower[2]).toBeCloseTo(0.367006838144548, 12);
    expect(b.middle[1]).toBeNaN();
    // [4, 8] over 2 bars with k 1: mean 6, population σ 2 (a sample σ would be 2.83).
    const c = bollinger([4, 8], { period: 2, k: 1 });
    expect([c.lower[1], c.middle[1], c.upper[1]]).toEqual([4, 6, 8]);
  });

  it('matches the StockCharts 20-day table (population σ, k = 2)', () => {
    const b = bollinger(CLOSES);
    for (let i = 0; i < 19; i++) expect(b.middle[i]).toBeNaN();
    for (let k = 0; k < MIDDLE.length; k++) {
      expect(Math.abs(b.middle[19 + k]! - MIDDLE[k]!)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(b.upper[19 + k]! - UPPER[k]!)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(b.lower[19 + k]! - LOWER[k]!)).toBeLessThanOrEqual(0.0051);
    }
    PRECISE.forEach(([u, m, l], k) => {
      expect(b.upper[19 + k]).toBeCloseTo(u, 6);
      expect(b.middle[19 + k]).toBeCloseTo(m, 6);
      expect(b.lower[19 + k]).toBeCloseTo(l, 6);
    });
  });

  it('the stream keeps precision at ₹25 000 with paise-wide bands over many bars and ticks', () => {
    const s = createBollingerStream();
    const xs: number[] = [];
    let seed = 11;
    let p = 25_000;
    let last = s.push(p);
    xs.push(p);
    for (let i = 1; i < 50_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      p = Math.round((p + ((seed % 3) - 1) * 0.05) * 100) / 100;
      s.push(p);
      for (let t = 0; t < 3; t++) last = s.update(p + (t - 1) * 0.05); // ticks on the forming candle
      last = s.update(p);
      xs.push(p);
    }
    const b = bollinger(xs.slice(-20), { period: 20 });
    expect(Math.abs(last.middle - b.middle[19]!)).toBeLessThan(1e-9);
    expect(Math.abs(last.upper - b.upper[19]!)).toBeLessThan(1e-8);
    expect(Math.abs(last.lower - b.lower[19]!)).toBeLessThan(1e-8);
  });

  it('a constant series has all three bands on the constant', () => {
    const b = bollinger(new Array<number>(30).fill(24_567.35));
    expect(b.upper[29]).toBeCloseTo(24_567.35, 9);
    expect(b.lower[29]).toBeCloseTo(24_567.35, 9);
    const s = createBollingerStream({ period: 5, k: 3 });
    let v = s.push(101.1);
    for (let i = 0; i < 12; i++) v = s.push(101.1);
    expect(v).toEqual({ middle: 101.1, upper: 101.1, lower: 101.1 });
  });

  it('refuses bad parameters and non-finite inputs', () => {
    expect(() => bollinger([1], { period: 0 })).toThrow(RangeError);
    expect(() => bollinger([1], { k: -1 })).toThrow(/k must be/);
    expect(() => bollinger([1, Number.NaN], { period: 1 })).toThrow(/bar 1/);
    expect(() => createBollingerStream({ k: Number.NaN })).toThrow(RangeError);
  });

  it('upper >= middle >= lower on random series, batch and stream (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 10_000_000 }).map((p) => p / 100), { maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (xs, period, k) => {
          const b = bollinger(xs, { period, k });
          const s = createBollingerStream({ period, k });
          xs.forEach((x, i) => {
            const p = s.push(x);
            if (i < period - 1) {
              expect(b.middle[i]).toBeNaN();
              expect(p.middle).toBeNaN();
              return;
            }
            expect(b.upper[i]!).toBeGreaterThanOrEqual(b.middle[i]!);
            expect(b.middle[i]!).toBeGreaterThanOrEqual(b.lower[i]!);
            expect(p.upper).toBeGreaterThanOrEqual(p.middle);
            expect(p.middle).toBeGreaterThanOrEqual(p.lower);
          });
        },
      ),
    );
  });
});
