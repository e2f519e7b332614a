/**
 * DhanHQ v2 orders and trades: place, modify, cancel, slicing, order book, get by order id or
 * correlation id, trade book, trades of an order.
 *
 * Source: seeds/002, "Orders" (endpoints table, Order Placement / Modification / Cancellation /
 * Slicing / Order Book / Get Order by Order Id / by Correlation Id / Trade Book / Trades of an
 * Order); seeds/000 and 002, "Order Modifications are capped at 25 modifications/order".
 *
 * Money rules: every placement carries a correlation id (generated when the caller gives none);
 * place/modify/cancel/slice are sent once, never retried; a timeout, network error, 5xx or
 * unreadable answer gives `{ kind: 'unknown', correlationId }` (UNKNOWN_OUTCOME) to reconcile with
 * `getByCorrelationId`. Requests that fail the basic checks here are refused before any network call.
 */

import { bridgeError, type BridgeError, type Result } from '../../../../shared/errors';
import type {
  ModifyOrderRequest,
  Order,
  OrderOutcome,
  OrderStatus,
  PlaceOrderRequest,
  Trade,
} from '../../../../shared/orders';
import { PerKeyCap } from '../../../core/rate-limiter';
import { DHAN_MAX_MODIFICATIONS_PER_ORDER } from '../limits';
import { isValidCorrelationId, newCorrelationId } from './correlation';
import type { DhanHttp, DhanHttpResult } from './http';
import { mapOrder, mapTrade, modifyOrderBody, placeOrderBody, toStatus } from './mapping';
import { parseBody, readResult } from './result';
import {
  wireOrderAckListSchema,
  wireOrderAckSchema,
  wireOrderListSchema,
  wireOrderSchema,
  wireTradeListSchema,
} from './schemas';

/** Outcome of `POST /orders/slicing`: one ack per slice. */
export type SliceOutcome =
  | {
      readonly kind: 'accepted';
      readonly orders: readonly { readonly orderId: string; readonly status: OrderStatus }[];
      readonly correlationId: string;
    }
  | { readonly kind: 'rejected'; readonly error: BridgeError; readonly correlationId: string }
  | { readonly kind: 'unknown'; readonly error: BridgeError; readonly correlationId: string };

/** Options of `DhanOrdersApi`. */
export interface DhanOrdersOptions {
  /** Correlation-id generator (tests pass a fixed one). Default `newCorrelationId`. */
  readonly newCorrelationId?: () => string;
  /** Modifications counted per order id; default a cap of 25 (seeds/000, 002). */
  readonly modificationCap?: PerKeyCap;
}

function refuse(message: string): BridgeError {
  return bridgeError('BAD_REQUEST', `Order not sent: ${message}`, false);
}

function isPosInt(n: number | undefined): boolean {
  return n !== undefined && Number.isInteger(n) && n > 0;
}

/** Basic shape checks before a placement (the risk gate does the market checks); null when fine. */
export function checkPlaceRequest(req: PlaceOrderRequest): string | null {
  if (!/^\d+$/.test(req.instrument.securityId)) return `security id '${req.instrument.securityId}' is not a number`;
  if (!isPosInt(req.quantity)) return `quantity ${req.quantity} is not a positive whole number`;
  const needsPrice = req.orderType === 'LIMIT' || req.orderType === 'STOP_LOSS';
  const needsTrigger = req.orderType === 'STOP_LOSS' || req.orderType === 'STOP_LOSS_MARKET';
  if (needsPrice && !(req.price !== undefined && Number.isFinite(req.price) && req.price > 0)) return `a ${req.orderType} order needs a price above 0`;
  if (!needsPrice && req.price !== undefined && req.price !== 0) return `a ${req.orderType} order takes no price`;
  if (needsTrigger && !(req.triggerPrice !== undefined && Number.isFinite(req.triggerPrice) && req.triggerPrice > 0)) return `a ${req.orderType} order needs a trigger price above 0`;
  if (req.disclosedQuantity !== undefined && req.disclosedQuantity !== 0 && !(isPosInt(req.disclosedQuantity) && req.disclosedQuantity <= req.quantity)) {
    return `disclosed quantity ${req.disclosedQuantity} must be a whole number up to the quantity`;
  }
  if (req.afterMarketOrder === true && req.amoTime === undefined) return 'an after-market order needs its AMO time (PRE_OPEN, OPEN, OPEN_30, OPEN_60)';
  if (req.product === 'BO' && !(req.boProfitValue! > 0 && req.boStopLossValue! > 0)) return 'a bracket order needs target and stop-loss values above 0';
  if (req.correlationId !== undefined && !isValidCorrelationId(req.correlationId)) {
    return `correlation id '${req.correlationId}' must be 1-25 characters of letters, digits, '_' or '-'`;
  }
  return null;
}

