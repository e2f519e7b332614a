/**
 * Indicator series for the chart: which indicators exist, how each is drawn (overlay on the price
 * pane or a pane of its own, its lines), the batch values over the window of candles, and a stepper
 * that keeps them current for the live candle in O(1) per frame.
 *
 * Computations come from shared/indicators (batch `sma/ema/bollinger/rsi/macd/atr` over the window,
 * streams for the live candle; see its README for conventions and reference values). Values are in
 * the input's unit (rupees; RSI 0…100); warm-up bars are NaN and are left out of the drawn points.
 *
 * Source: issue 5, "Chart" (indicators SMA, EMA, Bollinger bands, RSI, MACD, ATR).
 */
import {
  ATR_PERIOD,
  BOLLINGER_K,
  BOLLINGER_PERIOD,
  MACD_FAST,
  MACD_SIGNAL,
  MACD_SLOW,
  RSI_PERIOD,
  atr,
  bollinger,
  createAtrStream,
  createBollingerStream,
  createEmaStream,
  createMacdStream,
  createRsiStream,
  createSmaStream,
  ema,
  macd,
  rsi,
  sma,
} from '../../../shared/indicators';
import type { Candle } from '../../../shared/market';

/** Indicators the toolbar offers. */
export type IndicatorId = 'sma' | 'ema' | 'bollinger' | 'rsi' | 'macd' | 'atr';

/** Periods used (bars). */
export const SMA_PERIOD = 20;
export const EMA_PERIOD = 50;

/** One drawn line of an indicator. */
export interface IndicatorLineSpec {
  /** Name inside the indicator (`upper`, `signal`…), shown in the legend. */
  readonly name: string;
  readonly kind: 'line' | 'histogram';
  readonly color: string;
}

/** How an indicator is drawn. */
export interface IndicatorSpec {
  readonly id: IndicatorId;
  /** Toolbar and legend label, with its parameters: `SMA 20`. */
  readonly label: string;
  /** `overlay`: on the candles' price scale; `pane`: a pane of its own below the candles. */
  readonly placement: 'overlay' | 'pane';
  /** Lines in drawing order (a histogram first, so that lines stay on top of it). */
  readonly lines: readonly IndicatorLineSpec[];
  /** Line indexes in the order the legend prints their values, when not the drawing order. */
  readonly legendOrder?: readonly number[];
  /**
   * Its parameters in label order: periods in bars (Bollinger: period, then k, the band width in
   * standard deviations). Saved with the chart's params (./chart-params.ts).
   */
  readonly args: readonly number[];
}

/** Every indicator, in toolbar order. */
export const INDICATORS: readonly IndicatorSpec[] = [
  { id: 'sma', label: `SMA ${SMA_PERIOD}`, args: [SMA_PERIOD], placement: 'overlay', lines: [{ name: 'sma', kind: 'line', color: '#f0b429' }] },
  { id: 'ema', label: `EMA ${EMA_PERIOD}`, args: [EMA_PERIOD], placement: 'overlay', lines: [{ name: 'ema', kind: 'line', color: '#58a6ff' }] },
  {
    id: 'bollinger',
    label: `BB ${BOLLINGER_PERIOD},${BOLLINGER_K}`,
    args: [BOLLINGER_PERIOD, BOLLINGER_K],
    placement: 'overlay',
    lines: [
      { name: 'upper', kind: 'line', color: '#a371f7' },
      { name: 'middle', kind: 'line', color: '#6e5a9e' },
      { name: 'lower', kind: 'line', color: '#a371f7' },
    ],
  },
  { id: 'rsi', label: `RSI ${RSI_PERIOD}`, args: [RSI_PERIOD], placement: 'pane', lines: [{ name: 'rsi', kind: 'line', color: '#d2a8ff' }] },
  {
    id: 'macd',
    label: `MACD ${MACD_FAST},${MACD_SLOW},${MACD_SIGNAL}`,
    args: [MACD_FAST, MACD_SLOW, MACD_SIGNAL],
    placement: 'pane',
    lines: [
      { name: 'histogram', kind: 'histogram', color: '#6e7681' },
      { name: 'macd', kind: 'line', color: '#58a6ff' },
      { name: 'signal', kind: 'line', color: '#f78166' },
    ],
    // Traders read MACD as line, signal, histogram.
    legendOrder: [1, 2, 0],
  },
  { id: 'atr', label: `ATR ${ATR_PERIOD}`, args: [ATR_PERIOD], placement: 'pane', lines: [{ name: 'atr', kind: 'line', color: '#3fb950' }] },
];

