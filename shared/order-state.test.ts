import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lifecycleFromReport,
  newOrderLifecycle,
  transition,
  type OrderLifecycle,
  type OrderLifecycleEvent,
  type OrderTransition,
} from './order-state';
import { isOpenStatus, isTerminalStatus, type OrderStatus } from './orders';

/** Applies events in order; every one must be accepted. */
function run(quantity: number, ...events: OrderLifecycleEvent[]): OrderLifecycle {
  let s = newOrderLifecycle(quantity);
  for (const e of events) {
    const t = transition(s, e);
    if (!t.ok) throw new Error(`refused ${e.type} at ${s.status}: ${t.refusal} ${t.reason}`);
    s = t.state;
  }
  return s;
}

function refusal(t: OrderTransition): string {
  return t.ok ? 'ok' : t.refusal;
}

const at = (status: OrderStatus, quantity = 100, filledQuantity = 0, extra: Partial<OrderLifecycle> = {}): OrderLifecycle => ({
  status,
  quantity,
  filledQuantity,
  cancelRequested: false,
  statusBeforeUnknown: null,
  reason: null,
  ...extra,
});

describe('order state: the ordinary lifecycle', () => {
  it('starts in TRANSIT with nothing filled and refuses a bad quantity', () => {
    expect(newOrderLifecycle(75)).toEqual(at('TRANSIT', 75));
    expect(() => newOrderLifecycle(0)).toThrow(RangeError);
    expect(() => newOrderLifecycle(1.5)).toThrow(RangeError);
  });

  it('goes TRANSIT → PENDING → PART_TRADED → TRADED', () => {
    let s = newOrderLifecycle(100);
    const steps: [OrderLifecycleEvent, OrderStatus, number][] = [
      [{ type: 'submitted' }, 'TRANSIT', 0],
      [{ type: 'accepted' }, 'PENDING', 0],
      [{ type: 'partiallyFilled', filledQuantity: 40 }, 'PART_TRADED', 40],
      [{ type: 'partiallyFilled', filledQuantity: 70 }, 'PART_TRADED', 70],
      [{ type: 'filled' }, 'TRADED', 100],
    ];
    for (const [event, status, filled] of steps) {
      const t = transition(s, event);
      expect(t.ok).toBe(true);
      s = t.state;
      expect([s.status, s.filledQuantity]).toEqual([status, filled]);
    }
  });

  it('a stop-loss order goes PENDING → TRIGGERED → TRADED', () => {
    expect(run(50, { type: 'accepted' }, { type: 'triggered' }).status).toBe('TRIGGERED');
    expect(run(50, { type: 'accepted' }, { type: 'triggered' }, { type: 'filled' })).toEqual(at('TRADED', 50, 50));
    // The PENDING update may be overtaken by the trigger itself.
    expect(run(50, { type: 'triggered' }).status).toBe('TRIGGERED');
    expect(run(50, { type: 'accepted' }, { type: 'triggered' }, { type: 'partiallyFilled', filledQuantity: 10 }).status).toBe('PART_TRADED');
  });

  it('reports exact duplicates as unchanged', () => {
    const pending = at('PENDING');
    const t = transition(pending, { type: 'accepted' });
    expect(t).toEqual({ ok: true, state: pending, changed: false, note: null });
    const traded = at('TRADED', 100, 100);
    expect(transition(traded, { type: 'filled' })).toMatchObject({ ok: true, changed: false });
    const rejected = at('REJECTED');
    expect(transition(rejected, { type: 'rejected', reason: 'again' })).toMatchObject({ ok: true, changed: false });
  });

  it('the last partial fill that reaches the quantity completes the order', () => {
    const s = run(100, { type: 'accepted' }, { type: 'partiallyFilled', filledQuantity: 100 });
    expect(s).toEqual(at('TRADED', 100, 100));
  });
});

