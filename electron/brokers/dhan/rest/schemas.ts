/**
 * zod schemas for every DhanHQ v2 REST answer, applied at the boundary before any mapping.
 *
 * Source: seeds/002 (DhanHQ v2), the "Response Structure" of each section (orders, trades, portfolio,
 * funds & margin, market quote, historical data, option chain, expiry list) and seeds/000 "Errors";
 * checked against the recorded bodies in fixtures/dhan/rest/.
 *
 * Tolerance rules (real payloads vary more than the documents):
 * - unknown keys are ignored (zod objects strip them);
 * - numbers may arrive as JSON numbers, E-notation floats (`1.7260263E9`) or numeric strings
 *   (`"150000.00"`, `"4.00"`): `num` accepts all three and rejects anything else;
 * - ids may be numbers or strings: `id` turns them into strings;
 * - fields the documents mark optional, or that real answers omit (option-chain `security_id`,
 *   `average_price`), are `nullish`.
 * Wire names, typos included (`availabelBalance`, `receiveableAmount`), are kept exactly here and
 * renamed only in `mapping.ts`.
 */

import { z } from 'zod';

const NUMERIC_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A finite number, given as a JSON number or a numeric string. */
export const num = z.union([
  z.number().refine(Number.isFinite, 'not a finite number'),
  z.string().regex(NUMERIC_TEXT, 'not a number').transform(Number),
]);

/** An optional number: missing, null and `""` (the seeds' samples send `""` for unset) become undefined. */
export const optNum = z
  .union([num, z.literal(''), z.null()])
  .transform((v) => (v === '' || v === null ? undefined : v))
  .optional();

/** An id sent as a number or a string, always read as a string. */
export const id = z.union([z.string(), z.number().transform((n) => String(n))]);

/** Optional text: missing and null become undefined. (`.optional()` last: zod 4 reads key optionality from it.) */
export const optText = z
  .union([z.string(), z.null()])
  .transform((v) => (v === null ? undefined : v))
  .optional();

