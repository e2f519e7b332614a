import { describe, expect, it } from 'vitest';
import type { Order, OrderEvent } from '../../../shared/orders';
import { applyOrderEvent, clickedPrice, orderBookFrom, sameLines, sideForClick, workingOrderLines } from './order-lines';

function order(over: Partial<Order>): Order {
  return {
    orderId: '1',
    exchangeOrderId: null,
    correlationId: 'c1',
    status: 'PENDING',
    instrument: { segment: 'NSE_EQ', securityId: '2885' },
    symbol: 'RELIANCE',
    side: 'BUY',
    product: 'INTRADAY',
    orderType: 'LIMIT',
    validity: 'DAY',
    quantity: 10,
    filledQuantity: 0,
    remainingQuantity: 10,
    price: 1400.5,
    triggerPrice: 0,
    averageTradedPrice: 0,
    disclosedQuantity: 0,
    afterMarketOrder: false,
    leg: null,
    expiryDate: null,
    optionType: null,
    strikePrice: null,
    createdAtMs: 1000,
    updatedAtMs: 1000,
    exchangeTimeMs: null,
    rejectionReason: null,
    rejectionCode: null,
    ...over,
  };
}

const update = (o: Order): OrderEvent => ({ kind: 'order', source: 'stream', order: o, lastFillPrice: null, referenceLtp: null, receivedAtMs: 0 });

describe('workingOrderLines', () => {
  it('draws open orders of the chart instrument only, at limit or trigger price, sorted by price', () => {
    const book = orderBookFrom([
      order({ orderId: 'a', price: 1410, side: 'SELL', quantity: 5, remainingQuantity: 5 }),
      order({ orderId: 'b', price: 1390.05 }),
      order({ orderId: 'c', status: 'TRADED', price: 1395 }),
      order({ orderId: 'd', instrument: { segment: 'NSE_EQ', securityId: '1333' } }),
      order({ orderId: 'e', orderType: 'MARKET', price: 0 }),
      order({ orderId: 'f', orderType: 'STOP_LOSS_MARKET', price: 0, triggerPrice: 1380, status: 'TRANSIT' }),
      order({ orderId: 'g', orderType: 'STOP_LOSS', price: 1371, triggerPrice: 1372, status: 'PART_TRADED', filledQuantity: 4, remainingQuantity: 6 }),
      order({ orderId: 'h', status: 'CANCELLED' }),
    ]);
    expect(workingOrderLines(book, 'NSE_EQ:2885')).toEqual([
      // An SL drags its limit price; an SL-M still in TRANSIT (not acknowledged) does not drag.
      { orderId: 'g', side: 'BUY', price: 1371, title: 'BUY 6 SL trg 1372', field: 'price' },
      { orderId: 'f', side: 'BUY', price: 1380, title: 'BUY 10 SL-M', field: null },
      { orderId: 'b', side: 'BUY', price: 1390.05, title: 'BUY 10 LIMIT', field: 'price' },
      { orderId: 'a', side: 'SELL', price: 1410, title: 'SELL 5 LIMIT', field: 'price' },
    ]);
  });

  it('follows order events: modify moves the line, a fill or cancel removes it, older updates are ignored', () => {
    let book = orderBookFrom([order({ orderId: 'x', price: 1400, updatedAtMs: 10 })]);
    book = applyOrderEvent(book, update(order({ orderId: 'x', price: 1401.5, updatedAtMs: 20 })));
    expect(workingOrderLines(book, 'NSE_EQ:2885').map((l) => l.price)).toEqual([1401.5]);
    const same = applyOrderEvent(book, update(order({ orderId: 'x', price: 1399, updatedAtMs: 15 })));
    expect(same).toBe(book);
    book = applyOrderEvent(book, update(order({ orderId: 'y', price: 1300, updatedAtMs: 21 })));
    expect(workingOrderLines(book, 'NSE_EQ:2885')).toHaveLength(2);
    book = applyOrderEvent(book, update(order({ orderId: 'x', status: 'TRADED', filledQuantity: 10, remainingQuantity: 0, updatedAtMs: 30 })));
    expect(workingOrderLines(book, 'NSE_EQ:2885').map((l) => l.orderId)).toEqual(['y']);
    const unknown: OrderEvent = { kind: 'unknown', correlationId: 'c', orderId: null, error: { code: 'TIMEOUT', message: 't', retryable: false }, receivedAtMs: 0 };
    expect(applyOrderEvent(book, unknown)).toBe(book);
  });

  it('sameLines tells a redraw from a no-op', () => {
    const book = orderBookFrom([order({ orderId: 'a' })]);
    const l1 = workingOrderLines(book, 'NSE_EQ:2885');
    expect(sameLines(l1, workingOrderLines(book, 'NSE_EQ:2885'))).toBe(true);
    expect(sameLines(l1, workingOrderLines(orderBookFrom([order({ orderId: 'a', price: 1 })]), 'NSE_EQ:2885'))).toBe(false);
    expect(sameLines(l1, [])).toBe(false);
    // TRANSIT → PENDING at the same price: the line becomes draggable, so it is redrawn.
    const transit = workingOrderLines(orderBookFrom([order({ orderId: 'a', status: 'TRANSIT' })]), 'NSE_EQ:2885');
    expect(sameLines(l1, transit)).toBe(false);
  });
});

describe('clickedPrice and sideForClick', () => {
  it('snaps to the tick and refuses non-prices', () => {
    expect(clickedPrice(1402.3687, 0.05)).toBe(1402.35);
    expect(clickedPrice(1402.3687, 0.1)).toBe(1402.4);
    expect(clickedPrice(83.12345, 0.0025)).toBe(83.1225);
    expect(clickedPrice(null, 0.05)).toBeNull();
    expect(clickedPrice(-3, 0.05)).toBeNull();
    expect(clickedPrice(0.01, 0.05)).toBeNull();
  });

  it('buys below the LTP and sells at or above it', () => {
    expect(sideForClick(99, 100)).toBe('BUY');
    expect(sideForClick(100, 100)).toBe('SELL');
    expect(sideForClick(101, 100)).toBe('SELL');
    expect(sideForClick(101, null)).toBe('BUY');
  });
});
