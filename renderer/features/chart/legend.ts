/**
 * The OHLC legend's text: what the chart shows for the candle under the crosshair (or the newest
 * candle when the crosshair is away), with indicator values beside it.
 *
 * Prices formatted at the instrument's decimals with Indian grouping, volume in lakh/crore compact
 * form, time in IST (shared/format). Pure: the chart writes the result into DOM nodes.
 * Source: issue 5 ("OHLC legend under the crosshair"; "numbers in Indian grouping, times in IST").
 */
import { formatIndianCompact, formatPercentChange, formatPrice, percentChange } from '../../../shared/format';
import type { Candle, CandleInterval } from '../../../shared/market';
import { candleTimeLabel } from './chart-time';

/** One indicator's values at the legend's candle. */
export interface LegendIndicator {
  readonly label: string;
  /** Values per line (NaN or missing during warm-up shows as `-`). */
  readonly values: readonly (number | undefined)[];
}

/** The legend's fields, all as display strings. */
export interface LegendText {
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Close against the previous candle's close: `+1.25%`, or '' without a previous candle. */
  readonly change: string;
  /** `up`, `down` or `flat` (close against open), for the colour. */
  readonly direction: 'up' | 'down' | 'flat';
  readonly volume: string;
  /** `SMA 20 1,402.35 · RSI 14 55.21`. */
  readonly indicators: string;
}

/** Legend text of `candle` (epoch seconds UTC) at `decimals` (2, or 4 for currency). */
export function legendText(
  candle: Candle,
  previousClose: number | null,
  interval: CandleInterval,
  decimals: 2 | 4,
  indicators: readonly LegendIndicator[] = [],
): LegendText {
  const pct = percentChange(candle.close, previousClose);
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : formatPrice(v, decimals));
  return {
    time: candleTimeLabel(candle.time, interval),
    open: fmt(candle.open),
    high: fmt(candle.high),
    low: fmt(candle.low),
    close: fmt(candle.close),
    change: pct === null ? '' : formatPercentChange(pct),
    direction: candle.close > candle.open ? 'up' : candle.close < candle.open ? 'down' : 'flat',
    volume: formatIndianCompact(candle.volume),
    indicators: indicators.map((i) => `${i.label} ${i.values.map(fmt).join(' ')}`).join(' · '),
  };
}
