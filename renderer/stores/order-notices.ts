/**
 * The words of the fill and rejection notifications, pure.
 *
 * Fill: `Order filled` / `Order partly filled`, body `BUY 1 RELIANCE @ ₹1,234.50 · order 5123`
 * (the fill's own price when the update carries it, Dhan `TradedPrice`, else the average traded
 * price). Rejection: `Order rejected`, body `SELL 75 NIFTY 27 NOV 24500 CE: <the broker's words>`.
 *
 * Source: issue 5 "Desktop notification on fill and rejection"; shared/orders.ts `OrderUpdateEvent`.
 */
import { formatQuantity, formatRupees } from '../../shared/format';
import type { Order } from '../../shared/orders';
import type { OrderMerge } from './order-merge';

/** A notification's text and colour (the shape renderer/app/notify.ts `TradeNotice` takes). */
export interface OrderNotice {
  readonly title: string;
  readonly body: string;
  readonly tone: 'good' | 'bad';
}

/** The name to show: the broker's symbol, else `name` (from the instrument cache), else the key. */
export function orderName(order: Order, name?: string): string {
  if (name) return name;
  if (order.symbol) return order.symbol;
  return `${order.instrument.segment}:${order.instrument.securityId}`;
}

/**
 * The notice for a merge, or null when it is neither a new fill nor a new rejection (or was
 * dropped). `lastFillPrice` is the event's fill price in rupees when known.
 */
export function orderNotice(merge: OrderMerge, lastFillPrice: number | null, name?: string): OrderNotice | null {
  if (!merge.applied) return null;
  const o = merge.order;
  const who = orderName(o, name);
  if (merge.newlyRejected) {
    return { title: 'Order rejected', body: `${o.side} ${formatQuantity(o.quantity)} ${who}: ${o.rejectionReason ?? 'no reason given by the broker'}`, tone: 'bad' };
  }
  if (merge.newlyFilled > 0 && (o.status === 'TRADED' || o.status === 'PART_TRADED')) {
    const price = lastFillPrice !== null && lastFillPrice > 0 ? lastFillPrice : o.averageTradedPrice;
    const part = o.status === 'PART_TRADED';
    const qty = part ? `${formatQuantity(merge.newlyFilled)} of ${formatQuantity(o.quantity)}` : formatQuantity(merge.newlyFilled);
    return {
      title: part ? 'Order partly filled' : 'Order filled',
      body: `${o.side} ${qty} ${who} @ ${formatRupees(price, 2)} · order ${o.orderId}`,
      tone: 'good',
    };
  }
  return null;
}
