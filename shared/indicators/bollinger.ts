/**
 * Bollinger bands: middle = SMA(period) of the input, upper/lower = middle ± k × σ, where σ is the
 * population standard deviation (divide by `period`, not period - 1) of the same `period` inputs.
 * Defaults period 20, k 2 (John Bollinger's; StockCharts ChartSchool, "Bollinger Bands", whose
 * worked table uses the population form, as Excel's STDEVP).
 *
 * Warm-up: bars 0 … period-2 are NaN in all three bands.
 * Reference: the StockCharts 20-day table, checked in bollinger.test.ts.
 */
import { RollingWindow } from './rolling-window';
import type { Series, ValueStream } from './types';
import { nanArray, requireFinite, requireFiniteSeries, requirePeriod } from './validate';

/** Bollinger parameters: `period` bars (integer >= 1, default 20), `k` standard deviations (finite >= 0, default 2). */
export interface BollingerOptions {
  readonly period?: number;
  readonly k?: number;
}

/** The three bands at one bar, in the input's unit (rupees for prices). */
export interface BollingerPoint {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
}

/** The three bands over a series, each as long as the input, NaN during warm-up. */
export interface BollingerSeries {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

/** Default Bollinger period (bars). */
export const BOLLINGER_PERIOD = 20;
/** Default Bollinger width in standard deviations. */
export const BOLLINGER_K = 2;

function params(options: BollingerOptions): { period: number; k: number } {
  const period = options.period ?? BOLLINGER_PERIOD;
  const k = options.k ?? BOLLINGER_K;
  requirePeriod('bollinger', 'period', period);
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`bollinger: k must be a finite number >= 0, got ${k}`);
  return { period, k };
}

/**
 * Batch Bollinger bands over `values`. Each window's mean and deviation are computed directly
 * (two passes over the window: O(n × period)), which keeps full precision. Throws RangeError for a
 * bad period or k, or a non-finite input.
 */
export function bollinger(values: Series, options: BollingerOptions = {}): BollingerSeries {
  const { period, k } = params(options);
  requireFiniteSeries('bollinger', values);
  const n = values.length;
  const middle = nanArray(n);
  const upper = nanArray(n);
  const lower = nanArray(n);
  for (let i = period - 1; i < n; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
    const mean = sum / period;
    let sq = 0;
    for (let j = i - period + 1; j <= i; j++) {
      const d = values[j]! - mean;
      sq += d * d;
    }
    const width = k * Math.sqrt(sq / period);
    middle[i] = mean;
    upper[i] = mean + width;
    lower[i] = mean - width;
  }
  return { middle, upper, lower };
}

const WARMUP: BollingerPoint = Object.freeze({ middle: Number.NaN, upper: Number.NaN, lower: Number.NaN });

/**
 * Streaming Bollinger bands for the live candle (see {@link ValueStream}): O(1) `update`; the
 * first value after a `push` costs one O(period) pass over the closed bars (once per candle). Returns a new point per call (a shared frozen all-NaN point during warm-up).
 */
export function createBollingerStream(options: BollingerOptions = {}): ValueStream<BollingerPoint> {
  const { period, k } = params(options);
  const w = new RollingWindow(period);
  const value = (): BollingerPoint => {
    if (!w.full) return WARMUP;
    const { mean, variance } = w.meanAndVariance();
    const width = k * Math.sqrt(variance);
    return { middle: mean, upper: mean + width, lower: mean - width };
  };
  return {
    push(x) {
      requireFinite('bollinger', x, 'push');
      w.append(x);
      return value();
    },
    update(x) {
      requireFinite('bollinger', x, 'update');
      if (w.length === 0) w.append(x);
      else w.replaceLast(x);
      return value();
    },
    get length() {
      return w.length;
    },
  };
}
