/**
 * The order status state machine: a pure `transition(state, event)` in the style of NautilusTrader's
 * order FSM, with every odd edge commented with the real-world reason it exists.
 *
 * The state is the order's status (shared/orders.ts `OrderStatus`: Dhan's names plus our `UNKNOWN`),
 * its quantity and the cumulative filled quantity (units), whether a cancel request of ours is in
 * flight, and, while UNKNOWN, the status it had before. Events come from three places that do not
 * agree on order: the REST answers to our own requests, the order-update WebSocket (Dhan
 * `order_alert`), and the order book fetched after a (re)connect. The machine therefore:
 * - never moves a status backwards (TRADED never becomes PENDING again; PART_TRADED never PENDING),
 * - never lets the filled quantity decrease or exceed the order quantity,
 * - keeps terminal statuses terminal, except for an explicit reconciliation from the broker's order
 *   book, which is authoritative,
 * - leaves UNKNOWN (a timeout, network error or 5xx on an order-changing request, DESIGN.md "Money
 *   rules") only through reconciliation: no event on the socket or REST resolves it by itself.
 *
 * A refused transition is data, never an exception: `{ ok: false, refusal, reason, reconcile }` with
 * the state unchanged; `reconcile: true` tells the caller to fetch the order book now.
 *
 * Source: seeds/002 (DhanHQ v2), Annexure "Order Status" (TRANSIT: did not reach the exchange;
 * PENDING; PART_TRADED; TRADED; CANCELLED; REJECTED: by broker or exchange; EXPIRED), "Live Order
 * Update" and "Order Book"; DESIGN.md "Money rules" and "Examples worth following" (NautilusTrader).
 */

import { ORDER_STATUSES, isOpenStatus, isTerminalStatus, type OrderStatus } from './orders';

/** What the machine knows about one order. Quantities are units (shares, or contracts × lot). */
export interface OrderLifecycle {
  readonly status: OrderStatus;
  /** Ordered quantity, units; an integer >= 1. Changes only by a confirmed modification or reconciliation. */
  readonly quantity: number;
  /** Cumulative filled quantity, units; 0 <= filledQuantity <= quantity, never decreases. */
  readonly filledQuantity: number;
  /** True while a cancel request of ours has been sent and neither confirmed nor refused. */
  readonly cancelRequested: boolean;
  /** While UNKNOWN: the status the order had when the request's answer was lost; else null. */
  readonly statusBeforeUnknown: OrderStatus | null;
  /** The broker's words for the last rejection (order or cancel) or why the outcome is unknown; else null. */
  readonly reason: string | null;
}

/** The broker's own view of an order, from its order book (authoritative). */
export interface OrderBookReport {
  /** Any broker status (never `UNKNOWN`, which is ours). */
  readonly status: OrderStatus;
  /** Ordered quantity, units. */
  readonly quantity: number;
  /** Cumulative filled quantity, units. */
  readonly filledQuantity: number;
  /** The broker's rejection reason, if any. */
  readonly reason?: string | null;
}

/**
 * An order event, named as NautilusTrader names them. Quantities are units; a fill event carries the
 * **cumulative** filled quantity (Dhan `TradedQty`/`filledQty`), which makes duplicated and reordered
 * deliveries harmless, where per-trade quantities would be double-counted.
 */
export type OrderLifecycleEvent =
  /** The broker acknowledged our place request (Dhan answers `orderStatus: TRANSIT`). */
  | { readonly type: 'submitted' }
  /** The exchange accepted the order: it rests in the book (PENDING). */
  | { readonly type: 'accepted' }
  /** A stop-loss order's trigger price was reached; it now works as a limit/market order. */
  | { readonly type: 'triggered' }
  /** A fill that leaves part of the order open; `filledQuantity` is cumulative. */
  | { readonly type: 'partiallyFilled'; readonly filledQuantity: number }
  /** The order is completely filled. */
  | { readonly type: 'filled' }
  /** The broker confirmed our modification; `quantity` is the new total quantity when it changed. */
  | { readonly type: 'modified'; readonly quantity?: number }
  /** We sent a cancel request (local event, before any answer). */
  | { readonly type: 'cancelRequested' }
  /** The broker or exchange refused our cancel request (typically: the order had already traded). */
  | { readonly type: 'cancelRejected'; readonly reason?: string }
  /** The order was cancelled; `filledQuantity` is the cumulative fill at that moment when reported. */
  | { readonly type: 'cancelled'; readonly filledQuantity?: number }
  /** The broker's RMS or the exchange rejected the order. */
  | { readonly type: 'rejected'; readonly reason?: string }
  /** A DAY order left at the close (or an AMO that never went out); cumulative fill when reported. */
  | { readonly type: 'expired'; readonly filledQuantity?: number }
  /** An order-changing request got no readable answer (timeout, network error, 5xx). */
  | { readonly type: 'outcomeUnknown'; readonly reason?: string }
  /** The broker's order book says this (after a reconnect, or to resolve UNKNOWN). */
  | { readonly type: 'reconciled'; readonly report: OrderBookReport }
  /** The broker's order book has no order with our correlation id. */
  | { readonly type: 'reconciledMissing' };

