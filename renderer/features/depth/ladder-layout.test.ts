import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/price';
import fc from 'fast-check';
import {
  centredScrollTop,
  clampScroll,
  COLUMNS,
  columnAtX,
  computeLayout,
  hitTest,
  rowAtY,
  visibleRows,
} from './ladder-layout';
import { createRows, fillRows, ROW_ASK, ROW_BID } from './ladder-rows';

describe('computeLayout', () => {
  it('lays columns edge to edge in integer px covering the whole width', () => {
    for (const width of [340, 341, 420, 777]) {
      const l = computeLayout(width);
      let x = 0;
      for (const c of COLUMNS) {
        expect(l.x[c]).toBe(x);
        expect(Number.isInteger(l.w[c])).toBe(true);
        expect(l.w[c]).toBeGreaterThan(0);
        x += l.w[c];
      }
      expect(x).toBe(width);
    }
  });

  it('never goes below the narrowest ladder (the panel scrolls sideways instead)', () => {
    expect(computeLayout(100).width).toBe(340);
  });
});

describe('rows and scrolling', () => {
  it('maps y to a row through the scroll offset, -1 outside', () => {
    expect(rowAtY(0, 0, 41, 18)).toBe(0);
    expect(rowAtY(17.9, 0, 41, 18)).toBe(0);
    expect(rowAtY(18, 0, 41, 18)).toBe(1);
    expect(rowAtY(5, 180, 41, 18)).toBe(10);
    expect(rowAtY(-1, 0, 41, 18)).toBe(-1);
    expect(rowAtY(41 * 18, 0, 41, 18)).toBe(-1);
  });

  it('lists the visible rows with the first row partly hidden above', () => {
    expect(visibleRows(0, 100, 41, 18)).toEqual({ first: 0, end: 6, offsetY: 0 });
    expect(visibleRows(20, 100, 41, 18)).toEqual({ first: 1, end: 7, offsetY: -2 });
    // A short ladder: only its rows.
    expect(visibleRows(0, 1000, 11, 18)).toEqual({ first: 0, end: 11, offsetY: 0 });
  });

  it('clamps scroll to the content', () => {
    expect(clampScroll(-5, 401, 18, 500)).toBe(0);
    expect(clampScroll(1e9, 401, 18, 500)).toBe(401 * 18 - 500);
    expect(clampScroll(100, 10, 18, 500)).toBe(0);
  });

  it('centres the spread row, which stays put when the book thins (fixed slots per side)', () => {
    const lv = (price: number) => ({ price, quantity: 1, orders: 1 });
    const asks = Array.from({ length: 200 }, (_, i) => lv(Math.round((100.05 + i * 0.05) * 100) / 100));
    const bids = Array.from({ length: 200 }, (_, i) => lv(Math.round((99.95 - i * 0.05) * 100) / 100));
    const rows = fillRows(createRows(), bids, asks, 100, 200, new Map(), new Map());
    const top = centredScrollTop(rows.spreadRow, rows.count, 18, 360);
    expect(top).toBe(200 * 18 + 9 - 180);
    expect(rowAtY(180, top, rows.count, 18)).toBe(200);
    const deepBid = rowAtY(300, top, rows.count, 18);
    const price = rows.price[deepBid];
    // The book loses two ask levels: the same scroll position shows the same rows, same prices.
    fillRows(rows, bids, asks.slice(0, 198), 100, 200, new Map(), new Map());
    expect(centredScrollTop(rows.spreadRow, rows.count, 18, 360)).toBe(top);
    expect(clampScroll(top, rows.count, 18, 360)).toBe(top);
    expect(rows.price[rowAtY(300, top, rows.count, 18)]).toBe(price);
  });
});

