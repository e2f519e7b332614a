/**
 * The simulated exchange's trading REST endpoints (DhanHQ v2 under `/v2`): orders, slicing, trades,
 * positions, holdings, exit all, fund limit and the margin calculators, on the matching engine.
 *
 * Source: seeds/002 "Orders" (place `POST /orders`, modify `PUT /orders/{id}`, cancel
 * `DELETE /orders/{id}`, slicing `POST /orders/slicing`, order book, get by id, by correlation id
 * `GET /orders/external/{id}`, trade book `GET /trades`, `GET /trades/{order-id}`), "Portfolio and
 * Positions", "Funds & Margin". Request bodies are what electron/brokers/dhan/rest/mapping.ts sends.
 *
 * Decisions:
 * - Refusals answer HTTP 400 with the engine's Dhan envelope (DH-905 input, DH-906 order error);
 *   an exchange/RMS rejection is also recorded as a REJECTED order (see matching/rejections.ts).
 * - Slicing splits at the freeze quantity: the spec's when known, else 20 lots for derivatives and
 *   100,000 units for cash (the sim's own figures; NSE publishes real ones per contract).
 * - Holdings come from the engine's demat account (CNC buys delivered at the day rollover, see
 *   matching/engine.ts); position conversion is the engine's `convertPosition`, answered 202 with
 *   no body as seeds/002 "Convert Position" says, or 400 with the refusal's envelope.
 * - Margin calculator: the engine's margin model (matching/margin.ts); F&O split 70 % SPAN, 30 %
 *   exposure; `leverage` as text ("5.00") like the seed's sample.
 */

import type { ModifyOrderRequest, Order, OrderType, PlaceOrderRequest, ProductType, Validity, AmoTime, OrderSide } from '../../../shared/orders';
import { marginFor } from '../matching/margin';
import type { SimContract } from '../sim-instrument';
import type { PositionType } from '../../../shared/portfolio';
import { wireFunds, wireHolding, wireOrder, wirePosition, wireTrade } from './dhan-wire-format';
import { dataError, dhanError, inputError, numberField, objectBody, ok, textField, type RestAnswer, type RestContext } from './rest-types';

const ORDER_TYPES: readonly string[] = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'];

/** Reads a place-order body into the engine's request (model key as security id). */
function placeRequest(ctx: RestContext, b: Record<string, unknown>): PlaceOrderRequest | string {
  const segment = textField(b['exchangeSegment']);
  const securityId = textField(b['securityId']);
  if (segment === undefined || securityId === undefined) return 'securityId and exchangeSegment are required';
  const quantity = numberField(b['quantity']);
  if (quantity === undefined) return 'quantity is required';
  const price = numberField(b['price']);
  const trigger = numberField(b['triggerPrice']);
  const disclosed = numberField(b['disclosedQuantity']);
  const correlationId = textField(b['correlationId']);
  return {
    instrument: { segment: segment as PlaceOrderRequest['instrument']['segment'], securityId },
    side: textField(b['transactionType']) as OrderSide,
    quantity,
    product: textField(b['productType']) as ProductType,
    orderType: textField(b['orderType']) as OrderType,
    validity: (textField(b['validity']) ?? 'DAY') as Validity,
    ...(price !== undefined && price > 0 ? { price } : {}),
    ...(trigger !== undefined && trigger > 0 ? { triggerPrice: trigger } : {}),
    ...(disclosed !== undefined && disclosed > 0 ? { disclosedQuantity: disclosed } : {}),
    ...(b['afterMarketOrder'] === true ? { afterMarketOrder: true, amoTime: (textField(b['amoTime']) ?? 'OPEN') as AmoTime } : {}),
    ...(correlationId !== undefined && correlationId !== '' ? { correlationId } : {}),
  };
}

function ack(o: Order): RestAnswer {
  return ok({ orderId: o.orderId, orderStatus: o.status });
}

