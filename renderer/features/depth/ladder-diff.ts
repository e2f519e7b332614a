/**
 * Dirty-row diffing: what the canvas shows in each visible slot, compared with the next frame's
 * rows, gives a bitmask of the cells to redraw. Only those cells are cleared and drawn again, so a
 * frame where 20 rows change costs about 20 rows, not the whole ladder.
 *
 * A slot is one row position on screen (slot 0 = the first visible row). A changed row kind (ask,
 * spread, bid, blank: an empty padding row of a thin book or no row at all) redraws the whole row; otherwise each cell is compared on its own values, so a
 * shift of the price set redraws the price cells plus the cells whose values changed; a frame
 * whose geometry changed (scroll, size, pixel ratio, bar scale) redraws every slot (`invalidate`).
 *
 * Units: prices rupees, quantities units, bar widths CSS px. Source: issue 5, "Depth ladder" (must
 * stay smooth with every row changing).
 */
import { ROW_ASK, ROW_BID, ROW_EMPTY, ROW_SPREAD, type LadderRows } from './ladder-rows';

/** Cell bits of the dirty mask. */
export const CELL_MY_BUY = 1;
export const CELL_BID_ORDERS = 2;
export const CELL_BID_QTY = 4;
export const CELL_PRICE = 8;
export const CELL_ASK_QTY = 16;
export const CELL_ASK_ORDERS = 32;
export const CELL_MY_SELL = 64;
/** Every cell of the row (also: the spread row's one wide cell). */
export const CELL_ALL = 127;

/** What was drawn in each slot. Arrays sized by {@link resizeDrawn}. */
export interface DrawnSlots {
  slots: number;
  /** 0 = nothing drawn yet (forces a draw). */
  kind: Uint8Array;
  price: Float64Array;
  quantity: Float64Array;
  orders: Float64Array;
  bar: Float64Array;
  myBuy: Float64Array;
  mySell: Float64Array;
  /** 1 when the LTP marker was drawn on the slot's price. */
  ltp: Uint8Array;
  /** Dirty mask of the last diff, per slot. */
  dirty: Uint8Array;
}

/** Drawn state for `slots` slots, all undrawn. */
export function createDrawn(slots: number): DrawnSlots {
  return {
    slots,
    kind: new Uint8Array(slots),
    price: new Float64Array(slots),
    quantity: new Float64Array(slots),
    orders: new Float64Array(slots),
    bar: new Float64Array(slots),
    myBuy: new Float64Array(slots),
    mySell: new Float64Array(slots),
    ltp: new Uint8Array(slots),
    dirty: new Uint8Array(slots),
  };
}

/** Forgets what was drawn (the next diff marks every slot fully dirty). */
export function invalidate(d: DrawnSlots): void {
  d.kind.fill(0);
}

/**
 * Compares slots `0..end-first` with rows `first..end-1`, writes each slot's dirty mask into
 * `d.dirty`, records the new values as drawn, and returns the number of dirty slots. `bars[i]`
 * holds the bar width of row `i` (./bar-scale.ts), `ltpRow` the row carrying the LTP marker (or
 * -1). On the spread row `price` holds the spread and `quantity` the LTP.
 */
export function diffRows(d: DrawnSlots, rows: LadderRows, first: number, end: number, bars: Float64Array, ltpRow: number): number {
  const n = Math.min(d.slots, Math.max(0, end - first));
  let dirtyCount = 0;
  for (let s = 0; s < n; s++) {
    const r = first + s;
    // An empty padding row (ROW_EMPTY) draws exactly as a slot that shows no row: background only.
    const kind = rows.kind[r] === ROW_EMPTY ? SLOT_EMPTY : rows.kind[r]!;
    let mask = 0;
    if (kind === SLOT_EMPTY) {
      if (d.kind[s] !== SLOT_EMPTY) mask = CELL_ALL;
      d.price[s] = 0;
      d.quantity[s] = 0;
      d.orders[s] = 0;
      d.bar[s] = 0;
      d.myBuy[s] = 0;
      d.mySell[s] = 0;
      d.ltp[s] = 0;
    } else if (kind === ROW_SPREAD) {
      const spread = rows.spread;
      const ltp = rows.ltp;
      if (d.kind[s] !== ROW_SPREAD || !same(d.price[s]!, spread) || d.quantity[s] !== ltp) mask = CELL_ALL;
      d.price[s] = spread;
      d.quantity[s] = ltp;
      d.orders[s] = 0;
      d.bar[s] = 0;
      d.myBuy[s] = 0;
      d.mySell[s] = 0;
      d.ltp[s] = 0;
    } else {
      const price = rows.price[r]!;
      const q = rows.quantity[r]!;
      const o = rows.orders[r]!;
      const b = bars[r]!;
      const mb = rows.myBuy[r]!;
      const ms = rows.mySell[r]!;
      const l = r === ltpRow ? 1 : 0;
      if (d.kind[s] !== kind) mask = CELL_ALL;
      else {
        // Cell by cell: the pixels of a cell depend only on its values, so a row whose price moved
        // (the price set shifted) redraws its price cell and whatever else changed, not the row.
        if (d.price[s] !== price) mask |= CELL_PRICE;
        const qtyCell = kind === ROW_BID ? CELL_BID_QTY : CELL_ASK_QTY;
        const ordCell = kind === ROW_BID ? CELL_BID_ORDERS : CELL_ASK_ORDERS;
        if (d.quantity[s] !== q || d.bar[s] !== b) mask |= qtyCell;
        if (d.orders[s] !== o) mask |= ordCell;
        if (d.ltp[s] !== l) mask |= CELL_PRICE;
        if (d.myBuy[s] !== mb) mask |= CELL_MY_BUY;
        if (d.mySell[s] !== ms) mask |= CELL_MY_SELL;
      }
      d.price[s] = price;
      d.quantity[s] = q;
      d.orders[s] = o;
      d.bar[s] = b;
      d.myBuy[s] = mb;
      d.mySell[s] = ms;
      d.ltp[s] = l;
    }
    d.kind[s] = kind;
    d.dirty[s] = mask;
    if (mask !== 0) dirtyCount++;
  }
  // Slots below the last row (a viewport taller than the ladder): clear them once.
  for (let s = n; s < d.slots; s++) {
    d.dirty[s] = d.kind[s] === SLOT_EMPTY ? 0 : CELL_ALL;
    if (d.dirty[s] !== 0) dirtyCount++;
    d.kind[s] = SLOT_EMPTY;
  }
  return dirtyCount;
}

/** Kind value of a slot drawn blank (background only): an empty padding row (ROW_EMPTY) or no row. */
export const SLOT_EMPTY = 255;

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Kind of a row that carries quantities on the bid side. */
export function isBidRow(kind: number): boolean {
  return kind === ROW_BID;
}

/** Kind of a row that carries quantities on the ask side. */
export function isAskRow(kind: number): boolean {
  return kind === ROW_ASK;
}
