/**
 * Simple moving average: the arithmetic mean of the last `period` inputs.
 *
 * Warm-up: bars 0 … period-2 are NaN; bar period-1 is the mean of the first `period` inputs.
 * Reference: StockCharts ChartSchool, "Moving Averages - Simple and Exponential" (10-day SMA table),
 * checked in sma.test.ts.
 */
import { RollingWindow } from './rolling-window';
import type { Series, ValueStream } from './types';
import { nanArray, requireFinite, requireFiniteSeries, requirePeriod } from './validate';

/**
 * Batch SMA over `values` (any unit, e.g. rupees). Returns a Float64Array as long as `values`,
 * NaN before index `period - 1`. Throws RangeError for a period that is not an integer >= 1 or a
 * non-finite input.
 */
export function sma(values: Series, period: number): Float64Array {
  requirePeriod('sma', 'period', period);
  requireFiniteSeries('sma', values);
  const n = values.length;
  const out = nanArray(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i >= period && i % period === 0) {
      // Re-add the window exactly every `period` bars so a long running sum cannot drift.
      sum = 0;
      for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
    } else {
      sum += values[i]!;
      if (i >= period) sum -= values[i - period]!;
    }
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/**
 * Streaming SMA for the live candle (see {@link ValueStream}): O(1) `update` and `push`.
 * Throws RangeError for a bad period; `push`/`update` throw RangeError on a non-finite input.
 */
export function createSmaStream(period: number): ValueStream<number> {
  requirePeriod('sma', 'period', period);
  const w = new RollingWindow(period);
  const value = (): number => (w.full ? w.mean() : Number.NaN);
  return {
    push(x) {
      requireFinite('sma', x, 'push');
      w.append(x);
      return value();
    },
    update(x) {
      requireFinite('sma', x, 'update');
      if (w.length === 0) w.append(x);
      else w.replaceLast(x);
      return value();
    },
    get length() {
      return w.length;
    },
  };
}