describe('order state: out-of-order and duplicated updates (socket vs REST)', () => {
  it('never moves TRADED back to PENDING or to PART_TRADED', () => {
    const traded = at('TRADED', 100, 100);
    expect(refusal(transition(traded, { type: 'accepted' }))).toBe('TERMINAL');
    expect(refusal(transition(traded, { type: 'partiallyFilled', filledQuantity: 50 }))).toBe('STALE');
    expect(refusal(transition(traded, { type: 'submitted' }))).toBe('TERMINAL');
    expect(refusal(transition(traded, { type: 'triggered' }))).toBe('TERMINAL');
  });

  it('never moves PART_TRADED or TRIGGERED back to PENDING', () => {
    expect(refusal(transition(at('PART_TRADED', 100, 10), { type: 'accepted' }))).toBe('STALE');
    expect(refusal(transition(at('PART_TRADED', 100, 10), { type: 'triggered' }))).toBe('STALE');
    expect(refusal(transition(at('TRIGGERED'), { type: 'accepted' }))).toBe('STALE');
    expect(refusal(transition(at('PENDING'), { type: 'submitted' }))).toBe('STALE');
  });

  it('never decreases the filled quantity', () => {
    const s = at('PART_TRADED', 100, 60);
    const older = transition(s, { type: 'partiallyFilled', filledQuantity: 40 });
    expect(older).toMatchObject({ ok: false, refusal: 'STALE', state: s, reconcile: false });
    expect(refusal(transition(s, { type: 'partiallyFilled', filledQuantity: 60 }))).toBe('STALE');
  });

  it('a fill reported before the PENDING update is taken (marketable order traded at once)', () => {
    expect(run(100, { type: 'partiallyFilled', filledQuantity: 30 })).toEqual(at('PART_TRADED', 100, 30));
    expect(run(100, { type: 'filled' })).toEqual(at('TRADED', 100, 100));
  });

  it('refuses a fill beyond the order quantity and asks for reconciliation', () => {
    const t = transition(at('PENDING'), { type: 'partiallyFilled', filledQuantity: 101 });
    expect(t).toMatchObject({ ok: false, refusal: 'OVERFILL', reconcile: true });
  });
});

describe('order state: cancels', () => {
  it('cancel request, then confirmation', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    expect(s.cancelRequested).toBe(true);
    expect(s.status).toBe('PENDING');
    const t = transition(s, { type: 'cancelled' });
    expect(t).toMatchObject({ ok: true, changed: true, note: null });
    expect(t.state).toEqual(at('CANCELLED'));
  });

  it('a fill after the cancel request: the exchange filled first', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    const t = transition(s, { type: 'filled' });
    expect(t.ok && t.note).toMatch(/exchange matched the order first/);
    expect(t.state).toEqual(at('TRADED', 100, 100)); // the flag is cleared: nothing left to cancel
    // The cancel's refusal arrives afterwards and is stale.
    expect(refusal(transition(t.state, { type: 'cancelRejected', reason: 'Order already traded' }))).toBe('STALE');
    // A late CANCELLED confirm cannot undo the trade.
    expect(refusal(transition(t.state, { type: 'cancelled' }))).toBe('TERMINAL');
  });

  it('a partial fill while the cancel is in flight keeps the request pending', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' }, { type: 'partiallyFilled', filledQuantity: 30 });
    expect(s).toEqual(at('PART_TRADED', 100, 30, { cancelRequested: true }));
  });

  it('a cancel confirm after a partial fill: CANCELLED with filled > 0', () => {
    const s = run(100, { type: 'accepted' }, { type: 'partiallyFilled', filledQuantity: 30 }, { type: 'cancelRequested' });
    expect(transition(s, { type: 'cancelled' }).state).toEqual(at('CANCELLED', 100, 30));
    // The confirm may carry fills we had not seen yet.
    expect(transition(s, { type: 'cancelled', filledQuantity: 45 }).state).toEqual(at('CANCELLED', 100, 45));
    // Or fewer than we saw (older snapshot): the filled quantity never decreases.
    expect(transition(s, { type: 'cancelled', filledQuantity: 10 }).state).toEqual(at('CANCELLED', 100, 30));
  });

  it('a cancel confirm saying everything traded means TRADED', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    const t = transition(s, { type: 'cancelled', filledQuantity: 100 });
    expect(t.state).toEqual(at('TRADED', 100, 100));
  });

  it('a cancel nobody here asked for (IOC remainder, RMS, another app) is accepted with a note', () => {
    const t = transition(at('PENDING'), { type: 'cancelled' });
    expect(t.ok && t.note).toMatch(/without a request/);
    expect(t.state.status).toBe('CANCELLED');
  });

  it('refuses a second cancel while one is in flight, and any cancel of a finished order', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    expect(refusal(transition(s, { type: 'cancelRequested' }))).toBe('NOT_ALLOWED');
    expect(refusal(transition(at('CANCELLED'), { type: 'cancelRequested' }))).toBe('TERMINAL');
    expect(refusal(transition(at('TRADED', 100, 100), { type: 'cancelRequested' }))).toBe('TERMINAL');
  });

  it('a refused cancel clears the flag and keeps the broker’s words', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    const t = transition(s, { type: 'cancelRejected', reason: 'Order is in a state that cannot be cancelled' });
    expect(t.state).toEqual(at('PENDING', 100, 0, { reason: 'Order is in a state that cannot be cancelled' }));
  });

  it('a fill reported after CANCELLED is a conflict to reconcile, not a status change', () => {
    const s = at('CANCELLED', 100, 30);
    const t = transition(s, { type: 'partiallyFilled', filledQuantity: 50 });
    expect(t).toMatchObject({ ok: false, refusal: 'CONFLICT', reconcile: true, state: s });
    expect(transition(s, { type: 'filled' })).toMatchObject({ ok: false, refusal: 'CONFLICT', reconcile: true });
    // The same CANCELLED repeated with more fills keeps the status and takes the fills.
    expect(transition(s, { type: 'cancelled', filledQuantity: 40 }).state).toEqual(at('CANCELLED', 100, 40));
    expect(transition(s, { type: 'cancelled', filledQuantity: 100 })).toMatchObject({ ok: false, refusal: 'CONFLICT' });
    expect(transition(s, { type: 'cancelled', filledQuantity: 30 })).toMatchObject({ ok: true, changed: false });
  });
});

