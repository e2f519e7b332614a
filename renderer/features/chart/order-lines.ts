/**
 * The user's working orders as chart price lines, and the price a chart click stands for.
 *
 * - `OrderBook`: the latest known state of each order by id, fed by `orders.list` (snapshot) and
 *   `orders.events` (each event carries the order's whole state; an older `updatedAtMs` never
 *   overwrites a newer one).
 * - `workingOrderLines`: one line per OPEN order (TRANSIT, PENDING, PART_TRADED, TRIGGERED) of the
 *   chart's instrument, at its limit price, or its trigger price for a stop-loss market order;
 *   labelled `BUY 10 LIMIT` / `SELL 5 SL trg 101.5`, with the field a drag of it changes
 *   (./line-drag.ts). Orders without a price (MARKET) draw nothing.
 * - `clickedPrice`: a price read off the chart, snapped to the instrument's tick (shared/price.ts).
 *
 * Prices in rupees; quantities in units (remaining quantity, what is still working).
 * Source: issue 5 ("charts with chart-driven order placement"; the ladder marks working orders the
 * same way); DESIGN.md "lightweight-charts plugins: price lines for orders via series.createPriceLine".
 */
import type { InstrumentKey } from '../../../shared/instruments';
import { instrumentKey } from '../../../shared/instruments';
import { isOpenStatus, type Order, type OrderEvent, type OrderSide, type OrderType } from '../../../shared/orders';
import { roundToTick } from '../../../shared/price';
import { dragField, type DragField } from './line-drag';

/** Short order-type names traders use on screens. */
const TYPE_LABEL: Readonly<Record<OrderType, string>> = { LIMIT: 'LIMIT', MARKET: 'MKT', STOP_LOSS: 'SL', STOP_LOSS_MARKET: 'SL-M' };

/** One price line to draw. */
export interface OrderLine {
  readonly orderId: string;
  readonly side: OrderSide;
  /** Rupees. */
  readonly price: number;
  /** Short label shown on the line: `BUY 10 LIMIT`. */
  readonly title: string;
  /** What dragging the line changes (./line-drag.ts `dragField`), or null: not draggable. */
  readonly field: DragField | null;
}

/** Latest order states by order id. */
export type OrderBook = ReadonlyMap<string, Order>;

/** The book from an `orders.list` answer. */
export function orderBookFrom(orders: readonly Order[]): OrderBook {
  const m = new Map<string, Order>();
  for (const o of orders) m.set(o.orderId, o);
  return m;
}

/**
 * The book after `event`. An `unknown` event (outcome not known, reconciled later by the core)
 * changes nothing here; an update older than the held state (by `updatedAtMs`) is ignored.
 * Returns the same map when nothing changed (so callers can skip redrawing).
 */
export function applyOrderEvent(book: OrderBook, event: OrderEvent): OrderBook {
  if (event.kind !== 'order') return book;
  const o = event.order;
  const held = book.get(o.orderId);
  if (held !== undefined && held.updatedAtMs !== null && o.updatedAtMs !== null && o.updatedAtMs < held.updatedAtMs) return book;
  const next = new Map(book);
  next.set(o.orderId, o);
  return next;
}

/** The price a working order rests at (limit price; trigger for SL-M), or null when it has none. */
export function restingPrice(o: Order): number | null {
  if (o.price > 0) return o.price;
  if (o.triggerPrice > 0) return o.triggerPrice;
  return null;
}

/** Lines for the open orders of instrument `key`, sorted by price then order id (stable drawing). */
export function workingOrderLines(book: OrderBook, key: InstrumentKey): OrderLine[] {
  const out: OrderLine[] = [];
  for (const o of book.values()) {
    if (!isOpenStatus(o.status)) continue;
    if (instrumentKey(o.instrument.segment, o.instrument.securityId) !== key) continue;
    const price = restingPrice(o);
    if (price === null) continue;
    const qty = o.remainingQuantity > 0 ? o.remainingQuantity : o.quantity - o.filledQuantity;
    const trigger = o.triggerPrice > 0 && o.price > 0 ? ` trg ${o.triggerPrice}` : '';
    out.push({ orderId: o.orderId, side: o.side, price, title: `${o.side} ${qty} ${TYPE_LABEL[o.orderType]}${trigger}`, field: dragField(o) });
  }
  return out.sort((a, b) => a.price - b.price || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

/** True when two line lists draw the same thing (skip recreating price lines). */
export function sameLines(a: readonly OrderLine[], b: readonly OrderLine[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.orderId !== y.orderId || x.price !== y.price || x.title !== y.title || x.side !== y.side || x.field !== y.field) return false;
  }
  return true;
}

/**
 * The order price for a point clicked on the chart: `rawPrice` (from `series.coordinateToPrice`)
 * snapped to the nearest tick; null when it is not a positive finite price.
 */
export function clickedPrice(rawPrice: number | null, tickSize: number): number | null {
  if (rawPrice === null || !Number.isFinite(rawPrice) || rawPrice <= 0) return null;
  const p = roundToTick(rawPrice, tickSize > 0 ? tickSize : 0.05);
  return p > 0 ? p : null;
}

/**
 * The side an Alt+click stands for: below the last price a buy (a bid under the market), at or above
 * it a sell (an offer over the market), as chart-trading screens usually do.
 */
export function sideForClick(price: number, ltp: number | null): OrderSide {
  return ltp !== null && ltp > 0 && price >= ltp ? 'SELL' : 'BUY';
}