/** Every event type. */
export type OrderLifecycleEventType = OrderLifecycleEvent['type'];

/**
 * Why a transition was refused:
 * - `TERMINAL`: the order is finished; only reconciliation can change it.
 * - `STALE`: an update older than what we know arrived late or twice (it would move the status back
 *   or decrease the filled quantity); harmless, drop it.
 * - `OVERFILL`: a fill or report beyond the order quantity.
 * - `CONFLICT`: the facts contradict each other (a fill for a cancelled order...); reconcile.
 * - `NEEDS_RECONCILIATION`: the order is UNKNOWN; only the order book may resolve it.
 * - `NOT_ALLOWED`: the request makes no sense now (a second cancel while one is in flight...).
 * - `BAD_EVENT`: malformed event (negative or fractional quantity, unknown type, UNKNOWN reported).
 */
export type TransitionRefusal =
  | 'TERMINAL'
  | 'STALE'
  | 'OVERFILL'
  | 'CONFLICT'
  | 'NEEDS_RECONCILIATION'
  | 'NOT_ALLOWED'
  | 'BAD_EVENT';

/** What {@link transition} returns: the next state, or the refusal with the state unchanged. */
export type OrderTransition =
  | {
      readonly ok: true;
      readonly state: OrderLifecycle;
      /** False for an exact duplicate (same status and quantities delivered twice). */
      readonly changed: boolean;
      /** Why an odd but valid edge was taken (fill after cancel request...), else null. */
      readonly note: string | null;
    }
  | {
      readonly ok: false;
      /** The state before the event, unchanged. */
      readonly state: OrderLifecycle;
      readonly refusal: TransitionRefusal;
      /** Trader-readable explanation. */
      readonly reason: string;
      /** True when the caller should reconcile from the broker's order book now. */
      readonly reconcile: boolean;
    };

/**
 * The state of an order we are about to send: TRANSIT ("did not reach the exchange server"),
 * nothing filled. Throws RangeError when `quantity` is not an integer >= 1 (the risk gate refuses
 * such orders before this is called).
 */
export function newOrderLifecycle(quantity: number): OrderLifecycle {
  if (!isQuantity(quantity)) throw new RangeError(`newOrderLifecycle: quantity must be an integer >= 1, got ${quantity}`);
  return { status: 'TRANSIT', quantity, filledQuantity: 0, cancelRequested: false, statusBeforeUnknown: null, reason: null };
}

/**
 * The state of an order first seen in the broker's order book (placed from another app, or found
 * after a restart). Null when the report is inconsistent (UNKNOWN status, bad quantities, filled
 * above quantity); the same normalisation as reconciliation applies.
 */
export function lifecycleFromReport(report: OrderBookReport): OrderLifecycle | null {
  const base: OrderLifecycle = {
    status: 'TRANSIT',
    quantity: isQuantity(report?.quantity) ? report.quantity : 1,
    filledQuantity: 0,
    cancelRequested: false,
    statusBeforeUnknown: null,
    reason: null,
  };
  const t = transition(base, { type: 'reconciled', report });
  return t.ok ? t.state : null;
}

const OPEN_RANK: Partial<Record<OrderStatus, number>> = { TRANSIT: 0, PENDING: 1, TRIGGERED: 2, PART_TRADED: 3 };

/**
 * Applies one event to an order's state. Pure and total: never throws for a state made by this
 * module, whatever the event (malformed events are refused as `BAD_EVENT`); a refused transition returns `ok: false` with the state unchanged (see {@link TransitionRefusal}).
 */
