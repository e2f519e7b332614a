/**
 * Words and colours of the order and trade books, pure.
 *
 * Source: issue 5 "Order book (modify, cancel, ... rejection reason shown in the broker's words)";
 * shared/orders.ts (`OrderStatus`, `OrderOutcome`).
 */
import type { OrderStatus, OrderType } from '../../../shared/orders';

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

/** The toast after a cancel request (renderer/components/cancel-outcome.ts). */
export { cancelOutcomeText } from '../../components/cancel-outcome';