/** Basic shape checks before a modification; null when fine. */
export function checkModifyRequest(req: ModifyOrderRequest): string | null {
  if (req.orderId.trim() === '' || /[/?#]/.test(req.orderId)) return `order id '${req.orderId}' is not valid`;
  if (req.quantity !== undefined && !isPosInt(req.quantity)) return `quantity ${req.quantity} is not a positive whole number`;
  if (req.price !== undefined && !(Number.isFinite(req.price) && req.price >= 0)) return `price ${req.price} is not valid`;
  if (req.triggerPrice !== undefined && !(Number.isFinite(req.triggerPrice) && req.triggerPrice >= 0)) return `trigger price ${req.triggerPrice} is not valid`;
  return null;
}

function pathId(id: string): string {
  return encodeURIComponent(id);
}

/** Orders and trades over one `DhanHttp`. */
export class DhanOrdersApi {
  private readonly newId: () => string;
  private readonly modifications: PerKeyCap;

  constructor(private readonly http: DhanHttp, options: DhanOrdersOptions = {}) {
    this.newId = options.newCorrelationId ?? (() => newCorrelationId());
    this.modifications = options.modificationCap ?? new PerKeyCap(DHAN_MAX_MODIFICATIONS_PER_ORDER);
  }

  private ackOutcome(r: DhanHttpResult, correlationId: string | null, what: string): OrderOutcome {
    if (r.kind === 'refused') return { kind: 'rejected', error: r.error, correlationId };
    if (r.kind === 'unknown') return { kind: 'unknown', error: r.error, correlationId };
    const ack = parseBody(r.body, wireOrderAckSchema, (w) => w, what);
    if (!ack.ok) {
      // A 2xx we cannot read: the request reached Dhan and may have acted. Never assume either way.
      return { kind: 'unknown', error: bridgeError('UNKNOWN_OUTCOME', `${ack.error.message}; check the order book before trying again`, false), correlationId };
    }
    return { kind: 'accepted', orderId: ack.value.orderId, status: toStatus(ack.value.orderStatus), correlationId };
  }

  /**
   * Places an order (`POST /orders`). Resolves an outcome, never rejects: `accepted` (Dhan's ack:
   * order id and status, not a fill), `rejected` (nothing happened: bad input, limiter, broker
   * refusal) or `unknown` (reconcile by the returned correlation id).
   */
  async place(req: PlaceOrderRequest, signal?: AbortSignal): Promise<OrderOutcome> {
    const correlationId = req.correlationId ?? this.newId();
    const bad = checkPlaceRequest({ ...req, correlationId });
    if (bad !== null) return { kind: 'rejected', error: refuse(bad), correlationId };
    const r = await this.http.send({
      method: 'POST',
      path: '/orders',
      body: placeOrderBody(req, this.http.clientId(), correlationId),
      limitClass: 'order',
      orderChange: true,
      signal,
    });
    return this.ackOutcome(r, correlationId, 'order placement');
  }

  /**
   * Places an order over the freeze quantity as several slices (`POST /orders/slicing`); same
   * rules as `place`. All slices share the one correlation id.
   */
  async slice(req: PlaceOrderRequest, signal?: AbortSignal): Promise<SliceOutcome> {
    const correlationId = req.correlationId ?? this.newId();
    const bad = checkPlaceRequest({ ...req, correlationId });
    if (bad !== null) return { kind: 'rejected', error: refuse(bad), correlationId };
    const r = await this.http.send({
      method: 'POST',
      path: '/orders/slicing',
      body: placeOrderBody(req, this.http.clientId(), correlationId),
      limitClass: 'order',
      orderChange: true,
      signal,
    });
    if (r.kind === 'refused') return { kind: 'rejected', error: r.error, correlationId };
    if (r.kind === 'unknown') return { kind: 'unknown', error: r.error, correlationId };
    const acks = parseBody(r.body, wireOrderAckListSchema, (w) => w, 'order slicing');
    if (!acks.ok) {
      return { kind: 'unknown', error: bridgeError('UNKNOWN_OUTCOME', `${acks.error.message}; check the order book before trying again`, false), correlationId };
    }
    return { kind: 'accepted', orders: acks.value.map((a) => ({ orderId: a.orderId, status: toStatus(a.orderStatus) })), correlationId };
  }

  /**
   * Modifies a pending order (`PUT /orders/{order-id}`). Refused before sending past 25
   * modifications of the same order (every attempt counts, as it may count at Dhan).
   */
  async modify(req: ModifyOrderRequest, signal?: AbortSignal): Promise<OrderOutcome> {
    const bad = checkModifyRequest(req);
    if (bad !== null) return { kind: 'rejected', error: refuse(bad), correlationId: null };
    if (!this.modifications.take(req.orderId)) {
      return {
        kind: 'rejected',
        error: bridgeError('RATE_LIMITED', `Not sent: order ${req.orderId} has had ${DHAN_MAX_MODIFICATIONS_PER_ORDER} modifications, Dhan's limit per order; cancel and place a new one`, false),
        correlationId: null,
      };
    }
    const r = await this.http.send({
      method: 'PUT',
      path: `/orders/${pathId(req.orderId)}`,
      body: modifyOrderBody(req, this.http.clientId()),
      limitClass: 'order',
      orderChange: true,
      signal,
    });
    return this.ackOutcome(r, null, 'order modification');
  }

  /** Modifications sent so far for `orderId` (of the 25 allowed). */
  modificationsUsed(orderId: string): number {
    return this.modifications.count(orderId);
  }

  /** Cancels a pending order (`DELETE /orders/{order-id}`; Dhan answers 202 with `{ orderId, orderStatus }`). */
  async cancel(orderId: string, signal?: AbortSignal): Promise<OrderOutcome> {
    if (orderId.trim() === '' || /[/?#]/.test(orderId)) return { kind: 'rejected', error: refuse(`order id '${orderId}' is not valid`), correlationId: null };
    const r = await this.http.send({ method: 'DELETE', path: `/orders/${pathId(orderId)}`, limitClass: 'order', orderChange: true, signal });
    if (r.kind === 'ok' && (r.body === null || r.body === '')) {
      // 202 with no body: accepted; the status arrives on the order-update stream.
      return { kind: 'accepted', orderId, status: 'TRANSIT', correlationId: null };
    }
    return this.ackOutcome(r, null, 'order cancellation');
  }

  /** The day's order book (`GET /orders`). */
  async list(signal?: AbortSignal): Promise<Result<Order[]>> {
    const r = await this.http.send({ method: 'GET', path: '/orders', limitClass: 'nonTrading', signal });
    return readResult(r, wireOrderListSchema, (w) => w.map(mapOrder), 'order book');
  }

  /** One order (`GET /orders/{order-id}`). */
  async get(orderId: string, signal?: AbortSignal): Promise<Result<Order>> {
    const r = await this.http.send({ method: 'GET', path: `/orders/${pathId(orderId)}`, limitClass: 'nonTrading', signal });
    return readResult(r, wireOrderSchema, mapOrder, 'order');
  }

  /**
   * The order placed with `correlationId` (`GET /orders/external/{correlation-id}`): how an
   * UNKNOWN outcome is reconciled. NOT_FOUND (or Dhan's DH-905/907) means it never became an order.
   */
  async getByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<Result<Order>> {
    const r = await this.http.send({ method: 'GET', path: `/orders/external/${pathId(correlationId)}`, limitClass: 'nonTrading', signal });
    // The answer is documented as one order; accept a one-element list too.
    if (r.kind === 'ok' && Array.isArray(r.body)) {
      if (r.body.length === 0) return { ok: false, error: bridgeError('NOT_FOUND', `No Dhan order has correlation id ${correlationId}`, false) };
      return readResult({ ...r, body: r.body[r.body.length - 1] }, wireOrderSchema, mapOrder, 'order by correlation id');
    }
    return readResult(r, wireOrderSchema, mapOrder, 'order by correlation id');
  }

  /** The day's trade book (`GET /trades`). */
  async trades(signal?: AbortSignal): Promise<Result<Trade[]>> {
    const r = await this.http.send({ method: 'GET', path: '/trades', limitClass: 'nonTrading', signal });
    return readResult(r, wireTradeListSchema, (w) => w.map(mapTrade), 'trade book');
  }

  /** Trades of one order (`GET /trades/{order-id}`). */
  async tradesOfOrder(orderId: string, signal?: AbortSignal): Promise<Result<Trade[]>> {
    const r = await this.http.send({ method: 'GET', path: `/trades/${pathId(orderId)}`, limitClass: 'nonTrading', signal });
    return readResult(r, wireTradeListSchema, (w) => w.map(mapTrade), 'trades of an order');
  }
}
