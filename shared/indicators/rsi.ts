/**
 * Relative strength index with Wilder's smoothing (J. Welles Wilder, "New Concepts in Technical
 * Trading Systems", 1978), as StockCharts ChartSchool lays it out ("Relative Strength Index (RSI)"):
 *
 * - change[i] = close[i] - close[i-1] for i >= 1; gain = max(change, 0), loss = max(-change, 0);
 * - first average gain/loss (bar `period`) = the plain mean of the first `period` gains/losses;
 * - later: avg[i] = (avg[i-1] × (period - 1) + current) / period (an EMA with alpha = 1/period);
 * - RSI = 100 - 100 / (1 + avgGain/avgLoss), computed as 100 × avgGain / (avgGain + avgLoss).
 *
 * Warm-up: bars 0 … period-1 are NaN (the first RSI needs `period` changes, i.e. period + 1 closes).
 * Edge cases: avgLoss = 0 gives 100 (StockCharts: "RSI is set to 100 by definition"), avgGain = 0
 * gives 0. When both are 0 (a flat market) the ratio is 0/0; this module returns 50, the neutral
 * reading that does not cross the overbought or oversold lines (TA-Lib returns 0 there and
 * TradingView 100; neither is meaningful for "no movement").
 * Reference: the StockCharts 14-day table (cs-rsi), checked in rsi.test.ts.
 */
import type { Series, ValueStream } from './types';
import { nanArray, requireFinite, requireFiniteSeries, requirePeriod } from './validate';

/** Wilder's default RSI period (bars). */
export const RSI_PERIOD = 14;

/** RSI from Wilder's average gain and loss (both >= 0); 50 when both are 0. */
export function rsiFromAverages(avgGain: number, avgLoss: number): number {
  const total = avgGain + avgLoss;
  // avgGain / total <= 1 holds in floating point (division is correctly rounded), so RSI <= 100.
  return total > 0 ? 100 * (avgGain / total) : 50;
}

/**
 * Batch RSI over closes. Returns a Float64Array as long as `closes`, values in [0, 100], NaN before
 * index `period`. Throws RangeError for a period that is not an integer >= 1 or a non-finite close.
 */
export function rsi(closes: Series, period: number = RSI_PERIOD): Float64Array {
  requirePeriod('rsi', 'period', period);
  requireFiniteSeries('rsi', closes);
  const n = closes.length;
  const out = nanArray(n);
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < n; i++) {
    const change = closes[i]! - closes[i - 1]!;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i < period) {
      avgGain += gain; // sums until the seed
      avgLoss += loss;
      continue;
    }
    if (i === period) {
      avgGain = (avgGain + gain) / period;
      avgLoss = (avgLoss + loss) / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    out[i] = rsiFromAverages(avgGain, avgLoss);
  }
  return out;
}

/**
 * Streaming RSI for the live candle (see {@link ValueStream}): O(1) `update` and `push`.
 * Throws RangeError for a bad period; `push`/`update` throw RangeError on a non-finite close.
 */
export function createRsiStream(period: number = RSI_PERIOD): ValueStream<number> {
  requirePeriod('rsi', 'period', period);
  let count = 0; // bars appended
  let lastClosedClose = 0; // close of the bar before the forming one
  let sumGain = 0; // Σ gains of closed bars 1 … while fewer than `period` changes are closed
  let sumLoss = 0;
  let avgGain = 0; // Wilder averages at the last closed bar, once it is >= period
  let avgLoss = 0;
  let last = 0; // forming bar's close

  // Averages at bar i whose close is x, from the state of the closed bars before it.
  const averagesAt = (i: number, x: number): [number, number] => {
    const change = x - lastClosedClose;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i < period) return [sumGain + gain, sumLoss + loss];
    if (i === period) return [(sumGain + gain) / period, (sumLoss + loss) / period];
    return [(avgGain * (period - 1) + gain) / period, (avgLoss * (period - 1) + loss) / period];
  };
  const value = (): number => {
    const i = count - 1;
    if (i < period) return Number.NaN;
    const [g, l] = averagesAt(i, last);
    return rsiFromAverages(g, l);
  };
  const append = (x: number): number => {
    if (count > 0) {
      const i = count - 1;
      if (i >= 1) {
        const [g, l] = averagesAt(i, last);
        if (i < period) {
          sumGain = g;
          sumLoss = l;
        } else {
          avgGain = g;
          avgLoss = l;
        }
      }
      lastClosedClose = last;
    }
    last = x;
    count++;
    return value();
  };
  return {
    push(x) {
      requireFinite('rsi', x, 'push');
      return append(x);
    },
    update(x) {
      requireFinite('rsi', x, 'update');
      if (count === 0) return append(x);
      last = x;
      return value();
    },
    get length() {
      return count;
    },
  };
}