describe('order state: rejections, expiry, modifications', () => {
  it('TRANSIT → REJECTED by the broker’s RMS, with its words', () => {
    const t = transition(at('TRANSIT'), { type: 'rejected', reason: 'RMS:Margin Exceeds' });
    expect(t.state).toEqual(at('REJECTED', 100, 0, { reason: 'RMS:Margin Exceeds' }));
  });

  it('PENDING and TRIGGERED can be rejected by the exchange; a traded order cannot', () => {
    expect(transition(at('PENDING'), { type: 'rejected' }).state.status).toBe('REJECTED');
    expect(transition(at('TRIGGERED'), { type: 'rejected' }).state.status).toBe('REJECTED');
    expect(transition(at('PART_TRADED', 100, 10), { type: 'rejected' })).toMatchObject({ ok: false, refusal: 'CONFLICT', reconcile: true });
    expect(refusal(transition(at('CANCELLED'), { type: 'rejected' }))).toBe('TERMINAL');
  });

  it('EXPIRED keeps what was filled; fully filled means TRADED', () => {
    expect(transition(at('PART_TRADED', 100, 30), { type: 'expired' }).state).toEqual(at('EXPIRED', 100, 30));
    expect(transition(at('PENDING'), { type: 'expired', filledQuantity: 100 }).state).toEqual(at('TRADED', 100, 100));
    expect(refusal(transition(at('TRADED', 100, 100), { type: 'expired' }))).toBe('TERMINAL');
    expect(transition(at('EXPIRED'), { type: 'expired' })).toMatchObject({ ok: true, changed: false });
  });

  it('a confirmed modification changes the quantity, never below the filled quantity', () => {
    expect(transition(at('PENDING'), { type: 'modified', quantity: 150 }).state).toEqual(at('PENDING', 150));
    expect(transition(at('PENDING'), { type: 'modified' })).toMatchObject({ ok: true, changed: false });
    expect(transition(at('PART_TRADED', 100, 40), { type: 'modified', quantity: 30 })).toMatchObject({ ok: false, refusal: 'CONFLICT' });
    expect(transition(at('PART_TRADED', 100, 40), { type: 'modified', quantity: 40 }).state).toEqual(at('TRADED', 40, 40));
    expect(refusal(transition(at('PENDING'), { type: 'modified', quantity: 0 }))).toBe('BAD_EVENT');
  });

  it('a modification confirmed after the order traded no longer applies', () => {
    expect(refusal(transition(at('TRADED', 100, 100), { type: 'modified', quantity: 150 }))).toBe('TERMINAL');
  });
});

