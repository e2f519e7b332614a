/**
 * Orders for the bridge: `orders.place/modify/cancel/list`, `trades.list` and the `orders.events`
 * stream.
 *
 * - Place: the risk gate (shared/risk `runRiskGate`) runs first, with the trader's limits from the
 *   settings store and the market state from the latest quote (LTP and our receive time; a REST
 *   LTP read when the instrument has no live quote). A refused order gets the findings and NO
 *   network call. A passed one is sent as one REST place per slice (freeze-quantity slicing), each
 *   with a fresh correlation id, prices rounded to the tick grid. Nothing is retried: an `unknown`
 *   outcome is emitted as an `OrderUnknownEvent` and reconciled by correlation id.
 * - Events: the order-update socket's events, and the REST order book after every (re)connect of
 *   that socket, pass through shared/order-state.ts `transition` so that nothing moves backwards
 *   (a late or duplicated update is dropped); every subscriber gets every event.
 * - Fills (TRADED / PART_TRADED with more filled) are announced to `onFill` (the portfolio refetch).
 *
 * Source: issue 5 (order ticket, order book); DESIGN.md "Money rules"; seeds/002 "Orders",
 * "Live Order Update".
 */
import { BridgeFault, bridgeError, type BridgeError, type Result } from '../../../shared/errors';
import { instrumentKey, type Instrument } from '../../../shared/instruments';
import type { PlaceOrderReply } from '../../../shared/ipc/contract';
import { lifecycleFromReport, newOrderLifecycle, transition, type OrderLifecycle, type OrderLifecycleEvent } from '../../../shared/order-state';
import {
  isOpenStatus,
  isTerminalStatus,
  type ModifyOrderRequest,
  type Order,
  type OrderEvent,
  type OrderOutcome,
  type OrderUpdateEvent,
  type PlaceOrderRequest,
  type Trade,
} from '../../../shared/orders';
import { isOnTick, roundToTick } from '../../../shared/price';
import { riskBlockedError, runRiskGate } from '../../../shared/risk';
import { finding, type RiskMarket } from '../../../shared/risk/types';
import { newCorrelationId } from '../../brokers/dhan/rest/correlation';
import type { InstrumentCatalog } from './instrument-catalog';
import type { MarketData } from './market-data';
import type { SessionManager } from './session-manager';
import type { SettingsStore } from './settings-store';

/** Delay before an unknown outcome is looked up by correlation id, ms. */
const UNKNOWN_LOOKUP_DELAY_MS = 1000;

interface Tracked {
  lifecycle: OrderLifecycle;
  order: Order | null;
}

/** Options of {@link OrderService}. */
export interface OrderServiceOptions {
  readonly sessions: SessionManager;
  readonly catalog: InstrumentCatalog;
  readonly market: MarketData;
  readonly settings: SettingsStore;
  /** Called after an event that shows a new fill (coalesce there). */
  readonly onFill?: () => void;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

function lifecycleEvents(o: Order, lc: OrderLifecycle): OrderLifecycleEvent[] {
  const out: OrderLifecycleEvent[] = [];
  if (o.quantity !== lc.quantity && isOpenStatus(o.status) && isOpenStatus(lc.status)) out.push({ type: 'modified', quantity: o.quantity });
  switch (o.status) {
    case 'TRANSIT':
      out.push({ type: 'submitted' });
      break;
    case 'PENDING':
      out.push({ type: 'accepted' });
      break;
    case 'TRIGGERED':
      out.push({ type: 'triggered' });
      break;
    case 'PART_TRADED':
      out.push({ type: 'partiallyFilled', filledQuantity: o.filledQuantity });
      break;
    case 'TRADED':
      out.push({ type: 'filled' });
      break;
    case 'CANCELLED':
      out.push({ type: 'cancelled', filledQuantity: o.filledQuantity });
      break;
    case 'REJECTED':
      out.push({ type: 'rejected', ...(o.rejectionReason !== null ? { reason: o.rejectionReason } : {}) });
      break;
    case 'EXPIRED':
      out.push({ type: 'expired', filledQuantity: o.filledQuantity });
      break;
    default:
      out.push({ type: 'reconciled', report: { status: o.status, quantity: o.quantity, filledQuantity: o.filledQuantity, reason: o.rejectionReason } });
  }
  return out;
}

function sameOrder(a: Order | null, b: Order): boolean {
  return (
    a !== null &&
    a.status === b.status &&
    a.quantity === b.quantity &&
    a.filledQuantity === b.filledQuantity &&
    a.price === b.price &&
    a.triggerPrice === b.triggerPrice &&
    a.orderType === b.orderType &&
    a.validity === b.validity
  );
}

/** See the file comment. */
export class OrderService {
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<(e: OrderEvent) => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private reconciling = false;
  private reconcileAgain = false;

