/**
 * Time on the chart's axis: IST by shifting.
 *
 * lightweight-charts works in UTC seconds and places its tick marks (day, hour boundaries) by UTC
 * fields. To show IST, the chart is fed `time + 19 800 s` (candle time as if IST were UTC): the
 * axis, the crosshair label and the tick marks then read IST wall-clock, and day marks fall on IST
 * midnight (a `tickMarkFormatter` alone would still put the day mark at 05:30 IST). Everything
 * outside the series (candles, history requests, the live builder, the legend) stays in true epoch
 * seconds UTC; the shift happens only here, when data enters or leaves the library.
 *
 * Source: issue 5 ("times in IST"); shared/format/ist-time.ts (IST formatting without Intl).
 */
import type { UTCTimestamp } from 'lightweight-charts';
import { formatIstDate, formatIstTime } from '../../../shared/format';
import type { CandleInterval } from '../../../shared/market';
import { IST_OFFSET_SEC } from './candle-buckets';

/** Chart time (IST wall clock read as UTC) of a true epoch-seconds UTC time. */
export function toChartTime(epochSec: number): UTCTimestamp {
  return (epochSec + IST_OFFSET_SEC) as UTCTimestamp;
}

/** True epoch seconds UTC of a chart time. */
export function fromChartTime(chartTime: number): number {
  return chartTime - IST_OFFSET_SEC;
}

/**
 * Legend label of a candle starting at `epochSec` (UTC): `20 Nov 2026` for daily candles,
 * `20 Nov 2026 09:15` otherwise (IST).
 */
export function candleTimeLabel(epochSec: number, interval: CandleInterval): string {
  const ms = epochSec * 1000;
  if (interval === '1d') return formatIstDate(ms);
  return `${formatIstDate(ms)} ${formatIstTime(ms).slice(0, 5)}`;
}
