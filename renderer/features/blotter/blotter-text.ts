/**
 * Words and colours of the order and trade books, pure.
 *
 * Source: issue 5 "Order book (modify, cancel, ... rejection reason shown in the broker's words)";
 * shared/orders.ts (`OrderStatus`, `OrderOutcome`).
 */
import type { Result } from '../../../shared/errors';
import type { OrderOutcome, OrderStatus, OrderType } from '../../../shared/orders';

/** Colour class of a status: open (amber), filled (green), refused or cancelled (red/grey), unknown. */
export function statusTone(status: OrderStatus): 'open' | 'done' | 'bad' | 'gone' | 'unknown' {
  switch (status) {
    case 'TRANSIT':
    case 'PENDING':
    case 'PART_TRADED':
    case 'TRIGGERED':
      return 'open';
    case 'TRADED':
    case 'CLOSED':
      return 'done';
    case 'REJECTED':
      return 'bad';
    case 'CANCELLED':
    case 'EXPIRED':
      return 'gone';
    case 'UNKNOWN':
      return 'unknown';
  }
}

/** Order types as traders write them: LIMIT, MARKET, SL, SL-M. */
export function orderTypeLabel(t: OrderType): string {
  return t === 'STOP_LOSS' ? 'SL' : t === 'STOP_LOSS_MARKET' ? 'SL-M' : t;
}

/**
 * The toast after a cancel request: accepted (the order will show CANCELLED when the exchange
 * confirms), rejected (the broker's words: usually the order traded first), unknown (being
 * reconciled, not sent again), or the bridge's failure.
 */
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
