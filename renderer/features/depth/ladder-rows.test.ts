import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/price';
import { bestAskOf, bestBidOf, createRows, fillRows, ltpRow, rowOfPrice, ROW_ASK, ROW_BID, ROW_EMPTY, ROW_SPREAD, type LadderRows } from './ladder-rows';

const lv = (price: number, quantity: number, orders = 1) => ({ price, quantity, orders });
const none = new Map<number, number>();
const kinds = (r: LadderRows) => Array.from(r.kind.subarray(0, r.count));
const E = ROW_EMPTY;
const A = ROW_ASK;
const B = ROW_BID;
const S = ROW_SPREAD;

describe('fillRows', () => {
  const bids = [lv(99.95, 10, 2), lv(99.9, 20, 3), lv(99.85, 30, 4)];
  const asks = [lv(100.05, 5, 1), lv(100.1, 15, 2)];

  it('puts asks above the spread row, worst first, and bids below, best first, padded to the level setting: price falls downward', () => {
    const r = fillRows(createRows(2), bids, asks, 100, 5, none, none);
    expect(r.count).toBe(11);
    expect(r.spreadRow).toBe(5);
    expect(r.asks).toBe(2);
    expect(r.bids).toBe(3);
    expect(kinds(r)).toEqual([E, E, E, A, A, S, B, B, B, E, E]);
    expect(Array.from(r.price.subarray(0, 11))).toEqual([0, 0, 0, 100.1, 100.05, 0, 99.95, 99.9, 99.85, 0, 0]);
    expect(Array.from(r.quantity.subarray(0, 11))).toEqual([0, 0, 0, 15, 5, 0, 10, 20, 30, 0, 0]);
    expect(Array.from(r.orders.subarray(0, 11))).toEqual([0, 0, 0, 2, 1, 0, 2, 3, 4, 0, 0]);
    expect(r.totalBid).toBe(60);
    expect(r.totalAsk).toBe(20);
    expect(r.spread).toBe(0.1);
    expect(bestAskOf(r)).toBe(100.05);
    expect(bestBidOf(r)).toBe(99.95);
  });

  it('lays a thin book (3 asks, 7 bids) in a 20-level ladder: spread at 20, rows 0-16 and 28-40 empty', () => {
    const a = [lv(100.05, 1), lv(100.1, 2), lv(100.15, 3)];
    const b = Array.from({ length: 7 }, (_, i) => lv(Math.round((99.95 - i * 0.05) * 100) / 100, 10 + i));
    const r = fillRows(createRows(), b, a, 100, 20, none, none);
    expect(r.count).toBe(41);
    expect(r.spreadRow).toBe(20);
    expect(r.kind[20]).toBe(ROW_SPREAD);
    for (let i = 0; i <= 16; i++) expect([r.kind[i], r.price[i], r.quantity[i], r.orders[i]]).toEqual([E, 0, 0, 0]);
    expect(kinds(r).slice(17, 20)).toEqual([A, A, A]);
    expect(Array.from(r.price.subarray(17, 20))).toEqual([100.15, 100.1, 100.05]);
    expect(kinds(r).slice(21, 28)).toEqual([B, B, B, B, B, B, B]);
    expect(r.price[21]).toBe(99.95);
    expect(r.price[27]).toBe(99.65);
    for (let i = 28; i <= 40; i++) expect([r.kind[i], r.price[i], r.quantity[i], r.orders[i]]).toEqual([E, 0, 0, 0]);
    expect([r.asks, r.bids, r.totalAsk, r.totalBid]).toEqual([3, 7, 6, 7 * 10 + 21]);
  });

  it('keeps the spread row and the row count when the book loses or gains levels (no row moves on the other side)', () => {
    const full = Array.from({ length: 200 }, (_, i) => lv(Math.round((100.05 + i * 0.05) * 100) / 100, 1 + i));
    const fullBids = Array.from({ length: 200 }, (_, i) => lv(Math.round((99.95 - i * 0.05) * 100) / 100, 1 + i));
    const r = createRows();
    const bidRowPrices = (x: LadderRows) => Array.from(x.price.subarray(x.spreadRow + 1, x.count));
    fillRows(r, fullBids, full, 100, 200, none, none);
    const before = bidRowPrices(r);
    for (const n of [198, 200, 199, 0]) {
      fillRows(r, fullBids, full.slice(0, n), 100, 200, none, none);
      expect(r.count).toBe(401);
      expect(r.spreadRow).toBe(200);
      expect(r.asks).toBe(n);
      expect(bidRowPrices(r)).toEqual(before);
      // The best ask stays just above the spread row.
      expect(bestAskOf(r)).toBe(n > 0 ? 100.05 : 0);
    }
  });

  it('recomputes the layout when the level setting changes (20 → 200 → 5), truncating to the setting', () => {
    const a = Array.from({ length: 30 }, (_, i) => lv(Math.round((100.05 + i * 0.05) * 100) / 100, 1));
    const b = Array.from({ length: 30 }, (_, i) => lv(Math.round((99.95 - i * 0.05) * 100) / 100, 1));
    const r = createRows(4);
    fillRows(r, b, a, 100, 20, none, none);
    expect([r.count, r.spreadRow, r.asks, r.bids]).toEqual([41, 20, 20, 20]);
    expect(kinds(r).includes(E)).toBe(false);
    fillRows(r, b, a, 100, 200, none, none);
    expect([r.count, r.spreadRow, r.asks, r.bids]).toEqual([401, 200, 30, 30]);
    expect(kinds(r).slice(0, 170).every((k) => k === E)).toBe(true);
    expect(r.price[199]).toBe(100.05);
    expect(r.price[170]).toBe(101.5);
    expect(kinds(r).slice(231).every((k) => k === E)).toBe(true);
    fillRows(r, b, a, 100, 5, none, none);
    expect([r.count, r.spreadRow, r.asks, r.bids]).toEqual([11, 5, 5, 5]);
    expect(kinds(r)).toEqual([A, A, A, A, A, S, B, B, B, B, B]);
  });

  it('skips empty (price 0) levels: they become padding at the far end of their side', () => {
    const r = fillRows(createRows(), [lv(0, 0), ...bids], [...asks, lv(0, 0)], 100, 2, none, none);
    expect(r.bids).toBe(2);
    expect(r.asks).toBe(2);
    expect(kinds(r)).toEqual([A, A, S, B, B]);
    expect(r.price[3]).toBe(99.95);
    expect(r.totalBid).toBe(30);
    const gap = fillRows(createRows(), [lv(99.95, 1), lv(0, 0), lv(99.85, 1)], [], 100, 4, none, none);
    expect(kinds(gap)).toEqual([E, E, E, E, S, B, B, E, E]);
    expect(gap.price[6]).toBe(99.85);
  });

  it('has a NaN spread when one side is empty and 0 LTP when unknown', () => {
    const r = fillRows(createRows(), bids, [], Number.NaN, 20, none, none);
    expect(r.asks).toBe(0);
    expect(kinds(r).slice(0, 20).every((k) => k === E)).toBe(true);
    expect(r.kind[20]).toBe(ROW_SPREAD);
    expect(Number.isNaN(r.spread)).toBe(true);
    expect(r.ltp).toBe(0);
    expect(bestAskOf(r)).toBe(0);
  });

  it('marks the user working quantity on the rows at those prices, per side, never on empty rows', () => {
    const buys = new Map([[toUnits(99.9), 7], [toUnits(0), 9]]);
    const sells = new Map([[toUnits(100.1), 3]]);
    const r = fillRows(createRows(), bids, asks, 100, 5, buys, sells);
    expect(r.myBuy[7]).toBe(7);
    expect(r.mySell[3]).toBe(3);
    expect(Array.from(r.myBuy.subarray(0, r.count)).filter((q) => q > 0)).toEqual([7]);
    expect(Array.from(r.mySell.subarray(0, r.count)).filter((q) => q > 0)).toEqual([3]);
  });

  it('reuses its arrays and clears rows a thinner book no longer fills', () => {
    const r = createRows();
    fillRows(r, bids, asks, 100, 20, new Map([[toUnits(99.85), 1]]), none);
    const before = r.price;
    fillRows(r, bids.slice(0, 1), asks.slice(0, 1), 100, 20, none, none);
    expect(r.price).toBe(before);
    expect(r.count).toBe(41);
    expect(kinds(r).slice(18, 23)).toEqual([E, A, S, B, E]);
    expect([r.price[23], r.quantity[23], r.myBuy[23]]).toEqual([0, 0, 0]);
    expect([r.price[18], r.quantity[18]]).toEqual([0, 0]);
  });
});

describe('rowOfPrice / ltpRow', () => {
  it('finds the row of a price (tolerant of float noise) and the LTP row, or -1; never an empty row', () => {
    const r = fillRows(createRows(), [lv(99.95, 1), lv(99.9, 1)], [lv(100.05, 1)], 99.9, 3, none, none);
    expect(rowOfPrice(r, 99.90000000001)).toBe(5);
    expect(rowOfPrice(r, 101)).toBe(-1);
    expect(rowOfPrice(r, 0)).toBe(-1);
    expect(ltpRow(r)).toBe(5);
    r.ltp = 100;
    expect(ltpRow(r)).toBe(-1);
  });
});
