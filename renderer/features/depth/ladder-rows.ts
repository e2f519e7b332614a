/**
 * The ladder's rows as struct-of-arrays, rebuilt in place from each `DepthSnapshot` (no allocation
 * per frame once the arrays are big enough).
 *
 * Row order, top to bottom, price falling all the way down (the usual vertical depth view):
 *   asks, worst first (row 0 = the deepest ask, row nAsks-1 = the best ask),
 *   one spread row (spread and LTP),
 *   bids, best first (row nAsks+1 = the best bid).
 * Prices are rupees (snapped, as the contract carries them); quantities units; `orders` counts.
 * Levels with price 0 (empty levels of a thin book) are skipped.
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

/** The rows of one ladder frame. Arrays are longer than `count`; read only `[0, count)`. */
export interface LadderRows {
  count: number;
  /** Rows above the spread row (= the spread row's index). */
  asks: number;
  bids: number;
  /** ROW_ASK, ROW_SPREAD or ROW_BID. */
  kind: Uint8Array;
  /** Price, rupees (0 on the spread row). */
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
 * Rebuilds `rows` from the sides of a snapshot (best first) and the user's working orders.
 * At most `maxLevels` levels per side are used.
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
  let na = 0;
  for (let i = 0; i < asks.length && na < maxLevels; i++) if (usable(asks[i]!)) na++;
  let nb = 0;
  for (let i = 0; i < bids.length && nb < maxLevels; i++) if (usable(bids[i]!)) nb++;
  const count = na + 1 + nb;
  grow(rows, count);
  const { kind, price, quantity, orders, myBuy, mySell } = rows;
  let totalAsk = 0;
  let totalBid = 0;
  // Asks: the worst shown ask on row 0, the best just above the spread row.
  let r = na - 1;
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
  kind[na] = ROW_SPREAD;
  price[na] = 0;
  quantity[na] = 0;
  orders[na] = 0;
  r = na + 1;
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
  for (let i = 0; i < count; i++) {
    if (i === na) {
      myBuy[i] = 0;
      mySell[i] = 0;
      continue;
    }
    const u = toUnits(price[i]!);
    myBuy[i] = myBuys.size === 0 ? 0 : (myBuys.get(u) ?? 0);
    mySell[i] = mySells.size === 0 ? 0 : (mySells.get(u) ?? 0);
  }
  rows.count = count;
  rows.asks = na;
  rows.bids = nb;
  rows.totalAsk = totalAsk;
  rows.totalBid = totalBid;
  rows.spread = Number.isNaN(bestAsk) || Number.isNaN(bestBid) ? NaN : Math.round((bestAsk - bestBid) * 10_000) / 10_000;
  rows.ltp = ltp > 0 && Number.isFinite(ltp) ? ltp : 0;
  return rows;
}

/** The row whose price equals `price` (rupees), or -1. Linear: ladders are at most 401 rows. */
export function rowOfPrice(rows: LadderRows, price: number): number {
  const u = toUnits(price);
  for (let i = 0; i < rows.count; i++) if (rows.kind[i] !== ROW_SPREAD && toUnits(rows.price[i]!) === u) return i;
  return -1;
}

/**
 * The row the LTP marker goes on: the row whose price equals the LTP, or -1 when the LTP lies
 * between rows or outside the ladder (the spread row shows it then).
 */
export function ltpRow(rows: LadderRows): number {
  return rows.ltp > 0 ? rowOfPrice(rows, rows.ltp) : -1;
}
