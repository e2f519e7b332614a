/**
 * Positions built from fills, one per (segment, security id, product), by the average-cost method:
 * fills that add to the open side move its average (`costPrice`); fills against it book realised
 * P&L = closed quantity × (exit price − cost) × direction. Unrealised P&L = net quantity ×
 * (LTP − cost). Buy/sell averages are over all buys/sells (carry forward + day), as Dhan shows them.
 *
 * Conversion (`convert`): open quantity moves from one product's position to another's at its
 * cost, taking its buy (long) or sell (short) quantity from the day figures first, then from carry
 * forward, valued at that cost (not at the average of all the day's buys), so each position keeps netQty = buyQty − sellQty; realised P&L stays where
 * it was booked. Delivery (`deliverCnc`, at the rollover) closes CNC longs into the demat account.
 *
 * Day rollover (`rollDay`): open quantity becomes carry-forward (at cost), day quantities and values
 * restart; realised P&L of the finished day is returned (the funds move it into the opening balance).
 * Source: seeds/002 "Portfolio and Positions" (buyAvg, buyQty, sellAvg, sellQty, netQty,
 * realizedProfit, unrealizedProfit, costPrice, dayBuy/daySell, carryForward fields).
 */

import type { InstrumentRef } from '../../../shared/market';
import type { OrderSide, ProductType } from '../../../shared/orders';
import type { Position } from '../../../shared/portfolio';
import type { SimContract } from '../sim-instrument';

interface PositionRec {
  readonly contract: SimContract;
  readonly product: ProductType;
  cfBuyQty: number;
  cfSellQty: number;
  cfBuyValue: number;
  cfSellValue: number;
  dayBuyQty: number;
  daySellQty: number;
  dayBuyValue: number;
  daySellValue: number;
  net: number;
  cost: number;
  realised: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Key of a position: `NSE_EQ:2885:INTRADAY`. */
export function positionKey(ref: InstrumentRef, product: ProductType): string {
  return `${ref.segment}:${ref.securityId}:${product}`;
}

/** The book of positions. */
export class PositionBook {
  private readonly recs = new Map<string, PositionRec>();

  /** Net quantity of a position (units; negative when short), 0 when none. */
  net(ref: InstrumentRef, product: ProductType): number {
    return this.recs.get(positionKey(ref, product))?.net ?? 0;
  }

  /** Average cost of the open quantity of a position, rupees (unrounded); 0 when flat or none. */
  cost(ref: InstrumentRef, product: ProductType): number {
    return this.recs.get(positionKey(ref, product))?.cost ?? 0;
  }

  private rec(contract: SimContract, product: ProductType): PositionRec {
    const key = positionKey(contract, product);
    let p = this.recs.get(key);
    if (!p) {
      p = { contract, product, cfBuyQty: 0, cfSellQty: 0, cfBuyValue: 0, cfSellValue: 0, dayBuyQty: 0, daySellQty: 0, dayBuyValue: 0, daySellValue: 0, net: 0, cost: 0, realised: 0 };
      this.recs.set(key, p);
    }
    return p;
  }

  /**
   * Brings `quantity` units of held stock (demat) into a long-or-flat position as carry-forward
   * buys at `cost` rupees, just before they are sold, so the sale books realised P&L against the
   * holding's cost. Ignored for a short position or a non-positive quantity.
   */
  carryIn(contract: SimContract, product: ProductType, quantity: number, cost: number): void {
    if (quantity <= 0) return;
    const p = this.rec(contract, product);
    if (p.net < 0) return;
    p.cfBuyQty += quantity;
    p.cfBuyValue += quantity * cost;
    p.cost = (p.cost * p.net + cost * quantity) / (p.net + quantity);
    p.net += quantity;
  }

  /**
   * Moves `quantity` open units of the `from` position to the `to` position of the same
   * instrument (see the file comment). The caller checks that `from` holds that much open quantity
   * and that `to` is flat or on the same side. Returns the cost price of the moved units, rupees.
   */
  convert(contract: SimContract, from: ProductType, to: ProductType, quantity: number): number {
    const a = this.rec(contract, from);
    const long = a.net > 0;
    const cost = a.cost;
    // The moved units leave at their cost (the open quantity's average cost), not at the average of
    // every buy of the day: after buy @A, sell @B, buy @C the one open unit cost C, and the target
    // position must show it bought at C while A→B stays a closed round trip in the source.
    const take = (qty: number, _value: number, want: number): [number, number] => {
      const q = Math.min(qty, want);
      return [q, cost * q];
    };
    const [dq, dv] = take(long ? a.dayBuyQty : a.daySellQty, long ? a.dayBuyValue : a.daySellValue, quantity);
    const [cq, cv] = take(long ? a.cfBuyQty : a.cfSellQty, long ? a.cfBuyValue : a.cfSellValue, quantity - dq);
    if (long) {
      a.dayBuyQty -= dq;
      a.dayBuyValue -= dv;
      a.cfBuyQty -= cq;
      a.cfBuyValue -= cv;
    } else {
      a.daySellQty -= dq;
      a.daySellValue -= dv;
      a.cfSellQty -= cq;
      a.cfSellValue -= cv;
    }
    a.net += long ? -quantity : quantity;
    if (a.net === 0) a.cost = 0;
    const b = this.rec(contract, to);
    if (long) {
      b.dayBuyQty += dq;
      b.dayBuyValue += dv;
      b.cfBuyQty += cq;
      b.cfBuyValue += cv;
    } else {
      b.daySellQty += dq;
      b.daySellValue += dv;
      b.cfSellQty += cq;
      b.cfSellValue += cv;
    }
    const open = Math.abs(b.net);
    b.cost = (b.cost * open + cost * quantity) / (open + quantity);
    b.net += long ? quantity : -quantity;
    return cost;
  }

