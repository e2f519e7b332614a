import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Order, OrderEvent, OrderStatus } from '../../../shared/orders';
import type { InstrumentCatalog } from './instrument-catalog';
import type { MarketData } from './market-data';
import { OrderService } from './order-service';
import type { SessionManager } from './session-manager';
import { SettingsStore } from './settings-store';

// OrderService's event path with a stand-in REST order book: socket events and book snapshots go
// through shared/order-state.ts, so late, duplicated or backward updates never reach subscribers.

function order(orderId: string, status: OrderStatus, filled: number, quantity = 10, price = 100): Order {
  return {
    orderId,
    exchangeOrderId: null,
    correlationId: `cid-${orderId}`,
    status,
    instrument: { segment: 'NSE_EQ', securityId: '2885' },
    symbol: 'RELIANCE',
    side: 'BUY',
    product: 'CNC',
    orderType: 'LIMIT',
    validity: 'DAY',
    quantity,
    filledQuantity: filled,
    remainingQuantity: quantity - filled,
    price,
    triggerPrice: 0,
    averageTradedPrice: filled > 0 ? price : 0,
    disclosedQuantity: 0,
    afterMarketOrder: false,
    leg: null,
    expiryDate: null,
    optionType: null,
    strikePrice: null,
    createdAtMs: null,
    updatedAtMs: null,
    exchangeTimeMs: null,
    rejectionReason: status === 'REJECTED' ? 'RMS: margin shortfall' : null,
    rejectionCode: null,
  };
}

function setup() {
  let book: Order[] = [];
  const sessions = {
    current: { adapter: { rest: { orders: { list: async () => ({ ok: true, value: book }) } } } },
    noteError: () => {},
  } as unknown as SessionManager;
  let fills = 0;
  const svc = new OrderService({
    sessions,
    catalog: {} as InstrumentCatalog,
    market: {} as MarketData,
    settings: new SettingsStore(mkdtempSync(join(tmpdir(), 'tickdesk-orders-'))),
    onFill: () => fills++,
  });
  const events: OrderEvent[] = [];
  svc.subscribe((e) => events.push(e));
  const stream = (o: Order) => svc.onStreamEvent({ kind: 'order', source: 'stream', order: o, lastFillPrice: null, referenceLtp: null, receivedAtMs: 1 });
  const statuses = () => events.map((e) => (e.kind === 'order' ? `${e.source}:${e.order.status}:${e.order.filledQuantity}` : 'unknown'));
  return { svc, stream, statuses, setBook: (b: Order[]) => (book = b), fills: () => fills };
}

describe('OrderService events', () => {
  it('passes forward moves, drops duplicates and backward moves from the socket', () => {
    const { stream, statuses, fills } = setup();
    stream(order('A', 'TRANSIT', 0));
    stream(order('A', 'PENDING', 0));
    stream(order('A', 'PENDING', 0)); // duplicate
    stream(order('A', 'PART_TRADED', 4));
    stream(order('A', 'PENDING', 0)); // late: would move back
    stream(order('A', 'TRADED', 10));
    stream(order('A', 'PART_TRADED', 4)); // late after the fill
    expect(statuses()).toEqual(['stream:TRANSIT:0', 'stream:PENDING:0', 'stream:PART_TRADED:4', 'stream:TRADED:10']);
    expect(fills()).toBe(2);
  });

  it('emits a price modification of a pending order, and a rejection with the broker words', () => {
    const { stream, statuses } = setup();
    stream(order('B', 'PENDING', 0, 10, 100));
    stream(order('B', 'PENDING', 0, 10, 99.5));
    stream(order('C', 'REJECTED', 0));
    expect(statuses()).toEqual(['stream:PENDING:0', 'stream:PENDING:0', 'stream:REJECTED:0']);
  });

  it('reconciles from the book after a reconnect: new fills and unseen orders, never a stale snapshot', async () => {
    const { svc, stream, statuses, setBook, fills } = setup();
    stream(order('A', 'PENDING', 0));
    stream(order('B', 'PENDING', 0));
    stream(order('B', 'CANCELLED', 0));
    // The book (fetched after a reconnect): A filled meanwhile, B's row lags (still PENDING), D is new.
    setBook([order('A', 'TRADED', 10), order('B', 'PENDING', 0), order('D', 'PENDING', 0, 5)]);
    await svc.reconcile();
    expect(statuses().slice(3)).toEqual(['rest:TRADED:10', 'rest:PENDING:0']);
    expect(fills()).toBe(1);
    // The same book again changes nothing.
    await svc.reconcile();
    expect(statuses()).toHaveLength(5);
  });
});

