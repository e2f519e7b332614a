/**
 * Broker-neutral market-data types: segments, instrument keys, candles, quotes, option chains.
 *
 * Conventions (DESIGN.md, "Money rules"; shared/price.ts):
 * - Prices are **rupees** as numbers already snapped to the tick grid's decimals (2, or 4 for the
 *   currency segments). Greeks, implied volatility and ratios are not prices and are not snapped.
 * - Times are **epoch UTC**: candles in seconds (what chart libraries take), everything else in ms.
 * - Quantities, volume and OI are counts of units (shares, contracts × lot are NOT multiplied here).
 *
 * Source: seeds/002 (DhanHQ v2), "Market Quote", "Historical Data", "Option Chain", Annexure
 * "Exchange Segment"; seeds/003 (Kite v3) maps onto the same shapes in its adapter. Segment and
 * instrument vocabulary comes from shared/instruments.ts.
 */

import type { ExchangeSegment, OptionType } from './instruments';

export type { ExchangeSegment, InstrumentType, OptionType } from './instruments';
export { priceDecimals, isCurrencySegmentName } from './instruments';

/**
 * An exchange segment (annexure names, shared/instruments.ts). Alias kept short for the
 * market/order/portfolio types.
 */
export type Segment = ExchangeSegment;

/**
 * Points at one instrument by its parts: segment and the broker's security id (Dhan) / instrument
 * token (Kite) as decimal text. Any `Instrument` (shared/instruments.ts) is one structurally; the
 * map/IPC key form is `InstrumentKey` (`"NSE_EQ:1333"`) there.
 */
export interface InstrumentRef {
  readonly segment: ExchangeSegment;
  readonly securityId: string;
}

/** Candle intervals the workstation asks for: minutes, or one trading day. */
export type CandleInterval = '1m' | '5m' | '15m' | '25m' | '60m' | '1d';

/** One OHLC candle. */
export interface Candle {
  /** Start of the candle, epoch **seconds** UTC (a daily candle starts at IST midnight = 18:30Z the day before). */
  readonly time: number;
  /** Open, rupees. */
  readonly open: number;
  /** High, rupees. */
  readonly high: number;
  /** Low, rupees. */
  readonly low: number;
  /** Close, rupees. */
  readonly close: number;
  /** Volume traded in the candle, units (0 for indices). */
  readonly volume: number;
  /** Open interest at the candle's end, contracts, when the broker sent it. */
  readonly oi?: number;
}

/** Last traded price of one instrument. */
export interface LtpQuote {
  readonly key: InstrumentRef;
  /** LTP, rupees. */
  readonly ltp: number;
}

/** LTP plus the day's OHLC (open/high/low are 0 when the instrument has not traded today). */
export interface OhlcQuote extends LtpQuote {
  /** Day open, rupees. */
  readonly open: number;
  /** Day high, rupees. */
  readonly high: number;
  /** Day low, rupees. */
  readonly low: number;
  /** Previous session's close, rupees (Dhan's `ohlc.close`). */
  readonly close: number;
}

/** One level of the order book. */
export interface DepthLevel {
  /** Price, rupees (0 for an empty level). */
  readonly price: number;
  /** Quantity resting at that price, units. */
  readonly quantity: number;
  /** Number of orders at that price. */
  readonly orders: number;
}

/** A full snapshot quote (Dhan `/marketfeed/quote`, Kite `/quote`). */
export interface Quote extends OhlcQuote {
  /** Last traded quantity, units. */
  readonly ltq: number;
  /** Last trade time, epoch ms UTC; null when the broker sent none (Dhan's `01/01/1980` placeholder). */
  readonly lttMs: number | null;
  /** Average traded price (VWAP) of the day, rupees. */
  readonly atp: number;
  /** Day volume, units. */
  readonly volume: number;
  /** Total pending buy quantity at the exchange, units. */
  readonly totalBuyQuantity: number;
  /** Total pending sell quantity at the exchange, units. */
  readonly totalSellQuantity: number;
  /** Absolute change of LTP from the previous close, rupees. */
  readonly netChange: number;
  /** Open interest, contracts (0 for cash instruments). */
  readonly oi: number;
  /** Day's highest OI, contracts. */
  readonly oiDayHigh: number;
  /** Day's lowest OI, contracts. */
  readonly oiDayLow: number;
  /** Lower circuit limit, rupees. */
  readonly lowerCircuit: number;
  /** Upper circuit limit, rupees. */
  readonly upperCircuit: number;
  /** Bid levels, best first. */
  readonly bids: readonly DepthLevel[];
  /** Ask levels, best first. */
  readonly asks: readonly DepthLevel[];
}

/** Option greeks as the broker computes them (not snapped; per-unit, theta per day). */
export interface Greeks {
  readonly delta: number;
  readonly gamma: number;
  readonly theta: number;
  readonly vega: number;
}

/** One side (call or put) of an option-chain strike. */
export interface OptionChainLeg {
  /** Security id of the option contract, when the broker sent it (absent in some real Dhan answers). */
  readonly securityId: string | null;
  /** LTP, rupees. */
  readonly ltp: number;
  /** Day's average traded price, rupees, when sent. */
  readonly atp: number | null;
  /** Previous close, rupees. */
  readonly previousClose: number;
  /** Implied volatility, percent (9.79 means 9.79 %). */
  readonly iv: number;
  readonly greeks: Greeks;
  /** Open interest, contracts. */
  readonly oi: number;
  /** Previous day's open interest, contracts. */
  readonly previousOi: number;
  /** Day volume, units. */
  readonly volume: number;
  /** Previous day's volume, units. */
  readonly previousVolume: number;
  /** Best bid, rupees. */
  readonly bidPrice: number;
  /** Quantity at the best bid, units. */
  readonly bidQuantity: number;
  /** Best ask, rupees. */
  readonly askPrice: number;
  /** Quantity at the best ask, units. */
  readonly askQuantity: number;
}

/** One strike row: the strike with its call and put (either may be missing). */
export interface OptionChainRow {
  /** Strike price, rupees. */
  readonly strike: number;
  readonly call: OptionChainLeg | null;
  readonly put: OptionChainLeg | null;
}

/** A whole option chain for one underlying and one expiry. */
export interface OptionChain {
  readonly underlying: InstrumentRef;
  /** Expiry date, `YYYY-MM-DD` (exchange calendar date). */
  readonly expiry: string;
  /** Spot / underlying LTP, rupees (Dhan sends a float32; snapped here). */
  readonly spot: number;
  /** Rows sorted by strike, ascending. */
  readonly rows: readonly OptionChainRow[];
}
