import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/price';
import { ladderHookData } from './ladder-hook';
import { computeLayout } from './ladder-layout';
import { createRows, fillRows } from './ladder-rows';

describe('ladderHookData', () => {
  it('lists the drawn rows in order with kinds, markers, and the geometry a test needs to click one', () => {
    const rows = fillRows(
      createRows(),
      [{ price: 99.95, quantity: 10, orders: 2 }],
      [{ price: 100.05, quantity: 5, orders: 1 }],
      100,
      2,
      new Map([[toUnits(99.95), 3]]),
      new Map(),
    );
    const layout = computeLayout(420, 18);
    const h = ladderHookData(rows, layout, 36, 2, 300);
    // One hook row per drawn row (tests click at y = index · rowHeight − scrollTop), padding as `e`.
    expect(h.rows).toEqual([
      ['e', 0, 0, 0, 0, 0],
      ['a', 100.05, 5, 1, 0, 0],
      ['s', 0, 0, 0, 0, 0],
      ['b', 99.95, 10, 2, 3, 0],
      ['e', 0, 0, 0, 0, 0],
    ]);
    expect(h).toMatchObject({ levels: 2, spreadRow: 2, asks: 1, bids: 1, ltp: 100, spread: 0.1, rowHeight: 18, scrollTop: 36, viewHeight: 300 });
    expect(h.columns.bidQty).toEqual([layout.x.bidQty, layout.w.bidQty]);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });

  it('reports no spread when a side is empty', () => {
    const rows = fillRows(createRows(), [], [{ price: 100.05, quantity: 5, orders: 1 }], 0, 20, new Map(), new Map());
    expect(ladderHookData(rows, computeLayout(420), 0, 20, 300).spread).toBeNull();
  });
});