describe('OrderService sliced orders', () => {
  const instrument = {
    exchange: 'NSE', segment: 'NSE_EQ', securityId: '2885', securityIdNum: 2885, tradingSymbol: 'RELIANCE', underlying: 'RELIANCE',
    underlyingSecurityId: null, displayName: 'Reliance Industries', name: null, instrumentType: 'EQUITY', series: 'EQ', lotSize: 1,
    tickSize: 0.05, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: null, freezeQuantity: 100,
  } as const;

  /** OrderService over a stand-in REST whose place answers come from `answers`, one per call. */
  function slicing(answers: readonly ('accepted' | 'rejected' | 'unknown')[]) {
    const sent: number[] = [];
    const err = { code: 'REJECTED', message: 'RMS: margin shortfall', retryable: false } as const;
    const rest = {
      orders: {
        place: async (req: { quantity: number; correlationId?: string }) => {
          const a = answers[sent.length] ?? 'accepted';
          sent.push(req.quantity);
          const cid = req.correlationId ?? null;
          return a === 'accepted'
            ? { kind: 'accepted', orderId: `O${sent.length}`, status: 'TRANSIT', correlationId: cid }
            : a === 'rejected'
              ? { kind: 'rejected', error: err, correlationId: cid }
              : { kind: 'unknown', error: { ...err, code: 'UNKNOWN_OUTCOME', message: 'timed out' }, correlationId: cid };
        },
        byCorrelationId: async () => ({ ok: false, error: err }),
        list: async () => ({ ok: true, value: [] }),
      },
    };
    const sessions = { current: { adapter: { rest } }, noteError: () => {} } as unknown as SessionManager;
    const svc = new OrderService({
      sessions,
      catalog: { one: async () => instrument } as unknown as InstrumentCatalog,
      market: { latest: () => ({ ltp: 1315, receivedAtMs: Date.now() }) } as unknown as MarketData,
      settings: new SettingsStore(mkdtempSync(join(tmpdir(), 'tickdesk-slices-'))),
      onFill: () => {},
    });
    const place = () =>
      svc.place({ instrument: { segment: 'NSE_EQ', securityId: '2885' }, side: 'BUY', quantity: 250, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 1315 });
    return { place, sent };
  }

  it('sends every slice at the freeze quantity when each is accepted', async () => {
    const { place, sent } = slicing(['accepted', 'accepted', 'accepted']);
    const r = await place();
    expect(sent).toEqual([100, 100, 50]);
    expect(r.outcomes.map((o) => o.kind)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(r.findings.map((f) => f.code)).not.toContain('SLICES_NOT_SENT');
  });

  it('stops at a rejected slice and says what was not sent', async () => {
    const { place, sent } = slicing(['accepted', 'rejected', 'accepted']);
    const r = await place();
    expect(sent).toEqual([100, 100]);
    expect(r.outcomes.map((o) => o.kind)).toEqual(['accepted', 'rejected']);
    const stop = r.findings.find((f) => f.code === 'SLICES_NOT_SENT');
    expect(stop?.message).toMatch(/Slice 2 of 3 .*rejected.*1 slice\(s\), 50 units, were not sent/);
  });

  it('stops at a slice whose outcome is unknown (nothing more piles on while it is reconciled)', async () => {
    const { place, sent } = slicing(['unknown']);
    const r = await place();
    expect(sent).toEqual([100]);
    expect(r.outcomes.map((o) => o.kind)).toEqual(['unknown']);
    expect(r.findings.find((f) => f.code === 'SLICES_NOT_SENT')?.message).toMatch(/outcome is unknown.*2 slice\(s\), 150 units/);
  });
});

describe('OrderService modifications pass the risk gate', () => {
  const instrument = {
    exchange: 'NSE', segment: 'NSE_EQ', securityId: '2885', securityIdNum: 2885, tradingSymbol: 'RELIANCE', underlying: 'RELIANCE',
    underlyingSecurityId: null, displayName: 'Reliance Industries', name: null, instrumentType: 'EQUITY', series: 'EQ', lotSize: 1,
    tickSize: 0.05, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: null, freezeQuantity: 100,
  } as const;

  /** OrderService over a stand-in REST; `known` orders are in the broker's book (`orders.get`). */
  function modifying(known: readonly Order[], tracked: readonly Order[] = []) {
    const sent: unknown[] = [];
    const gets: string[] = [];
    const rest = {
      orders: {
        modify: async (req: { orderId: string }) => {
          sent.push(req);
          return { kind: 'accepted', orderId: req.orderId, status: 'PENDING', correlationId: null };
        },
        get: async (id: string) => {
          gets.push(id);
          const o = known.find((k) => k.orderId === id);
          return o ? { ok: true, value: o } : { ok: false, error: { code: 'NOT_FOUND', message: 'no such order', retryable: false } };
        },
        list: async () => ({ ok: true, value: [] }),
      },
    };
    const sessions = { current: { adapter: { rest } }, noteError: () => {} } as unknown as SessionManager;
    const settings = new SettingsStore(mkdtempSync(join(tmpdir(), 'tickdesk-modify-')));
    const svc = new OrderService({
      sessions,
      catalog: { one: async () => instrument } as unknown as InstrumentCatalog,
      market: { latest: () => ({ ltp: 1315, receivedAtMs: Date.now() }) } as unknown as MarketData,
      settings,
      onFill: () => {},
    });
    for (const o of tracked) svc.onStreamEvent({ kind: 'order', source: 'stream', order: o, lastFillPrice: null, referenceLtp: null, receivedAtMs: 1 });
    return { svc, sent, gets, settings };
  }
  const working = order('M1', 'PENDING', 0, 10, 1300);

  it('sends a change inside the limits once, its price rounded to the tick', async () => {
    const { svc, sent, gets } = modifying([], [working]);
    const r = await svc.modify({ orderId: 'M1', orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: 1301.0500000001 });
    expect(r.kind).toBe('accepted');
    expect(sent).toEqual([{ orderId: 'M1', orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: 1301.05 }]);
    expect(gets).toEqual([]); // tracked: no read needed
  });

  it('refuses a price outside the band, a quantity above the freeze quantity (no slicing) and anything under the kill switch; nothing is sent', async () => {
    const { svc, sent, settings } = modifying([], [working]);
    const far = await svc.modify({ orderId: 'M1', orderType: 'LIMIT', validity: 'DAY', price: 2000 });
    expect(far.kind).toBe('rejected');
    expect(far.kind === 'rejected' && far.error.code).toBe('RISK_BLOCKED');
    expect(far.kind === 'rejected' && far.error.message).toMatch(/^Modification refused by the risk gate: .*band/i);
    const big = await svc.modify({ orderId: 'M1', orderType: 'LIMIT', validity: 'DAY', quantity: 250 });
    expect(big.kind === 'rejected' && big.error.code).toBe('RISK_BLOCKED');
    expect(big.kind === 'rejected' && big.error.message).toMatch(/freeze/i);
    settings.set({ ...settings.get(), risk: { ...settings.get().risk, killSwitch: true } });
    const killed = await svc.modify({ orderId: 'M1', orderType: 'LIMIT', validity: 'DAY', price: 1300.5 });
    expect(killed.kind === 'rejected' && killed.error.message).toMatch(/kill switch/i);
    expect(sent).toEqual([]);
  });

  it('reads an order this session has not seen from the broker, and refuses unknown, finished or over-filled changes', async () => {
    const { svc, sent, gets } = modifying([order('B7', 'PENDING', 0, 10, 1300), order('T1', 'TRADED', 10, 10, 1300), order('P4', 'PART_TRADED', 4, 10, 1300)]);
    expect((await svc.modify({ orderId: 'B7', orderType: 'LIMIT', validity: 'DAY', price: 1299 })).kind).toBe('accepted');
    const missing = await svc.modify({ orderId: 'X9', orderType: 'LIMIT', validity: 'DAY', price: 1299 });
    expect(missing.kind === 'rejected' && missing.error.code).toBe('NOT_FOUND');
    const done = await svc.modify({ orderId: 'T1', orderType: 'LIMIT', validity: 'DAY', price: 1299 });
    expect(done.kind === 'rejected' && done.error.message).toMatch(/TRADED and can no longer be changed/);
    const under = await svc.modify({ orderId: 'P4', orderType: 'LIMIT', validity: 'DAY', quantity: 4 });
    expect(under.kind === 'rejected' && under.error.message).toMatch(/must be more than the 4 already filled/);
    expect(gets).toEqual(['B7', 'X9', 'T1', 'P4']);
    expect(sent).toHaveLength(1);
  });
});
