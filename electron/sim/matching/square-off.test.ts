import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from './types';
import { CRUDE, FUT, OPEN_TIME, REL, createEngineFixture, order, type TestBook } from './engine-fixture';
import type { MatchingEngine } from './engine';
import { nextSquareOffMs, squareOffCorrelationId, squareOffMinute } from './square-off';

// Friday 2026-11-20, IST = UTC + 05:30
const T = (hhmmss: string) => Date.parse(`2026-11-20T${hhmmss}Z`);
const MCX_SQ = T('09:45:00'); // 15:15 IST: commodity (and currency) square-off in the sim
const EQ_SQ = T('09:50:00'); // 15:20 IST: NSE/BSE cash and F&O
const MONDAY_0916 = Date.parse('2026-11-23T03:46:00Z');

let book: TestBook;
let engine: MatchingEngine;
let events: EngineEvent[];

function setup(startMs = OPEN_TIME, alwaysOpen = false): void {
  ({ book, engine, events } = createEngineFixture(startMs, alwaysOpen));
  book.set('472780', 5000, [[5000, 100]], [[5001, 200]]);
}

const sqOrders = () => engine.orderBook().filter((o) => o.correlationId?.startsWith('SQROFF'));
const net = (securityId: string, product = 'INTRADAY') =>
  engine.positionBook().find((p) => p.instrument.securityId === securityId && p.product === product)?.netQuantity ?? 0;

/** Long 10 RELIANCE (6 @ 100, 4 @ 100.05) and short 100 CRUDEOIL (@ 5000), both INTRADAY. */
function openTwoSegments(): void {
  expect(engine.placeOrder(order({ orderType: 'MARKET', quantity: 10 })).ok).toBe(true);
  expect(engine.placeOrder(order({ instrument: CRUDE, side: 'SELL', orderType: 'MARKET', quantity: 100 })).ok).toBe(true);
  expect(net('2885')).toBe(10);
  expect(net('472780')).toBe(-100);
}

describe('square-off schedule', () => {
  it('puts each segment its published lead before the sim close; none for indices', () => {
    expect(squareOffMinute('NSE_EQ')).toBe(15 * 60 + 20);
    expect(squareOffMinute('NSE_FNO')).toBe(15 * 60 + 20);
    expect(squareOffMinute('BSE_EQ')).toBe(15 * 60 + 20);
    expect(squareOffMinute('NSE_CURRENCY')).toBe(15 * 60 + 15);
    expect(squareOffMinute('MCX_COMM')).toBe(15 * 60 + 15);
    expect(squareOffMinute('IDX_I')).toBeNull();
  });

  it('steps to the next square-off instant, skips the weekend, never when always open', () => {
    expect(nextSquareOffMs(OPEN_TIME)).toBe(MCX_SQ);
    expect(nextSquareOffMs(MCX_SQ)).toBe(EQ_SQ);
    expect(nextSquareOffMs(EQ_SQ)).toBe(Date.parse('2026-11-23T09:45:00Z')); // Monday 15:15
    expect(nextSquareOffMs(OPEN_TIME, true)).toBe(Infinity);
  });

  it('names the order SQROFF-<yymmdd>-<security id>, within 25 characters', () => {
    expect(squareOffCorrelationId('2885', EQ_SQ)).toBe('SQROFF-261120-2885');
    expect(squareOffCorrelationId('2000000001', EQ_SQ).length).toBeLessThanOrEqual(25);
  });
});

