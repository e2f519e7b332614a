/**
 * The toast after an `orders.cancel` request, the same words wherever the cancel came from (order
 * book, chart line, depth marker): accepted (the order shows CANCELLED when the exchange confirms),
 * rejected (the broker's words: usually the order traded first), unknown (being reconciled by the
 * core, never sent again), or the bridge's failure.
 *
 * Source: issue 5 "Order book (modify, cancel ...)"; DESIGN.md "Money rules" (no automatic retry).
 */
import type { Result } from '../../shared/errors';
import type { OrderOutcome } from '../../shared/orders';

export function cancelOutcomeText(orderId: string, r: Result<OrderOutcome>): { readonly text: string; readonly tone: 'good' | 'warn' | 'bad' } {
  if (!r.ok) {
    const unknown = r.error.code === 'TIMEOUT' || r.error.code === 'NETWORK' || r.error.code === 'UNKNOWN_OUTCOME';
    return unknown
      ? { text: `Cancel of order ${orderId}: outcome unknown (${r.error.message}); not sent again, check the order book`, tone: 'warn' }
      : { text: `Cancel of order ${orderId} not sent: ${r.error.message}`, tone: 'bad' };
  }
  const o = r.value;
  switch (o.kind) {
    case 'accepted':
      return { text: `Cancel of order ${orderId} accepted (${o.status})`, tone: 'good' };
    case 'rejected':
      return { text: `Cancel of order ${orderId} rejected: ${o.error.message}`, tone: 'bad' };
    case 'unknown':
      return { text: `Cancel of order ${orderId}: outcome unknown (${o.error.message}); being reconciled, not sent again`, tone: 'warn' };
  }
}
