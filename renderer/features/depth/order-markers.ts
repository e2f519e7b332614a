/**
 * The user's working orders on the ladder: the open orders of one instrument (from the store's
 * order book, renderer/stores/orders-slice.ts) aggregated by side and price.
 *
 * An order marks the ladder at its resting price: the limit price, or the trigger price of a
 * stop-loss market order; a MARKET order (no price) marks nothing. Its quantity is what is still
 * working (remaining quantity). Several orders at one price add up into one marker that lists
 * their ids (a click on the marker cancels them, after confirmation). Orders are read from the store's
 * order book (renderer/stores/orders-slice.ts).
 *
 * Prices rupees (keys in integer ₹0.0001 units, shared/price.ts `toUnits`), quantities units.
 * Source: issue 5, "Depth ladder" (the user's working orders marked at their prices);
 * shared/orders.ts (`isOpenStatus`, `OrderEvent`).
 */
import type { InstrumentKey } from '../../../shared/instruments';
import { instrumentKey } from '../../../shared/instruments';
import { isOpenStatus, type Order, type OrderSide } from '../../../shared/orders';
import { toUnits } from '../../../shared/price';

/** One marker: the user's open orders of one side at one price. */
export interface OrderMarker {
  readonly side: OrderSide;
  /** Rupees. */
  readonly price: number;
  /** Working quantity, units (sum of the orders' remaining quantities). */
  readonly quantity: number;
  /** The orders' ids, ascending. */
  readonly orderIds: readonly string[];
}

/** Markers of one instrument by side, keyed by price in ₹0.0001 units. */
export interface MarkerSet {
  readonly buys: ReadonlyMap<number, OrderMarker>;
  readonly sells: ReadonlyMap<number, OrderMarker>;
  /** Per side, units → quantity (the shape ./ladder-rows.ts reads). */
  readonly buyQty: ReadonlyMap<number, number>;
  readonly sellQty: ReadonlyMap<number, number>;
}

function restingPrice(o: Order): number {
  if (o.price > 0) return o.price;
  if (o.triggerPrice > 0) return o.triggerPrice;
  return 0;
}

function working(o: Order): number {
  if (o.remainingQuantity > 0) return o.remainingQuantity;
  return Math.max(0, o.quantity - o.filledQuantity);
}

/** Aggregates the open orders of instrument `key` among `orders` by side and price. */
export function aggregateMarkers(orders: Iterable<Order>, key: InstrumentKey): MarkerSet {
  const acc = { BUY: new Map<number, { price: number; quantity: number; ids: string[] }>(), SELL: new Map<number, { price: number; quantity: number; ids: string[] }>() };
  for (const o of orders) {
    if (!isOpenStatus(o.status)) continue;
    if (instrumentKey(o.instrument.segment, o.instrument.securityId) !== key) continue;
    const price = restingPrice(o);
    const qty = working(o);
    if (price <= 0 || qty <= 0) continue;
    const u = toUnits(price);
    const m = acc[o.side];
    const held = m.get(u);
    if (held) {
      held.quantity += qty;
      held.ids.push(o.orderId);
    } else m.set(u, { price, quantity: qty, ids: [o.orderId] });
  }
  const finish = (side: OrderSide) => {
    const markers = new Map<number, OrderMarker>();
    const qty = new Map<number, number>();
    for (const [u, v] of acc[side]) {
      markers.set(u, { side, price: v.price, quantity: v.quantity, orderIds: v.ids.sort() });
      qty.set(u, v.quantity);
    }
    return { markers, qty };
  };
  const b = finish('BUY');
  const s = finish('SELL');
  return { buys: b.markers, sells: s.markers, buyQty: b.qty, sellQty: s.qty };
}

/** A set with no markers. */
export const NO_MARKERS: MarkerSet = { buys: new Map(), sells: new Map(), buyQty: new Map(), sellQty: new Map() };

/** The markers whose price is on none of the ladder's rows (shown as a count, not lost). */
export function markersOffLadder(set: MarkerSet, rowPrices: ReadonlySet<number>): OrderMarker[] {
  const out: OrderMarker[] = [];
  for (const m of [...set.buys.values(), ...set.sells.values()]) if (!rowPrices.has(toUnits(m.price))) out.push(m);
  return out;
}
