/**
 * Shared domain values → DhanHQ v2 wire JSON, as the real servers write it: the inverse of
 * electron/brokers/dhan/rest/mapping.ts and order-updates.ts, for the simulated exchange.
 *
 * Source: seeds/002 "Response Structure" of Order Book, Trade Book, Positions, Fund Limit, Margin
 * Calculator, Market Quote; "Live Order Update" (order_alert fields and letter codes); recorded
 * bodies in fixtures/dhan/rest/ (key sets and types: quotes, option chain, candles, errors).
 * Wire names keep the wire's typos (`availabelBalance`, `receiveableAmount`). Times are IST
 * wall-clock text `YYYY-MM-DD HH:mm:ss` (quote `last_trade_time`: `DD/MM/YYYY HH:mm:ss`).
 */

import type { Candle, Quote } from '../../../shared/market';
import type { Order, OrderType, ProductType, Trade } from '../../../shared/orders';
import type { Funds, Holding, Position } from '../../../shared/portfolio';
import { SEGMENT_MASTER_CODE } from '../../brokers/dhan/segments';
import { formatIst, IST_OFFSET_MS } from '../market-hours';
import type { SimInstrumentSpec } from '../sim-instrument';

/** IST `YYYY-MM-DD HH:mm:ss`, or `fallback` for null. */
export function istText(ms: number | null, fallback: string | null = null): string | null {
  return ms === null ? fallback : formatIst(ms);
}

/** IST `DD/MM/YYYY HH:mm:ss` (market quote `last_trade_time`), or `""` when there was no trade. */
export function istQuoteTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const optionWord = (t: 'CE' | 'PE' | null) => (t === 'CE' ? 'CALL' : t === 'PE' ? 'PUT' : null);

/** One order of the order book (seeds/002 "Order Book" response, every key of the sample). */
export function wireOrder(o: Order, clientId: string): Record<string, unknown> {
  return {
    dhanClientId: clientId,
    orderId: o.orderId,
    exchangeOrderId: o.exchangeOrderId,
    correlationId: o.correlationId ?? '',
    orderStatus: o.status,
    transactionType: o.side,
    exchangeSegment: o.instrument.segment,
    productType: o.product,
    orderType: o.orderType,
    validity: o.validity,
    tradingSymbol: o.symbol,
    securityId: o.instrument.securityId,
    quantity: o.quantity,
    disclosedQuantity: o.disclosedQuantity,
    price: o.price,
    triggerPrice: o.triggerPrice,
    afterMarketOrder: o.afterMarketOrder,
    boProfitValue: 0,
    boStopLossValue: 0,
    legName: null,
    createTime: istText(o.createdAtMs, ''),
    updateTime: istText(o.updatedAtMs, ''),
    exchangeTime: istText(o.exchangeTimeMs, '0001-01-01 00:00:00'),
    drvExpiryDate: o.expiryDate,
    drvOptionType: optionWord(o.optionType),
    drvStrikePrice: o.strikePrice ?? 0,
    omsErrorCode: o.status === 'REJECTED' ? (o.rejectionCode ?? null) : null,
    omsErrorDescription: o.status === 'REJECTED' || o.status === 'CANCELLED' ? (o.rejectionReason ?? null) : null,
    algoId: '0',
    remainingQuantity: o.remainingQuantity,
    averageTradedPrice: o.averageTradedPrice,
    filledQty: o.filledQuantity,
  };
}

/** One trade of the trade book (seeds/002 "Trade Book" response). */
export function wireTrade(t: Trade, clientId: string, createdAtMs: number | null): Record<string, unknown> {
  return {
    dhanClientId: clientId,
    orderId: t.orderId,
    exchangeOrderId: t.exchangeOrderId,
    exchangeTradeId: t.tradeId,
    transactionType: t.side,
    exchangeSegment: t.instrument.segment,
    productType: t.product,
    orderType: t.orderType,
    tradingSymbol: t.symbol,
    securityId: t.instrument.securityId,
    tradedQuantity: t.quantity,
    tradedPrice: t.price,
    createTime: istText(createdAtMs ?? t.tradeTimeMs, ''),
    updateTime: istText(t.tradeTimeMs, ''),
    exchangeTime: istText(t.tradeTimeMs, ''),
    drvExpiryDate: t.expiryDate,
    drvOptionType: optionWord(t.optionType),
    drvStrikePrice: t.strikePrice ?? 0,
  };
}