/** `POST /orders`. */
export function placeOrder(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const req = placeRequest(ctx, b);
  if (typeof req === 'string') return inputError(req);
  const key = ctx.market.keyOf(req.instrument.segment, req.instrument.securityId);
  if (key !== undefined) ctx.market.ensure([key]);
  const r = ctx.market.engine.placeOrder(req);
  if (!r.ok) return dhanError(400, r.rejection.errorCode, r.rejection.errorType, r.rejection.errorMessage);
  return ack(r.order);
}

/** Freeze quantity used by slicing (see the file comment). */
export function freezeQuantity(c: SimContract & { readonly freezeQuantity?: number | null }): number {
  if (typeof c.freezeQuantity === 'number' && c.freezeQuantity > 0) return c.freezeQuantity;
  const derivative = c.instrumentType !== 'EQUITY' && c.instrumentType !== 'INDEX';
  return derivative ? c.lotSize * 20 : 100_000;
}

/** `POST /orders/slicing`: one order per slice of at most the freeze quantity, same correlation id. */
export function sliceOrder(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const req = placeRequest(ctx, b);
  if (typeof req === 'string') return inputError(req);
  const key = ctx.market.keyOf(req.instrument.segment, req.instrument.securityId);
  const spec = key === undefined ? undefined : ctx.market.spec(key);
  if (key === undefined || !spec) {
    return inputError(`Invalid securityId: ${String(b['securityId'])} is not an instrument of ${req.instrument.segment}`);
  }
  ctx.market.ensure([key]);
  const freeze = Math.max(spec.lotSize, Math.floor(freezeQuantity(spec) / spec.lotSize) * spec.lotSize);
  const acks: { orderId: string; orderStatus: string }[] = [];
  for (let left = req.quantity; left > 0; left -= freeze) {
    const r = ctx.market.engine.placeOrder({ ...req, quantity: Math.min(left, freeze) });
    if (!r.ok) {
      if (acks.length === 0) return dhanError(400, r.rejection.errorCode, r.rejection.errorType, r.rejection.errorMessage);
      if (r.order) acks.push({ orderId: r.order.orderId, orderStatus: r.order.status });
      break;
    }
    acks.push({ orderId: r.order.orderId, orderStatus: r.order.status });
  }
  return ok(acks);
}

/** `PUT /orders/{order-id}`. */
export function modifyOrder(ctx: RestContext, orderId: string, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const current = ctx.market.engine.order(orderId);
  if (!current) return inputError(`Invalid order id ${orderId}`);
  const orderType = textField(b['orderType']) ?? current.orderType;
  if (!ORDER_TYPES.includes(orderType)) return inputError(`orderType ${orderType} is not one of ${ORDER_TYPES.join(', ')}`);
  const quantity = numberField(b['quantity']);
  const price = numberField(b['price']);
  const trigger = numberField(b['triggerPrice']);
  const disclosed = numberField(b['disclosedQuantity']);
  const req: ModifyOrderRequest = {
    orderId,
    orderType: orderType as OrderType,
    validity: (textField(b['validity']) ?? current.validity) as Validity,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(price !== undefined && price > 0 ? { price } : {}),
    ...(trigger !== undefined && trigger > 0 ? { triggerPrice: trigger } : {}),
    ...(disclosed !== undefined ? { disclosedQuantity: disclosed } : {}),
  };
  const r = ctx.market.engine.modifyOrder(req);
  if (!r.ok) return dhanError(400, r.rejection.errorCode, r.rejection.errorType, r.rejection.errorMessage);
  return ack(r.order);
}

/** `DELETE /orders/{order-id}`: 202 with `{ orderId, orderStatus }` (seeds/002, Order Cancellation). */
export function cancelOrder(ctx: RestContext, orderId: string): RestAnswer {
  const r = ctx.market.engine.cancelOrder(orderId);
  if (!r.ok) return dhanError(400, r.rejection.errorCode, r.rejection.errorType, r.rejection.errorMessage);
  return ok({ orderId: r.order.orderId, orderStatus: r.order.status }, 202);
}