export function transition(state: OrderLifecycle, event: OrderLifecycleEvent): OrderTransition {
  const type = (event as { type?: unknown } | null)?.type;
  // Reconciliation first: it is the one event that may leave UNKNOWN and terminal statuses.
  if (type === 'reconciled') return reconcile(state, (event as { report: OrderBookReport }).report);
  if (type === 'reconciledMissing') return reconcileMissing(state);
  if (type === 'outcomeUnknown') return outcomeUnknown(state, (event as { reason?: string }).reason);
  if (!isEventType(type)) return refuse(state, 'BAD_EVENT', `Unknown order event ${JSON.stringify(type)}.`);

  // UNKNOWN: we do not know whether our last request took effect, so we cannot tell whether an
  // update on the socket is about the order before or after it. Only the order book, fetched by
  // correlation id, settles it (DESIGN.md "Money rules"). The caller should reconcile now: an
  // event arriving for the order is the best moment to do it.
  if (state.status === 'UNKNOWN') {
    return refuse(state, 'NEEDS_RECONCILIATION', 'The outcome of the last request is unknown: reconcile from the order book first.', true);
  }

  switch (type) {
    case 'submitted':
      return submitted(state);
    case 'accepted':
      return toOpenStatus(state, 'PENDING');
    case 'triggered':
      return toOpenStatus(state, 'TRIGGERED');
    case 'partiallyFilled':
      return partiallyFilled(state, (event as { filledQuantity: number }).filledQuantity);
    case 'filled':
      return filled(state);
    case 'modified':
      return modified(state, (event as { quantity?: number }).quantity);
    case 'cancelRequested':
      return cancelRequested(state);
    case 'cancelRejected':
      return cancelRejected(state, (event as { reason?: string }).reason);
    case 'cancelled':
      return closedWithFills(state, 'CANCELLED', (event as { filledQuantity?: number }).filledQuantity);
    case 'expired':
      return closedWithFills(state, 'EXPIRED', (event as { filledQuantity?: number }).filledQuantity);
    case 'rejected':
      return rejected(state, (event as { reason?: string }).reason);
  }
}

function submitted(s: OrderLifecycle): OrderTransition {
  if (s.status === 'TRANSIT') return same(s);
  // The order-update socket is often faster than the REST answer to our own place request: the
  // order can be PENDING, or even TRADED, before the "TRANSIT" acknowledgement arrives. Drop it.
  if (isTerminalStatus(s.status)) return refuse(s, 'TERMINAL', `The order is already ${s.status}; the late acknowledgement is ignored.`);
  return refuse(s, 'STALE', `The order is already ${s.status}; the late acknowledgement is ignored.`);
}

/** accepted (→ PENDING) and triggered (→ TRIGGERED): forward moves among the open statuses only. */
function toOpenStatus(s: OrderLifecycle, target: 'PENDING' | 'TRIGGERED'): OrderTransition {
  if (isTerminalStatus(s.status)) {
    // e.g. a marketable order filled at once: the exchange's TRADED overtook its PENDING.
    return refuse(s, 'TERMINAL', `The order is already ${s.status}; a late ${target} update is ignored.`);
  }
  const from = OPEN_RANK[s.status] ?? 0;
  const to = OPEN_RANK[target]!;
  if (from === to) return same(s);
  if (from > to) {
    // Out-of-order delivery (socket vs REST, or two sockets after a reconnect): never move a
    // status backwards; TRIGGERED or PART_TRADED already implies the order was accepted.
    return refuse(s, 'STALE', `The order is already ${s.status}; a late ${target} update is ignored.`);
  }
  return moved(s, { ...s, status: target }, null);
}

function partiallyFilled(s: OrderLifecycle, cumulative: number): OrderTransition {
  if (!isCount(cumulative) || cumulative === 0) {
    return refuse(s, 'BAD_EVENT', `A fill must carry a cumulative filled quantity >= 1, got ${String(cumulative)}.`);
  }
  if (cumulative > s.quantity) {
    return refuse(s, 'OVERFILL', `Filled quantity ${cumulative} exceeds the order quantity ${s.quantity}.`, true);
  }
  if (cumulative <= s.filledQuantity) {
    // A duplicate, or an older fill report delivered after a newer one: the filled quantity
    // never decreases (trades are not undone by an out-of-order message).
    return refuse(s, 'STALE', `Fill report of ${cumulative} is not newer than the ${s.filledQuantity} already filled.`);
  }
  if (isTerminalStatus(s.status)) {
    // A fill newer than a CANCELLED/EXPIRED/REJECTED report: the two sources disagree about the
    // facts (the fill may have happened before the cancel). Positions depend on it: reconcile.
    return refuse(s, 'CONFLICT', `A fill of ${cumulative} was reported for an order already ${s.status}.`, true);
  }
  if (cumulative === s.quantity) {
    // The last part's report can arrive labelled as a partial fill before the TRADED status.
    return moved(s, { ...s, status: 'TRADED', filledQuantity: cumulative, cancelRequested: false }, fillNote(s));
  }
  // From TRANSIT too: a marketable order can trade before its PENDING update reaches us.
  return moved(s, { ...s, status: 'PART_TRADED', filledQuantity: cumulative }, fillNote(s));
}