/** One position (seeds/002 "Positions" response, every key of the sample). */
export function wirePosition(p: Position, clientId: string): Record<string, unknown> {
  return {
    dhanClientId: clientId,
    tradingSymbol: p.symbol,
    securityId: p.instrument.securityId,
    positionType: p.positionType,
    exchangeSegment: p.instrument.segment,
    productType: p.product,
    buyAvg: p.buyAverage,
    buyQty: p.buyQuantity,
    costPrice: p.costPrice,
    sellAvg: p.sellAverage,
    sellQty: p.sellQuantity,
    netQty: p.netQuantity,
    realizedProfit: p.realisedPnl,
    unrealizedProfit: p.unrealisedPnl,
    rbiReferenceRate: 1.0,
    multiplier: p.multiplier,
    carryForwardBuyQty: p.carryForwardBuyQuantity,
    carryForwardSellQty: p.carryForwardSellQuantity,
    carryForwardBuyValue: 0,
    carryForwardSellValue: 0,
    dayBuyQty: p.dayBuyQuantity,
    daySellQty: p.daySellQuantity,
    dayBuyValue: p.dayBuyValue,
    daySellValue: p.daySellValue,
    drvExpiryDate: p.expiryDate ?? '0001-01-01',
    drvOptionType: optionWord(p.optionType),
    drvStrikePrice: p.strikePrice ?? 0,
    crossCurrency: false,
  };
}

/** A demat holding (seeds/002 "Holdings": keys and types of the sample, `exchange` "ALL"). */
export function wireHolding(h: Holding): Record<string, unknown> {
  return {
    exchange: h.exchange,
    tradingSymbol: h.symbol,
    securityId: h.securityId,
    isin: h.isin,
    totalQty: h.totalQuantity,
    dpQty: h.dematQuantity,
    t1Qty: h.t1Quantity,
    availableQty: h.availableQuantity,
    collateralQty: h.collateralQuantity,
    avgCostPrice: h.averageCostPrice,
  };
}

/** Fund limit (seeds/002 "Fund Limit"; `availabelBalance`, `receiveableAmount` as on the wire). */
export function wireFunds(f: Funds, clientId: string): Record<string, unknown> {
  return {
    dhanClientId: clientId,
    availabelBalance: f.availableBalance,
    sodLimit: f.startOfDayLimit,
    collateralAmount: f.collateralAmount,
    receiveableAmount: f.receivableAmount,
    utilizedAmount: f.utilisedAmount,
    blockedPayoutAmount: f.blockedPayoutAmount,
    withdrawableBalance: f.withdrawableBalance,
  };
}

/** `/marketfeed/ltp` entry. */
export function wireLtp(q: Quote): Record<string, unknown> {
  return { last_price: q.ltp };
}

/** `/marketfeed/ohlc` entry (fixture marketfeed-ohlc.*: `ohlc` keys open, close, high, low). */
export function wireOhlc(q: Quote): Record<string, unknown> {
  return { last_price: q.ltp, ohlc: { open: q.open, close: q.close, high: q.high, low: q.low } };
}

/** `/marketfeed/quote` entry with 5 depth rows per side, zero-padded (fixture marketfeed-quote.*). */
export function wireQuote(q: Quote): Record<string, unknown> {
  const rows = (levels: Quote['bids']) =>
    Array.from({ length: 5 }, (_, i) => {
      const l = levels[i];
      return { quantity: l?.quantity ?? 0, orders: l?.orders ?? 0, price: l?.price ?? 0 };
    });
  return {
    average_price: q.atp,
    buy_quantity: q.totalBuyQuantity,
    depth: { buy: rows(q.bids), sell: rows(q.asks) },
    last_price: q.ltp,
    last_quantity: q.ltq,
    last_trade_time: istQuoteTime(q.lttMs),
    lower_circuit_limit: q.lowerCircuit,
    net_change: q.netChange,
    ohlc: { open: q.open, close: q.close, high: q.high, low: q.low },
    oi: q.oi,
    oi_day_high: q.oiDayHigh,
    oi_day_low: q.oiDayLow,
    sell_quantity: q.totalSellQuantity,
    upper_circuit_limit: q.upperCircuit,
    volume: q.volume,
  };
}

