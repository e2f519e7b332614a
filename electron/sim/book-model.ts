/**
 * The simulated order book of one instrument: 200 price levels per side on the tick grid, each with
 * a quantity and an order count, whose shape changes over time:
 * - when the fair price moves, the book re-centres (levels crossed by the move disappear, new thin
 *   levels appear on the side the price moves away from);
 * - quote updates (additions and cancellations) arrive at random levels, biased to the top, pulling
 *   each level toward a humped target profile with round-number clustering plus noise;
 * - trades consume levels from the top (partial fills walk the levels).
 *
 * Prices inside are integer tick indices (price = ticks × tick size); quantities are units, always
 * multiples of the lot size. No level is ever quoted at or below price 0: bid levels that would sit
 * below one tick are kept empty, so a deep out-of-the-money option shows a thin bid side (one or a
 * few levels down to one tick) rather than a level at ₹0. Source: issue 4, "Market model"; the 200 levels match Dhan's full
 * market depth (seeds/002, "Full Market Depth", 200-level).
 */

import type { Rng } from './rng';

/** Levels per side (Dhan's deepest depth feed). */
export const BOOK_LEVELS = 200;

/** Depth profile by level: thin at the touch, fuller a few levels out, thinning far away. */
const HUMP = Float64Array.from({ length: BOOK_LEVELS }, (_, i) => 0.55 + 1.1 * (1 - Math.exp(-i / 6)) * Math.exp(-i / 160));

/** One consumed or quoted level, in ticks and units. */
export interface TickFill {
  /** Price in integer ticks. */
  readonly ticks: number;
  /** Quantity, units. */
  readonly quantity: number;
}

/** Shape parameters of one book. */
export interface BookShape {
  /** Lot size, units; every level holds whole lots. */
  readonly lotSize: number;
  /** Typical quantity at a level near the top, units. */
  readonly levelQuantity: number;
  /** Typical order size, units (for the order counts). */
  readonly orderQuantity: number;
  /** Usual bid-ask spread, ticks (≥ 1). */
  readonly spreadTicks: number;
  /** Quote updates per simulated second (both sides together). */
  readonly quoteRate: number;
}

/** A 200-level book. Mutable: only the market model that owns it changes it. */
export class SimBook {
  /** Price of bid level 0 in ticks; bid level i is at `bidTop − i`. */
  bidTop = 0;
  /** Price of ask level 0 in ticks; ask level i is at `askTop + i`. */
  askTop = 0;
  readonly bidQty = new Float64Array(BOOK_LEVELS);
  readonly askQty = new Float64Array(BOOK_LEVELS);
  readonly bidOrders = new Int32Array(BOOK_LEVELS);
  readonly askOrders = new Int32Array(BOOK_LEVELS);
  private spread: number;

  constructor(
    readonly shape: BookShape,
    private readonly rng: Rng,
  ) {
    this.spread = Math.max(1, Math.round(shape.spreadTicks));
  }

  /** Target quantity of level `i` at absolute price `ticks` (humped profile, round prices heavier). */
  private target(i: number, ticks: number): number {
    const round = ticks % 20 === 0 ? 1.8 : ticks % 10 === 0 ? 1.35 : 1;
    return this.shape.levelQuantity * HUMP[i]! * round;
  }

  /** A fresh quantity for a level: the target with uniform noise, in whole lots (≥ 1 lot). */
  private fresh(i: number, ticks: number, scale = 1): number {
    const lot = this.shape.lotSize;
    const q = this.target(i, ticks) * scale * (0.45 + 1.1 * this.rng.next()); // ±55 % around the profile
    return Math.max(1, Math.round(q / lot)) * lot;
  }

  private orderCount(q: number): number {
    if (q <= 0) return 0;
    return Math.max(1, Math.round((q / this.shape.orderQuantity) * (0.7 + 0.6 * this.rng.next())));
  }

  /** Where the top of each side belongs for a fair price of `fairTicks` (fractional ticks). */
  private tops(fairTicks: number): [number, number] {
    const bid = Math.floor(fairTicks) - Math.floor((this.spread - 1) / 2);
    return [bid, bid + this.spread];
  }

  /** Rebuilds the whole book around a fair price given in (fractional) ticks. */
  reset(fairTicks: number): void {
    [this.bidTop, this.askTop] = this.tops(fairTicks);
    for (let i = 0; i < BOOK_LEVELS; i++) {
      this.bidQty[i] = this.fresh(i, this.bidTop - i);
      this.askQty[i] = this.fresh(i, this.askTop + i);
      this.bidOrders[i] = this.orderCount(this.bidQty[i]!);
      this.askOrders[i] = this.orderCount(this.askQty[i]!);
    }
    this.clipBids();
  }

  /** Empties the bid levels at or below price 0 (bid level i sits at `bidTop − i` ticks). */
  private clipBids(): void {
    for (let i = Math.max(0, this.bidTop); i < BOOK_LEVELS; i++) {
      this.bidQty[i] = 0;
      this.bidOrders[i] = 0;
    }
  }

