/**
 * The chart's own panel params, saved with the layout (`prefs.set {key:'layout'}`, through
 * `PanelProps.updateParams`) and read back after a reload.
 *
 * Saved shape (JSON, beside `key`):
 *   `interval`: `'1m' | '5m' | '15m' | '25m' | '60m' | '1d'`
 *   `indicators`: `[{ id: 'sma', args: [20] }, { id: 'macd', args: [12, 26, 9] }, …]` in toolbar
 *   order; `args` are the indicator's parameters as its label prints them (periods in bars;
 *   Bollinger: period then k).
 *
 * Reading never throws and never blanks the chart: an unknown or malformed interval falls back to
 * `1m`; an indicator entry that is not an object with a known `id` (or a bare known id string, as a
 * hand-edited file might hold) is skipped, duplicates count once; `args` that differ from what the
 * toolbar offers restore the indicator with the offered ones (periods are not editable yet, so such
 * args can only come from an older or edited file). See docs/decisions.md "Chart state in the layout".
 *
 * Source: issue 5, "docking layout whose arrangement is saved and restored per user"; "Chart".
 */
import type { CandleInterval } from '../../../shared/market';
import { CHART_INTERVALS } from './candle-buckets';
import { INDICATORS, type IndicatorId } from './indicator-series';

/** Interval a chart opens with when none (or an unreadable one) was saved. */
export const DEFAULT_CHART_INTERVAL: CandleInterval = '1m';

/** What the chart restores from its params. */
export interface ChartState {
  readonly interval: CandleInterval;
  /** Enabled indicators, toolbar order. */
  readonly indicators: readonly IndicatorId[];
}

/** One saved indicator. */
export interface SavedIndicator {
  readonly id: IndicatorId;
  readonly args: readonly number[];
}

/** The params patch that saves `state` (for `PanelProps.updateParams`; a type alias, so it is a record). */
export type ChartParamsPatch = {
  readonly interval: CandleInterval;
  readonly indicators: readonly SavedIndicator[];
};

/** True for an interval the chart offers. */
export function isChartInterval(v: unknown): v is CandleInterval {
  return typeof v === 'string' && (CHART_INTERVALS as readonly string[]).includes(v);
}

function isIndicatorId(v: unknown): v is IndicatorId {
  return typeof v === 'string' && INDICATORS.some((s) => s.id === v);
}

/** The saved indicator entry's id, or null when the entry is not readable (see the file comment). */
function savedId(entry: unknown): IndicatorId | null {
  if (isIndicatorId(entry)) return entry;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const id = (entry as { id?: unknown }).id;
  return isIndicatorId(id) ? id : null;
}

/** Enabled indicators in toolbar order, from any saved value (not an array: none). */
export function readIndicators(saved: unknown): IndicatorId[] {
  if (!Array.isArray(saved)) return [];
  const wanted = new Set<IndicatorId>();
  for (const entry of saved) {
    const id = savedId(entry);
    if (id !== null) wanted.add(id);
  }
  return INDICATORS.filter((s) => wanted.has(s.id)).map((s) => s.id);
}

/** The chart state saved in `params` (anything: a saved layout may hold whatever a file held). */
export function readChartParams(params: Readonly<Record<string, unknown>> | null | undefined): ChartState {
  const p = typeof params === 'object' && params !== null ? params : {};
  return {
    interval: isChartInterval(p.interval) ? p.interval : DEFAULT_CHART_INTERVAL,
    indicators: readIndicators(p.indicators),
  };
}

/** The params patch that saves `state`: indicators in toolbar order with their args. */
export function chartParamsPatch(state: ChartState): ChartParamsPatch {
  const on = new Set(state.indicators);
  return {
    interval: state.interval,
    indicators: INDICATORS.filter((s) => on.has(s.id)).map((s) => ({ id: s.id, args: [...s.args] })),
  };
}