/** The error envelope (seeds/000 "Errors"); `errorCode` is a number for data-API errors (fixture 806). */
export const wireErrorSchema = z.object({
  errorType: optText,
  errorCode: z.union([z.string(), z.number()]),
  errorMessage: optText,
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** `{ orderId, orderStatus }`: the answer of place, modify, cancel (seeds/002, Orders). */
export const wireOrderAckSchema = z.object({
  orderId: id,
  orderStatus: z.string(),
});
export type WireOrderAck = z.infer<typeof wireOrderAckSchema>;

/** Slicing answers with one ack per leg. */
export const wireOrderAckListSchema = z.array(wireOrderAckSchema);

/** One order of the order book / get order / get by correlation id. */
export const wireOrderSchema = z.object({
  orderId: id,
  exchangeOrderId: id.nullish(),
  correlationId: optText,
  orderStatus: z.string(),
  transactionType: z.string(),
  exchangeSegment: z.string(),
  productType: z.string(),
  orderType: z.string(),
  validity: optText,
  tradingSymbol: optText,
  securityId: id,
  quantity: num,
  disclosedQuantity: optNum,
  price: optNum,
  triggerPrice: optNum,
  afterMarketOrder: z.boolean().nullish(),
  legName: optText,
  createTime: optText,
  updateTime: optText,
  exchangeTime: optText,
  drvExpiryDate: optText,
  drvOptionType: optText,
  drvStrikePrice: optNum,
  omsErrorCode: z.union([z.string(), z.number()]).nullish(),
  omsErrorDescription: optText,
  remainingQuantity: optNum,
  averageTradedPrice: optNum,
  filledQty: optNum,
});
export type WireOrder = z.infer<typeof wireOrderSchema>;
export const wireOrderListSchema = z.array(wireOrderSchema);

/** One trade of the trade book / trades of an order. */
export const wireTradeSchema = z.object({
  orderId: id,
  exchangeOrderId: id.nullish(),
  exchangeTradeId: id,
  transactionType: z.string(),
  exchangeSegment: z.string(),
  productType: z.string(),
  orderType: z.string(),
  tradingSymbol: optText,
  securityId: id,
  tradedQuantity: num,
  tradedPrice: num,
  createTime: optText,
  updateTime: optText,
  exchangeTime: optText,
  drvExpiryDate: optText,
  drvOptionType: optText,
  drvStrikePrice: optNum,
});
export type WireTrade = z.infer<typeof wireTradeSchema>;
/** The seed shows a single object for "trades of an order" and an array for the book: accept both. */
export const wireTradeListSchema = z.union([z.array(wireTradeSchema), wireTradeSchema.transform((t) => [t])]);

/** One position (seeds/002, Portfolio → Positions). */
export const wirePositionSchema = z.object({
  tradingSymbol: optText,
  securityId: id,
  positionType: z.string(),
  exchangeSegment: z.string(),
  productType: z.string(),
  buyAvg: optNum,
  buyQty: optNum,
  costPrice: optNum,
  sellAvg: optNum,
  sellQty: optNum,
  netQty: num,
  realizedProfit: optNum,
  unrealizedProfit: optNum,
  multiplier: optNum,
  carryForwardBuyQty: optNum,
  carryForwardSellQty: optNum,
  dayBuyQty: optNum,
  daySellQty: optNum,
  dayBuyValue: optNum,
  daySellValue: optNum,
  drvExpiryDate: optText,
  drvOptionType: optText,
  drvStrikePrice: optNum,
});
export type WirePosition = z.infer<typeof wirePositionSchema>;
export const wirePositionListSchema = z.array(wirePositionSchema);

/** One holding (seeds/002, Portfolio → Holdings). */
export const wireHoldingSchema = z.object({
  exchange: optText,
  tradingSymbol: optText,
  securityId: id,
  isin: optText,
  totalQty: num,
  dpQty: optNum,
  t1Qty: optNum,
  availableQty: optNum,
  collateralQty: optNum,
  avgCostPrice: optNum,
});
export type WireHolding = z.infer<typeof wireHoldingSchema>;
export const wireHoldingListSchema = z.array(wireHoldingSchema);

/**
 * Fund limit (seeds/002, Funds → Fund Limit). The wire spells `availabelBalance` and
 * `receiveableAmount`; `availableBalance` is accepted too in case Dhan fixes the typo.
 */
export const wireFundLimitSchema = z.object({
  availabelBalance: optNum,
  availableBalance: optNum,
  sodLimit: optNum,
  collateralAmount: optNum,
  receiveableAmount: optNum,
  utilizedAmount: optNum,
  blockedPayoutAmount: optNum,
  withdrawableBalance: optNum,
});
export type WireFundLimit = z.infer<typeof wireFundLimitSchema>;

/** Margin calculator, one order (seeds/002, Funds → Margin Calculator). `leverage` is a string there. */
export const wireMarginSchema = z.object({
  totalMargin: num,
  spanMargin: optNum,
  exposureMargin: optNum,
  availableBalance: optNum,
  variableMargin: optNum,
  insufficientBalance: optNum,
  brokerage: optNum,
  leverage: optNum,
});
export type WireMargin = z.infer<typeof wireMarginSchema>;

/** Multi-order margin calculator: snake_case numeric strings (seeds/002, "Multi Order Margin Calculator"). */
export const wireMultiMarginSchema = z.object({
  total_margin: num,
  span_margin: optNum,
  exposure_margin: optNum,
  equity_margin: optNum,
  fo_margin: optNum,
  commodity_margin: optNum,
  currency: optText,
  hedge_benefit: optNum,
});
export type WireMultiMargin = z.infer<typeof wireMultiMarginSchema>;

/** Exit all positions (seeds/002, Portfolio → Exit All Positions). */
export const wireExitAllSchema = z.object({
  status: z.string(),
  message: optText,
});

/** Candle arrays (seeds/002, Historical Data); `open_interest` only when asked for. */
export const wireCandlesSchema = z.object({
  open: z.array(num).default([]),
  high: z.array(num).default([]),
  low: z.array(num).default([]),
  close: z.array(num).default([]),
  volume: z.array(num).default([]),
  timestamp: z.array(num).default([]),
  open_interest: z.array(num).nullish(),
});
export type WireCandles = z.infer<typeof wireCandlesSchema>;

const wireOhlc = z.object({ open: num, high: num, low: num, close: num });
const wireDepthLevel = z.object({ quantity: num, orders: num, price: num });

/** One instrument of `/marketfeed/ltp`. */
export const wireLtpEntrySchema = z.object({ last_price: num });
/** One instrument of `/marketfeed/ohlc`. */
export const wireOhlcEntrySchema = z.object({ last_price: num, ohlc: wireOhlc });
/** One instrument of `/marketfeed/quote`. */
export const wireQuoteEntrySchema = z.object({
  last_price: num,
  ohlc: wireOhlc,
  average_price: optNum,
  buy_quantity: optNum,
  sell_quantity: optNum,
  last_quantity: optNum,
  last_trade_time: optText,
  lower_circuit_limit: optNum,
  upper_circuit_limit: optNum,
  net_change: optNum,
  volume: optNum,
  oi: optNum,
  oi_day_high: optNum,
  oi_day_low: optNum,
  depth: z.object({ buy: z.array(wireDepthLevel), sell: z.array(wireDepthLevel) }).nullish(),
});
export type WireLtpEntry = z.infer<typeof wireLtpEntrySchema>;
export type WireOhlcEntry = z.infer<typeof wireOhlcEntrySchema>;
export type WireQuoteEntry = z.infer<typeof wireQuoteEntrySchema>;

/** `{ data: { <segment>: { <securityId>: entry } }, status }` for any of the three quote kinds. */
export function marketFeedSchema<T extends z.ZodType>(entry: T) {
  return z.object({
    data: z.record(z.string(), z.record(z.string(), entry)),
    status: optText,
  });
}

const wireGreeks = z.object({ delta: num, theta: num, gamma: num, vega: num });

/** One side of an option-chain strike (seeds/002, "Call/Put Option Data"). */
export const wireOptionLegSchema = z.object({
  security_id: id.nullish(),
  average_price: optNum,
  greeks: wireGreeks,
  implied_volatility: num,
  last_price: num,
  oi: num,
  previous_close_price: optNum,
  previous_oi: optNum,
  previous_volume: optNum,
  top_ask_price: optNum,
  top_ask_quantity: optNum,
  top_bid_price: optNum,
  top_bid_quantity: optNum,
  volume: optNum,
});
export type WireOptionLeg = z.infer<typeof wireOptionLegSchema>;

/** `/optionchain` answer: strike keys are strings with 6 decimals (`"17600.000000"`). */
export const wireOptionChainSchema = z.object({
  data: z.object({
    last_price: num,
    oc: z.record(z.string(), z.object({ ce: wireOptionLegSchema.nullish(), pe: wireOptionLegSchema.nullish() })),
  }),
  status: optText,
});
export type WireOptionChain = z.infer<typeof wireOptionChainSchema>;

/** `/optionchain/expirylist` answer. */
export const wireExpiryListSchema = z.object({
  data: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expiry is not YYYY-MM-DD')),
  status: optText,
});