function filled(s: OrderLifecycle): OrderTransition {
  if (s.status === 'TRADED') return same(s);
  if (isTerminalStatus(s.status)) {
    return refuse(s, 'CONFLICT', `A complete fill was reported for an order already ${s.status}.`, true);
  }
  return moved(s, { ...s, status: 'TRADED', filledQuantity: s.quantity, cancelRequested: false }, fillNote(s));
}

/** A fill while our cancel is in flight is normal: the exchange matched the order first. */
function fillNote(s: OrderLifecycle): string | null {
  return s.cancelRequested ? 'Filled while the cancel request was in flight: the exchange matched the order first.' : null;
}

function modified(s: OrderLifecycle, quantity: number | undefined): OrderTransition {
  if (isTerminalStatus(s.status)) {
    // A modification confirmed after the order traded or closed: the exchange acted on the order
    // first and the modification did not apply to anything.
    return refuse(s, 'TERMINAL', `The order is already ${s.status}; the modification no longer applies.`);
  }
  if (quantity === undefined) return same(s);
  if (!isQuantity(quantity)) return refuse(s, 'BAD_EVENT', `A modified quantity must be an integer >= 1, got ${String(quantity)}.`);
  if (quantity < s.filledQuantity) {
    // Exchanges refuse to cut an order below what has traded; a report saying so is inconsistent.
    return refuse(s, 'CONFLICT', `Modified quantity ${quantity} is below the ${s.filledQuantity} already filled.`, true);
  }
  if (quantity === s.quantity) return same(s);
  if (quantity === s.filledQuantity) {
    // Reducing the quantity to what has already traded leaves nothing open: the order is complete.
    return moved(s, { ...s, quantity, status: 'TRADED', cancelRequested: false }, 'Quantity reduced to the filled quantity: the order is complete.');
  }
  return moved(s, { ...s, quantity }, null);
}

function cancelRequested(s: OrderLifecycle): OrderTransition {
  if (isTerminalStatus(s.status)) return refuse(s, 'TERMINAL', `The order is already ${s.status}: nothing to cancel.`);
  // One order-changing request at a time: a second cancel would be a retry in disguise.
  if (s.cancelRequested) return refuse(s, 'NOT_ALLOWED', 'A cancel request for this order is already in flight.');
  return moved(s, { ...s, cancelRequested: true }, null);
}

function cancelRejected(s: OrderLifecycle, reason: string | undefined): OrderTransition {
  // Typical after a fill overtook the cancel: the order is already TRADED and the flag cleared.
  if (!s.cancelRequested) return refuse(s, 'STALE', 'No cancel request is in flight for this order.');
  return moved(s, { ...s, cancelRequested: false, reason: textOrNull(reason) ?? s.reason }, null);
}