describe('hitTest', () => {
  const lv = (price: number, quantity: number) => ({ price, quantity, orders: 1 });
  const rows = fillRows(createRows(), [lv(99.95, 10), lv(99.9, 10)], [lv(100.05, 10), lv(100.1, 10)], 100, 2, new Map([[toUnits(99.9), 5]]), new Map([[toUnits(100.1), 2]]));
  const l = computeLayout(420, 18);
  const mid = (c: (typeof COLUMNS)[number]) => l.x[c] + l.w[c] / 2;
  const yOf = (row: number) => row * 18 + 9;

  it('left half is BUY at the row price, right half SELL, on ask and bid rows alike', () => {
    expect(hitTest(l, rows, mid('bidQty'), yOf(3), 0)).toEqual({ kind: 'order', side: 'BUY', price: 99.95, row: 3 });
    expect(hitTest(l, rows, mid('bidOrders'), yOf(0), 0)).toEqual({ kind: 'order', side: 'BUY', price: 100.1, row: 0 });
    expect(hitTest(l, rows, mid('askQty'), yOf(4), 0)).toEqual({ kind: 'order', side: 'SELL', price: 99.9, row: 4 });
    expect(hitTest(l, rows, mid('askOrders'), yOf(1), 0)).toEqual({ kind: 'order', side: 'SELL', price: 100.05, row: 1 });
  });

  it('hits a marker of the user orders (cancel), and an empty marker cell is a plain order click', () => {
    expect(hitTest(l, rows, mid('myBuy'), yOf(4), 0)).toEqual({ kind: 'marker', side: 'BUY', price: 99.9, row: 4 });
    expect(hitTest(l, rows, mid('mySell'), yOf(0), 0)).toEqual({ kind: 'marker', side: 'SELL', price: 100.1, row: 0 });
    expect(hitTest(l, rows, mid('myBuy'), yOf(3), 0)).toEqual({ kind: 'order', side: 'BUY', price: 99.95, row: 3 });
  });

  it('does nothing on the price column, the spread row, or outside the rows', () => {
    expect(hitTest(l, rows, mid('price'), yOf(3), 0).kind).toBe('none');
    expect(hitTest(l, rows, mid('bidQty'), yOf(2), 0).kind).toBe('none');
    expect(hitTest(l, rows, mid('bidQty'), yOf(5), 0).kind).toBe('none');
    expect(hitTest(l, rows, -1, yOf(3), 0).kind).toBe('none');
  });

  it('accounts for the scroll position', () => {
    expect(hitTest(l, rows, mid('bidQty'), 9, 3 * 18)).toEqual({ kind: 'order', side: 'BUY', price: 99.95, row: 3 });
  });

  it('does nothing on the empty padding rows of a thin book, in any column', () => {
    const thin = fillRows(createRows(), [lv(99.95, 10)], [lv(100.05, 10)], 100, 5, new Map(), new Map());
    for (const row of [0, 1, 2, 3, 7, 8, 9, 10]) for (const c of COLUMNS) expect(hitTest(l, thin, mid(c), yOf(row), 0).kind).toBe('none');
    expect(hitTest(l, thin, mid('bidQty'), yOf(4), 0)).toEqual({ kind: 'order', side: 'BUY', price: 100.05, row: 4 });
    expect(hitTest(l, thin, mid('askQty'), yOf(6), 0)).toEqual({ kind: 'order', side: 'SELL', price: 99.95, row: 6 });
  });

  it('never yields an order or marker at a price <= 0 or off an ask/bid row, whatever the book and the click (property)', () => {
    const level = fc.record({ price: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }).map((t) => t / 20)), quantity: fc.nat(1000), orders: fc.nat(20) });
    fc.assert(
      fc.property(
        fc.array(level, { maxLength: 25 }),
        fc.array(level, { maxLength: 25 }),
        fc.constantFrom(5, 20),
        fc.double({ min: -10, max: 440, noNaN: true }),
        fc.double({ min: -10, max: 41 * 18 + 10, noNaN: true }),
        (bids, asks, levels, x, y) => {
          const marks = new Map([[0, 5]]);
          const r = fillRows(createRows(), bids, asks, 100, levels, marks, marks);
          const hit = hitTest(l, r, x, y, 0);
          if (hit.kind === 'none') return;
          expect(hit.price).toBeGreaterThan(0);
          expect([ROW_ASK, ROW_BID]).toContain(r.kind[hit.row]);
          expect(r.price[hit.row]).toBe(hit.price);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('columnAtX finds each column from its edges', () => {
    for (const c of COLUMNS) {
      expect(columnAtX(l, l.x[c])).toBe(c);
      expect(columnAtX(l, l.x[c] + l.w[c] - 0.5)).toBe(c);
    }
    expect(columnAtX(l, 420)).toBeNull();
  });
});
