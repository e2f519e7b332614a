/**
 * The simulated demat account: delivery (CNC) stock held from one session to the next.
 *
 * Simplified settlement (the sim's own rule, not NSE's T+1 calendar in detail): at each day
 * rollover, stock delivered by the previous rollover moves from T1 to demat (`dpQty`), and the
 * previous session's net CNC long positions arrive as T1 quantity at their cost price. Both T1 and
 * demat quantity can be sold (as brokers allow for T1 stock, "BTST"); a sale takes the oldest
 * (demat) quantity first. The average cost is kept per holding, weighted by quantity.
 *
 * Source: seeds/002 "Portfolio and Positions" → Holdings (`exchange`, `tradingSymbol`,
 * `securityId`, `isin`, `totalQty`, `dpQty`, `t1Qty`, `availableQty`, `collateralQty`,
 * `avgCostPrice`).
 */

import type { InstrumentRef } from '../../../shared/market';
import type { Holding } from '../../../shared/portfolio';
import type { SimContract } from '../sim-instrument';

interface HoldingRec {
  readonly contract: SimContract;
  dp: number;
  t1: number;
  /** Average cost price, rupees (unrounded). */
  cost: number;
}

const key = (ref: InstrumentRef) => `${ref.segment}:${ref.securityId}`;

/** Demat holdings by instrument. */
export class DematAccount {
  private readonly recs = new Map<string, HoldingRec>();

  /** Units held (demat + T1) of an instrument, 0 when none. */
  quantity(ref: InstrumentRef): number {
    const h = this.recs.get(key(ref));
    return h ? h.dp + h.t1 : 0;
  }

  /** Average cost price of a holding, rupees (unrounded); 0 when none. */
  cost(ref: InstrumentRef): number {
    return this.recs.get(key(ref))?.cost ?? 0;
  }

  /** Delivers `quantity` units bought at `cost` rupees as T1 stock. */
  deliver(contract: SimContract, quantity: number, cost: number): void {
    if (quantity <= 0) return;
    const k = key(contract);
    const h = this.recs.get(k) ?? { contract, dp: 0, t1: 0, cost: 0 };
    const held = h.dp + h.t1;
    h.cost = (h.cost * held + cost * quantity) / (held + quantity);
    h.t1 += quantity;
    this.recs.set(k, h);
  }

  /** Settlement at a day rollover: T1 stock becomes demat stock. */
  settle(): void {
    for (const h of this.recs.values()) {
      h.dp += h.t1;
      h.t1 = 0;
    }
  }

  /**
   * Takes up to `quantity` units out of the holding (demat first, then T1) for a sale. Returns the
   * units taken and their average cost, rupees; the holding disappears when empty.
   */
  take(ref: InstrumentRef, quantity: number): { quantity: number; cost: number } {
    const k = key(ref);
    const h = this.recs.get(k);
    if (!h || quantity <= 0) return { quantity: 0, cost: 0 };
    const q = Math.min(quantity, h.dp + h.t1);
    const fromDp = Math.min(q, h.dp);
    h.dp -= fromDp;
    h.t1 -= q - fromDp;
    const cost = h.cost;
    if (h.dp + h.t1 === 0) this.recs.delete(k);
    return { quantity: q, cost };
  }

  /** Holdings in the shared shape (rupees to 2 decimals), in the order they were first delivered. */
  list(): Holding[] {
    return [...this.recs.values()].map((h) => ({
      exchange: 'ALL',
      symbol: h.contract.tradingSymbol,
      securityId: h.contract.securityId,
      isin: (h.contract as { readonly isin?: string }).isin ?? '',
      totalQuantity: h.dp + h.t1,
      dematQuantity: h.dp,
      t1Quantity: h.t1,
      availableQuantity: h.dp + h.t1,
      collateralQuantity: 0,
      averageCostPrice: Math.round(h.cost * 100) / 100,
    }));
  }
}
