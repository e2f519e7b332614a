/**
 * MACD (Gerald Appel): line = EMA(fast) - EMA(slow) of the input, signal = EMA(signal) of the line,
 * histogram = line - signal. Defaults 12, 26, 9.
 *
 * Every EMA uses this folder's convention (ema.ts: seeded with the SMA of its first `period`
 * inputs), as StockCharts ChartSchool does ("MACD (Moving Average Convergence/Divergence
 * Oscillator)"). So the line starts at bar slow-1 (25), and the signal, an EMA seeded with the SMA
 * of the first `signal` line values, at bar slow + signal - 2 (33), as does the histogram.
 * TA-Lib differs: it starts the fast EMA late so both EMAs begin together; values converge.
 */
import { EmaState, emaUnchecked } from './ema';
import type { Series, ValueStream } from './types';
import { nanArray, requireFinite, requireFiniteSeries, requirePeriod } from './validate';

/** MACD periods in bars: integers >= 1 with fast < slow. Defaults 12, 26, 9. */
export interface MacdOptions {
  readonly fast?: number;
  readonly slow?: number;
  readonly signal?: number;
}

/** MACD at one bar (input units, e.g. rupees); NaN fields during their warm-up. */
export interface MacdPoint {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

/** MACD over a series, each array as long as the input. */
export interface MacdSeries {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

/** Default MACD periods. */
export const MACD_FAST = 12;
export const MACD_SLOW = 26;
export const MACD_SIGNAL = 9;

function params(o: MacdOptions): { fast: number; slow: number; signal: number } {
  const fast = o.fast ?? MACD_FAST;
  const slow = o.slow ?? MACD_SLOW;
  const signal = o.signal ?? MACD_SIGNAL;
  requirePeriod('macd', 'fast', fast);
  requirePeriod('macd', 'slow', slow);
  requirePeriod('macd', 'signal', signal);
  if (fast >= slow) throw new RangeError(`macd: fast (${fast}) must be shorter than slow (${slow})`);
  return { fast, slow, signal };
}

/**
 * Batch MACD over `values`. `macd` is NaN before index slow-1, `signal` and `histogram` before
 * index slow+signal-2. Throws RangeError for bad periods (including fast >= slow) or a non-finite input.
 */
export function macd(values: Series, options: MacdOptions = {}): MacdSeries {
  const { fast, slow, signal } = params(options);
  requireFiniteSeries('macd', values);
  const n = values.length;
  const f = emaUnchecked(values, fast);
  const s = emaUnchecked(values, slow);
  const line = nanArray(n);
  for (let i = slow - 1; i < n; i++) line[i] = f[i]! - s[i]!;
  const sig = nanArray(n);
  const hist = nanArray(n);
  if (n >= slow) {
    sig.set(emaUnchecked(line.subarray(slow - 1), signal), slow - 1);
    for (let i = slow - 1; i < n; i++) hist[i] = line[i]! - sig[i]!;
  }
  return { macd: line, signal: sig, histogram: hist };
}

/**
 * Streaming MACD for the live candle (see {@link ValueStream}): O(1) `update` and `push`; returns
 * a new point per call. Throws RangeError for bad periods; `push`/`update` throw RangeError on a
 * non-finite input.
 */
export function createMacdStream(options: MacdOptions = {}): ValueStream<MacdPoint> {
  const { fast, slow, signal } = params(options);
  const f = new EmaState(fast);
  const s = new EmaState(slow);
  const sig = new EmaState(signal); // fed only from bar slow-1 on, when the line exists
  const point = (line: number, sg: number): MacdPoint => ({ macd: line, signal: sg, histogram: line - sg });
  const append = (x: number): MacdPoint => {
    const line = f.append(x) - s.append(x);
    return point(line, Number.isNaN(line) ? Number.NaN : sig.append(line));
  };
  return {
    push(x) {
      requireFinite('macd', x, 'push');
      return append(x);
    },
    update(x) {
      requireFinite('macd', x, 'update');
      if (f.length === 0) return append(x);
      const line = f.replaceLast(x) - s.replaceLast(x);
      return point(line, Number.isNaN(line) ? Number.NaN : sig.replaceLast(line));
    },
    get length() {
      return f.length;
    },
  };
}
