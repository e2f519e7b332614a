/**
 * Average true range with Wilder's smoothing (J. Welles Wilder, "New Concepts in Technical Trading
 * Systems", 1978), as StockCharts ChartSchool lays it out ("Average True Range (ATR)"):
 *
 * - true range TR[i] = max(high[i], close[i-1]) - min(low[i], close[i-1]) for i >= 1, which is the
 *   largest of high-low, |high - previous close|, |low - previous close|; TR[0] = high[0] - low[0]
 *   ("because there must be a beginning, the first TR value is simply the high minus the low");
 * - first ATR (bar period-1) = the plain mean of TR[0 … period-1];
 * - later: ATR[i] = (ATR[i-1] × (period - 1) + TR[i]) / period.
 *
 * Warm-up: bars 0 … period-2 are NaN. (TA-Lib instead skips TR[0] and starts one bar later; its
 * values differ early and converge.) Units: those of the prices (rupees). ATR >= 0.
 * Reference: the StockCharts 14-day table (cs-atr), checked in atr.test.ts.
 */
import type { BarStream, Series } from './types';
import { nanArray, requireBar, requirePeriod } from './validate';

/** Wilder's default ATR period (bars). */
export const ATR_PERIOD = 14;

/** True range of a bar given the previous bar's close (NaN for the first bar: high - low). */
export function trueRange(high: number, low: number, previousClose: number): number {
  if (Number.isNaN(previousClose)) return high - low;
  return (high > previousClose ? high : previousClose) - (low < previousClose ? low : previousClose);
}

/**
 * Batch ATR over bars given as three equally long series. Returns a Float64Array as long as the
 * bars, NaN before index `period - 1`. Throws RangeError for a bad period, series of different
 * lengths, a non-finite field or a bar with high < low.
 */
export function atr(high: Series, low: Series, close: Series, period: number = ATR_PERIOD): Float64Array {
  requirePeriod('atr', 'period', period);
  const n = close.length;
  if (high.length !== n || low.length !== n) {
    throw new RangeError(`atr: high, low and close differ in length (${high.length}, ${low.length}, ${n})`);
  }
  for (let i = 0; i < n; i++) requireBar('atr', high[i]!, low[i]!, close[i]!, i);
  const out = nanArray(n);
  let avg = 0;
  for (let i = 0; i < n; i++) {
    const tr = trueRange(high[i]!, low[i]!, i === 0 ? Number.NaN : close[i - 1]!);
    if (i < period - 1) {
      avg += tr; // sum until the seed
      continue;
    }
    avg = i === period - 1 ? (avg + tr) / period : (avg * (period - 1) + tr) / period;
    out[i] = avg;
  }
  return out;
}

/**
 * Streaming ATR for the live candle (see {@link BarStream}): O(1) `update` and `push`; the forming
 * bar's high, low and close may all move between calls. Throws RangeError for a bad period;
 * `push`/`update` throw RangeError on a non-finite field or high < low, leaving the state unchanged.
 */
export function createAtrStream(period: number = ATR_PERIOD): BarStream<number> {
  requirePeriod('atr', 'period', period);
  let count = 0;
  let lastClosedClose = Number.NaN; // close of the bar before the forming one
  let acc = 0; // Σ TR of closed bars during warm-up, then ATR at the last closed bar
  let h = 0; // forming bar
  let l = 0;
  let c = 0;

  const atrAt = (i: number): number => {
    const tr = trueRange(h, l, lastClosedClose);
    if (i < period - 1) return acc + tr; // still a sum
    if (i === period - 1) return (acc + tr) / period;
    return (acc * (period - 1) + tr) / period;
  };
  const value = (): number => (count - 1 < period - 1 ? Number.NaN : atrAt(count - 1));
  const append = (high: number, low: number, close: number): number => {
    if (count > 0) {
      acc = atrAt(count - 1);
      lastClosedClose = c;
    }
    h = high;
    l = low;
    c = close;
    count++;
    return value();
  };
  return {
    push(high, low, close) {
      requireBar('atr', high, low, close, 'push');
      return append(high, low, close);
    },
    update(high, low, close) {
      requireBar('atr', high, low, close, 'update');
      if (count === 0) return append(high, low, close);
      h = high;
      l = low;
      c = close;
      return value();
    },
    get length() {
      return count;
    },
  };
}