/** The line values of `spec` (drawing order) in the legend's order. */
export function legendValues<T>(spec: IndicatorSpec, values: readonly T[]): T[] {
  return spec.legendOrder ? spec.legendOrder.map((i) => values[i]!) : [...values];
}

/** The spec of `id`. */
export function indicatorSpec(id: IndicatorId): IndicatorSpec {
  return INDICATORS.find((s) => s.id === id)!;
}

/**
 * Batch values of indicator `id` over `candles` (oldest first): one Float64Array per line of its spec
 * (same order), each as long as `candles`, NaN during warm-up.
 */
export function computeIndicator(id: IndicatorId, candles: readonly Candle[]): Float64Array[] {
  const close = Float64Array.from(candles, (c) => c.close);
  switch (id) {
    case 'sma':
      return [sma(close, SMA_PERIOD)];
    case 'ema':
      return [ema(close, EMA_PERIOD)];
    case 'bollinger': {
      const b = bollinger(close, { period: BOLLINGER_PERIOD, k: BOLLINGER_K });
      return [b.upper, b.middle, b.lower];
    }
    case 'rsi':
      return [rsi(close, RSI_PERIOD)];
    case 'macd': {
      const m = macd(close, { fast: MACD_FAST, slow: MACD_SLOW, signal: MACD_SIGNAL });
      return [m.histogram, m.macd, m.signal];
    }
    case 'atr':
      return [
        atr(
          Float64Array.from(candles, (c) => c.high),
          Float64Array.from(candles, (c) => c.low),
          close,
          ATR_PERIOD,
        ),
      ];
  }
}

/** A point of a drawn line: candle time (epoch seconds UTC) and value. */
export interface IndicatorPoint {
  readonly time: number;
  readonly value: number;
}

/** The drawable points of `values` at the candles' times: NaN (warm-up) bars are left out. */
export function toPoints(candles: readonly Candle[], values: ArrayLike<number>): IndicatorPoint[] {
  const out: IndicatorPoint[] = [];
  for (let i = 0; i < candles.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out.push({ time: candles[i]!.time, value: v });
  }
  return out;
}

/** Keeps one indicator current for the newest candle. */
export interface IndicatorStepper {
  /**
   * The newest candle changed (same time as the last one stepped: `update`) or a new one opened
   * (later time: `push`). Returns one value per line (NaN in warm-up), or null for a candle older
   * than the last one stepped (ignored).
   */
  step(candle: Candle): number[] | null;
}

/** A stepper for `id` seeded with `candles` (each pushed in order, O(n) once). */
export function createIndicatorStepper(id: IndicatorId, candles: readonly Candle[]): IndicatorStepper {
  let advance: (c: Candle, opened: boolean) => number[];
  switch (id) {
    case 'sma':
    case 'ema':
    case 'rsi': {
      const s = id === 'sma' ? createSmaStream(SMA_PERIOD) : id === 'ema' ? createEmaStream(EMA_PERIOD) : createRsiStream(RSI_PERIOD);
      advance = (c, opened) => [opened ? s.push(c.close) : s.update(c.close)];
      break;
    }
    case 'bollinger': {
      const s = createBollingerStream({ period: BOLLINGER_PERIOD, k: BOLLINGER_K });
      advance = (c, opened) => {
        const p = opened ? s.push(c.close) : s.update(c.close);
        return [p.upper, p.middle, p.lower];
      };
      break;
    }
    case 'macd': {
      const s = createMacdStream({ fast: MACD_FAST, slow: MACD_SLOW, signal: MACD_SIGNAL });
      advance = (c, opened) => {
        const p = opened ? s.push(c.close) : s.update(c.close);
        return [p.histogram, p.macd, p.signal];
      };
      break;
    }
    case 'atr': {
      const s = createAtrStream(ATR_PERIOD);
      advance = (c, opened) => [opened ? s.push(c.high, c.low, c.close) : s.update(c.high, c.low, c.close)];
      break;
    }
  }
  let lastTime = -Infinity;
  const stepper: IndicatorStepper = {
    step(candle) {
      if (candle.time < lastTime) return null;
      const opened = candle.time > lastTime;
      const out = advance(candle, opened);
      lastTime = candle.time;
      return out;
    },
  };
  for (const c of candles) stepper.step(c);
  return stepper;
}