describe('intraday auto square-off', () => {
  beforeEach(() => setup());

  it('squares off positions in two segments, each at its own time, with SQROFF market orders', () => {
    openTwoSegments();
    engine.advanceTo(MCX_SQ - 1);
    expect(sqOrders()).toEqual([]);
    engine.advanceTo(MCX_SQ);
    expect(sqOrders()).toMatchObject([
      { correlationId: 'SQROFF-261120-472780', side: 'BUY', orderType: 'MARKET', product: 'INTRADAY', quantity: 100, status: 'TRADED', averageTradedPrice: 5001, createdAtMs: MCX_SQ },
    ]);
    expect(net('472780')).toBe(0);
    expect(net('2885')).toBe(10); // NSE_EQ waits for 15:20
    engine.advanceTo(EQ_SQ);
    const [, eq] = sqOrders();
    expect(eq).toMatchObject({ correlationId: 'SQROFF-261120-2885', side: 'SELL', quantity: 10, status: 'TRADED', createdAtMs: EQ_SQ });
    expect(net('2885')).toBe(0);
    expect(engine.tradeBook(eq!.orderId).map((t) => [t.price, t.quantity, t.tradeTimeMs])).toEqual([
      [99.95, 5, EQ_SQ],
      [99.9, 5, EQ_SQ],
    ]);
    expect(engine.ordersByCorrelationId('SQROFF-261120-2885').map((o) => o.orderId)).toEqual([eq!.orderId]);
    // the order events carry the correlation id (the order-update socket's CorrelationId)
    const pushed = events.flatMap((e) => (e.kind === 'order' && e.order.orderId === eq!.orderId ? [`${e.order.status}:${e.order.correlationId}`] : []));
    expect(pushed[0]).toBe('TRANSIT:SQROFF-261120-2885');
    expect(pushed.at(-1)).toBe('TRADED:SQROFF-261120-2885');
  });

  it('stops at each segment time inside one long advance', () => {
    openTwoSegments();
    engine.advanceTo(T('09:59:00')); // 15:29 IST in one call
    expect(sqOrders().map((o) => [o.instrument.segment, o.createdAtMs])).toEqual([
      ['MCX_COMM', MCX_SQ],
      ['NSE_EQ', EQ_SQ],
    ]);
  });

  it('cancels a part-traded INTRADAY order before the square-off order; CNC orders stay', () => {
    const part = engine.placeOrder(order({ quantity: 20, price: 100.05 })); // 6 @ 100 + 4 @ 100.05, 10 left
    expect(part.ok && part.order.status).toBe('PART_TRADED');
    const cnc = engine.placeOrder(order({ product: 'CNC', quantity: 10, price: 99 }));
    expect(cnc.ok && cnc.order.status).toBe('PENDING');
    engine.advanceTo(EQ_SQ);
    const cancelled = engine.order(part.ok ? part.order.orderId : '')!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', filledQuantity: 10, remainingQuantity: 0 });
    expect(cancelled.rejectionReason).toBe('RMS: Intraday order cancelled at the auto square-off time 15:20 IST (NSE_EQ)');
    const [sq] = sqOrders();
    expect(sq).toMatchObject({ side: 'SELL', quantity: 10, filledQuantity: 10, status: 'TRADED' });
    const at = (pred: (e: EngineEvent) => boolean) => events.findIndex(pred);
    const cancelAt = at((e) => e.kind === 'order' && e.order.orderId === cancelled.orderId && e.order.status === 'CANCELLED');
    const sqAt = at((e) => e.kind === 'order' && e.order.orderId === sq!.orderId);
    expect(cancelAt).toBeGreaterThanOrEqual(0);
    expect(cancelAt).toBeLessThan(sqAt);
    expect(engine.order(cnc.ok ? cnc.order.orderId : '')!.status).toBe('PENDING');
  });

  it('books realised P&L and releases margin as a hand computation says', () => {
    openTwoSegments();
    engine.placeOrder(order({ instrument: FUT, side: 'SELL', orderType: 'MARKET', quantity: 65 })); // 65 @ 25999.95
    // margin: RELIANCE 20 % × 10 × 100.02 = 200.04; CRUDEOIL 10 % × 100 × 5000 = 50,000; NIFTY-FUT 10 % × 65 × 25999.95 = 168,999.675
    expect(engine.funds()).toMatchObject({ availableBalance: 780_800.28, utilisedAmount: 219_199.72 });
    engine.advanceTo(EQ_SQ);
    // RELIANCE: sold 5 @ 99.95 + 5 @ 99.9 = 999.25 against a cost of 1000.20 → −0.95
    // CRUDEOIL: bought back 100 @ 5001 against 5000 → −100; NIFTY-FUT: bought 65 @ 26000 against 25999.95 → −3.25
    const pnl = Object.fromEntries(engine.positionBook().map((p) => [p.symbol, [p.netQuantity, p.realisedPnl]]));
    expect(pnl).toEqual({ RELIANCE: [0, -0.95], 'CRUDEOIL-FUT': [0, -100], 'NIFTY-FUT': [0, -3.25] });
    expect(engine.funds()).toMatchObject({ availableBalance: 1_000_000 - 104.2, utilisedAmount: 0, startOfDayLimit: 1_000_000 });
  });

  it('after its time refuses INTRADAY orders that add exposure, accepts CNC and reducing INTRADAY orders', () => {
    engine.placeOrder(order({ orderType: 'MARKET', quantity: 10 })); // long 10
    book.set('2885', 100, [[99.95, 6]], [[100, 6], [100.05, 4], [100.1, 10]]); // the square-off sells only 6
    engine.advanceTo(T('09:51:00')); // 15:21 IST
    expect(sqOrders()).toMatchObject([{ quantity: 10, filledQuantity: 6, status: 'CANCELLED' }]);
    expect(net('2885')).toBe(4);

    const buy = engine.placeOrder(order({ quantity: 1, price: 100.1, correlationId: 'late-buy' }));
    expect(!buy.ok && buy.rejection).toMatchObject({ reason: 'INTRADAY_SQUARE_OFF', errorCode: 'DH-906', errorType: 'Order_Error' });
    expect(!buy.ok && buy.rejection.errorMessage).toContain('auto square-off time 15:20 IST has passed for NSE_EQ');
    expect(engine.ordersByCorrelationId('late-buy')[0]).toMatchObject({ status: 'REJECTED', rejectionCode: 'DH-906' });

    const cnc = engine.placeOrder(order({ product: 'CNC', quantity: 1, price: 100.1 }));
    expect(cnc.ok && cnc.order.status).toBe('TRADED');
    expect(net('2885', 'CNC')).toBe(1);

    const flip = engine.placeOrder(order({ side: 'SELL', quantity: 5, price: 101 })); // would go short 1
    expect(!flip.ok && flip.rejection.reason).toBe('INTRADAY_SQUARE_OFF');
    const reduce = engine.placeOrder(order({ side: 'SELL', quantity: 3, price: 101 }));
    expect(reduce.ok && reduce.order.status).toBe('PENDING');
    const more = engine.placeOrder(order({ side: 'SELL', quantity: 2, price: 101 })); // 3 pending + 2 > 4
    expect(!more.ok && more.rejection.reason).toBe('INTRADAY_SQUARE_OFF');
    const id = reduce.ok ? reduce.order.orderId : '';
    expect(engine.modifyOrder({ orderId: id, orderType: 'LIMIT', validity: 'DAY', quantity: 4 }).ok).toBe(true);
    const over = engine.modifyOrder({ orderId: id, orderType: 'LIMIT', validity: 'DAY', quantity: 5 });
    expect(!over.ok && over.rejection.reason).toBe('INTRADAY_SQUARE_OFF');
    expect(engine.order(id)!.quantity).toBe(4);

    const conv = engine.convertPosition({ instrument: REL, positionType: 'LONG', fromProduct: 'CNC', toProduct: 'INTRADAY', quantity: 1 });
    expect(!conv.ok && conv.rejection.reason).toBe('INTRADAY_SQUARE_OFF');

    engine.advanceTo(T('10:05:00')); // 15:35 IST, closed: an INTRADAY AMO for the next session is fine
    const amo = engine.placeOrder(order({ quantity: 1, price: 100, afterMarketOrder: true }));
    expect(amo.ok && amo.order.status).toBe('PENDING');
    engine.advanceTo(MONDAY_0916);
    const monday = engine.placeOrder(order({ quantity: 1, price: 100.1 }));
    expect(monday.ok).toBe(true);
  });

  it('applies each segment its own time: MCX refuses at 15:16 while NSE_EQ still accepts', () => {
    engine.advanceTo(T('09:46:00')); // 15:16 IST
    const mcx = engine.placeOrder(order({ instrument: CRUDE, side: 'SELL', orderType: 'MARKET', quantity: 100 }));
    expect(!mcx.ok && mcx.rejection.errorMessage).toContain('15:15 IST has passed for MCX_COMM');
    const eq = engine.placeOrder(order({ orderType: 'MARKET', quantity: 10 }));
    expect(eq.ok && eq.order.status).toBe('TRADED');
    const margin = engine.placeOrder(order({ instrument: FUT, product: 'MARGIN', side: 'SELL', orderType: 'MARKET', quantity: 65 }));
    expect(margin.ok && margin.order.status).toBe('TRADED');
    engine.advanceTo(EQ_SQ);
    expect(net('2885')).toBe(0);
    expect(net('900001', 'MARGIN')).toBe(-65); // MARGIN is not squared off
  });
});

describe('intraday auto square-off with --always-open', () => {
  it('never happens: the day never closes', () => {
    setup(OPEN_TIME, true);
    openTwoSegments();
    const rest = engine.placeOrder(order({ quantity: 5, price: 99 }));
    expect(rest.ok && rest.order.status).toBe('PENDING');
    engine.advanceTo(T('09:55:00'));
    engine.advanceTo(MONDAY_0916);
    expect(sqOrders()).toEqual([]);
    expect(net('2885')).toBe(10);
    expect(net('472780')).toBe(-100);
    expect(engine.order(rest.ok ? rest.order.orderId : '')!.status).toBe('PENDING');
    expect(engine.placeOrder(order({ quantity: 1, price: 100.1 })).ok).toBe(true);
  });
});
