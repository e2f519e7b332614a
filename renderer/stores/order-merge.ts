/**
 * Merging order updates into the renderer's order book, pure.
 *
 * Orders reach the renderer from three places that do not agree on order: the `orders.list` answer
 * (REST order book), and `orders.events` (the order socket, and the core's reconciliations). The
 * core already runs each order through shared/order-state.ts; this merge is the renderer's own
 * guard, keyed by order id:
 * - a terminal order (TRADED, CANCELLED, REJECTED, EXPIRED, CLOSED) never moves back to an open
 *   status (a late PENDING after the TRADED is dropped);
 * - the filled quantity never decreases (a late PART_TRADED 1/5 after PART_TRADED 3/5 is dropped);
 * - an update older than the one held (by `updatedAtMs`, when both carry one) is dropped.
 *
 * It also tells what changed for the notifications: a new fill (filled quantity went up, with the
 * quantity just filled) or a new rejection.
 *
 * Source: issue 5 "Order book (... status live from the order-update stream)", "Desktop
 * notification on fill and rejection"; shared/orders.ts (`isTerminalStatus`).
 */
import { isTerminalStatus, type Order, type Trade } from '../../shared/orders';

/** What {@link mergeOrder} decided. */
export interface OrderMerge {
  /** The order to keep (the held one when the update was dropped). */
  readonly order: Order;
  /** False when the update was dropped as stale or backwards. */
  readonly applied: boolean;
  /** Units filled by this update (0 when none). */
  readonly newlyFilled: number;
  /** True when this update turned the order REJECTED. */
  readonly newlyRejected: boolean;
}

/** Merges `next` into `held` (undefined for an order not seen before). See the file comment. */
export function mergeOrder(held: Order | undefined, next: Order): OrderMerge {
  if (held === undefined) {
    return { order: next, applied: true, newlyFilled: next.filledQuantity, newlyRejected: next.status === 'REJECTED' };
  }
  const dropped: OrderMerge = { order: held, applied: false, newlyFilled: 0, newlyRejected: false };
  if (isTerminalStatus(held.status) && !isTerminalStatus(next.status)) return dropped;
  if (next.filledQuantity < held.filledQuantity) return dropped;
  if (held.updatedAtMs !== null && next.updatedAtMs !== null && next.updatedAtMs < held.updatedAtMs) return dropped;
  // A terminal order replaced by another terminal status is the broker's book correcting itself
  // (e.g. our cancel raced a fill: CANCELLED then TRADED); the later word wins.
  return {
    order: next,
    applied: true,
    newlyFilled: next.filledQuantity - held.filledQuantity,
    newlyRejected: next.status === 'REJECTED' && held.status !== 'REJECTED',
  };
}

/** Newest first by creation time (then by order id, descending), for the order book's rows. */
export function compareOrdersNewestFirst(a: Order, b: Order): number {
  const ta = a.createdAtMs ?? a.updatedAtMs ?? 0;
  const tb = b.createdAtMs ?? b.updatedAtMs ?? 0;
  if (ta !== tb) return tb - ta;
  return compareIdsDescending(a.orderId, b.orderId);
}

/**
 * Orders broker ids highest first. Exchange and broker ids grow with time, so within one second
 * (the resolution of the brokers' timestamps) the higher id is the newer. All-digit ids compare as
 * numbers of any length ("10" after "9"); anything else compares as text.
 */
export function compareIdsDescending(a: string, b: string): number {
  const digits = /^\d+$/;
  if (digits.test(a) && digits.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return y.length - x.length;
    if (x !== y) return x < y ? 1 : -1;
  }
  return a < b ? 1 : a > b ? -1 : 0;
}

/**
 * Trade book order: newest execution first. Trade times have one-second resolution (seeds/002
 * trade book `exchangeTime`), so a buy and its closing sell often share a second; ties go to the
 * higher trade id, then the higher order id, so the closing trade still comes first.
 */
export function compareTradesNewestFirst(a: Trade, b: Trade): number {
  const ta = a.tradeTimeMs ?? 0;
  const tb = b.tradeTimeMs ?? 0;
  if (ta !== tb) return tb - ta;
  return compareIdsDescending(a.tradeId, b.tradeId) || compareIdsDescending(a.orderId, b.orderId);
}
