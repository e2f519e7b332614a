/**
 * What the ticket says after sending: one message per `orders.place` / `orders.modify` answer.
 *
 * - accepted: the broker's order id and status (acknowledged, not filled: fills arrive as events);
 * - rejected: our words and the broker's (the `BridgeError` message carries both; the broker's
 *   code when it sent one);
 * - unknown: the order is being reconciled by its correlation id, and is NOT sent again (DESIGN.md
 *   "Money rules": no order-changing request is retried automatically);
 * - refused by the core's risk gate (findings, no outcomes): nothing was sent, and why;
 * - a sliced order stopped part-way (finding SLICES_NOT_SENT): which slices were not sent.
 *
 * Source: issue 5 "Order ticket"; shared/orders.ts `OrderOutcome`; shared/ipc/contract.ts
 * `PlaceOrderReply`.
 */
import type { BridgeError } from '../../../shared/errors';
import type { PlaceOrderReply } from '../../../shared/ipc/contract';
import type { OrderOutcome } from '../../../shared/orders';

/** One line of the outcome panel. */
export interface OutcomeLine {
  readonly tone: 'good' | 'bad' | 'warn';
  readonly text: string;
}

/** The text for one outcome; `what` names the request (`Order`, `Modification`, `Cancellation`). */
export function outcomeLine(outcome: OrderOutcome, what = 'Order'): OutcomeLine {
  switch (outcome.kind) {
    case 'accepted':
      return { tone: 'good', text: `${what} accepted: order ${outcome.orderId} (${outcome.status})` };
    case 'rejected':
      return { tone: 'bad', text: `${what} rejected: ${errorWords(outcome.error)}` };
    case 'unknown':
      return {
        tone: 'warn',
        text:
          `${what} outcome unknown (${outcome.error.message}). It is being reconciled` +
          `${outcome.correlationId !== null ? ` by correlation id ${outcome.correlationId}` : ' from the order book'}` +
          '; it was NOT sent again. Check the order book before placing it again.',
      };
  }
}

/** Every line for a place reply: a refusal by the risk gate, or one line per slice sent. */
export function placeReplyLines(reply: PlaceOrderReply): OutcomeLine[] {
  if (reply.outcomes.length === 0) {
    const blocking = reply.findings.filter((f) => f.severity === 'block');
    const why = (blocking.length > 0 ? blocking : reply.findings).map((f) => f.message).join('; ');
    return [{ tone: 'bad', text: `Not sent: the risk gate refused the order${why ? `: ${why}` : ''}` }];
  }
  const many = reply.outcomes.length > 1;
  const lines = reply.outcomes.map((o, i) => outcomeLine(o, many ? `Slice ${i + 1} of ${reply.outcomes.length}` : 'Order'));
  // A sliced order the core stopped part-way: say what was not sent.
  for (const f of reply.findings) if (f.code === 'SLICES_NOT_SENT') lines.push({ tone: 'warn', text: f.message });
  return lines;
}

/** The worst tone of `lines` (bad > warn > good), for the panel's colour. */
export function worstTone(lines: readonly OutcomeLine[]): OutcomeLine['tone'] {
  if (lines.some((l) => l.tone === 'bad')) return 'bad';
  if (lines.some((l) => l.tone === 'warn')) return 'warn';
  return 'good';
}

/** A bridge error in the trader's words, with the broker's code when it sent one: `… (DH-905)`. */
export function errorWords(error: BridgeError): string {
  return error.brokerCode && !error.message.includes(error.brokerCode) ? `${error.message} (${error.brokerCode})` : error.message;
}
