import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/price';
import { createRows, fillRows, ltpRow, rowOfPrice, ROW_ASK, ROW_BID, ROW_SPREAD } from './ladder-rows';

const lv = (price: number, quantity: number, orders = 1) => ({ price, quantity, orders });
const none = new Map<number, number>();

describe('fillRows', () => {
  const bids = [lv(99.95, 10, 2), lv(99.9, 20, 3), lv(99.85, 30, 4)];
  const asks = [lv(100.05, 5, 1), lv(100.1, 15, 2)];

  it('puts asks above the spread row, worst first, and bids below, best first: price falls downward', () => {
    const r = fillRows(createRows(2), bids, asks, 100, 20, none, none);
    expect(r.count).toBe(6);
    expect(r.asks).toBe(2);
    expect(r.bids).toBe(3);
    expect(Array.from(r.kind.subarray(0, 6))).toEqual([ROW_ASK, ROW_ASK, ROW_SPREAD, ROW_BID, ROW_BID, ROW_BID]);
    expect(Array.from(r.price.subarray(0, 6))).toEqual([100.1, 100.05, 0, 99.95, 99.9, 99.85]);
    expect(Array.from(r.quantity.subarray(0, 6))).toEqual([15, 5, 0, 10, 20, 30]);
    expect(Array.from(r.orders.subarray(0, 6))).toEqual([2, 1, 0, 2, 3, 4]);
    expect(r.totalBid).toBe(60);
    expect(r.totalAsk).toBe(20);
    expect(r.spread).toBe(0.1);
  });

  it('keeps at most maxLevels per side and skips empty (price 0) levels', () => {
    const r = fillRows(createRows(), [lv(0, 0), ...bids], [...asks, lv(0, 0)], 100, 2, none, none);
    expect(r.bids).toBe(2);
    expect(r.asks).toBe(2);
    expect(r.price[3]).toBe(99.95);
    expect(r.totalBid).toBe(30);
  });

  it('has a NaN spread when one side is empty and 0 LTP when unknown', () => {
    const r = fillRows(createRows(), bids, [], Number.NaN, 20, none, none);
    expect(r.asks).toBe(0);
    expect(r.kind[0]).toBe(ROW_SPREAD);
    expect(Number.isNaN(r.spread)).toBe(true);
    expect(r.ltp).toBe(0);
  });

  it('marks the user working quantity on the rows at those prices, per side', () => {
    const buys = new Map([[toUnits(99.9), 7]]);
    const sells = new Map([[toUnits(100.1), 3]]);
    const r = fillRows(createRows(), bids, asks, 100, 20, buys, sells);
    expect(r.myBuy[4]).toBe(7);
    expect(r.mySell[0]).toBe(3);
    expect(Array.from(r.myBuy.subarray(0, 6)).filter((q) => q > 0)).toEqual([7]);
  });

  it('reuses its arrays and shrinks the count when the book thins', () => {
    const r = createRows();
    fillRows(r, bids, asks, 100, 20, none, none);
    const before = r.price;
    fillRows(r, bids.slice(0, 1), asks.slice(0, 1), 100, 20, none, none);
    expect(r.price).toBe(before);
    expect(r.count).toBe(3);
  });
});

describe('rowOfPrice / ltpRow', () => {
  it('finds the row of a price (tolerant of float noise) and the LTP row, or -1', () => {
    const r = fillRows(createRows(), [lv(99.95, 1), lv(99.9, 1)], [lv(100.05, 1)], 99.9, 20, none, none);
    expect(rowOfPrice(r, 99.90000000001)).toBe(3);
    expect(rowOfPrice(r, 101)).toBe(-1);
    expect(ltpRow(r)).toBe(3);
    r.ltp = 100;
    expect(ltpRow(r)).toBe(-1);
  });
});
