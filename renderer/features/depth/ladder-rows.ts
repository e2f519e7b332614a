/**
 * The ladder's rows as struct-of-arrays, rebuilt in place from each `DepthSnapshot` (no allocation
 * per frame once the arrays are big enough).
 *
 * Row order, top to bottom, price falling all the way down (the usual vertical depth view), in a
 * fixed number of slots for a level setting L (5, 20 or 200): 2·L + 1 rows,
 *   L ask slots: empty padding rows first, then the asks worst first (row L-1 = the best ask),
 *   one spread row (spread and LTP), always row L,
 *   L bid slots: the bids best first (row L+1 = the best bid), then empty padding rows.
 * Why fixed: with rows only for the levels present, a book that loses or gains an ask level moved
 * the spread row and every bid row by a row, changed the scroll height (the browser clamped
 * scrollTop) and could change the price under the trader's pointer between seeing and clicking it.
 * Now the spread row and the content height only change with the level setting. (Rows are still
 * levels, not a price grid: a level that empties between the best bid and a row moves that row's
 * price up by one slot, as on any level ladder.)
 * Prices are rupees (snapped, as the contract carries them); quantities units; `orders` counts.
 * Levels with price 0 (empty levels of a thin book) are skipped, so they become padding at the far
 * end of their side. Empty rows carry price, quantity, orders and markers 0.
 *
 * Source: issue 5, "Depth ladder"; shared/ipc/contract.ts `DepthSnapshot` (best first);
 * shared/market.ts `DepthLevel`.
 */
import type { DepthLevel } from '../../../shared/market';
import { toUnits } from '../../../shared/price';

/** What a row is. */
export const ROW_ASK = 1;
export const ROW_SPREAD = 2;
export const ROW_BID = 3;
/** A padding slot of a side with fewer levels than the ladder shows: drawn blank, never clickable. */
export const ROW_EMPTY = 4;

/** The rows of one ladder frame. Arrays are longer than `count`; read only `[0, count)`. */
export interface LadderRows {
  /** Rows: 2·levels + 1 (see the file comment). */
  count: number;
  /** Index of the spread row (= the level setting; rows above it are ask slots). */
  spreadRow: number;
  /** Ask / bid levels shown (ROW_ASK / ROW_BID rows; the other slots of a side are ROW_EMPTY). */
  asks: number;
  bids: number;
  /** ROW_ASK, ROW_SPREAD, ROW_BID or ROW_EMPTY. */
  kind: Uint8Array;
  /** Price, rupees (0 on the spread row and empty rows). */
  price: Float64Array;
  /** Quantity resting at the price, units (on the row's own side). */
  quantity: Float64Array;
  /** Orders at the price. */
  orders: Float64Array;
  /** The user's working BUY / SELL quantity at the row's price, units (0 when none). */
  myBuy: Float64Array;
  mySell: Float64Array;
  /** Sum of the shown bid / ask quantities, units. */
  totalBid: number;
  totalAsk: number;
  /** Best ask − best bid, rupees (NaN when a side is empty). */
  spread: number;
  /** LTP, rupees (0 when unknown). */
  ltp: number;
}

/** Empty rows with room for `capacity` rows (grown on demand by {@link fillRows}). */
export function createRows(capacity = 16): LadderRows {
  return {
    count: 0,
    spreadRow: 0,
    asks: 0,
    bids: 0,
    kind: new Uint8Array(capacity),
    price: new Float64Array(capacity),
    quantity: new Float64Array(capacity),
    orders: new Float64Array(capacity),
    myBuy: new Float64Array(capacity),
    mySell: new Float64Array(capacity),
    totalBid: 0,
    totalAsk: 0,
    spread: NaN,
    ltp: 0,
  };
}

function grow(rows: LadderRows, n: number): void {
  if (rows.kind.length >= n) return;
  const cap = Math.max(n, rows.kind.length * 2);
  rows.kind = new Uint8Array(cap);
  rows.price = new Float64Array(cap);
  rows.quantity = new Float64Array(cap);
  rows.orders = new Float64Array(cap);
  rows.myBuy = new Float64Array(cap);
  rows.mySell = new Float64Array(cap);
}

function usable(l: DepthLevel): boolean {
  return l.price > 0 && Number.isFinite(l.price);
}

/**
 * The user's working quantity by price, for one side: price in integer ₹0.0001 units
 * (shared/price.ts `toUnits`) → units. See ./order-markers.ts.
 */
export type MarkerMap = ReadonlyMap<number, number>;

/**
 * Rebuilds `rows` from the sides of a snapshot (best first) and the user's working orders, laid out
 * in a fixed number of slots: `maxLevels` ask slots, the spread row, `maxLevels` bid slots
 * (`count` = 2·maxLevels + 1, the spread row always at index `maxLevels`). At most `maxLevels`
 * levels per side are used; the ask side is padded with ROW_EMPTY rows above the deepest ask, the
 * bid side below the deepest bid. `maxLevels` is the ladder's level setting (5, 20 or 200; a
 * non-integer or negative value is floored / taken as 0).
 */