function closedWithFills(s: OrderLifecycle, target: 'CANCELLED' | 'EXPIRED', reported: number | undefined): OrderTransition {
  if (reported !== undefined && !isCount(reported)) {
    return refuse(s, 'BAD_EVENT', `A ${target} report's filled quantity must be an integer >= 0, got ${String(reported)}.`);
  }
  if (reported !== undefined && reported > s.quantity) {
    return refuse(s, 'OVERFILL', `Filled quantity ${reported} exceeds the order quantity ${s.quantity}.`, true);
  }
  const fill = Math.max(s.filledQuantity, reported ?? 0);
  if (isTerminalStatus(s.status)) {
    if (s.status !== target) {
      // e.g. CANCELLED after TRADED: the cancel reached the exchange after the last fill; the
      // TRADED report is the fact. Anything else contradicts a finished order.
      return refuse(s, 'TERMINAL', `The order is already ${s.status}; a ${target} update is ignored.`);
    }
    if (fill === s.filledQuantity) return same(s);
    // The same close reported again with more fills (the socket's message was sent before the
    // last trade confirmation was folded in). Keep the status, take the larger fill, unless
    // that fill is the whole order, which a CANCELLED/EXPIRED order cannot be.
    if (fill === s.quantity) return refuse(s, 'CONFLICT', `A ${target} order cannot have its whole quantity filled.`, true);
    return moved(s, { ...s, filledQuantity: fill }, null);
  }
  if (fill === s.quantity) {
    // Everything traded before the cancel or the close took effect: the order is TRADED.
    return moved(s, { ...s, status: 'TRADED', filledQuantity: fill, cancelRequested: false }, `Reported ${target} but fully filled: the order traded first.`);
  }
  // A cancel confirm after a partial fill: CANCELLED with filled > 0 (the rest was withdrawn).
  // A cancel we did not ask for is normal too: IOC remainder, the exchange or the broker's RMS
  // (square-off), or the trader from another app (Dhan web).
  // EXPIRED with filled > 0: a DAY order partly filled when the session closed.
  const note =
    target === 'CANCELLED' && !s.cancelRequested
      ? 'Cancelled without a request from this app (IOC remainder, exchange, broker RMS or another app).'
      : null;
  return moved(s, { ...s, status: target, filledQuantity: fill, cancelRequested: false }, note);
}

function rejected(s: OrderLifecycle, reason: string | undefined): OrderTransition {
  const why = textOrNull(reason);
  if (s.status === 'REJECTED') return same(s);
  if (isTerminalStatus(s.status)) return refuse(s, 'TERMINAL', `The order is already ${s.status}; a rejection is ignored.`);
  if (s.filledQuantity > 0) {
    // An order that has traded cannot be rejected; a rejected *modification or cancel* is not
    // an order rejection, and a broker that reports it as such needs its order book read.
    return refuse(s, 'CONFLICT', `A rejection was reported for an order with ${s.filledQuantity} already filled.`, true);
  }
  // TRANSIT → REJECTED: the broker's RMS refused it before it reached the exchange (insufficient
  // funds, banned scrip, price outside the circuit). PENDING/TRIGGERED → REJECTED: the exchange
  // refused it later (a triggered stop-loss priced outside the band), or its rejection overtook
  // the PENDING update.
  return moved(s, { ...s, status: 'REJECTED', cancelRequested: false, reason: why ?? s.reason }, null);
}

function outcomeUnknown(s: OrderLifecycle, reason: string | undefined): OrderTransition {
  if (s.status === 'UNKNOWN') return same(s);
  // A lost answer for a finished order changes nothing: it cannot trade any more.
  if (isTerminalStatus(s.status)) return refuse(s, 'TERMINAL', `The order is already ${s.status}; the lost answer changes nothing.`);
  // Timeout/5xx on place, modify or cancel: it may or may not have happened. Never retried;
  // reconcile by correlation id (DESIGN.md "Money rules"). The request is over, so no cancel is
  // "in flight" any more: its fate is part of what reconciliation finds out.
  return moved(
    s,
    { ...s, status: 'UNKNOWN', statusBeforeUnknown: s.status, cancelRequested: false, reason: textOrNull(reason) ?? 'Outcome unknown' },
    null,
  );
}

