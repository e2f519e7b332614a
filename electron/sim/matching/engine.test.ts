import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderStatus, PlaceOrderRequest } from '../../../shared/orders';
import type { MatchingEngine } from './engine';
import { FUT, OPEN_TIME, REL, createEngineFixture, order, type TestBook } from './engine-fixture';
import type { EngineEvent } from './types';

let book: TestBook;
let engine: MatchingEngine;
let events: EngineEvent[];
const statuses = (orderId: string): OrderStatus[] =>
  events.flatMap((e) => (e.kind === 'order' && e.order.orderId === orderId ? [e.order.status] : []));

function setup(startMs = OPEN_TIME, alwaysOpen = false): void {
  ({ book, engine, events } = createEngineFixture(startMs, alwaysOpen));
}

describe('matching engine: fills', () => {
  beforeEach(() => setup());

  it('fills partially across levels, then completely when liquidity arrives', () => {
    const r = engine.placeOrder(order({ quantity: 15, price: 100.05, correlationId: 'c-1' }));
    expect(r.ok).toBe(true);
    const id = r.order!.orderId;
    let o = engine.order(id)!;
    expect(o.status).toBe('PART_TRADED');
    expect(o.filledQuantity).toBe(10); // 6 @ 100.00 + 4 @ 100.05; 100.10 is above the limit
    expect(o.remainingQuantity).toBe(5);
    expect(engine.tradeBook(id).map((t) => [t.price, t.quantity])).toEqual([[100, 6], [100.05, 4]]);
    // a market print at the limit fills part of the rest (front of the queue)
    engine.onMarketTrade(REL, 100.05, 2);
    expect(engine.order(id)!.filledQuantity).toBe(12);
    // the ask comes down to the limit: the rest fills on the next sweep
    book.asks.set('2885', [{ price: 100.05, quantity: 100 }]);
    engine.advanceTo(OPEN_TIME + 1000);
    o = engine.order(id)!;
    expect(o.status).toBe('TRADED');
    expect(o.remainingQuantity).toBe(0);
    // average = (6×100 + 4×100.05 + 2×100.05 + 3×100.05) / 15 = 1500.45 / 15 = 100.03
    expect(o.averageTradedPrice).toBe(100.03);
    expect(statuses(id)).toEqual(['TRANSIT', 'PENDING', 'PART_TRADED', 'PART_TRADED', 'PART_TRADED', 'TRADED']);
    const fills = events.flatMap((e) => (e.kind === 'order' && e.fill ? [e.fill.quantity] : []));
    expect(fills).toEqual([6, 4, 2, 3]);
  });

  it('walks the book with a MARKET order and cancels the remainder when it runs dry', () => {
    const r = engine.placeOrder(order({ orderType: 'MARKET', price: 0, quantity: 25 }));
    const o = engine.order(r.order!.orderId)!;
    expect(o.filledQuantity).toBe(20);
    expect(o.status).toBe('CANCELLED');
    // 6 @ 100.00 + 4 @ 100.05 + 10 @ 100.10 = 600.00 + 400.20 + 1001.00 = 2001.20 → / 20 = 100.06
    expect(o.averageTradedPrice).toBe(100.06);
  });

  it('triggers a stop-loss on LTP and then executes', () => {
    const sl = engine.placeOrder(order({ side: 'SELL', orderType: 'STOP_LOSS_MARKET', price: 0, triggerPrice: 99.9, product: 'CNC' }));
    // the sim keeps no demat holdings: a CNC sell without a position is a short needing 100% margin
    expect(sl.ok).toBe(true);
    const id = sl.order!.orderId;
    expect(engine.order(id)!.status).toBe('PENDING');
    book.ltps.set('2885', 99.95);
    engine.onMarketTrade(REL, 99.95, 1);
    expect(engine.order(id)!.filledQuantity).toBe(0); // 99.95 > trigger 99.90
    book.ltps.set('2885', 99.9);
    engine.onMarketTrade(REL, 99.9, 1);
    const o = engine.order(id)!;
    expect(o.status).toBe('TRADED');
    // sells into the bids: 5 @ 99.95 + 5 @ 99.90
    expect(engine.tradeBook(id).map((t) => [t.price, t.quantity])).toEqual([[99.95, 5], [99.9, 5]]);
  });

  it('triggers a buy stop-loss limit and rests at its limit', () => {
    const r = engine.placeOrder(order({ orderType: 'STOP_LOSS', price: 100.05, triggerPrice: 100.05, quantity: 20 }));
    const id = r.order!.orderId;
    expect(engine.order(id)!.filledQuantity).toBe(0); // LTP 100 < trigger
    book.ltps.set('2885', 100.05);
    engine.advanceTo(OPEN_TIME + 500);
    const o = engine.order(id)!;
    expect(o.filledQuantity).toBe(10); // 6 @ 100 + 4 @ 100.05, then rests at 100.05
    expect(o.status).toBe('PART_TRADED');
  });

  it('cancels the IOC remainder and releases its margin', () => {
    const before = engine.funds().availableBalance;
    const r = engine.placeOrder(order({ validity: 'IOC', price: 100.05, quantity: 30 }));
    const o = engine.order(r.order!.orderId)!;
    expect(o.filledQuantity).toBe(10);
    expect(o.status).toBe('CANCELLED');
    expect(o.remainingQuantity).toBe(0);
    // only the filled 10 hold margin now: 20% × (6×100 + 4×100.05) = 0.2 × 1000.20 = 200.04
    expect(engine.funds().availableBalance).toBe(Math.round((before - 200.04) * 100) / 100);
    expect(statuses(o.orderId)).toEqual(['TRANSIT', 'PENDING', 'PART_TRADED', 'PART_TRADED', 'CANCELLED']);
  });
});

