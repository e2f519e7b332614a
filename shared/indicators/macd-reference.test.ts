import { describe, expect, it } from 'vitest';
import { ema } from './ema';
import { createMacdStream, macd } from './macd';

// External reference for MACD(12, 26, 9): the test suite of DaveSkender/Stock.Indicators (Apache-2.0),
// whose MACD follows StockCharts ChartSchool ("MACD (Moving Average Convergence/Divergence
// Oscillator)": EMAs seeded with the SMA of their first `period` values, signal = 9-period EMA of
// the line, histogram = line - signal); that project keeps a spreadsheet of the calculation beside
// its tests (tests/indicators/m-r/Macd/Macd.Calc.xlsx). Read at commit d5c66604787c731c87708b6ce1fa6e8962529fc6:
// - closes: tests/indicators/_testdata/quotes/default.csv, column `close` (502 daily bars of SPY,
//   2017-01-03 to 2018-12-31), copied below unchanged;
// - values at bars 49, 249, 501, to 4 decimals: tests/indicators/m-r/Macd/Macd.StaticSeries.Tests.cs;
// - values at bars 25, 32, 33, 100, 400, full precision: tests/indicators/_testdata/results/macd.standard.json.
// Their warm-up is ours: 477 bars with a line (from bar 25), 469 with a signal and histogram (from 33).

const SPY_CLOSES: readonly number[] = [
  212.8, 214.06, 213.89, 214.66, 213.95, 213.95, 214.55, 214.02, 214.51, 213.75, 214.22, 213.43, 214.21, 213.66,
  215.03, 216.89, 216.66, 216.32, 214.98, 214.96, 215.05, 215.19, 216.67, 216.28, 216.29, 216.58, 217.86, 218.72,
  219.91, 220.79, 221.94, 221.75, 222.1, 223.43, 223.23, 223.38, 223.66, 224.01, 223.41, 226.53, 225.11, 225.25,
  224.58, 223.91, 223.49, 223.78, 224.56, 224.67, 223.81, 225.75, 225.31, 224.91, 224.66, 221.78, 222.3, 222.06,
  221.9, 221.67, 223.29, 223.5, 224.21, 223.69, 223.3, 223.44, 222.78, 223.4, 223.17, 223.31, 223.04, 222.06,
  220.62, 222.58, 221.91, 221.5, 223.31, 222.6, 225.04, 226.35, 226.21, 226.4, 225.91, 226.48, 226.56, 226.29,
  226.55, 227.44, 227.41, 227.2, 227.61, 227.14, 226.76, 228.01, 227.8, 223.76, 224.66, 226.12, 227.27, 227.78,
  228.31, 229.4, 229.35, 229.15, 229.09, 230.92, 231.69, 231.51, 230.77, 231.2, 231.32, 230.96, 230.92, 232.05,
  231.75, 231.31, 231.36, 233.28, 231.71, 231.65, 231.55, 231.82, 231.98, 230.11, 232.17, 230.13, 230.56, 230.95,
  231.48, 229.36, 230.85, 231.1, 230.93, 232.66, 233.05, 234.14, 234.11, 234.24, 235.5, 235.61, 235.4, 235.34,
  235.91, 235.92, 235.7, 235.43, 235.29, 235.82, 235.93, 235.48, 235.9, 236.34, 235.76, 235.75, 232.42, 232.77,
  235.07, 235.05, 235.46, 231.79, 231.42, 231.6, 234.03, 233.19, 232.64, 233.19, 233.2, 233.46, 234.57, 235.98,
  236.31, 234.62, 235.42, 235.39, 235.11, 237.62, 238.42, 238.54, 238.46, 238.78, 239.29, 239.53, 239.61, 238.97,
  239.02, 238.53, 238.68, 239.6, 239.89, 240.74, 241.78, 242.3, 242.58, 244.02, 243.74, 243.34, 243.98, 244.37,
  244, 244.3, 244.63, 244.8, 245.04, 245.1, 246.37, 245.41, 245.84, 244.63, 244.94, 246.94, 246.02, 246.41,
  246.73, 246.83, 247.65, 248.04, 247.86, 248.29, 247.39, 247.31, 247.54, 246.96, 245.73, 247.82, 247.09, 247.51,
  249.13, 248.91, 249.48, 249.36, 251.89, 251.74, 253.94, 253.41, 253.11, 252.2, 252.24, 253.04, 254.42, 255.19,
  255.64, 255.61, 254.56, 256.68, 258.31, 257.32, 257.18, 257.71, 257.65, 257.34, 257.46, 257.99, 257.02, 258.86,
  260.5, 261.59, 263.34, 263.82, 264.42, 264.01, 265.94, 267.67, 266.76, 269.3, 268.85, 270.07, 272.27, 272.84,
  272.74, 272.85, 276.01, 274.18, 271.37, 271.51, 271.2, 265.29, 254.2, 259.21, 257.8, 248.13, 251.86, 255.56,
  256.19, 259.65, 262.96, 263.04, 261.39, 260.09, 260.43, 264.58, 267.65, 264.31, 261.63, 257.83, 259.16, 262.15,
  262.82, 262.72, 263.99, 268.59, 268.25, 266.52, 265.15, 264.86, 265.15, 261.56, 262, 261.5, 254.96, 249.53,
  256.36, 252, 251.25, 254.46, 248.97, 252.16, 254.86, 256.87, 251.14, 252.38, 256.4, 255.05, 257.15, 256.4,
  258.5, 261.27, 261.46, 260.01, 257.81, 257.77, 254.3, 254.93, 257.52, 257.76, 255.78, 256.23, 254.51, 253.95,
  257.24, 258.11, 258.11, 260.6, 263.04, 263.84, 263.97, 262.15, 263.25, 263.03, 262.37, 264.34, 263.61, 264.33,
  263.79, 263.16, 260.14, 263.61, 261.99, 264.57, 265.82, 266.02, 268.24, 268.21, 269, 269.36, 269.71, 268.85,
  269.53, 269.18, 268.63, 267.6, 268.06, 266.38, 266.86, 263.23, 263.81, 261.63, 263.12, 263.5, 264.06, 263.13,
  265.28, 267.52, 269.93, 270.9, 268.92, 271.36, 271.57, 271.33, 272.43, 273, 271.97, 271.66, 272.16, 273.53,
  275.87, 275.21, 273.35, 271.92, 273.26, 272.81, 274.29, 275.47, 276.48, 277.39, 277.27, 276.9, 275.04, 274.01,
  275.76, 273.7, 275.91, 276.89, 277.48, 278.13, 277.96, 277.59, 279.27, 281.47, 281.61, 283.12, 281.98, 281.98,
  281.5, 280.74, 279.9, 279.35, 279.84, 280.76, 280.83, 282.49, 282.54, 281.04, 282.57, 282.87, 285.16, 284.9,
  283.95, 283.69, 282.84, 283.63, 283.66, 284.65, 284.48, 284.64, 282.41, 280.83, 280.83, 280.42, 271.54, 265.56,
  269.25, 267.74, 273.59, 273.64, 269.69, 269.54, 268.33, 266.97, 258.88, 263.52, 258.89, 257.45, 261.27, 264.06,
  266.87, 265.29, 266.75, 268.44, 274.19, 273.69, 271.02, 265.95, 265.45, 263.64, 266.39, 267.08, 262.57, 257.71,
  258.58, 256.86, 261, 261.88, 267.91, 267.33, 268.96, 272.52, 263.69, 263.29, 257.17, 257.66, 257.72, 259.01,
  258.93, 254.15, 249.16, 248.89, 245.16, 241.17, 236.23, 229.99, 241.61, 243.46, 243.15, 245.28,
];