describe('order state: UNKNOWN and reconciliation', () => {
  it('a timeout leaves the order UNKNOWN, remembering where it was', () => {
    const t = transition(at('TRANSIT'), { type: 'outcomeUnknown', reason: 'Timed out after 10 s' });
    expect(t.state).toEqual(at('TRANSIT', 100, 0, { status: 'UNKNOWN', statusBeforeUnknown: 'TRANSIT', reason: 'Timed out after 10 s' }));
    const c = run(100, { type: 'accepted' }, { type: 'cancelRequested' }, { type: 'outcomeUnknown' });
    expect(c).toMatchObject({ status: 'UNKNOWN', statusBeforeUnknown: 'PENDING', cancelRequested: false, reason: 'Outcome unknown' });
  });

  it('UNKNOWN is resolved by reconciliation only', () => {
    const unknown = run(100, { type: 'accepted' }, { type: 'outcomeUnknown' });
    const events: OrderLifecycleEvent[] = [
      { type: 'submitted' },
      { type: 'accepted' },
      { type: 'triggered' },
      { type: 'partiallyFilled', filledQuantity: 10 },
      { type: 'filled' },
      { type: 'modified', quantity: 50 },
      { type: 'cancelRequested' },
      { type: 'cancelRejected' },
      { type: 'cancelled' },
      { type: 'rejected' },
      { type: 'expired' },
    ];
    for (const e of events) {
      expect(transition(unknown, e)).toMatchObject({ ok: false, refusal: 'NEEDS_RECONCILIATION', reconcile: true, state: unknown });
    }
    expect(transition(unknown, { type: 'outcomeUnknown' })).toMatchObject({ ok: true, changed: false });
    const r = transition(unknown, { type: 'reconciled', report: { status: 'PART_TRADED', quantity: 100, filledQuantity: 25 } });
    expect(r.state).toEqual(at('PART_TRADED', 100, 25));
  });

  it('a lost answer for a finished order changes nothing', () => {
    expect(refusal(transition(at('TRADED', 100, 100), { type: 'outcomeUnknown' }))).toBe('TERMINAL');
  });

  it('a place request that never reached the broker becomes REJECTED when the book has no such order', () => {
    const unknown = run(100, { type: 'outcomeUnknown' });
    const t = transition(unknown, { type: 'reconciledMissing' });
    expect(t.state).toMatchObject({ status: 'REJECTED', statusBeforeUnknown: null, filledQuantity: 0 });
    expect(t.state.reason).toMatch(/never reached/);
    // An order the exchange had accepted cannot vanish.
    const accepted = run(100, { type: 'accepted' }, { type: 'outcomeUnknown' });
    expect(refusal(transition(accepted, { type: 'reconciledMissing' }))).toBe('CONFLICT');
    expect(refusal(transition(at('PENDING'), { type: 'reconciledMissing' }))).toBe('CONFLICT');
  });

  it('reconciliation is authoritative, even over terminal statuses', () => {
    // We had missed the cancel; the book says CANCELLED.
    expect(transition(at('PENDING'), { type: 'reconciled', report: { status: 'CANCELLED', quantity: 100, filledQuantity: 0 } }).state).toEqual(at('CANCELLED'));
    // A modification we never saw confirmed changed the quantity.
    expect(transition(at('PENDING'), { type: 'reconciled', report: { status: 'PENDING', quantity: 150, filledQuantity: 0 } }).state).toEqual(at('PENDING', 150));
    // A CANCELLED we believed is overridden by the broker's book.
    expect(transition(at('CANCELLED'), { type: 'reconciled', report: { status: 'PENDING', quantity: 100, filledQuantity: 0 } }).state).toEqual(at('PENDING'));
    // The broker's rejection reason is kept.
    expect(transition(at('TRANSIT'), { type: 'reconciled', report: { status: 'REJECTED', quantity: 100, filledQuantity: 0, reason: 'Insufficient funds' } }).state.reason).toBe('Insufficient funds');
  });

  it('reconciliation never decreases the filled quantity (the REST snapshot can lag the socket)', () => {
    const seen = at('PART_TRADED', 100, 60);
    const lagging = transition(seen, { type: 'reconciled', report: { status: 'PENDING', quantity: 100, filledQuantity: 0 } });
    expect(lagging.state).toEqual(at('PART_TRADED', 100, 60));
    expect(lagging.ok && lagging.note).toMatch(/lags a fill/);
    const traded = at('TRADED', 100, 100);
    expect(transition(traded, { type: 'reconciled', report: { status: 'PENDING', quantity: 100, filledQuantity: 40 } }).state).toEqual(traded);
    expect(transition(traded, { type: 'reconciled', report: { status: 'CANCELLED', quantity: 100, filledQuantity: 40 } }).state).toEqual(traded);
    // Fewer ordered than we saw filled: the sources disagree on facts.
    expect(transition(seen, { type: 'reconciled', report: { status: 'PENDING', quantity: 50, filledQuantity: 0 } })).toMatchObject({ ok: false, refusal: 'CONFLICT' });
    expect(transition(seen, { type: 'reconciled', report: { status: 'REJECTED', quantity: 100, filledQuantity: 0 } })).toMatchObject({ ok: false, refusal: 'CONFLICT' });
  });

  it('reconciliation keeps an in-flight cancel only while the order stays open', () => {
    const s = run(100, { type: 'accepted' }, { type: 'cancelRequested' });
    expect(transition(s, { type: 'reconciled', report: { status: 'PENDING', quantity: 100, filledQuantity: 0 } }).state.cancelRequested).toBe(true);
    expect(transition(s, { type: 'reconciled', report: { status: 'CANCELLED', quantity: 100, filledQuantity: 0 } }).state.cancelRequested).toBe(false);
  });

  it('refuses malformed reports and events without throwing', () => {
    const s = at('PENDING');
    const bad: unknown[] = [
      { type: 'reconciled', report: { status: 'UNKNOWN', quantity: 100, filledQuantity: 0 } },
      { type: 'reconciled', report: { status: 'WHATEVER', quantity: 100, filledQuantity: 0 } },
      { type: 'reconciled', report: { status: 'PENDING', quantity: 0, filledQuantity: 0 } },
      { type: 'reconciled', report: { status: 'PENDING', quantity: 100, filledQuantity: -1 } },
      { type: 'reconciled', report: null },
      { type: 'partiallyFilled', filledQuantity: Number.NaN },
      { type: 'partiallyFilled', filledQuantity: 2.5 },
      { type: 'partiallyFilled', filledQuantity: 0 },
      { type: 'cancelled', filledQuantity: -3 },
      { type: 'teleported' },
      null,
      {},
    ];
    for (const e of bad) {
      const t = transition(s, e as OrderLifecycleEvent);
      expect(t).toMatchObject({ ok: false, refusal: 'BAD_EVENT', state: s });
    }
    expect(refusal(transition(s, { type: 'reconciled', report: { status: 'PENDING', quantity: 10, filledQuantity: 11 } }))).toBe('OVERFILL');
  });

  it('builds the state of an order first seen in the order book', () => {
    expect(lifecycleFromReport({ status: 'PART_TRADED', quantity: 75, filledQuantity: 25 })).toEqual(at('PART_TRADED', 75, 25));
    expect(lifecycleFromReport({ status: 'TRADED', quantity: 75, filledQuantity: 75 })).toEqual(at('TRADED', 75, 75));
    expect(lifecycleFromReport({ status: 'PENDING', quantity: 75, filledQuantity: 75 })).toEqual(at('TRADED', 75, 75));
    expect(lifecycleFromReport({ status: 'PART_TRADED', quantity: 75, filledQuantity: 0 })).toEqual(at('PENDING', 75));
    expect(lifecycleFromReport({ status: 'UNKNOWN', quantity: 75, filledQuantity: 0 })).toBeNull();
    expect(lifecycleFromReport({ status: 'PENDING', quantity: 0, filledQuantity: 0 })).toBeNull();
  });
});

