import { describe, expect, it } from 'vitest';
import type { OrderStatus, OrderType } from '../../../shared/orders';
import { DRAG_START_PX, LINE_HIT_PX, dragField, dragPrice, dragStarted, dragTitle, hitLine, modifyTicketParams } from './line-drag';

const facts = (orderType: OrderType, price: number, triggerPrice: number, status: OrderStatus = 'PENDING') => ({ orderType, price, triggerPrice, status });

describe('dragField: what dragging a working order line changes', () => {
  it('a limit order moves its price; SL its limit price (trigger kept); SL-M its trigger', () => {
    expect(dragField(facts('LIMIT', 1400, 0))).toBe('price');
    expect(dragField(facts('STOP_LOSS', 1405, 1402))).toBe('price');
    expect(dragField(facts('STOP_LOSS_MARKET', 0, 1380))).toBe('triggerPrice');
    expect(dragField(facts('LIMIT', 1400, 0, 'PART_TRADED'))).toBe('price');
    expect(dragField(facts('STOP_LOSS', 1405, 1402, 'TRIGGERED'))).toBe('price');
  });

  it('nothing to drag: market orders, a triggered SL-M, orders without a price, closed or unacknowledged orders', () => {
    expect(dragField(facts('MARKET', 0, 0))).toBeNull();
    expect(dragField(facts('STOP_LOSS_MARKET', 0, 1380, 'TRIGGERED'))).toBeNull();
    expect(dragField(facts('LIMIT', 0, 0))).toBeNull();
    expect(dragField(facts('STOP_LOSS_MARKET', 0, 0))).toBeNull();
    for (const status of ['TRANSIT', 'TRADED', 'CANCELLED', 'REJECTED', 'EXPIRED', 'CLOSED', 'UNKNOWN'] as const) {
      expect(dragField(facts('LIMIT', 1400, 0, status))).toBeNull();
    }
  });
});

describe('hitLine: the line under the pointer', () => {
  const lines = [
    { orderId: 'a', y: 100 },
    { orderId: 'b', y: 108 },
    { orderId: 'off', y: null },
  ];

  it('picks the nearest line within the tolerance, and none farther away', () => {
    expect(hitLine(lines, 101)).toBe('a');
    expect(hitLine(lines, 105)).toBe('b');
    expect(hitLine(lines, 100 - LINE_HIT_PX)).toBe('a');
    expect(hitLine(lines, 100 - LINE_HIT_PX - 0.5)).toBeNull();
    expect(hitLine(lines, 108 + LINE_HIT_PX + 1)).toBeNull();
    expect(hitLine(lines, 104, 2)).toBeNull();
  });

  it('ignores lines off the price scale and a pointer without a coordinate', () => {
    expect(hitLine([{ orderId: 'off', y: null }], 0)).toBeNull();
    expect(hitLine(lines, Number.NaN)).toBeNull();
    expect(hitLine([], 100)).toBeNull();
  });
});

describe('dragPrice, dragStarted, dragTitle', () => {
  it('snaps the price under the pointer to the tick and refuses non-prices', () => {
    expect(dragPrice(1398.7312, 0.05)).toBe(1398.75);
    expect(dragPrice(1398.7249, 0.05)).toBe(1398.7);
    expect(dragPrice(83.12345, 0.0025)).toBe(83.1225);
    expect(dragPrice(null, 0.05)).toBeNull();
    expect(dragPrice(-1, 0.05)).toBeNull();
    expect(dragPrice(0.01, 0.05)).toBeNull();
  });

  it('a press becomes a drag only after the pointer moved a few pixels', () => {
    expect(dragStarted(200, 200 + DRAG_START_PX - 1)).toBe(false);
    expect(dragStarted(200, 200 - DRAG_START_PX)).toBe(true);
  });

  it('titles the dragged line with the price it would move to', () => {
    expect(dragTitle('BUY 10 LIMIT', 1398.75, 2)).toBe('BUY 10 LIMIT → 1,398.75');
    expect(dragTitle('SELL 1 SL-M', 83.1225, 4)).toBe('SELL 1 SL-M → 83.1225');
  });
});

describe('modifyTicketParams', () => {
  it('carries the new price in the dragged field, for the ticket in modify mode', () => {
    expect(modifyTicketParams('o1', 'NSE_EQ:2885', 'BUY', 'price', 1398.75)).toEqual({ orderId: 'o1', key: 'NSE_EQ:2885', side: 'BUY', price: 1398.75 });
    expect(modifyTicketParams('o2', 'NSE_EQ:2885', 'SELL', 'triggerPrice', 1380)).toEqual({ orderId: 'o2', key: 'NSE_EQ:2885', side: 'SELL', triggerPrice: 1380 });
  });
});