  constructor(private readonly o: OrderServiceOptions) {
    this.now = o.now ?? (() => Date.now());
  }

  /** A new session: what we knew belongs to the old one. */
  reset(): void {
    this.tracked.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** `orders.events`: every event from now on. Returns the disposer. */
  subscribe(emit: (e: OrderEvent) => void): () => void {
    this.listeners.add(emit);
    return () => void this.listeners.delete(emit);
  }

  /** `orders.place`: see the file comment. */
  async place(req: PlaceOrderRequest): Promise<PlaceOrderReply> {
    const rest = this.rest();
    const key = instrumentKey(req.instrument.segment, req.instrument.securityId);
    const instrument = await this.o.catalog.one(key);
    if (instrument === null) throw new BridgeFault(bridgeError('NOT_FOUND', `Order not sent: instrument ${key} is not in the loaded instrument master.`));
    const market = await this.marketOf(instrument);
    const verdict = runRiskGate({
      order: req,
      instrument,
      market,
      limits: this.o.settings.get().risk,
      nowMs: this.now(),
    });
    if (!verdict.ok) return { findings: verdict.findings, outcomes: [] };
    const price = req.price !== undefined && req.price > 0 ? this.onGrid(req.price, instrument) : req.price;
    const trigger = req.triggerPrice !== undefined ? this.onGrid(req.triggerPrice, instrument) : undefined;
    const outcomes: OrderOutcome[] = [];
    for (const [i, quantity] of verdict.slices.entries()) {
      const correlationId = i === 0 && verdict.slices.length === 1 && req.correlationId !== undefined ? req.correlationId : newCorrelationId(this.now());
      const slice: PlaceOrderRequest = {
        ...req,
        quantity,
        correlationId,
        ...(price !== undefined ? { price } : {}),
        ...(trigger !== undefined ? { triggerPrice: trigger } : {}),
      };
      const outcome = await rest.orders.place(slice);
      outcomes.push(outcome);
      if (outcome.kind === 'accepted') {
        const t = transition(newOrderLifecycle(quantity), { type: 'submitted' });
        if (!this.tracked.has(outcome.orderId)) this.tracked.set(outcome.orderId, { lifecycle: t.state, order: null });
        continue;
      }
      if (outcome.kind === 'unknown') this.unknown(outcome.error, correlationId, null);
      else this.o.sessions.noteError(outcome.error);
      // A slice refused (funds, RMS, a closed market) or of unknown fate: sending the rest would pile
      // exposure onto a failing or uncertain exchange. Stop, and say what was not sent.
      const left = verdict.slices.slice(i + 1);
      if (left.length > 0) {
        const units = left.reduce((a, q) => a + q, 0);
        const why = outcome.kind === 'unknown' ? 'its outcome is unknown (being reconciled)' : 'it was rejected';
        const stop = finding('SLICES_NOT_SENT', 'warn', 'quantity', `Slice ${i + 1} of ${verdict.slices.length} was not accepted (${why}): the remaining ${left.length} slice(s), ${units} units, were not sent.`);
        return { findings: [...verdict.findings, stop], outcomes };
      }
    }
    return { findings: verdict.findings, outcomes };
  }

  /**
   * `orders.modify`: the order as it would stand after the change (side, product and instrument of
   * the working order; type, quantity, prices and disclosed quantity from `req` where given) passes
   * the same risk gate as a new order, before any network call. The freeze quantity refuses rather
   * than slices (a modification cannot be split); the kill switch refuses modifications too (a
   * trader in trouble cancels). The order is read from the tracked book, or from the broker (a read)
   * when this session has not seen it. A refusal is a `rejected` outcome carrying `RISK_BLOCKED` (or
   * `NOT_FOUND` / `REJECTED` for an unknown or finished order) and nothing is sent. A passed change
   * is sent once with prices rounded to the tick grid; never retried.
   *
   * Source: DESIGN.md "Money rules"; issue 5 (order book "modify"); seeds/002 "Modify Order".
   */
  async modify(req: ModifyOrderRequest): Promise<OrderOutcome> {
    const rest = this.rest();
    let order = this.tracked.get(req.orderId)?.order ?? null;
    if (order === null) {
      const r = await rest.orders.get(req.orderId);
      if (r.ok) order = r.value;
    }
    const refuse = (error: BridgeError): OrderOutcome => ({ kind: 'rejected', error, correlationId: order?.correlationId ?? null });
    if (order === null) return refuse(bridgeError('NOT_FOUND', `Modification not sent: order ${req.orderId} is not in the order book.`));
    if (isTerminalStatus(order.status)) return refuse(bridgeError('REJECTED', `Modification not sent: order ${req.orderId} is ${order.status} and can no longer be changed.`));
    const instrument = await this.o.catalog.one(instrumentKey(order.instrument.segment, order.instrument.securityId));
    if (instrument === null) return refuse(bridgeError('NOT_FOUND', `Modification not sent: instrument ${instrumentKey(order.instrument.segment, order.instrument.securityId)} is not in the loaded instrument master.`));
    const quantity = req.quantity ?? order.quantity;
    if (quantity <= order.filledQuantity) {
      return refuse(bridgeError('RISK_BLOCKED', `Modification not sent: the new quantity ${quantity} must be more than the ${order.filledQuantity} already filled.`));
    }
    const hasPrice = req.orderType === 'LIMIT' || req.orderType === 'STOP_LOSS';
    const hasTrigger = req.orderType === 'STOP_LOSS' || req.orderType === 'STOP_LOSS_MARKET';
    const after: PlaceOrderRequest = {
      instrument: order.instrument,
      side: order.side,
      product: order.product,
      validity: req.validity,
      orderType: req.orderType,
      quantity,
      ...(hasPrice ? { price: req.price ?? order.price } : {}),
      ...(hasTrigger ? { triggerPrice: req.triggerPrice ?? order.triggerPrice } : {}),
      ...((req.disclosedQuantity ?? order.disclosedQuantity) > 0 ? { disclosedQuantity: req.disclosedQuantity ?? order.disclosedQuantity } : {}),
    };
    const verdict = runRiskGate({
      order: after,
      instrument,
      market: await this.marketOf(instrument),
      limits: { ...this.o.settings.get().risk, freezeAction: 'REFUSE' },
      nowMs: this.now(),
    });
    const blocked = riskBlockedError(verdict);
    if (blocked !== null) return refuse({ ...blocked, message: blocked.message.replace(/^Order refused/, 'Modification refused') });
    const fix = (p: number | undefined) => (p === undefined || p <= 0 ? p : roundToTick(p, instrument.tickSize));
    const price = fix(req.price);
    const trigger = fix(req.triggerPrice);
    const outcome = await rest.orders.modify({ ...req, ...(price !== undefined ? { price } : {}), ...(trigger !== undefined ? { triggerPrice: trigger } : {}) });
    if (outcome.kind === 'unknown') this.unknown(outcome.error, order.correlationId, req.orderId);
    if (outcome.kind === 'rejected') this.o.sessions.noteError(outcome.error);
    return outcome;
  }

  /** `orders.cancel`: sent once. */
  async cancel(orderId: string): Promise<OrderOutcome> {
    const rest = this.rest();
    const t = this.tracked.get(orderId);
    if (t !== undefined) {
      const r = transition(t.lifecycle, { type: 'cancelRequested' });
      if (r.ok) t.lifecycle = r.state;
    }
    const outcome = await rest.orders.cancel(orderId);
    if (t !== undefined && outcome.kind === 'rejected') {
      const r = transition(t.lifecycle, { type: 'cancelRejected', reason: outcome.error.message });
      if (r.ok) t.lifecycle = r.state;
    }
    if (outcome.kind === 'unknown') this.unknown(outcome.error, t?.order?.correlationId ?? null, orderId);
    if (outcome.kind === 'rejected') this.o.sessions.noteError(outcome.error);
    return outcome;
  }

  /** `orders.list`: the day's order book. */
  async list(): Promise<readonly Order[]> {
    return this.unwrap(await this.rest().orders.list());
  }

  /** `trades.list`: the day's trade book. */
  async trades(): Promise<readonly Trade[]> {
    return this.unwrap(await this.rest().orders.trades());
  }

  /** An event from the order-update socket. */
  onStreamEvent(e: OrderUpdateEvent): void {
    this.apply(e.order, e, false);
  }

  /**
   * Fetches the order book and applies it (after every (re)connect of the order socket). Runs one
   * at a time; a request while one runs makes it run once more after.
   */
  async reconcile(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return;
    }
    this.reconciling = true;
    try {
      do {
        this.reconcileAgain = false;
        const s = this.o.sessions.current;
        if (s === null) return;
        const book = await s.adapter.rest.orders.list();
        if (!book.ok) {
          this.o.sessions.noteError(book.error);
          this.o.log?.(`orders: reconciliation failed: ${book.error.message}`);
          return;
        }
        if (this.o.sessions.current !== s) return;
        for (const order of book.value) {
          this.apply(order, { source: 'rest', lastFillPrice: null, referenceLtp: null, receivedAtMs: this.now() }, true);
        }
      } while (this.reconcileAgain);
    } finally {
      this.reconciling = false;
    }
  }

