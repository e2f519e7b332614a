import { describe, expect, it } from 'vitest';
import { bridgeError } from '../../shared/errors';
import type { Order, OrderEvent, Trade } from '../../shared/orders';
import { createAppStore } from './app-store';
import { compareIdsDescending, compareOrdersNewestFirst, compareTradesNewestFirst, mergeOrder } from './order-merge';
import { orderNotice } from './order-notices';

const base: Order = {
  orderId: '101', exchangeOrderId: null, correlationId: 'td-1', status: 'PENDING', instrument: { segment: 'NSE_EQ', securityId: '2885' },
  symbol: 'RELIANCE', side: 'BUY', product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', quantity: 5, filledQuantity: 0, remainingQuantity: 5,
  price: 1234.5, triggerPrice: 0, averageTradedPrice: 0, disclosedQuantity: 0, afterMarketOrder: false, leg: null, expiryDate: null,
  optionType: null, strikePrice: null, createdAtMs: 1000, updatedAtMs: 1000, exchangeTimeMs: null, rejectionReason: null, rejectionCode: null,
};
const at = (over: Partial<Order>): Order => ({ ...base, ...over });
const ev = (order: Order, lastFillPrice: number | null = null): OrderEvent => ({ kind: 'order', source: 'stream', order, lastFillPrice, referenceLtp: null, receivedAtMs: 0 });

describe('order merging', () => {
  it('never moves a terminal order back to open', () => {
    const traded = at({ status: 'TRADED', filledQuantity: 5, remainingQuantity: 0, updatedAtMs: 3000 });
    const m = mergeOrder(traded, at({ status: 'PENDING', updatedAtMs: 4000 }));
    expect(m.applied).toBe(false);
    expect(m.order).toBe(traded);
  });

  it('never lowers the filled quantity, and drops older updates', () => {
    const part3 = at({ status: 'PART_TRADED', filledQuantity: 3, updatedAtMs: 3000 });
    expect(mergeOrder(part3, at({ status: 'PART_TRADED', filledQuantity: 1, updatedAtMs: 4000 })).applied).toBe(false);
    expect(mergeOrder(part3, at({ status: 'PART_TRADED', filledQuantity: 4, updatedAtMs: 2000 })).applied).toBe(false);
  });

  it('reports the quantity newly filled and a new rejection', () => {
    const m = mergeOrder(at({ status: 'PART_TRADED', filledQuantity: 2 }), at({ status: 'TRADED', filledQuantity: 5, updatedAtMs: 2000 }));
    expect(m).toMatchObject({ applied: true, newlyFilled: 3, newlyRejected: false });
    const r = mergeOrder(at({}), at({ status: 'REJECTED', rejectionReason: 'RMS:Margin Exceeds', updatedAtMs: 2000 }));
    expect(r).toMatchObject({ applied: true, newlyFilled: 0, newlyRejected: true });
  });

  it('compares all-digit ids as numbers and other ids as text', () => {
    expect(['9', '10', '002', '1'].sort(compareIdsDescending)).toEqual(['10', '9', '002', '1']);
    expect(['A-1', 'A-2'].sort(compareIdsDescending)).toEqual(['A-2', 'A-1']);
  });

  it('puts the closing trade first when both fills share a second (the broker lists oldest first)', () => {
    const t = (tradeId: string, orderId: string, side: Trade['side'], tradeTimeMs: number): Trade => ({
      orderId, exchangeOrderId: null, tradeId, instrument: { segment: 'NSE_EQ', securityId: '2885' }, symbol: 'RELIANCE', side, product: 'INTRADAY', orderType: 'LIMIT',
      quantity: 1, price: 1300, tradeTimeMs, expiryDate: null, optionType: null, strikePrice: null,
    });
    const store = createAppStore();
    store.getState().setTrades([t('00000009', '5', 'BUY', 7000), t('00000010', '6', 'SELL', 7000), t('00000003', '2', 'BUY', 3000)]);
    expect(store.getState().trades.map((x) => x.tradeId)).toEqual(['00000010', '00000009', '00000003']);
    // Equal trade ids (two segments' counters): the higher order id decides.
    expect([t('1', '99', 'BUY', 5), t('1', '100', 'SELL', 5)].sort(compareTradesNewestFirst).map((x) => x.side)).toEqual(['SELL', 'BUY']);
  });

  it('sorts newest first', () => {
    const list = [at({ orderId: '1', createdAtMs: 1 }), at({ orderId: '3', createdAtMs: 3 }), at({ orderId: '2', createdAtMs: 3 })];
    expect(list.sort(compareOrdersNewestFirst).map((o) => o.orderId)).toEqual(['3', '2', '1']);
  });
});

describe('orders slice', () => {
  it('merges events by order id and clears the unknown note its correlation id resolves', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyOrderEvent({ kind: 'unknown', correlationId: 'td-1', orderId: null, error: bridgeError('TIMEOUT', 'no answer'), receivedAtMs: 1 });
    expect(s().orderBook.unknowns).toHaveLength(1);
    s().applyOrderEvent(ev(at({ status: 'TRANSIT' })));
    expect(s().orderBook.unknowns).toHaveLength(0);
    s().applyOrderEvent(ev(at({ status: 'TRADED', filledQuantity: 5, remainingQuantity: 0, updatedAtMs: 2000 })));
    const late = s().applyOrderEvent(ev(at({ status: 'PENDING', updatedAtMs: 2500 })));
    expect(late?.applied).toBe(false);
    expect(s().orderBook.byId['101']?.status).toBe('TRADED');
    // The book answer after a reconnect carries the same TRADED order: nothing new.
    const merges = s().applyOrderList([at({ status: 'TRADED', filledQuantity: 5, remainingQuantity: 0, updatedAtMs: 2000 }), at({ orderId: '102' })]);
    expect(merges.map((m) => m.newlyFilled)).toEqual([0, 0]);
    expect(Object.keys(s().orderBook.byId).sort()).toEqual(['101', '102']);
    expect(s().orderBook.loaded).toBe(true);
  });
});

describe('order notices', () => {
  it('announces a fill at the fill price', () => {
    const m = mergeOrder(at({ status: 'TRANSIT', quantity: 1, remainingQuantity: 1 }), at({ status: 'TRADED', quantity: 1, filledQuantity: 1, remainingQuantity: 0, averageTradedPrice: 1234.4, updatedAtMs: 2000 }));
    expect(orderNotice(m, 1234.45)).toEqual({ title: 'Order filled', body: 'BUY 1 RELIANCE @ ₹1,234.45 · order 101', tone: 'good' });
  });
  it('announces a part fill with how much of the order', () => {
    const m = mergeOrder(at({}), at({ status: 'PART_TRADED', filledQuantity: 2, averageTradedPrice: 1234.5, updatedAtMs: 2000 }));
    expect(orderNotice(m, null, 'Reliance Industries')?.body).toBe('BUY 2 of 5 Reliance Industries @ ₹1,234.50 · order 101');
  });
  it("announces a rejection in the broker's words, and nothing for a plain status change", () => {
    const r = mergeOrder(at({}), at({ status: 'REJECTED', rejectionReason: 'RMS:Margin Exceeds', updatedAtMs: 2000 }));
    expect(orderNotice(r, null)).toEqual({ title: 'Order rejected', body: 'BUY 5 RELIANCE: RMS:Margin Exceeds', tone: 'bad' });
    expect(orderNotice(mergeOrder(at({ status: 'TRANSIT' }), at({ updatedAtMs: 2000 })), null)).toBeNull();
  });
});