export function fillRows(
  rows: LadderRows,
  bids: readonly DepthLevel[],
  asks: readonly DepthLevel[],
  ltp: number,
  maxLevels: number,
  myBuys: MarkerMap,
  mySells: MarkerMap,
): LadderRows {
  const L = maxLevels > 0 ? Math.floor(maxLevels) : 0;
  let na = 0;
  for (let i = 0; i < asks.length && na < L; i++) if (usable(asks[i]!)) na++;
  let nb = 0;
  for (let i = 0; i < bids.length && nb < L; i++) if (usable(bids[i]!)) nb++;
  const count = 2 * L + 1;
  grow(rows, count);
  const { kind, price, quantity, orders, myBuy, mySell } = rows;
  // Padding: ask slots above the deepest ask, bid slots below the deepest bid, and the spread row.
  for (let i = 0; i < L - na; i++) blank(rows, i, ROW_EMPTY);
  blank(rows, L, ROW_SPREAD);
  for (let i = L + 1 + nb; i < count; i++) blank(rows, i, ROW_EMPTY);
  let totalAsk = 0;
  let totalBid = 0;
  // Asks: the worst shown ask on row L-na, the best just above the spread row.
  let r = L - 1;
  let bestAsk = NaN;
  for (let i = 0, used = 0; i < asks.length && used < na; i++) {
    const l = asks[i]!;
    if (!usable(l)) continue;
    if (used === 0) bestAsk = l.price;
    kind[r] = ROW_ASK;
    price[r] = l.price;
    quantity[r] = l.quantity;
    orders[r] = l.orders;
    totalAsk += l.quantity;
    r--;
    used++;
  }
  r = L + 1;
  let bestBid = NaN;
  for (let i = 0, used = 0; i < bids.length && used < nb; i++) {
    const l = bids[i]!;
    if (!usable(l)) continue;
    if (used === 0) bestBid = l.price;
    kind[r] = ROW_BID;
    price[r] = l.price;
    quantity[r] = l.quantity;
    orders[r] = l.orders;
    totalBid += l.quantity;
    r++;
    used++;
  }
  const marks = myBuys.size > 0 || mySells.size > 0;
  for (let i = L - na; i < L + 1 + nb; i++) {
    if (i === L || !marks) {
      myBuy[i] = 0;
      mySell[i] = 0;
      continue;
    }
    const u = toUnits(price[i]!);
    myBuy[i] = myBuys.get(u) ?? 0;
    mySell[i] = mySells.get(u) ?? 0;
  }
  rows.count = count;
  rows.spreadRow = L;
  rows.asks = na;
  rows.bids = nb;
  rows.totalAsk = totalAsk;
  rows.totalBid = totalBid;
  rows.spread = Number.isNaN(bestAsk) || Number.isNaN(bestBid) ? NaN : Math.round((bestAsk - bestBid) * 10_000) / 10_000;
  rows.ltp = ltp > 0 && Number.isFinite(ltp) ? ltp : 0;
  return rows;
}

function blank(rows: LadderRows, i: number, k: number): void {
  rows.kind[i] = k;
  rows.price[i] = 0;
  rows.quantity[i] = 0;
  rows.orders[i] = 0;
  rows.myBuy[i] = 0;
  rows.mySell[i] = 0;
}

/** Best ask of the rows, rupees (0 when the ask side is empty). */
export function bestAskOf(rows: LadderRows): number {
  return rows.asks > 0 ? rows.price[rows.spreadRow - 1]! : 0;
}

/** Best bid of the rows, rupees (0 when the bid side is empty). */
export function bestBidOf(rows: LadderRows): number {
  return rows.bids > 0 ? rows.price[rows.spreadRow + 1]! : 0;
}

/** The ask or bid row whose price equals `price` (rupees), or -1 (also for price <= 0). Linear: ladders are at most 401 rows. */
export function rowOfPrice(rows: LadderRows, price: number): number {
  const u = toUnits(price);
  if (!(u > 0)) return -1;
  for (let i = 0; i < rows.count; i++) {
    const k = rows.kind[i];
    if ((k === ROW_ASK || k === ROW_BID) && toUnits(rows.price[i]!) === u) return i;
  }
  return -1;
}

/**
 * The row the LTP marker goes on: the row whose price equals the LTP, or -1 when the LTP lies
 * between rows or outside the ladder (the spread row shows it then).
 */
export function ltpRow(rows: LadderRows): number {
  return rows.ltp > 0 ? rowOfPrice(rows, rows.ltp) : -1;
}
