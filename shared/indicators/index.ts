/**
 * Chart indicators (issue 5, "Chart"): batch functions over the loaded history and O(1) streams
 * for the live candle. Conventions (warm-up NaN, units, errors) in types.ts.
 */
export type { BarStream, Series, ValueStream } from './types';
export { createSmaStream, sma } from './sma';
export { createEmaStream, ema, emaAlpha } from './ema';
export {
  BOLLINGER_K,
  BOLLINGER_PERIOD,
  bollinger,
  createBollingerStream,
  type BollingerOptions,
  type BollingerPoint,
  type BollingerSeries,
} from './bollinger';
export { RSI_PERIOD, createRsiStream, rsi, rsiFromAverages } from './rsi';
export {
  MACD_FAST,
  MACD_SIGNAL,
  MACD_SLOW,
  createMacdStream,
  macd,
  type MacdOptions,
  type MacdPoint,
  type MacdSeries,
} from './macd';
export { ATR_PERIOD, atr, createAtrStream, trueRange } from './atr';