/** [bar, line, signal, histogram, fast EMA, slow EMA]; NaN where the reference has null. */
type Row = readonly [number, number, number, number, number, number];

/** Stock.Indicators' Macd.StaticSeries.Tests.cs, rounded there to 4 decimals. */
const ROUNDED: readonly Row[] = [
  [49, 1.7203, 1.9675, -0.2472, 224.184, 222.4637],
  [249, 2.2353, 2.3141, -0.0789, 256.678, 254.4428],
  [501, -6.2198, -5.8569, -0.3629, 245.4957, 251.7155],
];

/** Stock.Indicators' macd.standard.json, full precision. */
const FULL: readonly Row[] = [
  [25, 0.880896365451747, NaN, NaN, 215.748588673144, 214.86769230769227],
  [32, 2.0232774833900464, NaN, NaN, 219.30454175581903, 217.28126427242898],
  [33, 2.202501461364193, 1.521700603479164, 0.6808008578850289, 219.93922763953918, 217.736726178175],
  [100, 0.995375747273215, 0.8257078161899586, 0.1696679310832564, 227.5520337327764, 226.5566579855032],
  [400, 2.006047014560579, 1.9266631058140393, 0.07938390874653978, 273.75421905967266, 271.7481720451121],
];

function expectAt(actual: number | undefined, ref: number, tol: number, what: string): void {
  if (Number.isNaN(ref)) expect(actual, what).toBeNaN();
  else expect(Math.abs(actual! - ref), `${what}: ${actual} vs ${ref}`).toBeLessThanOrEqual(tol);
}

describe('MACD(12, 26, 9) against an external reference (Stock.Indicators, StockCharts method)', () => {
  const m = macd(SPY_CLOSES);
  const fast = ema(SPY_CLOSES, 12);
  const slow = ema(SPY_CLOSES, 26);

  it('has the reference warm-up: 477 line values from bar 25, 469 signal and histogram values from bar 33', () => {
    expect(SPY_CLOSES.length).toBe(502);
    const count = (a: Float64Array) => a.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0);
    expect([count(m.macd), count(m.signal), count(m.histogram)]).toEqual([477, 469, 469]);
  });

  it.each(ROUNDED)('bar %i matches the published 4-decimal values', (bar, line, signal, histogram, fastEma, slowEma) => {
    const tol = 0.00005; // half a unit in the 4th decimal
    expectAt(m.macd[bar], line, tol, 'line');
    expectAt(m.signal[bar], signal, tol, 'signal');
    expectAt(m.histogram[bar], histogram, tol, 'histogram');
    expectAt(fast[bar], fastEma, tol, 'fast EMA');
    expectAt(slow[bar], slowEma, tol, 'slow EMA');
  });

  it.each(FULL)('bar %i matches the published full-precision values', (bar, line, signal, histogram, fastEma, slowEma) => {
    const tol = 1e-9;
    expectAt(m.macd[bar], line, tol, 'line');
    expectAt(m.signal[bar], signal, tol, 'signal');
    expectAt(m.histogram[bar], histogram, tol, 'histogram');
    expectAt(fast[bar], fastEma, tol, 'fast EMA');
    expectAt(slow[bar], slowEma, tol, 'slow EMA');
  });

  it('the streaming MACD (live candle) gives the same values bar by bar', () => {
    const s = createMacdStream();
    SPY_CLOSES.forEach((x, i) => {
      const p = s.push(x);
      for (const [bar, line, signal, histogram] of [...ROUNDED, ...FULL]) {
        if (bar !== i) continue;
        expectAt(p.macd, line, 0.00005, `stream line at ${bar}`);
        expectAt(p.signal, signal, 0.00005, `stream signal at ${bar}`);
        expectAt(p.histogram, histogram, 0.00005, `stream histogram at ${bar}`);
      }
    });
  });
});