  /** Stops pending look-ups. */
  close(): void {
    this.reset();
    this.listeners.clear();
  }

  private apply(order: Order, meta: Pick<OrderUpdateEvent, 'source' | 'lastFillPrice' | 'referenceLtp' | 'receivedAtMs'>, fromBook: boolean): void {
    const known = this.tracked.get(order.orderId);
    const filledBefore = known?.lifecycle.filledQuantity ?? 0;
    let next: OrderLifecycle;
    if (known === undefined) {
      const lc = lifecycleFromReport({ status: order.status, quantity: order.quantity, filledQuantity: order.filledQuantity, reason: order.rejectionReason });
      if (lc === null) {
        this.o.log?.(`orders: order ${order.orderId} reported inconsistently (${order.status}, ${order.filledQuantity}/${order.quantity}); ignored`);
        return;
      }
      next = lc;
    } else {
      let lc = known.lifecycle;
      if (fromBook) {
        // The book is a snapshot: one older than what the socket already told us (an open order
        // we saw finish) is not applied; otherwise it is authoritative (shared/order-state.ts).
        if (isTerminalStatus(lc.status) && isOpenStatus(order.status)) return;
        const t = transition(lc, { type: 'reconciled', report: { status: order.status, quantity: order.quantity, filledQuantity: order.filledQuantity, reason: order.rejectionReason } });
        if (!t.ok) {
          this.o.log?.(`orders: book report for ${order.orderId} refused: ${t.reason}`);
          return;
        }
        lc = t.state;
      } else {
        for (const ev of lifecycleEvents(order, lc)) {
          const t = transition(lc, ev);
          if (!t.ok) {
            if (t.reconcile) void this.reconcile();
            return; // late, duplicated or contradicting: dropped (the book will tell)
          }
          lc = t.state;
        }
      }
      if (sameOrder(known.order, order) && lc.status === known.lifecycle.status && lc.filledQuantity === known.lifecycle.filledQuantity) {
        known.lifecycle = lc;
        return;
      }
      next = lc;
    }
    const shown: Order = next.status === order.status && next.filledQuantity === order.filledQuantity
      ? order
      : { ...order, status: next.status, filledQuantity: next.filledQuantity, remainingQuantity: Math.max(0, next.quantity - next.filledQuantity) };
    this.tracked.set(order.orderId, { lifecycle: next, order: shown });
    this.emit({ kind: 'order', source: meta.source, order: shown, lastFillPrice: meta.lastFillPrice, referenceLtp: meta.referenceLtp, receivedAtMs: meta.receivedAtMs });
    if (next.filledQuantity > filledBefore) this.o.onFill?.();
  }

