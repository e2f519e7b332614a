import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/price';
import { CELL_ALL, CELL_ASK_ORDERS, CELL_ASK_QTY, CELL_BID_QTY, CELL_MY_BUY, CELL_PRICE, createDrawn, diffRows, invalidate, SLOT_EMPTY } from './ladder-diff';
import { createRows, fillRows, ROW_ASK, ROW_BID, ROW_SPREAD, type LadderRows } from './ladder-rows';

const lv = (price: number, quantity: number, orders = 1) => ({ price, quantity, orders });
const none = new Map<number, number>();

function book(bidQ: number[], askQ: number[], shift = 0, ltp = 100) {
  const bids = bidQ.map((q, i) => lv(Math.round((99.95 - i * 0.05 + shift) * 100) / 100, q));
  const asks = askQ.map((q, i) => lv(Math.round((100.05 + i * 0.05 + shift) * 100) / 100, q));
  return { bids, asks, ltp };
}

function rowsOf(b: ReturnType<typeof book>, buys = none, levels = 3): LadderRows {
  return fillRows(createRows(), b.bids, b.asks, b.ltp, levels, buys, none);
}

function bars(rows: LadderRows): Float64Array {
  return Float64Array.from(rows.quantity.subarray(0, rows.count), (q) => Math.round(q / 10));
}

function masks(d: ReturnType<typeof createDrawn>, n: number): number[] {
  return Array.from(d.dirty.subarray(0, n));
}

describe('diffRows', () => {
  it('draws everything the first time, then nothing when nothing changed', () => {
    const d = createDrawn(7);
    const r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(7);
    expect(masks(d, 7).every((m) => m === CELL_ALL)).toBe(true);
    const again = rowsOf(book([10, 20, 30], [40, 50, 60]));
    expect(diffRows(d, again, 0, again.count, bars(again), -1)).toBe(0);
  });

  it('marks only the changed cells of the changed rows', () => {
    const d = createDrawn(7);
    let r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    const b = book([10, 25, 30], [40, 50, 60]);
    b.asks[2] = lv(b.asks[2]!.price, 60, 9);
    r = rowsOf(b);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(2);
    // Row 0 = worst ask (orders changed); row 5 = second bid (quantity changed).
    expect(masks(d, 7)).toEqual([CELL_ASK_ORDERS, 0, 0, 0, 0, CELL_BID_QTY, 0]);
  });

  it('redraws the price cells when the price set shifts, and whole rows only where the kind changes', () => {
    const d = createDrawn(7);
    let r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    r = rowsOf(book([10, 20, 30], [40, 50, 60], 0.05, 100));
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(6);
    expect(masks(d, 7)).toEqual([CELL_PRICE, CELL_PRICE, CELL_PRICE, 0, CELL_PRICE, CELL_PRICE, CELL_PRICE]);
    // One ask level fewer: only the deepest ask's slot empties (drawn blank); no other row moves.
    r = rowsOf(book([10, 20, 30], [40, 50], 0.05, 100));
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(1);
    expect(masks(d, 7)).toEqual([CELL_ALL, 0, 0, 0, 0, 0, 0]);
    expect(d.kind[0]).toBe(SLOT_EMPTY);
    // It comes back: that slot alone is drawn again.
    r = rowsOf(book([10, 20, 30], [40, 50, 60], 0.05, 100));
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(1);
    expect(masks(d, 7)).toEqual([CELL_ALL, 0, 0, 0, 0, 0, 0]);
  });

  it('redraws the spread row when the spread or LTP changes, and the price cell when the LTP marker moves', () => {
    const d = createDrawn(7);
    let r = rowsOf(book([10, 20, 30], [40, 50, 60], 0, 99.95));
    diffRows(d, r, 0, r.count, bars(r), 4);
    r = rowsOf(book([10, 20, 30], [40, 50, 60], 0, 99.9));
    diffRows(d, r, 0, r.count, bars(r), 5);
    expect(masks(d, 7)).toEqual([0, 0, 0, CELL_ALL, CELL_PRICE, CELL_PRICE, 0]);
  });

  it('marks a cell when its bar width alone changes (new scale)', () => {
    const d = createDrawn(7);
    const r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    const wider = bars(r).map((b) => b * 2);
    expect(diffRows(d, r, 0, r.count, wider, -1)).toBe(6);
    expect(masks(d, 7)).toEqual([CELL_ASK_QTY, CELL_ASK_QTY, CELL_ASK_QTY, 0, CELL_BID_QTY, CELL_BID_QTY, CELL_BID_QTY]);
  });

  it('marks a marker cell when the user working quantity at a price changes', () => {
    const d = createDrawn(7);
    let r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    r = rowsOf(book([10, 20, 30], [40, 50, 60]), new Map([[toUnits(99.9), 1]]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    expect(masks(d, 7)).toEqual([0, 0, 0, 0, 0, CELL_MY_BUY, 0]);
  });

  it('diffs the visible window by slot and clears slots the shorter ladder no longer fills, once', () => {
    const d = createDrawn(4);
    let r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 2, 6, bars(r), -1);
    // Scrolled by one row: slot s now shows row s+3; every slot changed kind or price.
    expect(diffRows(d, r, 3, 7, bars(r), -1)).toBe(4);
    // A 1-level ladder (3 rows) in the 4-slot viewport: the slot below its last row is cleared once.
    r = rowsOf(book([10], [40]), none, 1);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(4);
    expect(masks(d, 4)[3]).toBe(CELL_ALL);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(0);
  });

  it('draws empty padding rows blank once, like slots past the last row, and never again while they stay empty', () => {
    const d = createDrawn(9);
    let r = rowsOf(book([10], [40]), none, 4);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(9);
    expect(Array.from(d.kind)).toEqual([SLOT_EMPTY, SLOT_EMPTY, SLOT_EMPTY, ROW_ASK, ROW_SPREAD, ROW_BID, SLOT_EMPTY, SLOT_EMPTY, SLOT_EMPTY]);
    r = rowsOf(book([11], [41]), none, 4);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(2);
    expect(masks(d, 9)).toEqual([0, 0, 0, CELL_ASK_QTY, 0, CELL_BID_QTY, 0, 0, 0]);
    // A second bid level fills the first padding slot below the bids.
    r = rowsOf(book([11, 12], [41]), none, 4);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(1);
    expect(masks(d, 9)).toEqual([0, 0, 0, 0, 0, 0, CELL_ALL, 0, 0]);
  });

  it('invalidate forces a full redraw', () => {
    const d = createDrawn(7);
    const r = rowsOf(book([10, 20, 30], [40, 50, 60]));
    diffRows(d, r, 0, r.count, bars(r), -1);
    invalidate(d);
    expect(diffRows(d, r, 0, r.count, bars(r), -1)).toBe(7);
  });
});