describe('matching engine: rejections', () => {
  beforeEach(() => setup());

  it('refuses an unknown security id with DH-905 and records no order', () => {
    const r = engine.placeOrder(order({ instrument: { segment: 'NSE_EQ', securityId: '999999' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection).toMatchObject({ reason: 'UNKNOWN_SECURITY_ID', errorCode: 'DH-905', errorType: 'Input_Exception' });
    expect(r.rejection.errorMessage).toContain('999999');
    expect(r.order).toBeNull();
    expect(engine.orderBook()).toEqual([]);
  });

  it('refuses a stop-loss without trigger price with DH-905', () => {
    for (const orderType of ['STOP_LOSS', 'STOP_LOSS_MARKET'] as const) {
      const r = engine.placeOrder(order({ orderType }));
      expect(!r.ok && r.rejection.reason).toBe('MISSING_TRIGGER_PRICE');
      expect(!r.ok && r.rejection.errorCode).toBe('DH-905');
    }
  });

  it('rejects a price off the tick grid, recorded as REJECTED and searchable by correlation id', () => {
    const r = engine.placeOrder(order({ price: 100.03, correlationId: 'tick-1' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection).toMatchObject({ reason: 'PRICE_OFF_TICK', errorCode: 'DH-906', errorType: 'Order_Error' });
    expect(r.rejection.errorMessage).toBe('Price 100.03 is not a multiple of the tick size 0.05 of RELIANCE');
    const found = engine.ordersByCorrelationId('tick-1');
    expect(found.map((o) => [o.status, o.rejectionCode, o.rejectionReason])).toEqual([['REJECTED', 'DH-906', r.rejection.errorMessage]]);
    expect(statuses(found[0]!.orderId)).toEqual(['TRANSIT', 'REJECTED']);
    const t = engine.placeOrder(order({ orderType: 'STOP_LOSS', price: 100, triggerPrice: 99.99 }));
    expect(!t.ok && t.rejection.reason).toBe('PRICE_OFF_TICK');
  });

  it('rejects a quantity that is not a multiple of the lot', () => {
    const r = engine.placeOrder(order({ instrument: FUT, quantity: 100, product: 'MARGIN', price: 26000 }));
    expect(!r.ok && r.rejection).toMatchObject({ reason: 'QUANTITY_NOT_LOT_MULTIPLE', errorCode: 'DH-906' });
    expect(!r.ok && r.rejection.errorMessage).toContain('lot size 65');
    expect(engine.placeOrder(order({ instrument: FUT, quantity: 130, product: 'MARGIN', price: 25990 })).ok).toBe(true);
  });

  it('rejects for insufficient funds, naming required and available amounts', () => {
    // CNC is 100%: 10,000 × ₹99.00 = ₹9,90,000 blocked (resting, below the ask) → ₹10,000 left
    expect(engine.placeOrder(order({ product: 'CNC', quantity: 10_000, price: 99 })).ok).toBe(true);
    expect(engine.funds().availableBalance).toBe(10_000);
    // 102 × ₹99.00 = ₹10,098 > ₹10,000
    const r = engine.placeOrder(order({ product: 'CNC', quantity: 102, price: 99 }));
    expect(!r.ok && r.rejection).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', errorCode: 'DH-906' });
    expect(!r.ok && r.rejection.errorMessage).toBe('RMS: Margin exceeds: required ₹10098.00, available ₹10000.00 (insufficient funds)');
    // 101 × ₹99.00 = ₹9,999 fits
    expect(engine.placeOrder(order({ product: 'CNC', quantity: 101, price: 99 })).ok).toBe(true);
    expect(!r.ok && r.order?.status).toBe('REJECTED');
  });

  it('refuses the 26th modification and keeps the order as it was', () => {
    const id = engine.placeOrder(order({ price: 99 })).order!.orderId;
    for (let i = 1; i <= 25; i++) {
      const m = engine.modifyOrder({ orderId: id, orderType: 'LIMIT', validity: 'DAY', price: 99 - i * 0.05 });
      expect(m.ok, `modification ${i}`).toBe(true);
    }
    const last = engine.modifyOrder({ orderId: id, orderType: 'LIMIT', validity: 'DAY', price: 90 });
    expect(!last.ok && last.rejection).toMatchObject({ reason: 'MODIFICATION_LIMIT', errorCode: 'DH-906' });
    expect(engine.order(id)!.price).toBe(97.75); // 99 − 25 × 0.05
    expect(engine.order(id)!.status).toBe('PENDING');
    expect(engine.modificationCount(id)).toBe(25);
  });

  it('rejects orders on an index, products the segment does not have, and non-AMO orders while closed', () => {
    const idx = engine.placeOrder(order({ instrument: { segment: 'IDX_I', securityId: '13' } }));
    expect(!idx.ok && idx.rejection.reason).toBe('NOT_TRADABLE');
    const prod = engine.placeOrder(order({ product: 'MARGIN' }));
    expect(!prod.ok && prod.rejection.reason).toBe('PRODUCT_NOT_ALLOWED');
    setup(Date.parse('2026-11-20T12:00:00Z')); // 17:30 IST
    const closed = engine.placeOrder(order());
    expect(!closed.ok && closed.rejection).toMatchObject({ reason: 'MARKET_CLOSED', errorCode: 'DH-906' });
  });

  it('refuses to modify or cancel a finished order or an unknown id', () => {
    const id = engine.placeOrder(order({ price: 100.1 })).order!.orderId; // fully filled
    expect(engine.order(id)!.status).toBe('TRADED');
    const m = engine.modifyOrder({ orderId: id, orderType: 'LIMIT', validity: 'DAY', price: 100 });
    expect(!m.ok && m.rejection.reason).toBe('ORDER_NOT_OPEN');
    const c = engine.cancelOrder('nope');
    expect(!c.ok && c.rejection).toMatchObject({ reason: 'UNKNOWN_ORDER', errorCode: 'DH-905' });
  });
});

describe('matching engine: sessions', () => {
  it('expires DAY orders at the close and releases their margin', () => {
    setup(Date.parse('2026-11-20T09:50:00Z')); // 15:20 IST
    const sod = engine.funds().availableBalance;
    // CNC: an INTRADAY order cannot open a position after the 15:20 square-off (square-off.test.ts)
    const id = engine.placeOrder(order({ product: 'CNC', price: 99 })).order!.orderId;
    expect(engine.funds().availableBalance).toBe(sod - 990); // 100% × 10 × 99
    engine.advanceTo(Date.parse('2026-11-20T09:59:59Z'));
    expect(engine.order(id)!.status).toBe('PENDING');
    engine.advanceTo(Date.parse('2026-11-20T10:00:00Z')); // 15:30 IST
    expect(engine.order(id)!.status).toBe('EXPIRED');
    expect(engine.order(id)!.remainingQuantity).toBe(0);
    expect(engine.funds().availableBalance).toBe(sod);
    expect(statuses(id).at(-1)).toBe('EXPIRED');
  });

  it('queues an AMO while closed and releases it at the open', () => {
    setup(Date.parse('2026-11-20T12:30:00Z')); // Friday 18:00 IST
    const r = engine.placeOrder(order({ afterMarketOrder: true, amoTime: 'OPEN', price: 100.05, correlationId: 'amo-1' }));
    expect(r.ok).toBe(true);
    const id = r.order!.orderId;
    expect(engine.order(id)).toMatchObject({ status: 'PENDING', afterMarketOrder: true, exchangeOrderId: null, filledQuantity: 0 });
    engine.advanceTo(Date.parse('2026-11-23T03:30:00Z')); // Monday 09:00 pre-open: still queued
    expect(engine.order(id)!.exchangeOrderId).toBeNull();
    engine.advanceTo(Date.parse('2026-11-23T03:44:59Z'));
    expect(engine.order(id)!.filledQuantity).toBe(0);
    engine.advanceTo(Date.parse('2026-11-23T03:45:00Z')); // 09:15 open
    const o = engine.order(id)!;
    expect(o.exchangeOrderId).not.toBeNull();
    expect(o.exchangeTimeMs).toBe(Date.parse('2026-11-23T03:45:00Z'));
    expect(o.status).toBe('TRADED');
    expect(engine.ordersByCorrelationId('amo-1')[0]!.orderId).toBe(id);
  });

  it('holds pre-open orders until 09:15 and releases OPEN_30 AMOs at 09:45', () => {
    setup(Date.parse('2026-11-20T03:32:00Z')); // 09:02 IST pre-open
    const pre = engine.placeOrder(order({ price: 100.05 })).order!.orderId;
    expect(engine.order(pre)!.filledQuantity).toBe(0);
    engine.advanceTo(Date.parse('2026-11-20T03:45:00Z'));
    expect(engine.order(pre)!.status).toBe('TRADED');
    setup(Date.parse('2026-11-20T12:30:00Z'));
    book.asks.set('2885', [{ price: 100, quantity: 100 }]);
    const amo = engine.placeOrder(order({ afterMarketOrder: true, amoTime: 'OPEN_30', price: 100 })).order!.orderId;
    engine.advanceTo(Date.parse('2026-11-23T04:14:00Z')); // 09:44
    expect(engine.order(amo)!.filledQuantity).toBe(0);
    engine.advanceTo(Date.parse('2026-11-23T04:15:00Z')); // 09:45
    expect(engine.order(amo)!.status).toBe('TRADED');
  });
});

describe('positions and funds', () => {
  beforeEach(() => setup());

  it('block margin on a pending order and release it on cancel', () => {
    const sod = engine.funds().availableBalance;
    expect(sod).toBe(1_000_000);
    const id = engine.placeOrder(order({ price: 99, quantity: 10 })).order!.orderId;
    // INTRADAY equity: 20% × 10 × ₹99 = ₹198.00 blocked
    expect(engine.funds()).toMatchObject({ availableBalance: 999_802, utilisedAmount: 198 });
    engine.cancelOrder(id);
    expect(engine.funds()).toMatchObject({ availableBalance: 1_000_000, utilisedAmount: 0 });
    expect(statuses(id).at(-1)).toBe('CANCELLED');
  });

  it('match hand-computed values after a buy/sell round trip', () => {
    // BUY 10 MARKET: 6 @ 100.00 + 4 @ 100.05 = 600.00 + 400.20 = 1000.20 → average 100.02
    engine.placeOrder(order({ orderType: 'MARKET', price: 0 }));
    let p = engine.positionBook()[0]!;
    expect(p).toMatchObject({ netQuantity: 10, buyQuantity: 10, dayBuyQuantity: 10, buyAverage: 100.02, costPrice: 100.02, dayBuyValue: 1000.2, positionType: 'LONG' });
    // LTP is now 100.05 (last fill): unrealised = 10 × (100.05 − 100.02) = 0.30
    expect(p.unrealisedPnl).toBe(0.3);
    // margin of the open position: 20% × 1000.20 = 200.04 → available 1,000,000 − 200.04
    expect(engine.funds()).toMatchObject({ availableBalance: 999_799.96, utilisedAmount: 200.04 });
    // SELL 10 LIMIT @ 101.00 rests (bids are lower); it only reduces the position: no new margin
    const sell = engine.placeOrder(order({ side: 'SELL', price: 101 })).order!.orderId;
    expect(engine.order(sell)!.status).toBe('PENDING');
    expect(engine.funds().availableBalance).toBe(999_799.96);
    // the market trades at 101.00: the sell fills at its limit
    book.ltps.set('2885', 101);
    engine.onMarketTrade(REL, 101, 50);
    expect(engine.order(sell)!.status).toBe('TRADED');
    p = engine.positionBook()[0]!;
    // realised = 10 × (101.00 − 100.02) = 9.80; nothing open
    expect(p).toMatchObject({
      netQuantity: 0,
      positionType: 'CLOSED',
      buyQuantity: 10,
      sellQuantity: 10,
      daySellQuantity: 10,
      buyAverage: 100.02,
      sellAverage: 101,
      daySellValue: 1010,
      realisedPnl: 9.8,
      unrealisedPnl: 0,
    });
    // available = 1,000,000 + 9.80 realised, nothing blocked or used
    expect(engine.funds()).toMatchObject({ availableBalance: 1_000_009.8, utilisedAmount: 0, withdrawableBalance: 1_000_009.8 });
    expect(engine.tradeBook().map((t) => [t.side, t.price, t.quantity])).toEqual([
      ['BUY', 100, 6],
      ['BUY', 100.05, 4],
      ['SELL', 101, 10],
    ]);
  });

  it('charge F&O futures at 15% of notional on MARGIN and reverse through zero correctly', () => {
    // BUY 65 @ 26000.00 MARGIN: 0.15 × 65 × 26000 = 253,500.00
    engine.placeOrder(order({ instrument: FUT, product: 'MARGIN', quantity: 65, price: 26000 }));
    expect(engine.funds().utilisedAmount).toBe(253_500);
    // SELL 130 @ 25999.95 (market): closes 65 (realised 65 × −0.05 = −3.25), opens 65 short at 25999.95
    book.bids.set('900001', [{ price: 25999.95, quantity: 650 }]);
    engine.placeOrder(order({ instrument: FUT, product: 'MARGIN', side: 'SELL', quantity: 130, orderType: 'MARKET', price: 0 }));
    const p = engine.positionBook()[0]!;
    expect(p).toMatchObject({ netQuantity: -65, realisedPnl: -3.25, costPrice: 25999.95, positionType: 'SHORT' });
    // short margin: 0.15 × 65 × 25999.95 = 253,499.51 (rounded to paise); available = 1e6 − 3.25 − that
    expect(engine.funds()).toMatchObject({ utilisedAmount: 253_499.51, availableBalance: 746_497.24 });
  });
});

describe('day rollover', () => {
  it('carries an open MTF position into the next day (CNC goes to the demat account instead) and books the realised P&L into the opening limit', () => {
    setup(Date.parse('2026-11-20T09:50:00Z')); // Friday 15:20 IST
    // BUY 10 MTF at market: 6 @ 100.00 + 4 @ 100.05 = 1000.20; SELL 4 LIMIT @ 99.95 into the bid: 4 @ 99.95
    engine.placeOrder(order({ product: 'MTF', orderType: 'MARKET', price: 0 }));
    engine.placeOrder(order({ product: 'MTF', side: 'SELL', quantity: 4, price: 99.95 }));
    // realised = 4 × (99.95 − 100.02) = −0.28
    expect(engine.positionBook()[0]).toMatchObject({ netQuantity: 6, realisedPnl: -0.28, dayBuyQuantity: 10, daySellQuantity: 4 });
    engine.advanceTo(Date.parse('2026-11-23T03:30:00Z')); // Monday 09:00 pre-open
    expect(engine.positionBook()[0]).toMatchObject({
      netQuantity: 6,
      carryForwardBuyQuantity: 6,
      dayBuyQuantity: 0,
      daySellQuantity: 0,
      buyQuantity: 6,
      buyAverage: 100.02,
      costPrice: 100.02,
      realisedPnl: 0,
    });
    // opening limit 1,000,000 − 0.28; MTF position margin 25% × 6 × 100.02 = 150.03
    expect(engine.funds()).toMatchObject({ startOfDayLimit: 999_999.72, utilisedAmount: 150.03, availableBalance: 999_849.69 });
    expect(engine.holdings()).toEqual([]);
  });
});

describe('listener failures', () => {
  it('counts a throwing listener and still completes the order and informs the others', () => {
    setup();
    engine.onEvent(() => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    engine.onEvent((e) => e.kind === 'order' && seen.push(e.order.status));
    const r = engine.placeOrder(order({ price: 100.05 }));
    expect(engine.order(r.order!.orderId)!.status).toBe('TRADED');
    expect(seen).toEqual(['TRANSIT', 'PENDING', 'PART_TRADED', 'TRADED']);
    expect(engine.listenerErrors).toBe(6); // 4 order events + 2 trade events
  });
});

describe('margin follows the position', () => {
  it('re-prices a pending order when a fill turns it from reducing into opening', () => {
    setup();
    // SELL 10 LIMIT @ 101 with no position: opening a short, 20% × 10 × 101 = 202.00 blocked
    const sell = engine.placeOrder(order({ side: 'SELL', price: 101 })).order!.orderId;
    expect(engine.funds().utilisedAmount).toBe(202);
    // BUY 10 at market (6 @ 100.00 + 4 @ 100.05): now long 10, the sell only reduces → its block is 0;
    // what remains used is the long's margin 20% × 1000.20 = 200.04
    engine.placeOrder(order({ orderType: 'MARKET', price: 0 }));
    expect(engine.funds().utilisedAmount).toBe(200.04);
    engine.cancelOrder(sell);
    expect(engine.funds().utilisedAmount).toBe(200.04);
  });
});
