/**
 * DhanHQ v2 wire ↔ shared domain types, in ONE place: enums, IST times, prices, wire typos.
 *
 * Source: seeds/002 (DhanHQ v2): "Orders", "Portfolio and Positions", "Funds & Margin", "Market
 * Quote", "Historical Data", "Option Chain", "Live Order Update" and the Annexure (segments, product
 * types, order status, AMO time, instruments). Recorded bodies: fixtures/dhan/rest/.
 *
 * Rules applied here and nowhere else:
 * - Times on Dhan's REST and order-update wire (`"2021-11-24 13:33:03"`, `"01/01/1980 00:00:00"`)
 *   are IST wall-clock times (UTC+05:30, no DST) and become epoch ms UTC; placeholder dates
 *   (`0001-01-01`, `1980-01-01`, anything before 1990) become null.
 * - Candle timestamps are true UTC epoch seconds, sometimes written as E-notation floats
 *   (`1.7260263E9`): rounded to whole seconds, never shifted.
 * - Prices are snapped to paise (4 decimals on currency segments) with `snapDecimals`; greeks and
 *   IV are not prices and are left as sent.
 * - Wire typos (`availabelBalance`, `receiveableAmount`) are read here and exposed with clean names.
 * Anything that cannot be mapped throws `DhanWireError` naming the field and the value.
 */

import { snapDecimals } from '../../../../shared/price';
import {
  priceDecimals,
  type Candle,
  type DepthLevel,
  type InstrumentRef,
  type LtpQuote,
  type OhlcQuote,
  type OptionChain,
  type OptionChainLeg,
  type OptionChainRow,
  type OptionType,
  type Quote,
  type Segment,
} from '../../../../shared/market';
import type {
  ModifyOrderRequest,
  Order,
  OrderLeg,
  OrderSide,
  OrderStatus,
  OrderType,
  PlaceOrderRequest,
  ProductType,
  Trade,
  Validity,
} from '../../../../shared/orders';
import type {
  BasketMarginRequirement,
  ConvertPositionRequest,
  Funds,
  Holding,
  MarginLeg,
  MarginRequirement,
  Position,
  PositionType,
} from '../../../../shared/portfolio';
import { parseSegment } from '../segments';
import type {
  WireCandles,
  WireFundLimit,
  WireHolding,
  WireLtpEntry,
  WireMargin,
  WireMultiMargin,
  WireOhlcEntry,
  WireOptionChain,
  WireOptionLeg,
  WireOrder,
  WirePosition,
  WireQuoteEntry,
  WireTrade,
} from './schemas';

/** A wire value that has no place in the shared types (unknown enum, ragged arrays…). */
export class DhanWireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DhanWireError';
  }
}

// ─── time ────────────────────────────────────────────────────────────────────────────────────────

/** IST offset from UTC, ms (India has no daylight saving). */
export const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
const DMY = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses a Dhan IST wall-clock time (`YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`, `DD/MM/YYYY HH:mm:ss`) to
 * epoch ms UTC. Returns null for empty text, placeholders (year < 1990) and unparseable text.
 */