/** `GET /orders`. */
export function orderBook(ctx: RestContext): RestAnswer {
  return ok(ctx.market.engine.orderBook().map((o) => wireOrder(o, ctx.clientId)));
}

/** `GET /orders/{order-id}`. */
export function getOrder(ctx: RestContext, orderId: string): RestAnswer {
  const o = ctx.market.engine.order(orderId);
  return o ? ok(wireOrder(o, ctx.clientId)) : dataError(`No order with order id ${orderId}`);
}

/** `GET /orders/external/{correlation-id}`: the latest order carrying it. */
export function getByCorrelationId(ctx: RestContext, correlationId: string): RestAnswer {
  const list = ctx.market.engine.ordersByCorrelationId(correlationId);
  const last = list[list.length - 1];
  return last ? ok(wireOrder(last, ctx.clientId)) : dataError(`No order with correlation id ${correlationId}`);
}

/** `GET /trades` or `GET /trades/{order-id}`. */
export function trades(ctx: RestContext, orderId?: string): RestAnswer {
  const e = ctx.market.engine;
  return ok(e.tradeBook(orderId).map((t) => wireTrade(t, ctx.clientId, e.order(t.orderId)?.createdAtMs ?? null)));
}

/** `GET /positions`. */
export function positions(ctx: RestContext): RestAnswer {
  return ok(ctx.market.engine.positionBook().map((p) => wirePosition(p, ctx.clientId)));
}

/** `GET /holdings`: the demat account (seeds/002 "Holdings"). */
export function holdings(ctx: RestContext): RestAnswer {
  return ok(ctx.market.engine.holdings().map(wireHolding));
}

/** `GET /fundlimit`. */
export function fundLimit(ctx: RestContext): RestAnswer {
  return ok(wireFunds(ctx.market.engine.funds(), ctx.clientId));
}

/**
 * `POST /positions/convert` (seeds/002 "Convert Position": `fromProductType`, `exchangeSegment`,
 * `positionType`, `securityId`, `convertQty` as a number or numeric text, `toProductType`): 202
 * with no body, or 400 with Dhan's envelope (DH-905 bad request, DH-906 refused conversion).
 */
export function convertPosition(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const segment = textField(b['exchangeSegment']);
  const securityId = textField(b['securityId']);
  if (segment === undefined || securityId === undefined) return inputError('securityId and exchangeSegment are required');
  const quantity = numberField(b['convertQty']);
  if (quantity === undefined) return inputError('convertQty is required');
  const key = ctx.market.keyOf(segment, securityId);
  if (key !== undefined) ctx.market.ensure([key]);
  const r = ctx.market.engine.convertPosition({
    instrument: { segment: segment as PlaceOrderRequest['instrument']['segment'], securityId },
    positionType: textField(b['positionType']) as PositionType,
    fromProduct: textField(b['fromProductType']) as ProductType,
    toProduct: textField(b['toProductType']) as ProductType,
    quantity,
  });
  if (!r.ok) return dhanError(400, r.rejection.errorCode, r.rejection.errorType, r.rejection.errorMessage);
  return { status: 202, body: undefined };
}

/**
 * `DELETE /positions` (Exit All): cancels every open order, then squares off every open position
 * with a MARKET order of the same product. Seeds/002 "Exit All Positions" response.
 */
export function exitAll(ctx: RestContext): RestAnswer {
  const e = ctx.market.engine;
  for (const o of e.orderBook()) if (o.status === 'PENDING' || o.status === 'TRANSIT' || o.status === 'PART_TRADED') e.cancelOrder(o.orderId);
  const failures: string[] = [];
  for (const p of e.positionBook()) {
    if (p.netQuantity === 0) continue;
    const r = e.placeOrder({
      instrument: p.instrument,
      side: p.netQuantity > 0 ? 'SELL' : 'BUY',
      quantity: Math.abs(p.netQuantity),
      product: p.product,
      orderType: 'MARKET',
      validity: 'DAY',
    });
    if (!r.ok) failures.push(`${p.symbol}: ${r.rejection.errorMessage}`);
  }
  if (failures.length > 0) return ok({ status: 'ERROR', message: `Some positions were not exited: ${failures.join('; ')}` });
  return ok({ status: 'SUCCESS', message: 'All orders and positions exited successfully' });
}

