import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atr, createAtrStream, trueRange } from './atr';

// StockCharts ChartSchool, "Average True Range (ATR)", 14-day worked table (cs-atr, QQQQ
// 1-Apr-2010 … 13-May-2010): high, low, close and the ATR column to 10 decimals from bar 13 on.
const HIGH = [
  48.7, 48.72, 48.9, 48.87, 48.82, 49.05, 49.2, 49.35, 49.92, 50.19, 50.12, 49.66, 49.88, 50.19, 50.36, 50.57,
  50.65, 50.43, 49.63, 50.33, 50.29, 50.17, 49.32, 48.5, 48.3201, 46.8, 47.8, 48.39, 48.66, 48.79,
];
const LOW = [
  47.79, 48.14, 48.39, 48.37, 48.24, 48.635, 48.94, 48.86, 49.5, 49.87, 49.2, 48.9, 49.43, 49.725, 49.26, 50.09,
  50.3, 49.21, 48.98, 49.61, 49.2, 49.43, 48.08, 47.64, 41.55, 44.2833, 47.31, 47.2, 47.9, 47.7301,
];
const CLOSE = [
  48.16, 48.61, 48.75, 48.63, 48.74, 49.03, 49.07, 49.32, 49.91, 50.13, 49.53, 49.5, 49.75, 50.03, 50.31, 50.52,
  50.41, 49.34, 49.37, 50.23, 49.2375, 49.93, 48.43, 48.18, 46.57, 45.41, 47.77, 47.72, 48.62, 47.85,
];
const ATR14 = [
  0.555, 0.5939285714, 0.5857908163, 0.5689486152, 0.6154522855, 0.6179199794, 0.6423542666, 0.6743289618,
  0.6927697503, 0.7754290538, 0.7814698357, 1.209229133, 1.302619909, 1.380289916, 1.366697779, 1.336219366,
  1.316482269,
];

/** Wilder's average of the true ranges in closed form, TR written as the largest of the three ranges. */
function closedFormAtr(h: readonly number[], l: readonly number[], c: readonly number[], p: number): number[] {
  const tr = h.map((hi, i) =>
    i === 0 ? hi - l[i]! : Math.max(hi - l[i]!, Math.abs(hi - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!)),
  );
  return tr.map((_, t) => {
    if (t < p - 1) return Number.NaN;
    let seed = 0;
    for (let j = 0; j < p; j++) seed += tr[j]!;
    let v = (1 - 1 / p) ** (t - p + 1) * (seed / p);
    for (let j = p; j <= t; j++) v += (1 / p) * (1 - 1 / p) ** (t - j) * tr[j]!;
    return v;
  });
}

/** Random OHLC-consistent bars in paise-rounded rupees: [high, low, close] each. */
const bars = fc.array(
  fc
    .tuple(
      fc.integer({ min: 100, max: 5_000_000 }),
      fc.integer({ min: 0, max: 20_000 }),
      fc.integer({ min: 0, max: 20_000 }),
    )
    .map(([low, width, at]) => [(low + width) / 100, low / 100, (low + Math.min(at, width)) / 100] as const),
  { maxLength: 80 },
);

describe('atr', () => {
  it('true range: the largest of high-low and the gaps to the previous close', () => {
    expect(trueRange(105, 100, 102)).toBe(5); // inside bar
    expect(trueRange(115, 110, 100)).toBe(15); // gap up: high - previous close
    expect(trueRange(95, 90, 100)).toBe(10); // gap down: previous close - low
    expect(trueRange(105, 100, Number.NaN)).toBe(5); // first bar: high - low
  });

  it('matches the StockCharts 14-day ATR table (first TR = high - low, first ATR = mean of 14 TRs)', () => {
    const out = atr(HIGH, LOW, CLOSE);
    for (let i = 0; i < 13; i++) expect(out[i]).toBeNaN();
    ATR14.forEach((ref, k) => expect(Math.abs(out[13 + k]! - ref)).toBeLessThanOrEqual(1e-9));
  });

  it('hand-computed: three bars over 2', () => {
    // TR0 = 12-10 = 2; TR1 = max(13, 11) - min(12, 11) = 2; ATR1 = (2+2)/2 = 2.
    // TR2 (gap up from 12.5): max(16, 12.5) - min(15, 12.5) = 3.5; ATR2 = (2×1 + 3.5)/2 = 2.75.
    const out = atr([12, 13, 16], [10, 12, 15], [11, 12.5, 15.5], 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(2);
    expect(out[2]).toBe(2.75);
  });

  it('refuses bad periods, unequal series, non-finite fields and high < low', () => {
    expect(() => atr([1], [1], [1], 0)).toThrow(RangeError);
    expect(() => atr([1, 2], [1], [1, 2])).toThrow(/differ in length/);
    expect(() => atr([1, Number.NaN], [1, 1], [1, 1])).toThrow(/bar 1/);
    expect(() => atr([1, 2], [1, 3], [1, 2])).toThrow(/high 2 below low 3/);
    const s = createAtrStream(2);
    s.push(12, 10, 11);
    expect(s.push(13, 12, 12.5)).toBe(2);
    expect(() => s.update(11, 12, 11.5)).toThrow(RangeError);
    expect(s.length).toBe(2);
    expect(s.update(13, 12, 12.5)).toBe(2);
  });

  it('equals the closed form on random bars (property)', () => {
    fc.assert(
      fc.property(bars, fc.integer({ min: 1, max: 30 }), (bs, period) => {
        const h = bs.map((b) => b[0]);
        const l = bs.map((b) => b[1]);
        const c = bs.map((b) => b[2]);
        const out = atr(h, l, c, period);
        closedFormAtr(h, l, c, period).forEach((ref, i) => {
          if (Number.isNaN(ref)) expect(out[i]).toBeNaN();
          else expect(Math.abs(out[i]! - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, ref));
        });
      }),
    );
  });

  it('is never negative, batch and stream (property)', () => {
    fc.assert(
      fc.property(bars, fc.integer({ min: 1, max: 30 }), (bs, period) => {
        const out = atr(
          bs.map((b) => b[0]),
          bs.map((b) => b[1]),
          bs.map((b) => b[2]),
          period,
        );
        const s = createAtrStream(period);
        bs.forEach(([h, l, c], i) => {
          const v = s.push(h, l, c);
          if (i < period - 1) expect(v).toBeNaN();
          else {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(out[i]!).toBeGreaterThanOrEqual(0);
          }
        });
      }),
    );
  });
});
