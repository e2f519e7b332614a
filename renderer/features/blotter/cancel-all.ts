/**
 * "Cancel all open orders" of the order book: one `orders.cancel` per open order, each sent once
 * (never retried; one after another, so the broker's order rate limit sees a steady stream), and
 * one summary of the results: how many accepted, rejected (the broker's words, usually "already
 * traded"), unknown (being reconciled by the core, not sent again).
 *
 * Source: issue 5 "Order book (modify, cancel ...)"; DESIGN.md "Money rules" (no order-changing
 * request is retried automatically).
 */
import type { Result } from '../../../shared/errors';
import type { OrderOutcome } from '../../../shared/orders';

/** One order's cancel result. */
export interface CancelResult {
  readonly orderId: string;
  readonly result: Result<OrderOutcome>;
}

/**
 * Sends `cancel(orderId)` once for each id, in order, waiting for each answer before the next.
 * `onEach` sees every result as it comes. Never throws: a cancel that throws counts as a bridge
 * failure of unknown outcome.
 */
export async function cancelEach(
  orderIds: readonly string[],
  cancel: (orderId: string) => Promise<Result<OrderOutcome>>,
  onEach?: (r: CancelResult) => void,
): Promise<readonly CancelResult[]> {
  const out: CancelResult[] = [];
  for (const orderId of [...new Set(orderIds)]) {
    let result: Result<OrderOutcome>;
    try {
      result = await cancel(orderId);
    } catch (e) {
      result = { ok: false, error: { code: 'UNKNOWN_OUTCOME', message: e instanceof Error ? e.message : String(e), retryable: false } };
    }
    const r = { orderId, result };
    out.push(r);
    onEach?.(r);
  }
  return out;
}

/** Whether a result is accepted, refused, or of unknown outcome (may have reached the broker). */
function classify(r: Result<OrderOutcome>): 'accepted' | 'rejected' | 'unknown' {
  if (!r.ok) return r.error.code === 'TIMEOUT' || r.error.code === 'NETWORK' || r.error.code === 'UNKNOWN_OUTCOME' ? 'unknown' : 'rejected';
  return r.value.kind;
}

/**
 * The summary toast: `Cancel all: 3 accepted, 1 rejected (order 12: Order is TRADED), 1 unknown
 * (order 14, being reconciled; not sent again)`. Tone: good when all accepted, warn with any
 * unknown, bad with any rejected and no unknown.
 */
export function cancelAllSummary(results: readonly CancelResult[]): { readonly text: string; readonly tone: 'good' | 'warn' | 'bad' } {
  if (results.length === 0) return { text: 'Cancel all: no open orders', tone: 'good' };
  const groups = { accepted: [] as CancelResult[], rejected: [] as CancelResult[], unknown: [] as CancelResult[] };
  for (const r of results) groups[classify(r.result)].push(r);
  const reason = (r: CancelResult) => {
    if (!r.result.ok) return r.result.error.message;
    return r.result.value.kind === 'accepted' ? '' : r.result.value.error.message;
  };
  const parts = [`${groups.accepted.length} accepted`];
  if (groups.rejected.length > 0) parts.push(`${groups.rejected.length} rejected (${groups.rejected.slice(0, 3).map((r) => `order ${r.orderId}: ${reason(r)}`).join('; ')}${groups.rejected.length > 3 ? '; …' : ''})`);
  if (groups.unknown.length > 0) parts.push(`${groups.unknown.length} unknown (${groups.unknown.map((r) => `order ${r.orderId}`).join(', ')}: being reconciled; not sent again)`);
  const tone = groups.unknown.length > 0 ? 'warn' : groups.rejected.length > 0 ? 'bad' : 'good';
  return { text: `Cancel all: ${parts.join(', ')}`, tone };
}