  /**
   * Delivery at the day rollover: every CNC long is closed out of the position book (its open
   * quantity goes to the demat account). Returns what was delivered: contract, units, cost.
   */
  deliverCnc(): { contract: SimContract; quantity: number; cost: number }[] {
    const out: { contract: SimContract; quantity: number; cost: number }[] = [];
    for (const p of this.recs.values()) {
      if (p.product !== 'CNC' || p.net <= 0) continue;
      out.push({ contract: p.contract, quantity: p.net, cost: p.cost });
      p.net = 0;
      p.cost = 0;
    }
    return out;
  }

  /** Applies one fill of `quantity` units at `price` rupees. */
  apply(contract: SimContract, product: ProductType, side: OrderSide, quantity: number, price: number): void {
    const p = this.rec(contract, product);
    const dir = side === 'BUY' ? 1 : -1;
    if (side === 'BUY') {
      p.dayBuyQty += quantity;
      p.dayBuyValue += price * quantity;
    } else {
      p.daySellQty += quantity;
      p.daySellValue += price * quantity;
    }
    let q = quantity;
    if (p.net !== 0 && Math.sign(p.net) !== dir) {
      const closing = Math.min(q, Math.abs(p.net));
      p.realised += closing * (price - p.cost) * Math.sign(p.net);
      p.net += dir * closing;
      q -= closing;
      if (p.net === 0) p.cost = 0;
    }
    if (q > 0) {
      const open = Math.abs(p.net);
      p.cost = (p.cost * open + price * q) / (open + q);
      p.net += dir * q;
    }
  }

  /** Margin basis of every open position: contract, product, direction, open units and cost. */
  open(): { contract: SimContract; product: ProductType; side: OrderSide; quantity: number; cost: number }[] {
    return [...this.recs.values()]
      .filter((p) => p.net !== 0)
      .map((p) => ({ contract: p.contract, product: p.product, side: p.net > 0 ? ('BUY' as const) : ('SELL' as const), quantity: Math.abs(p.net), cost: p.cost }));
  }

  /** Realised P&L over all positions, rupees (unrounded). */
  realised(): number {
    let s = 0;
    for (const p of this.recs.values()) s += p.realised;
    return s;
  }

  /**
   * Positions in the shared shape; `ltpOf` gives the LTP (rupees) for unrealised P&L (NaN: 0 P&L).
   * A position emptied by a conversion (no quantity bought or sold left) is not listed.
   */
  list(ltpOf: (ref: InstrumentRef) => number): Position[] {
    const shown = [...this.recs.values()].filter((p) => p.net !== 0 || p.cfBuyQty + p.dayBuyQty + p.cfSellQty + p.daySellQty > 0);
    return shown.map((p) => {
      const buyQty = p.cfBuyQty + p.dayBuyQty;
      const sellQty = p.cfSellQty + p.daySellQty;
      const ltp = ltpOf(p.contract);
      const unreal = p.net !== 0 && Number.isFinite(ltp) ? p.net * (ltp - p.cost) : 0;
      return {
        instrument: { segment: p.contract.segment, securityId: p.contract.securityId },
        symbol: p.contract.tradingSymbol,
        product: p.product,
        positionType: p.net > 0 ? 'LONG' : p.net < 0 ? 'SHORT' : 'CLOSED',
        netQuantity: p.net,
        buyQuantity: buyQty,
        sellQuantity: sellQty,
        dayBuyQuantity: p.dayBuyQty,
        daySellQuantity: p.daySellQty,
        carryForwardBuyQuantity: p.cfBuyQty,
        carryForwardSellQuantity: p.cfSellQty,
        buyAverage: buyQty > 0 ? r2((p.cfBuyValue + p.dayBuyValue) / buyQty) : 0,
        sellAverage: sellQty > 0 ? r2((p.cfSellValue + p.daySellValue) / sellQty) : 0,
        costPrice: r2(p.cost),
        dayBuyValue: r2(p.dayBuyValue),
        daySellValue: r2(p.daySellValue),
        realisedPnl: r2(p.realised),
        unrealisedPnl: r2(unreal),
        multiplier: 1,
        expiryDate: p.contract.expiry,
        optionType: p.contract.optionType,
        strikePrice: p.contract.strike,
      } satisfies Position;
    });
  }

  /**
   * Starts a new day: open quantities carry forward at cost, closed positions disappear, day
   * figures restart. Returns the realised P&L of the day that ended, rupees.
   */
  rollDay(): number {
    const booked = this.realised();
    for (const [key, p] of this.recs) {
      if (p.net === 0) {
        this.recs.delete(key);
        continue;
      }
      p.cfBuyQty = p.net > 0 ? p.net : 0;
      p.cfSellQty = p.net < 0 ? -p.net : 0;
      p.cfBuyValue = p.cfBuyQty * p.cost;
      p.cfSellValue = p.cfSellQty * p.cost;
      p.dayBuyQty = p.daySellQty = p.dayBuyValue = p.daySellValue = 0;
      p.realised = 0;
    }
    return booked;
  }
}
