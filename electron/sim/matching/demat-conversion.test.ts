import { describe, expect, it } from 'vitest';
import type { OrderStatus, PlaceOrderRequest } from '../../../shared/orders';
import { createMatchingEngine, type MatchingEngine } from './engine';
import { FUT, OPEN_TIME, REL, createEngineFixture, lookup, order, type TestBook } from './engine-fixture';
import type { EngineEvent } from './types';

/**
 * Demat account (CNC delivery at the rollover, sales of held stock) and position conversion, with
 * hand-computed funds. The test book is the one of engine.test.ts.
 */

let book: TestBook;
let engine: MatchingEngine;
let events: EngineEvent[];
const statuses = (orderId: string): OrderStatus[] =>
  events.flatMap((e) => (e.kind === 'order' && e.order.orderId === orderId ? [e.order.status] : []));

function setup(startMs = OPEN_TIME, alwaysOpen = false): void {
  ({ book, engine, events } = createEngineFixture(startMs, alwaysOpen));
}


const FRIDAY_CLOSE = Date.parse('2026-11-20T10:00:00Z'); // 15:30 IST
const MONDAY_OPEN = Date.parse('2026-11-23T03:46:00Z'); // 09:16 IST
const TUESDAY_OPEN = Date.parse('2026-11-24T03:46:00Z');
const pos = (product: string) => engine.positionBook().find((p) => p.product === product && p.instrument.securityId === REL.securityId);

describe('demat account', () => {
  it('a CNC buy becomes T1 holding at the rollover, demat one rollover later; the cash leaves the balance', () => {
    setup();
    expect(engine.holdings()).toEqual([]);
    const r = engine.placeOrder(order({ product: 'CNC', quantity: 10, price: 100.05 }));
    expect(r.ok && r.order.status).toBe('TRADED'); // 6 @ 100, 4 @ 100.05
    const value = 6 * 100 + 4 * 100.05; // 1000.20
    expect(engine.funds().availableBalance).toBe(1_000_000 - 1000.2); // 100 % margin on the CNC long
    engine.advanceTo(MONDAY_OPEN);
    expect(engine.holdings()).toEqual([
      { exchange: 'ALL', symbol: 'RELIANCE', securityId: '2885', isin: '', totalQuantity: 10, dematQuantity: 0, t1Quantity: 10, availableQuantity: 10, collateralQuantity: 0, averageCostPrice: 100.02 },
    ]);
    expect(pos('CNC')).toBeUndefined(); // delivered, no longer a position
    const f = engine.funds();
    expect(f.startOfDayLimit).toBeCloseTo(1_000_000 - value, 6);
    expect(f.availableBalance).toBe(998_999.8);
    expect(f.utilisedAmount).toBe(0);
    engine.advanceTo(TUESDAY_OPEN);
    expect(engine.holdings()[0]).toMatchObject({ dematQuantity: 10, t1Quantity: 0, totalQuantity: 10 });
  });

  it('a CNC sell of held stock blocks no margin, books P&L against the holding cost and returns the cash', () => {
    setup();
    engine.placeOrder(order({ product: 'CNC', quantity: 10, price: 100.05 }));
    engine.advanceTo(MONDAY_OPEN);
    const before = engine.funds().availableBalance; // 998,999.80
    // a resting sell above the market: held quantity, so nothing is blocked
    const rest = engine.placeOrder(order({ product: 'CNC', side: 'SELL', quantity: 6, price: 101 }));
    expect(rest.ok && rest.order.status).toBe('PENDING');
    expect(engine.funds().availableBalance).toBe(before);
    // a second sell for more than is left unclaimed (4) blocks margin for the excess only (3 × 100 = 300)
    const excess = engine.placeOrder(order({ product: 'CNC', side: 'SELL', quantity: 7, price: 100 }));
    expect(excess.ok).toBe(true);
    engine.cancelOrder(excess.order!.orderId);
    expect(engine.funds().availableBalance).toBe(before);
    // now sell 6 into the bid: 5 @ 99.95, 1 @ 99.90
    engine.cancelOrder(rest.order!.orderId);
    const s = engine.placeOrder(order({ product: 'CNC', side: 'SELL', quantity: 6, orderType: 'MARKET', price: undefined }));
    expect(s.ok && s.order.status).toBe('TRADED');
    const cost = 1000.2 / 10; // 100.02
    const realised = 5 * (99.95 - cost) + 1 * (99.9 - cost); // −0.47
    expect(engine.holdings()[0]).toMatchObject({ totalQuantity: 4, averageCostPrice: 100.02 });
    expect(pos('CNC')).toMatchObject({ netQuantity: 0, positionType: 'CLOSED', carryForwardBuyQuantity: 6, daySellQuantity: 6, realisedPnl: Math.round(realised * 100) / 100 });
    // cash: 6 × cost back, plus the realised P&L = the sale proceeds 5 × 99.95 + 99.90 = 599.65
    expect(engine.funds().availableBalance).toBe(Math.round((before + 599.65) * 100) / 100);
  });
});