  /**
   * Moves the book to a new fair price. Levels that would now cross are dropped; levels opened up
   * between the old and new top arrive thin (a third to the full profile).
   */
  recenter(fairTicks: number): void {
    if (this.rng.next() < 0.02) this.spread = Math.max(1, Math.round(this.shape.spreadTicks * (0.5 + this.rng.next() * 1.5)));
    const [bid, ask] = this.tops(fairTicks);
    this.shiftSide(this.bidQty, this.bidOrders, bid - this.bidTop, (i) => bid - i);
    this.shiftSide(this.askQty, this.askOrders, this.askTop - ask, (i) => ask + i);
    this.bidTop = bid;
    this.askTop = ask;
    this.clipBids();
  }

  /** `towardTop` > 0: the side's top moved outward by that many ticks (new levels at the top). */
  private shiftSide(qty: Float64Array, orders: Int32Array, towardTop: number, priceOf: (i: number) => number): void {
    if (towardTop === 0) return;
    const n = BOOK_LEVELS;
    if (Math.abs(towardTop) >= n) {
      for (let i = 0; i < n; i++) {
        qty[i] = this.fresh(i, priceOf(i));
        orders[i] = this.orderCount(qty[i]!);
      }
      return;
    }
    if (towardTop > 0) {
      qty.copyWithin(towardTop, 0, n - towardTop);
      orders.copyWithin(towardTop, 0, n - towardTop);
      for (let i = 0; i < towardTop; i++) {
        qty[i] = this.fresh(i, priceOf(i), 0.33 + 0.67 * this.rng.next());
        orders[i] = this.orderCount(qty[i]!);
      }
    } else {
      const k = -towardTop;
      qty.copyWithin(0, k);
      orders.copyWithin(0, k);
      for (let i = n - k; i < n; i++) {
        qty[i] = this.fresh(i, priceOf(i));
        orders[i] = this.orderCount(qty[i]!);
      }
    }
  }

  /**
   * Quote updates for `dtMs` of simulated time: a Poisson number of events, each at a level drawn
   * near the top (exponential, mean 8 levels), moving its quantity part of the way to the target
   * with noise: additions and cancellations both occur.
   */
  churn(dtMs: number): void {
    const events = this.rng.poisson((this.shape.quoteRate * dtMs) / 1000);
    const lot = this.shape.lotSize;
    for (let e = 0; e < events; e++) {
      const bid = this.rng.next() < 0.5;
      const i = Math.min(BOOK_LEVELS - 1, Math.floor(this.rng.exponential() * 8));
      const qty = bid ? this.bidQty : this.askQty;
      const orders = bid ? this.bidOrders : this.askOrders;
      const ticks = bid ? this.bidTop - i : this.askTop + i;
      const cur = qty[i]!;
      const tgt = this.target(i, ticks);
      const next = cur + (tgt - cur) * 0.35 + tgt * 0.35 * this.rng.normal();
      qty[i] = Math.max(i === 0 ? lot : 0, Math.round(next / lot) * lot);
      orders[i] = this.orderCount(qty[i]!);
    }
    this.clipBids();
  }

  /** Best bid in ticks (first non-empty level), or NaN when the side is empty. */
  bestBid(): number {
    for (let i = 0; i < BOOK_LEVELS; i++) if (this.bidQty[i]! > 0) return this.bidTop - i;
    return NaN;
  }

  /** Best ask in ticks, or NaN when the side is empty. */
  bestAsk(): number {
    for (let i = 0; i < BOOK_LEVELS; i++) if (this.askQty[i]! > 0) return this.askTop + i;
    return NaN;
  }

  /** Total resting quantity of a side, units. */
  total(side: 'bid' | 'ask'): number {
    const a = side === 'bid' ? this.bidQty : this.askQty;
    let s = 0;
    for (let i = 0; i < BOOK_LEVELS; i++) s += a[i]!;
    return s;
  }

  /**
   * An aggressor of side `side` takes up to `quantity` units, walking levels from the top while the
   * price is no worse than `limitTicks` (null: any price). Returns the fills, best price first;
   * consumed quantity leaves the book.
   */
  take(side: 'BUY' | 'SELL', quantity: number, limitTicks: number | null): TickFill[] {
    const buy = side === 'BUY';
    const qty = buy ? this.askQty : this.bidQty;
    const orders = buy ? this.askOrders : this.bidOrders;
    const fills: TickFill[] = [];
    let left = quantity;
    for (let i = 0; i < BOOK_LEVELS && left > 0; i++) {
      const ticks = buy ? this.askTop + i : this.bidTop - i;
      if (limitTicks !== null && (buy ? ticks > limitTicks : ticks < limitTicks)) break;
      const q = qty[i]!;
      if (q <= 0) continue;
      const f = Math.min(q, left);
      qty[i] = q - f;
      orders[i] = q - f > 0 ? Math.max(1, Math.round((orders[i]! * (q - f)) / q)) : 0;
      left -= f;
      fills.push({ ticks, quantity: f });
    }
    return fills;
  }

  /** Up to `n` non-empty levels of a side, best first, in ticks and units with order counts. */
  levels(side: 'bid' | 'ask', n: number): { ticks: number; quantity: number; orders: number }[] {
    const bid = side === 'bid';
    const qty = bid ? this.bidQty : this.askQty;
    const orders = bid ? this.bidOrders : this.askOrders;
    const out: { ticks: number; quantity: number; orders: number }[] = [];
    for (let i = 0; i < BOOK_LEVELS && out.length < n; i++) {
      if (qty[i]! > 0) out.push({ ticks: bid ? this.bidTop - i : this.askTop + i, quantity: qty[i]!, orders: orders[i]! });
    }
    return out;
  }
}
