/**
 * Exponential moving average with smoothing factor alpha = 2 / (period + 1).
 *
 * Seeding convention (the one StockCharts ChartSchool uses, "Moving Averages - Simple and
 * Exponential": "a simple moving average is used as the previous period's EMA in the first
 * calculation"): bars 0 … period-2 are NaN, bar period-1 is the SMA of the first `period` inputs,
 * and each later bar is EMA[i] = EMA[i-1] + alpha * (x[i] - EMA[i-1]).
 * Other charting tools seed with the first input instead (pandas `ewm(adjust=False)`); their early
 * values differ and converge after a few times `period` bars.
 * Reference: the StockCharts 10-day EMA table, checked in ema.test.ts.
 */
import type { Series, ValueStream } from './types';
import { nanArray, requireFinite, requireFiniteSeries, requirePeriod } from './validate';

/** alpha = 2 / (period + 1), the EMA smoothing factor. */
export function emaAlpha(period: number): number {
  return 2 / (period + 1);
}

/**
 * Batch EMA over `values`. Returns a Float64Array as long as `values`, NaN before index
 * `period - 1`, the SMA seed at `period - 1`. Throws RangeError for a period that is not an
 * integer >= 1 or a non-finite input.
 */
export function ema(values: Series, period: number): Float64Array {
  requirePeriod('ema', 'period', period);
  requireFiniteSeries('ema', values);
  return emaUnchecked(values, period);
}

/** EMA without the argument checks (callers inside this folder have done them). */
export function emaUnchecked(values: Series, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  if (n < period) return out;
  const alpha = emaAlpha(period);
  let seed = 0;
  for (let i = 0; i < period; i++) seed += values[i]!;
  let prev = seed / period;
  out[period - 1] = prev;
  for (let i = period; i < n; i++) {
    prev += alpha * (values[i]! - prev);
    out[i] = prev;
  }
  return out;
}

/**
 * EMA state over closed bars plus the forming bar's input: the engine of {@link createEmaStream}
 * and of the MACD stream. No argument checks.
 */
export class EmaState {
  private readonly alpha: number;
  private count = 0; // bars appended
  private seedSum = 0; // Σ of the closed inputs while fewer than `period` bars are closed
  private prev = Number.NaN; // EMA at the last closed bar, once it exists
  private last = 0; // the forming bar's input

  constructor(private readonly period: number) {
    this.alpha = emaAlpha(period);
  }

  get length(): number {
    return this.count;
  }

  /** Closes the forming bar (if any) and opens a new one with input `x`; returns the EMA there. */
  append(x: number): number {
    if (this.count > 0) this.close(this.count - 1, this.last);
    this.last = x;
    this.count++;
    return this.value();
  }

  /** Replaces the forming bar's input; returns the EMA there. */
  replaceLast(x: number): number {
    if (this.count === 0) return this.append(x);
    this.last = x;
    return this.value();
  }

  /** EMA at the forming bar (NaN during warm-up). */
  value(): number {
    const i = this.count - 1;
    const p = this.period;
    if (i < p - 1) return Number.NaN;
    if (i === p - 1) return (this.seedSum + this.last) / p;
    return this.prev + this.alpha * (this.last - this.prev);
  }

  private close(i: number, x: number): void {
    const p = this.period;
    if (i < p - 1) this.seedSum += x;
    else if (i === p - 1) this.prev = (this.seedSum + x) / p;
    else this.prev += this.alpha * (x - this.prev);
  }
}

/**
 * Streaming EMA for the live candle (see {@link ValueStream}): O(1) `update` and `push`.
 * Throws RangeError for a bad period; `push`/`update` throw RangeError on a non-finite input.
 */
export function createEmaStream(period: number): ValueStream<number> {
  requirePeriod('ema', 'period', period);
  const s = new EmaState(period);
  return {
    push(x) {
      requireFinite('ema', x, 'push');
      return s.append(x);
    },
    update(x) {
      requireFinite('ema', x, 'update');
      return s.replaceLast(x);
    },
    get length() {
      return s.length;
    },
  };
}