interface MarginParts {
  readonly total: number;
  readonly span: number;
  readonly exposure: number;
  readonly equity: number;
  readonly fo: number;
  readonly commodity: number;
  readonly leverage: number;
}

/** Margin of one calculator leg, or an error text. */
function legMargin(ctx: RestContext, leg: Record<string, unknown>): MarginParts | string {
  const segment = textField(leg['exchangeSegment']);
  const id = textField(leg['securityId']);
  if (segment === undefined || id === undefined) return 'securityId and exchangeSegment are required';
  const key = ctx.market.keyOf(segment, id);
  const spec = key === undefined ? undefined : ctx.market.spec(key);
  if (!spec) return `Invalid securityId: ${id} is not an instrument of ${segment}`;
  const quantity = numberField(leg['quantity']);
  if (quantity === undefined || quantity <= 0) return 'quantity must be above 0';
  const product = textField(leg['productType']) as ProductType;
  const side = textField(leg['transactionType']) === 'SELL' ? 'SELL' : 'BUY';
  let price = numberField(leg['price']) ?? 0;
  if (!(price > 0)) {
    ctx.market.ensure([key!]);
    price = ctx.market.model.ltp(spec);
  }
  const total = marginFor(spec, product, side, quantity, price);
  const value = price * quantity;
  const derivative = spec.instrumentType !== 'EQUITY';
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    total,
    span: derivative ? r2(total * 0.7) : 0,
    exposure: derivative ? r2(total - r2(total * 0.7)) : 0,
    equity: derivative ? 0 : total,
    fo: derivative && spec.segment !== 'MCX_COMM' ? total : 0,
    commodity: spec.segment === 'MCX_COMM' ? total : 0,
    leverage: total > 0 ? value / total : 1,
  };
}

/** `POST /margincalculator` (seeds/002 "Margin Calculator" response keys). */
export function marginCalculator(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const m = legMargin(ctx, b);
  if (typeof m === 'string') return inputError(m);
  const available = ctx.market.engine.funds().availableBalance;
  return ok({
    totalMargin: m.total,
    spanMargin: m.span,
    exposureMargin: m.exposure,
    availableBalance: available,
    variableMargin: m.equity,
    insufficientBalance: Math.max(0, Math.round((m.total - available) * 100) / 100),
    brokerage: 20,
    leverage: m.leverage.toFixed(2),
  });
}

/** `POST /margincalculator/multi`: sums of the legs as numeric text (seeds/002 sample), no hedge benefit. */
export function multiMarginCalculator(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const legs = b['scripList'] ?? b['scripts'];
  if (!Array.isArray(legs) || legs.length === 0) return inputError('scripList must be a non-empty list of orders');
  const sum = { total: 0, span: 0, exposure: 0, equity: 0, fo: 0, commodity: 0 };
  for (const leg of legs) {
    const l = objectBody(leg);
    if (typeof l === 'string') return inputError(`scripList: ${l}`);
    const m = legMargin(ctx, l);
    if (typeof m === 'string') return inputError(m);
    sum.total += m.total;
    sum.span += m.span;
    sum.exposure += m.exposure;
    sum.equity += m.equity;
    sum.fo += m.fo;
    sum.commodity += m.commodity;
  }
  const t = (x: number) => x.toFixed(2);
  return ok({
    total_margin: t(sum.total),
    span_margin: t(sum.span),
    exposure_margin: t(sum.exposure),
    equity_margin: t(sum.equity),
    fo_margin: t(sum.fo),
    commodity_margin: t(sum.commodity),
    currency: 'INR',
    hedge_benefit: '',
  });
}