describe('position conversion', () => {
  it('moves an INTRADAY long to CNC at cost with the margin re-computed, and back', () => {
    setup();
    engine.placeOrder(order({ quantity: 10, price: 100.05 })); // INTRADAY: margin 20 % of 1000.20 = 200.04
    expect(engine.funds().utilisedAmount).toBe(200.04);
    const c = engine.convertPosition({ instrument: REL, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 4 });
    expect(c.ok).toBe(true);
    const cost = 100.02;
    expect(c.ok && c.position).toMatchObject({ product: 'CNC', netQuantity: 4, costPrice: cost, dayBuyQuantity: 4, buyAverage: cost });
    expect(pos('INTRADAY')).toMatchObject({ netQuantity: 6, dayBuyQuantity: 6, buyAverage: cost });
    // 6 × 100.02 × 20 % + 4 × 100.02 × 100 % = 120.024 + 400.08 (each rounded to paise)
    expect(engine.funds().utilisedAmount).toBe(120.02 + 400.08);
    const back = engine.convertPosition({ instrument: REL, positionType: 'LONG', fromProduct: 'CNC', toProduct: 'INTRADAY', quantity: 4 });
    expect(back.ok && back.position.netQuantity).toBe(10);
    expect(engine.funds().utilisedAmount).toBe(200.04);
    expect(pos('CNC')).toBeUndefined(); // emptied by the conversion back: not listed
  });

  it('after buy, sell, buy the converted unit carries the cost of the open buy, not the average of the day\'s buys', () => {
    setup();
    const fill = (side: 'BUY' | 'SELL', quantity: number) => {
      const r = engine.placeOrder(order({ side, quantity, orderType: 'MARKET', price: undefined }));
      expect(r.ok && r.order.status).toBe('TRADED');
    };
    fill('BUY', 6); // 6 @ 100
    fill('SELL', 6); // 5 @ 99.95, 1 @ 99.90: flat, realised 5 × −0.05 + 1 × −0.10 = −0.35
    fill('BUY', 1); // 1 @ 100.05: the open unit
    const conv = engine.convertPosition({ instrument: REL, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 });
    expect(conv.ok).toBe(true);
    // At cost: bought at 100.05 (the average of all seven buys would say 100.01).
    expect(pos('CNC')).toMatchObject({ netQuantity: 1, dayBuyQuantity: 1, buyAverage: 100.05, costPrice: 100.05 });
    // The INTRADAY side keeps the closed round trip: 6 bought at 100, 6 sold, realised −0.35.
    expect(pos('INTRADAY')).toMatchObject({ netQuantity: 0, dayBuyQuantity: 6, buyAverage: 100, daySellQuantity: 6, realisedPnl: -0.35 });
  });

  it('moves a futures INTRADAY short to MARGIN; refuses what cannot be converted and changes nothing', () => {
    setup();
    engine.placeOrder(order({ instrument: FUT, side: 'SELL', quantity: 65, price: 25999.95 }));
    const margin = (rate: number) => Math.round(rate * 25999.95 * 65 * 100) / 100;
    expect(engine.funds().utilisedAmount).toBe(margin(0.1));
    const refusals: [Parameters<MatchingEngine['convertPosition']>[0], string][] = [
      [{ instrument: FUT, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 65 }, 'NO_POSITION'],
      [{ instrument: FUT, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 130 }, 'NO_POSITION'],
      [{ instrument: FUT, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 65 }, 'PRODUCT_NOT_ALLOWED'],
      [{ instrument: FUT, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'INTRADAY', quantity: 65 }, 'CONVERSION_NOT_ALLOWED'],
      [{ instrument: FUT, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 10 }, 'QUANTITY_NOT_LOT_MULTIPLE'],
      [{ instrument: { segment: 'NSE_FNO', securityId: '1' }, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 65 }, 'UNKNOWN_SECURITY_ID'],
    ];
    for (const [req, reason] of refusals) {
      const r = engine.convertPosition(req);
      expect(r.ok ? 'ok' : r.rejection.reason, JSON.stringify(req)).toBe(reason);
    }
    expect(engine.funds().utilisedAmount).toBe(margin(0.1));
    const r = engine.convertPosition({ instrument: FUT, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MARGIN', quantity: 65 });
    expect(r.ok && r.position).toMatchObject({ product: 'MARGIN', netQuantity: -65, daySellQuantity: 65, sellAverage: 25999.95 });
    expect(engine.funds().utilisedAmount).toBe(margin(0.15));
  });

  it('refuses a short into CNC, a conversion that needs more margin than is free, and any while closed', () => {
    setup(OPEN_TIME, false);
    engine.placeOrder(order({ side: 'SELL', quantity: 5, orderType: 'MARKET', price: undefined }));
    const shortCnc = engine.convertPosition({ instrument: REL, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 5 });
    expect(!shortCnc.ok && shortCnc.rejection.reason).toBe('CONVERSION_NOT_ALLOWED');
    const poor = createMatchingEngine({ contracts: lookup, liquidity: book, startTimeMs: OPEN_TIME, startOfDayLimit: 500 });
    book.set('2885', 100, [[99.95, 5]], [[100, 20]]);
    expect(poor.placeOrder(order({ quantity: 20, price: 100 })).ok).toBe(true); // margin 400 of 500
    const r = poor.convertPosition({ instrument: REL, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 20 });
    expect(!r.ok && r.rejection.reason).toBe('INSUFFICIENT_FUNDS'); // needs 1600 more
    expect(!r.ok && r.rejection.errorCode).toBe('DH-906');
    expect(poor.positionBook()[0]).toMatchObject({ product: 'INTRADAY', netQuantity: 20 });
    engine.advanceTo(FRIDAY_CLOSE + 60_000);
    const closed = engine.convertPosition({ instrument: REL, positionType: 'SHORT', fromProduct: 'INTRADAY', toProduct: 'MTF', quantity: 5 });
    expect(!closed.ok && closed.rejection.reason).toBe('MARKET_CLOSED');
  });
});
