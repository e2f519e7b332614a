import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../../../shared/orders';
import { toUnits } from '../../../shared/price';
import { aggregateMarkers, markersOffLadder } from './order-markers';

let seq = 0;
function order(p: Partial<Order> & { status?: OrderStatus }): Order {
  seq++;
  return {
    orderId: p.orderId ?? `o${seq}`,
    exchangeOrderId: null,
    correlationId: null,
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
    price: 1200,
    triggerPrice: 0,
    averageTradedPrice: 0,
    disclosedQuantity: 0,
    afterMarketOrder: false,
    leg: null,
    expiryDate: null,
    optionType: null,
    strikePrice: null,
    createdAtMs: null,
    updatedAtMs: null,
    exchangeTimeMs: null,
    rejectionReason: null,
    rejectionCode: null,
    ...p,
  };
}

describe('aggregateMarkers', () => {
  it('adds up the open orders of the instrument by side and price, with their ids', () => {
    const set = aggregateMarkers(
      [
        order({ orderId: 'b2', price: 1200, remainingQuantity: 4, quantity: 10, filledQuantity: 6, status: 'PART_TRADED' }),
        order({ orderId: 'b1', price: 1200, quantity: 5, remainingQuantity: 5 }),
        order({ orderId: 's1', side: 'SELL', price: 1210.5, quantity: 3, remainingQuantity: 3, status: 'TRANSIT' }),
        order({ orderId: 'b3', price: 1199.95, quantity: 1, remainingQuantity: 1 }),
      ],
      'NSE_EQ:2885',
    );
    expect(set.buys.get(toUnits(1200))).toEqual({ side: 'BUY', price: 1200, quantity: 9, orderIds: ['b1', 'b2'] });
    expect(set.buyQty.get(toUnits(1199.95))).toBe(1);
    expect(set.sells.get(toUnits(1210.5))?.quantity).toBe(3);
    expect(set.sellQty.size).toBe(1);
  });

  it('leaves out closed orders, other instruments, and orders without a price; SL-M marks its trigger', () => {
    const set = aggregateMarkers(
      [
        order({ status: 'TRADED' }),
        order({ status: 'CANCELLED' }),
        order({ status: 'REJECTED' }),
        order({ instrument: { segment: 'NSE_EQ', securityId: '1333' } }),
        order({ orderType: 'MARKET', price: 0 }),
        order({ orderId: 'slm', side: 'SELL', orderType: 'STOP_LOSS_MARKET', price: 0, triggerPrice: 1150 }),
      ],
      'NSE_EQ:2885',
    );
    expect(set.buys.size).toBe(0);
    expect([...set.sells.values()].map((m) => [m.price, m.orderIds])).toEqual([[1150, ['slm']]]);
  });

  it('reports markers whose price is on no row of the ladder', () => {
    const set = aggregateMarkers([order({ price: 1200 }), order({ price: 1100 })], 'NSE_EQ:2885');
    expect(markersOffLadder(set, new Set([toUnits(1200)])).map((m) => m.price)).toEqual([1100]);
  });
});