export function parseIstDateTime(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const s = text.trim();
  if (s === '') return null;
  let y: number, mo: number, d: number, h = 0, mi = 0, se = 0;
  const a = ISO_LIKE.exec(s);
  const b = a === null ? DMY.exec(s) : null;
  if (a !== null) {
    [y, mo, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
    [h, mi, se] = [Number(a[4] ?? 0), Number(a[5] ?? 0), Number(a[6] ?? 0)];
  } else if (b !== null) {
    [d, mo, y] = [Number(b[1]), Number(b[2]), Number(b[3])];
    [h, mi, se] = [Number(b[4] ?? 0), Number(b[5] ?? 0), Number(b[6] ?? 0)];
  } else {
    return null;
  }
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return null;
  return Date.UTC(y, mo - 1, d, h, mi, se) - IST_OFFSET_MS;
}

/** `YYYY-MM-DD` part of a Dhan date/time, or null for empty text and placeholders (year < 1990). */
export function parseDateOnly(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (m === null || Number(m[1]) < 1990) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Epoch seconds UTC from a candle timestamp (JSON number, possibly written in E-notation). */
export function candleSeconds(value: number): number {
  return Math.round(value);
}

// ─── enums ───────────────────────────────────────────────────────────────────────────────────────

function norm(text: string): string {
  return text.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Segment from its annexure name; throws DhanWireError for anything else. */
export function toSegment(text: string): Segment {
  const s = parseSegment(text.trim().toUpperCase());
  if (s === null) throw new DhanWireError(`unknown exchange segment '${text}'`);
  return s;
}

/** Segment from the order-update stream's `Exchange` + `Segment` letters (seeds/002, instrument list columns). */
export function segmentFromExchange(exchange: string, segmentLetter: string): Segment {
  const key = `${exchange.trim().toUpperCase()}:${segmentLetter.trim().toUpperCase()}`;
  const table: Readonly<Record<string, Segment>> = {
    'NSE:E': 'NSE_EQ',
    'NSE:D': 'NSE_FNO',
    'NSE:C': 'NSE_CURRENCY',
    'NSE:I': 'IDX_I',
    'BSE:E': 'BSE_EQ',
    'BSE:D': 'BSE_FNO',
    'BSE:C': 'BSE_CURRENCY',
    'BSE:I': 'IDX_I',
    'MCX:M': 'MCX_COMM',
    'MCX:D': 'MCX_COMM',
  };
  const seg = table[key];
  if (seg === undefined) throw new DhanWireError(`unknown exchange/segment '${exchange}'/'${segmentLetter}'`);
  return seg;
}

const SIDES: Readonly<Record<string, OrderSide>> = { BUY: 'BUY', SELL: 'SELL', B: 'BUY', S: 'SELL' };
/** BUY/SELL (REST) or B/S (order-update stream). */
export function toSide(text: string): OrderSide {
  const v = SIDES[norm(text)];
  if (v === undefined) throw new DhanWireError(`unknown transaction type '${text}'`);
  return v;
}

const PRODUCTS: Readonly<Record<string, ProductType>> = {
  CNC: 'CNC',
  INTRADAY: 'INTRADAY',
  MARGIN: 'MARGIN',
  MTF: 'MTF',
  CO: 'CO',
  BO: 'BO',
  // Order-update stream letters (seeds/002, Live Order Update → Product).
  C: 'CNC',
  I: 'INTRADAY',
  M: 'MARGIN',
  F: 'MTF',
  V: 'CO',
  B: 'BO',
};
/** Product from the REST name or the order-update letter. */
export function toProduct(text: string): ProductType {
  const v = PRODUCTS[norm(text)];
  if (v === undefined) throw new DhanWireError(`unknown product type '${text}'`);
  return v;
}

const ORDER_TYPES: Readonly<Record<string, OrderType>> = {
  LIMIT: 'LIMIT',
  MARKET: 'MARKET',
  STOP_LOSS: 'STOP_LOSS',
  STOP_LOSS_MARKET: 'STOP_LOSS_MARKET',
  LMT: 'LIMIT',
  MKT: 'MARKET',
  SL: 'STOP_LOSS',
  SLM: 'STOP_LOSS_MARKET',
  SL_M: 'STOP_LOSS_MARKET',
};
/** Order type from the REST name or the order-update abbreviation (LMT, MKT, SL, SLM). */
export function toOrderType(text: string): OrderType {
  const v = ORDER_TYPES[norm(text)];
  if (v === undefined) throw new DhanWireError(`unknown order type '${text}'`);
  return v;
}

/** DAY or IOC; a missing validity reads as DAY (the exchange default). */
export function toValidity(text: string | undefined): Validity {
  if (text === undefined || text.trim() === '') return 'DAY';
  const n = norm(text);
  if (n === 'DAY' || n === 'IOC') return n;
  throw new DhanWireError(`unknown validity '${text}'`);
}

const STATUSES: Readonly<Record<string, OrderStatus>> = {
  TRANSIT: 'TRANSIT',
  PENDING: 'PENDING',
  PART_TRADED: 'PART_TRADED',
  PARTIALLY_TRADED: 'PART_TRADED',
  TRADED: 'TRADED',
  CANCELLED: 'CANCELLED',
  CANCELED: 'CANCELLED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
  CLOSED: 'CLOSED',
  TRIGGERED: 'TRIGGERED',
  // Slicing answers list CONFIRM (seeds/002, Order Slicing): accepted by the exchange, still open.
  CONFIRM: 'PENDING',
  CONFIRMED: 'PENDING',
};
/**
 * Order status from REST (`PART_TRADED`) or the stream (`Cancelled`, title case). An unknown word
 * maps to UNKNOWN (reconcile from the order book) rather than failing the whole answer.
 */
export function toStatus(text: string): OrderStatus {
  return STATUSES[norm(text)] ?? 'UNKNOWN';
}

/** ENTRY_LEG / TARGET_LEG / STOP_LOSS_LEG, or the stream's `LegNo` 1/2/3; null when absent. */
export function toLeg(value: string | number | undefined | null): OrderLeg | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value === 1 ? 'ENTRY_LEG' : value === 2 ? 'STOP_LOSS_LEG' : value === 3 ? 'TARGET_LEG' : null;
  const n = norm(value);
  return n === 'ENTRY_LEG' || n === 'TARGET_LEG' || n === 'STOP_LOSS_LEG' ? n : null;
}

/** CALL/PUT (REST) or CE/PE (stream) → CE/PE; anything else (`XX`, null) → null. */
export function toOptionType(text: string | undefined | null): OptionType | null {
  if (text === undefined || text === null) return null;
  const n = norm(text);
  if (n === 'CALL' || n === 'CE') return 'CE';
  if (n === 'PUT' || n === 'PE') return 'PE';
  return null;
}

/** LONG / SHORT / CLOSED. */
export function toPositionType(text: string): PositionType {
  const n = norm(text);
  if (n === 'LONG' || n === 'SHORT' || n === 'CLOSED') return n;
  throw new DhanWireError(`unknown position type '${text}'`);
}

// ─── numbers ─────────────────────────────────────────────────────────────────────────────────────

/** Snaps a rupee price of `segment` (undefined → 0). */
export function price(value: number | undefined, segment: Segment): number {
  if (value === undefined) return 0;
  return snapDecimals(value, priceDecimals(segment));
}

/** Snaps rupee money (P&L, balances) to paise (undefined → 0). */
export function money(value: number | undefined): number {
  return value === undefined ? 0 : snapDecimals(value, 2);
}

function qty(value: number | undefined): number {
  return value === undefined ? 0 : Math.round(value);
}

function strikeOrNull(value: number | undefined, segment: Segment): number | null {
  return value === undefined || value === 0 ? null : price(value, segment);
}

// ─── orders and trades ───────────────────────────────────────────────────────────────────────────

/** An order of the order book / get order / get by correlation id. */
export function mapOrder(w: WireOrder): Order {
  const segment = toSegment(w.exchangeSegment);
  const quantity = qty(w.quantity);
  const filled = qty(w.filledQty);
  const status = toStatus(w.orderStatus);
  const rejected = status === 'REJECTED' || (w.omsErrorDescription !== undefined && w.omsErrorDescription.trim() !== '');
  return {
    orderId: w.orderId,
    exchangeOrderId: w.exchangeOrderId ?? null,
    correlationId: w.correlationId !== undefined && w.correlationId !== '' ? w.correlationId : null,
    status,
    instrument: { segment, securityId: w.securityId },
    symbol: w.tradingSymbol ?? '',
    side: toSide(w.transactionType),
    product: toProduct(w.productType),
    orderType: toOrderType(w.orderType),
    validity: toValidity(w.validity),
    quantity,
    filledQuantity: filled,
    remainingQuantity: w.remainingQuantity !== undefined ? qty(w.remainingQuantity) : Math.max(0, quantity - filled),
    price: price(w.price, segment),
    triggerPrice: price(w.triggerPrice, segment),
    averageTradedPrice: price(w.averageTradedPrice, segment),
    disclosedQuantity: qty(w.disclosedQuantity),
    afterMarketOrder: w.afterMarketOrder === true,
    leg: toLeg(w.legName),
    expiryDate: parseDateOnly(w.drvExpiryDate),
    optionType: toOptionType(w.drvOptionType),
    strikePrice: strikeOrNull(w.drvStrikePrice, segment),
    createdAtMs: parseIstDateTime(w.createTime),
    updatedAtMs: parseIstDateTime(w.updateTime),
    exchangeTimeMs: parseIstDateTime(w.exchangeTime),
    rejectionReason: rejected ? (w.omsErrorDescription ?? null) : null,
    rejectionCode: rejected && w.omsErrorCode !== undefined && w.omsErrorCode !== null ? String(w.omsErrorCode) : null,
  };
}

/** A trade of the trade book / trades of an order. */
export function mapTrade(w: WireTrade): Trade {
  const segment = toSegment(w.exchangeSegment);
  return {
    orderId: w.orderId,
    exchangeOrderId: w.exchangeOrderId ?? null,
    tradeId: w.exchangeTradeId,
    instrument: { segment, securityId: w.securityId },
    symbol: w.tradingSymbol ?? '',
    side: toSide(w.transactionType),
    product: toProduct(w.productType),
    orderType: toOrderType(w.orderType),
    quantity: qty(w.tradedQuantity),
    price: price(w.tradedPrice, segment),
    tradeTimeMs: parseIstDateTime(w.exchangeTime) ?? parseIstDateTime(w.updateTime),
    expiryDate: parseDateOnly(w.drvExpiryDate),
    optionType: toOptionType(w.drvOptionType),
    strikePrice: strikeOrNull(w.drvStrikePrice, segment),
  };
}

function positive(n: number | undefined): number | undefined {
  return n === undefined || n === 0 ? undefined : n;
}

/** Request body of `POST /orders` and `POST /orders/slicing` (seeds/002, Order Placement). */
export function placeOrderBody(req: PlaceOrderRequest, clientId: string, correlationId: string): Record<string, unknown> {
  const seg = req.instrument.segment;
  const body: Record<string, unknown> = {
    dhanClientId: clientId,
    correlationId,
    transactionType: req.side,
    exchangeSegment: seg,
    productType: req.product,
    orderType: req.orderType,
    validity: req.validity,
    securityId: req.instrument.securityId,
    quantity: req.quantity,
    price: req.price === undefined ? 0 : price(req.price, seg),
    afterMarketOrder: req.afterMarketOrder === true,
  };
  if (positive(req.triggerPrice) !== undefined) body['triggerPrice'] = price(req.triggerPrice, seg);
  if (positive(req.disclosedQuantity) !== undefined) body['disclosedQuantity'] = req.disclosedQuantity;
  if (req.afterMarketOrder === true) body['amoTime'] = req.amoTime;
  if (positive(req.boProfitValue) !== undefined) body['boProfitValue'] = price(req.boProfitValue, seg);
  if (positive(req.boStopLossValue) !== undefined) body['boStopLossValue'] = price(req.boStopLossValue, seg);
  return body;
}

/** Request body of `PUT /orders/{order-id}` (seeds/002, Order Modification). */
export function modifyOrderBody(req: ModifyOrderRequest, clientId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    dhanClientId: clientId,
    orderId: req.orderId,
    orderType: req.orderType,
    validity: req.validity,
  };
  if (req.leg !== undefined) body['legName'] = req.leg;
  if (req.quantity !== undefined) body['quantity'] = req.quantity;
  if (req.price !== undefined) body['price'] = req.price;
  if (req.triggerPrice !== undefined) body['triggerPrice'] = req.triggerPrice;
  if (req.disclosedQuantity !== undefined) body['disclosedQuantity'] = req.disclosedQuantity;
  return body;
}

// ─── portfolio and funds ─────────────────────────────────────────────────────────────────────────

/** A position (seeds/002, Positions). */
export function mapPosition(w: WirePosition): Position {
  const segment = toSegment(w.exchangeSegment);
  return {
    instrument: { segment, securityId: w.securityId },
    symbol: w.tradingSymbol ?? '',
    product: toProduct(w.productType),
    positionType: toPositionType(w.positionType),
    netQuantity: qty(w.netQty),
    buyQuantity: qty(w.buyQty),
    sellQuantity: qty(w.sellQty),
    dayBuyQuantity: qty(w.dayBuyQty),
    daySellQuantity: qty(w.daySellQty),
    carryForwardBuyQuantity: qty(w.carryForwardBuyQty),
    carryForwardSellQuantity: qty(w.carryForwardSellQty),
    buyAverage: price(w.buyAvg, segment),
    sellAverage: price(w.sellAvg, segment),
    costPrice: price(w.costPrice, segment),
    dayBuyValue: money(w.dayBuyValue),
    daySellValue: money(w.daySellValue),
    realisedPnl: money(w.realizedProfit),
    unrealisedPnl: money(w.unrealizedProfit),
    multiplier: w.multiplier === undefined || w.multiplier === 0 ? 1 : w.multiplier,
    expiryDate: parseDateOnly(w.drvExpiryDate),
    optionType: toOptionType(w.drvOptionType),
    strikePrice: strikeOrNull(w.drvStrikePrice, segment),
  };
}

/** A holding (seeds/002, Holdings). */
export function mapHolding(w: WireHolding): Holding {
  return {
    exchange: w.exchange ?? '',
    symbol: w.tradingSymbol ?? '',
    securityId: w.securityId,
    isin: w.isin ?? '',
    totalQuantity: qty(w.totalQty),
    dematQuantity: qty(w.dpQty),
    t1Quantity: qty(w.t1Qty),
    availableQuantity: qty(w.availableQty),
    collateralQuantity: qty(w.collateralQty),
    averageCostPrice: money(w.avgCostPrice),
  };
}

/** Fund limit; reads the wire's `availabelBalance` and `receiveableAmount` (real typos). */
export function mapFunds(w: WireFundLimit): Funds {
  return {
    availableBalance: money(w.availabelBalance ?? w.availableBalance),
    startOfDayLimit: money(w.sodLimit),
    collateralAmount: money(w.collateralAmount),
    receivableAmount: money(w.receiveableAmount),
    utilisedAmount: money(w.utilizedAmount),
    blockedPayoutAmount: money(w.blockedPayoutAmount),
    withdrawableBalance: money(w.withdrawableBalance),
  };
}

/** Margin calculator answer for one order. */
export function mapMargin(w: WireMargin): MarginRequirement {
  return {
    totalMargin: money(w.totalMargin),
    spanMargin: money(w.spanMargin),
    exposureMargin: money(w.exposureMargin),
    variableMargin: money(w.variableMargin),
    availableBalance: money(w.availableBalance),
    insufficientBalance: money(w.insufficientBalance),
    brokerage: money(w.brokerage),
    leverage: w.leverage ?? 1,
  };
}

/** Multi-order margin answer (snake_case numeric strings on the wire). */
export function mapMultiMargin(w: WireMultiMargin): BasketMarginRequirement {
  return {
    totalMargin: money(w.total_margin),
    spanMargin: money(w.span_margin),
    exposureMargin: money(w.exposure_margin),
    equityMargin: money(w.equity_margin),
    foMargin: money(w.fo_margin),
    commodityMargin: money(w.commodity_margin),
    currency: w.currency ?? 'INR',
    hedgeBenefit: w.hedge_benefit === undefined ? null : money(w.hedge_benefit),
  };
}

/** One leg of a margin-calculator request (camelCase, as seeds/002 and the official client send). */
export function marginLegBody(leg: MarginLeg): Record<string, unknown> {
  const seg = leg.instrument.segment;
  const body: Record<string, unknown> = {
    exchangeSegment: seg,
    transactionType: leg.side,
    quantity: leg.quantity,
    productType: leg.product,
    securityId: leg.instrument.securityId,
    price: price(leg.price, seg),
  };
  if (positive(leg.triggerPrice) !== undefined) body['triggerPrice'] = price(leg.triggerPrice, seg);
  return body;
}

/** Request body of `POST /positions/convert`. */
export function convertPositionBody(req: ConvertPositionRequest, clientId: string): Record<string, unknown> {
  return {
    dhanClientId: clientId,
    fromProductType: req.fromProduct,
    exchangeSegment: req.instrument.segment,
    positionType: req.positionType,
    securityId: req.instrument.securityId,
    tradingSymbol: req.symbol ?? '',
    convertQty: req.quantity,
    toProductType: req.toProduct,
  };
}

// ─── market data ─────────────────────────────────────────────────────────────────────────────────

/** Candle arrays → candles, oldest first. Throws DhanWireError when the arrays differ in length. */
export function mapCandles(w: WireCandles, segment: Segment): Candle[] {
  const n = w.timestamp.length;
  const lengths = [w.open.length, w.high.length, w.low.length, w.close.length, w.volume.length];
  if (lengths.some((l) => l !== n)) {
    throw new DhanWireError(`candle arrays differ in length (timestamp ${n}, open/high/low/close/volume ${lengths.join('/')})`);
  }
  const oi = w.open_interest !== undefined && w.open_interest !== null && w.open_interest.length === n ? w.open_interest : null;
  const out: Candle[] = new Array<Candle>(n);
  for (let i = 0; i < n; i++) {
    const c = {
      time: candleSeconds(w.timestamp[i]!),
      open: price(w.open[i], segment),
      high: price(w.high[i], segment),
      low: price(w.low[i], segment),
      close: price(w.close[i], segment),
      volume: Math.round(w.volume[i]!),
    };
    out[i] = oi === null ? c : { ...c, oi: Math.round(oi[i]!) };
  }
  return out;
}

/** Joins candle lists from several windows: sorted by time, one candle per time (the later list wins). */
export function mergeCandles(lists: readonly (readonly Candle[])[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const list of lists) for (const c of list) byTime.set(c.time, c);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

function eachEntry<T>(data: Readonly<Record<string, Readonly<Record<string, T>>>>, f: (key: InstrumentRef, e: T) => void): void {
  for (const [segName, bySecurity] of Object.entries(data)) {
    const segment = toSegment(segName);
    for (const [securityId, entry] of Object.entries(bySecurity)) f({ segment, securityId }, entry);
  }
}

/** `/marketfeed/ltp` data → LTP quotes. */
export function mapLtpQuotes(data: Readonly<Record<string, Readonly<Record<string, WireLtpEntry>>>>): LtpQuote[] {
  const out: LtpQuote[] = [];
  eachEntry(data, (key, e) => out.push({ key, ltp: price(e.last_price, key.segment) }));
  return out;
}

/** `/marketfeed/ohlc` data → OHLC quotes. */
export function mapOhlcQuotes(data: Readonly<Record<string, Readonly<Record<string, WireOhlcEntry>>>>): OhlcQuote[] {
  const out: OhlcQuote[] = [];
  eachEntry(data, (key, e) => {
    const s = key.segment;
    out.push({ key, ltp: price(e.last_price, s), open: price(e.ohlc.open, s), high: price(e.ohlc.high, s), low: price(e.ohlc.low, s), close: price(e.ohlc.close, s) });
  });
  return out;
}

function depth(levels: readonly { quantity: number; orders: number; price: number }[] | undefined, s: Segment): DepthLevel[] {
  return (levels ?? []).map((l) => ({ price: price(l.price, s), quantity: qty(l.quantity), orders: qty(l.orders) }));
}

/** `/marketfeed/quote` data → full quotes. `last_trade_time` is `DD/MM/YYYY HH:mm:ss` IST. */
export function mapFullQuotes(data: Readonly<Record<string, Readonly<Record<string, WireQuoteEntry>>>>): Quote[] {
  const out: Quote[] = [];
  eachEntry(data, (key, e) => {
    const s = key.segment;
    out.push({
      key,
      ltp: price(e.last_price, s),
      open: price(e.ohlc.open, s),
      high: price(e.ohlc.high, s),
      low: price(e.ohlc.low, s),
      close: price(e.ohlc.close, s),
      ltq: qty(e.last_quantity),
      lttMs: parseIstDateTime(e.last_trade_time),
      atp: price(e.average_price, s),
      volume: qty(e.volume),
      totalBuyQuantity: qty(e.buy_quantity),
      totalSellQuantity: qty(e.sell_quantity),
      netChange: price(e.net_change, s),
      oi: qty(e.oi),
      oiDayHigh: qty(e.oi_day_high),
      oiDayLow: qty(e.oi_day_low),
      lowerCircuit: price(e.lower_circuit_limit, s),
      upperCircuit: price(e.upper_circuit_limit, s),
      bids: depth(e.depth?.buy, s),
      asks: depth(e.depth?.sell, s),
    });
  });
  return out;
}

function optionLeg(w: WireOptionLeg | null | undefined, s: Segment): OptionChainLeg | null {
  if (w === null || w === undefined) return null;
  return {
    securityId: w.security_id ?? null,
    ltp: price(w.last_price, s),
    atp: w.average_price === undefined ? null : price(w.average_price, s),
    previousClose: price(w.previous_close_price, s),
    iv: w.implied_volatility,
    greeks: { delta: w.greeks.delta, gamma: w.greeks.gamma, theta: w.greeks.theta, vega: w.greeks.vega },
    oi: qty(w.oi),
    previousOi: qty(w.previous_oi),
    volume: qty(w.volume),
    previousVolume: qty(w.previous_volume),
    bidPrice: price(w.top_bid_price, s),
    bidQuantity: qty(w.top_bid_quantity),
    askPrice: price(w.top_ask_price, s),
    askQuantity: qty(w.top_ask_quantity),
  };
}

/**
 * `/optionchain` answer → option chain. Strike keys (`"17600.000000"`) become numbers, rows are
 * sorted by strike; the float32 spot (`22952.94921875`) is snapped (→ 22952.95).
 */
export function mapOptionChain(w: WireOptionChain, underlying: InstrumentRef, expiry: string): OptionChain {
  const s = underlying.segment === 'IDX_I' ? 'NSE_FNO' : underlying.segment;
  const rows: OptionChainRow[] = [];
  for (const [key, row] of Object.entries(w.data.oc)) {
    const strike = Number(key);
    if (!Number.isFinite(strike) || key.trim() === '') throw new DhanWireError(`strike key '${key}' is not a number`);
    rows.push({ strike: price(strike, s), call: optionLeg(row.ce, s), put: optionLeg(row.pe, s) });
  }
  rows.sort((a, b) => a.strike - b.strike);
  return { underlying, expiry, spot: price(w.data.last_price, underlying.segment), rows };
}