/** Candle arrays (fixtures charts-*: open, high, low, close, volume, timestamp; `open_interest` when asked). */
export function wireCandles(candles: readonly Candle[], withOi: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    open: candles.map((c) => c.open),
    high: candles.map((c) => c.high),
    low: candles.map((c) => c.low),
    close: candles.map((c) => c.close),
    volume: candles.map((c) => c.volume),
    timestamp: candles.map((c) => c.time),
  };
  if (withOi) out['open_interest'] = candles.map((c) => c.oi ?? 0);
  return out;
}

const PRODUCT_LETTER: Readonly<Record<ProductType, string>> = { CNC: 'C', INTRADAY: 'I', MARGIN: 'M', MTF: 'F', CO: 'V', BO: 'B' };
const ORDER_TYPE_ABBR: Readonly<Record<OrderType, string>> = { LIMIT: 'LMT', MARKET: 'MKT', STOP_LOSS: 'SL', STOP_LOSS_MARKET: 'SLM' };

/**
 * An `order_alert` message of the order-update socket (seeds/002 "Live Order Update": letter codes
 * for exchange/segment, product, side and order type; IST times; `OffMktFlag` "1" for AMO).
 */
export function wireOrderAlert(
  o: Order,
  clientId: string,
  spec: SimInstrumentSpec | undefined,
  fill: { readonly price: number } | null,
  refLtp: number,
): Record<string, unknown> {
  const [exchange, segment] = SEGMENT_MASTER_CODE[o.instrument.segment] ?? ['NSE', 'E'];
  return {
    Data: {
      Exchange: exchange,
      Segment: segment,
      Source: 'P',
      SecurityId: o.instrument.securityId,
      ClientId: clientId,
      ExchOrderNo: o.exchangeOrderId ?? '0',
      OrderNo: o.orderId,
      Product: PRODUCT_LETTER[o.product],
      TxnType: o.side === 'BUY' ? 'B' : 'S',
      OrderType: ORDER_TYPE_ABBR[o.orderType],
      Validity: o.validity,
      DiscQuantity: o.disclosedQuantity,
      DiscQtyRem: o.disclosedQuantity,
      RemainingQuantity: o.remainingQuantity,
      Quantity: o.quantity,
      TradedQty: o.filledQuantity,
      Price: o.price,
      TriggerPrice: o.triggerPrice,
      TradedPrice: fill?.price ?? 0,
      AvgTradedPrice: o.averageTradedPrice,
      OffMktFlag: o.afterMarketOrder ? '1' : '0',
      OrderDateTime: istText(o.createdAtMs, ''),
      ExchOrderTime: istText(o.exchangeTimeMs, '0001-01-01 00:00:00'),
      LastUpdatedTime: istText(o.updatedAtMs, ''),
      Remarks: '',
      MktType: 'NL',
      ReasonDescription: o.rejectionReason ?? (o.status === 'REJECTED' ? 'REJECTED' : 'CONFIRMED'),
      LegNo: 1,
      Instrument: spec?.instrumentType ?? 'EQUITY',
      Symbol: o.symbol,
      ProductName: o.product,
      Status: o.status,
      LotSize: spec?.lotSize ?? 1,
      StrikePrice: o.strikePrice ?? 0,
      ExpiryDate: o.expiryDate === null ? '0001-01-01 00:00:00' : `${o.expiryDate} 00:00:00`,
      OptType: o.optionType ?? 'XX',
      DisplayName: o.symbol,
      Isin: '',
      Series: o.instrument.segment.endsWith('_EQ') ? 'EQ' : '',
      GoodTillDaysDate: o.createdAtMs === null ? '' : formatIst(o.createdAtMs).slice(0, 10),
      RefLtp: refLtp,
      TickSize: spec?.tickSize ?? 0.05,
      AlgoId: '0',
      Multiplier: 1,
      CorrelationId: o.correlationId ?? '',
    },
    Type: 'order_alert',
  };
}
