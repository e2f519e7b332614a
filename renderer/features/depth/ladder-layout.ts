/**
 * Geometry of the ladder: columns, rows, scrolling and hit testing, in CSS pixels (the renderer
 * multiplies by the device pixel ratio). Pure: no DOM.
 *
 * Columns, left to right: the user's BUY orders at the row's price ("mine"), bid orders count,
 * bid quantity (bar grows leftward from the price column), price, ask quantity (bar grows
 * rightward), ask orders count, the user's SELL orders. Rows: see ./ladder-rows.ts (asks above the
 * spread row, bids below, price falling downward).
 *
 * One-click convention (written down in ./README.md): a click in the left half (mine/orders/qty of
 * the bid side) of any price row is a BUY limit at that row's price; a click in the right half a
 * SELL limit at that price; a click on a marker of the user's orders is a cancel; the price column,
 * the spread row and the empty padding rows of a thin book do nothing (no order at price 0). This
 * is the vertical DOM convention of most trading screens (a BUY clicked at or above the best ask
 * is marketable; the confirmation step says so).
 *
 * Source: issue 5, "Depth ladder" (scroll for 200 levels; one-click trading).
 */
import { ROW_ASK, ROW_BID, type LadderRows } from './ladder-rows';

/** Column ids. */
export type LadderColumn = 'myBuy' | 'bidOrders' | 'bidQty' | 'price' | 'askQty' | 'askOrders' | 'mySell';

/** Column order, left to right. */
export const COLUMNS: readonly LadderColumn[] = ['myBuy', 'bidOrders', 'bidQty', 'price', 'askQty', 'askOrders', 'mySell'];

const SHARE: Readonly<Record<LadderColumn, number>> = {
  myBuy: 12,
  bidOrders: 9,
  bidQty: 20,
  price: 18,
  askQty: 20,
  askOrders: 9,
  mySell: 12,
};

/** Column edges: `x[c]` left edge and `w[c]` width, integer CSS px. */
export interface LadderLayout {
  readonly width: number;
  readonly rowHeight: number;
  readonly x: Readonly<Record<LadderColumn, number>>;
  readonly w: Readonly<Record<LadderColumn, number>>;
}

/** Default row height, CSS px. */
export const ROW_HEIGHT = 18;

/**
 * Narrowest ladder, CSS px: below it the columns cannot hold an 8-character price or a
 * `1,23,456` quantity, so a narrower panel scrolls sideways instead of overlapping text.
 */
export const MIN_LADDER_WIDTH = 340;

/**
 * Columns for a ladder `width` CSS px wide (integer edges that add up exactly to the width).
 * Widths below {@link MIN_LADDER_WIDTH} are laid out at that width (the panel scrolls sideways).
 */
export function computeLayout(width: number, rowHeight = ROW_HEIGHT): LadderLayout {
  const W = Math.max(MIN_LADDER_WIDTH, Math.floor(width));
  const total = COLUMNS.reduce((s, c) => s + SHARE[c], 0);
  const x = {} as Record<LadderColumn, number>;
  const w = {} as Record<LadderColumn, number>;
  let acc = 0;
  let left = 0;
  for (const c of COLUMNS) {
    acc += SHARE[c];
    const right = Math.round((acc / total) * W);
    x[c] = left;
    w[c] = right - left;
    left = right;
  }
  return { width: W, rowHeight, x, w };
}

/** Which rows a viewport of `viewHeight` px scrolled to `scrollTop` px shows. */
export interface VisibleRows {
  /** First row index drawn (may be partly hidden above). */
  readonly first: number;
  /** One past the last row index drawn. */
  readonly end: number;
  /** Y of row `first`'s top edge in the viewport, CSS px (0 or negative). */
  readonly offsetY: number;
}

/** Total content height of `count` rows, CSS px. */
export function contentHeight(count: number, rowHeight: number): number {
  return count * rowHeight;
}

/** `scrollTop` limited to what the content allows. */
export function clampScroll(scrollTop: number, count: number, rowHeight: number, viewHeight: number): number {
  const max = Math.max(0, contentHeight(count, rowHeight) - viewHeight);
  return Math.min(max, Math.max(0, Math.round(scrollTop)));
}

/** Rows visible in the viewport. */
export function visibleRows(scrollTop: number, viewHeight: number, count: number, rowHeight: number): VisibleRows {
  const top = clampScroll(scrollTop, count, rowHeight, viewHeight);
  const first = Math.min(count, Math.floor(top / rowHeight));
  const end = Math.min(count, Math.ceil((top + viewHeight) / rowHeight));
  return { first, end, offsetY: first * rowHeight - top };
}

/** The row under viewport y (CSS px), or -1 outside the rows. */
export function rowAtY(y: number, scrollTop: number, count: number, rowHeight: number): number {
  if (y < 0) return -1;
  const r = Math.floor((y + scrollTop) / rowHeight);
  return r >= 0 && r < count ? r : -1;
}

/**
 * The scroll position that puts the spread row (index `spreadRow`, the level setting: see
 * ./ladder-rows.ts) in the middle of the viewport. The spread row's index and the content height
 * depend only on the level setting, so this stays right however the book fills or thins.
 */
export function centredScrollTop(spreadRow: number, count: number, rowHeight: number, viewHeight: number): number {
  return clampScroll(spreadRow * rowHeight + rowHeight / 2 - viewHeight / 2, count, rowHeight, viewHeight);
}

/** The column under x (CSS px), or null outside. */
export function columnAtX(layout: LadderLayout, x: number): LadderColumn | null {
  if (x < 0 || x >= layout.width) return null;
  for (const c of COLUMNS) if (x < layout.x[c] + layout.w[c]) return c;
  return null;
}

/** What a click means. Prices rupees; `row` the row index. */
export type LadderHit =
  | { readonly kind: 'none' }
  | { readonly kind: 'order'; readonly side: 'BUY' | 'SELL'; readonly price: number; readonly row: number }
  | { readonly kind: 'marker'; readonly side: 'BUY' | 'SELL'; readonly price: number; readonly row: number };

const NONE: LadderHit = { kind: 'none' };

/** Hit test of a click at viewport (x, y) CSS px. See the file comment for the convention. */
export function hitTest(layout: LadderLayout, rows: LadderRows, x: number, y: number, scrollTop: number): LadderHit {
  const row = rowAtY(y, scrollTop, rows.count, layout.rowHeight);
  const col = columnAtX(layout, x);
  // Only ask and bid rows trade: the spread row and the empty padding rows do nothing.
  if (row < 0 || col === null) return NONE;
  const kind = rows.kind[row];
  if (kind !== ROW_ASK && kind !== ROW_BID) return NONE;
  const price = rows.price[row]!;
  if (!(price > 0)) return NONE;
  if (col === 'myBuy' && rows.myBuy[row]! > 0) return { kind: 'marker', side: 'BUY', price, row };
  if (col === 'mySell' && rows.mySell[row]! > 0) return { kind: 'marker', side: 'SELL', price, row };
  if (col === 'myBuy' || col === 'bidOrders' || col === 'bidQty') return { kind: 'order', side: 'BUY', price, row };
  if (col === 'mySell' || col === 'askOrders' || col === 'askQty') return { kind: 'order', side: 'SELL', price, row };
  return NONE;
}