  private unknown(error: BridgeError, correlationId: string | null, orderId: string | null): void {
    this.emit({ kind: 'unknown', correlationId, orderId, error, receivedAtMs: this.now() });
    if (correlationId === null) {
      void this.reconcile();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const s = this.o.sessions.current;
      if (s === null) return;
      void s.adapter.rest.orders.getByCorrelationId(correlationId).then((r) => {
        if (r.ok) this.apply(r.value, { source: 'rest', lastFillPrice: null, referenceLtp: null, receivedAtMs: this.now() }, true);
        else this.o.log?.(`orders: correlation id ${correlationId} not found yet: ${r.error.message}`);
      });
    }, UNKNOWN_LOOKUP_DELAY_MS);
    this.timers.add(timer);
  }

  private emit(e: OrderEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // one subscriber's failure must not starve the others
      }
    }
  }

  private onGrid(price: number, instrument: Instrument): number {
    // The gate has refused off-grid prices; this only cleans binary noise (2450.1000000001).
    return isOnTick(price, instrument.tickSize) ? roundToTick(price, instrument.tickSize) : price;
  }

  private async marketOf(instrument: Instrument): Promise<RiskMarket | null> {
    const key = instrumentKey(instrument.segment, instrument.securityId);
    const live = this.o.market.latest(key);
    if (live !== undefined && live.ltp > 0) return { ltp: live.ltp, quoteTimeMs: live.receivedAtMs };
    const s = this.o.sessions.current;
    if (s === null) return null;
    const r = await s.adapter.rest.market.ltp([{ segment: instrument.segment, securityId: instrument.securityId }]);
    if (!r.ok || r.value.length === 0 || !(r.value[0]!.ltp > 0)) {
      this.o.log?.(`orders: no LTP for ${key} (${r.ok ? 'none returned' : r.error.message})`);
      return null;
    }
    return { ltp: r.value[0]!.ltp, quoteTimeMs: this.now() };
  }

  private rest() {
    const s = this.o.sessions.current;
    if (s === null) throw new BridgeFault(bridgeError('NETWORK', 'No trading session is connected.', true));
    return s.adapter.rest;
  }

  private unwrap<T>(r: Result<T>): T {
    if (r.ok) return r.value;
    this.o.sessions.noteError(r.error);
    throw new BridgeFault(r.error);
  }
}