function reconcile(s: OrderLifecycle, report: OrderBookReport | undefined): OrderTransition {
  if (report === null || typeof report !== 'object') return refuse(s, 'BAD_EVENT', 'A reconciliation needs the order book report.');
  const { status, quantity, filledQuantity } = report;
  if (!(ORDER_STATUSES as readonly unknown[]).includes(status) || status === 'UNKNOWN') {
    return refuse(s, 'BAD_EVENT', `The order book cannot report status ${String(status)}.`);
  }
  if (!isQuantity(quantity) || !isCount(filledQuantity)) {
    return refuse(s, 'BAD_EVENT', `Bad quantities in the order book report: quantity ${String(quantity)}, filled ${String(filledQuantity)}.`);
  }
  if (filledQuantity > quantity) {
    return refuse(s, 'OVERFILL', `The order book reports ${filledQuantity} filled of ${quantity}.`);
  }
  // The order book is authoritative for status and quantity. The filled quantity still never
  // decreases: a fill seen on the socket can be newer than the REST snapshot, and trades are facts.
  const fill = Math.max(s.filledQuantity, status === 'TRADED' ? quantity : filledQuantity);
  if (fill > quantity) {
    return refuse(s, 'CONFLICT', `${s.filledQuantity} were seen filled, more than the ${quantity} the order book reports as ordered.`);
  }
  if (status === 'REJECTED' && fill > 0) {
    // A rejected order never traded; fills seen for it mean one of the two sources is wrong.
    return refuse(s, 'CONFLICT', `The order book reports REJECTED, but ${fill} were seen filled.`);
  }
  let next: OrderStatus = status;
  let note: string | null = null;
  if ((isOpenStatus(status) || status === 'CANCELLED' || status === 'EXPIRED') && fill === quantity) {
    // Every unit has traded (seen on the socket, newer than the snapshot): that is TRADED,
    // whatever the snapshot's status, since a cancel or expiry would have left something open.
    next = 'TRADED';
    note = 'The order book lags a fill already seen: the order is fully filled.';
  } else if ((status === 'TRANSIT' || status === 'PENDING') && fill > 0) {
    next = 'PART_TRADED';
    note = 'The order book lags a fill already seen: the order is partly filled.';
  } else if (status === 'PART_TRADED' && fill === 0) {
    // A book row that says PART_TRADED with no traded quantity contradicts itself; what is
    // certain is that the order is open and nothing is known to have traded.
    next = 'PENDING';
    note = 'The order book says PART_TRADED with nothing traded: treated as PENDING.';
  }
  const reason = textOrNull(report.reason ?? undefined) ?? (next === 'REJECTED' ? s.reason : null);
  const after: OrderLifecycle = {
    status: next,
    quantity,
    filledQuantity: fill,
    // A cancel still in flight stays so while the order is open; it cannot outlive the order.
    cancelRequested: s.cancelRequested && s.status !== 'UNKNOWN' && isOpenStatus(next),
    statusBeforeUnknown: null,
    reason,
  };
  return moved(s, after, note);
}

function reconcileMissing(s: OrderLifecycle): OrderTransition {
  if (s.status === 'UNKNOWN' && s.statusBeforeUnknown === 'TRANSIT' && s.filledQuantity === 0) {
    // Our place request was lost and the broker has no order with its correlation id: it never
    // reached the broker. Record it as REJECTED so that the trader sees it did not go through
    // (the caller should look again a little later before concluding, as books can lag).
    return moved(
      s,
      { ...s, status: 'REJECTED', statusBeforeUnknown: null, cancelRequested: false, reason: 'Not found at the broker: the order never reached it.' },
      null,
    );
  }
  // An order that was accepted, or has fills, cannot vanish from the broker's day book.
  return refuse(s, 'CONFLICT', `The broker's order book has no such order, but it was ${s.status === 'UNKNOWN' ? s.statusBeforeUnknown ?? s.status : s.status}.`);
}

const EVENT_TYPES: ReadonlySet<string> = new Set([
  'submitted',
  'accepted',
  'triggered',
  'partiallyFilled',
  'filled',
  'modified',
  'cancelRequested',
  'cancelRejected',
  'cancelled',
  'rejected',
  'expired',
]);

function isEventType(t: unknown): t is Exclude<OrderLifecycleEventType, 'reconciled' | 'reconciledMissing' | 'outcomeUnknown'> {
  return typeof t === 'string' && EVENT_TYPES.has(t);
}

function isQuantity(q: unknown): q is number {
  return typeof q === 'number' && Number.isSafeInteger(q) && q >= 1;
}

function isCount(q: unknown): q is number {
  return typeof q === 'number' && Number.isSafeInteger(q) && q >= 0;
}

function textOrNull(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s : null;
}

function same(s: OrderLifecycle): OrderTransition {
  return { ok: true, state: s, changed: false, note: null };
}

function moved(before: OrderLifecycle, after: OrderLifecycle, note: string | null): OrderTransition {
  const changed =
    before.status !== after.status ||
    before.quantity !== after.quantity ||
    before.filledQuantity !== after.filledQuantity ||
    before.cancelRequested !== after.cancelRequested ||
    before.statusBeforeUnknown !== after.statusBeforeUnknown ||
    before.reason !== after.reason;
  return { ok: true, state: changed ? after : before, changed, note };
}

function refuse(s: OrderLifecycle, refusal: TransitionRefusal, reason: string, reconcile = false): OrderTransition {
  return { ok: false, state: s, refusal, reason, reconcile };
}