describe('order state: properties over random event sequences', () => {
  const statuses: OrderStatus[] = ['TRANSIT', 'PENDING', 'PART_TRADED', 'TRADED', 'CANCELLED', 'REJECTED', 'EXPIRED', 'CLOSED', 'TRIGGERED'];
  const qty = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 120 }));
  const event: fc.Arbitrary<OrderLifecycleEvent> = fc.oneof(
    fc.constant<OrderLifecycleEvent>({ type: 'submitted' }),
    fc.constant<OrderLifecycleEvent>({ type: 'accepted' }),
    fc.constant<OrderLifecycleEvent>({ type: 'triggered' }),
    qty.map((filledQuantity): OrderLifecycleEvent => ({ type: 'partiallyFilled', filledQuantity })),
    fc.constant<OrderLifecycleEvent>({ type: 'filled' }),
    fc.option(qty, { nil: undefined }).map((quantity): OrderLifecycleEvent => ({ type: 'modified', quantity })),
    fc.constant<OrderLifecycleEvent>({ type: 'cancelRequested' }),
    fc.constant<OrderLifecycleEvent>({ type: 'cancelRejected', reason: 'no' }),
    fc.option(qty, { nil: undefined }).map((filledQuantity): OrderLifecycleEvent => ({ type: 'cancelled', filledQuantity })),
    fc.constant<OrderLifecycleEvent>({ type: 'rejected', reason: 'RMS' }),
    fc.option(qty, { nil: undefined }).map((filledQuantity): OrderLifecycleEvent => ({ type: 'expired', filledQuantity })),
    fc.constant<OrderLifecycleEvent>({ type: 'outcomeUnknown' }),
    fc
      .record({ status: fc.constantFrom(...statuses), quantity: qty, filledQuantity: qty })
      .map((report): OrderLifecycleEvent => ({ type: 'reconciled', report })),
    fc.constant<OrderLifecycleEvent>({ type: 'reconciledMissing' }),
  );

  it('terminal stays terminal (except reconciliation), filled is monotonic and never above quantity', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100 })), fc.array(event, { maxLength: 40 }), (quantity, events) => {
        let s = newOrderLifecycle(quantity);
        for (const e of events) {
          const t = transition(s, e);
          const next = t.state;
          const reconciliation = e.type === 'reconciled' || e.type === 'reconciledMissing';
          if (!t.ok) expect(next).toBe(s); // a refusal changes nothing
          if (isTerminalStatus(s.status) && !reconciliation) expect(next.status).toBe(s.status);
          if (s.status === 'UNKNOWN' && !reconciliation) expect(next.status).toBe('UNKNOWN');
          expect(next.filledQuantity).toBeGreaterThanOrEqual(s.filledQuantity);
          expect(Number.isInteger(next.quantity) && next.quantity >= 1).toBe(true);
          expect(next.filledQuantity).toBeLessThanOrEqual(next.quantity);
          if (next.status === 'TRADED') expect(next.filledQuantity).toBe(next.quantity);
          if (isOpenStatus(next.status)) expect(next.filledQuantity).toBeLessThan(next.quantity);
          if (next.status === 'PART_TRADED') expect(next.filledQuantity).toBeGreaterThan(0);
          if (next.cancelRequested) expect(isOpenStatus(next.status)).toBe(true);
          expect(next.statusBeforeUnknown !== null).toBe(next.status === 'UNKNOWN');
          if (t.ok && !t.changed) expect(next).toBe(s);
          s = next;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('open statuses only move forward unless reconciled or made UNKNOWN', () => {
    const rank: Partial<Record<OrderStatus, number>> = { TRANSIT: 0, PENDING: 1, TRIGGERED: 2, PART_TRADED: 3 };
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100 })), fc.array(event, { maxLength: 40 }), (quantity, events) => {
        let s = newOrderLifecycle(quantity);
        for (const e of events) {
          const next = transition(s, e).state;
          const from = rank[s.status];
          const to = rank[next.status];
          if (from !== undefined && to !== undefined && e.type !== 'reconciled') expect(to).toBeGreaterThanOrEqual(from);
          s = next;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
