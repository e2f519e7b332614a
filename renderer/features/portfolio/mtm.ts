/**
 * Mark-to-market arithmetic for the positions panel, pure.
 *
 * Unrealised P&L of the open quantity = (LTP − average) × net quantity × multiplier, where the
 * average is the buy average for a long position and the sell average for a short one (the price
 * the open quantity was entered at; the broker's cost price when that average is missing). A short
 * position has a negative net quantity, so (LTP − sell avg) × net = (sell avg − LTP) × |net|.
 * Realised P&L comes from the broker's snapshot as is. Rupees, 2 decimals.
 *
 * Source: issue 5 "positions with live MTM from ticks and realised P&L"; shared/portfolio.ts
 * `Position` (netQuantity, buyAverage, sellAverage, costPrice, multiplier, realisedPnl).
 */
import { instrumentKey, type InstrumentKey } from '../../../shared/instruments';
import type { Holding, Position } from '../../../shared/portfolio';

/** Rounds rupees to paise (2 decimals) without binary noise (`0.1 + 0.2` → 0.3). */
export function roundPaise(rupees: number): number {
  return Math.round(rupees * 100 + (rupees >= 0 ? 1e-7 : -1e-7)) / 100;
}

/** The price the open quantity was entered at, rupees (0 when flat or unknown). */
export function openAverage(p: Pick<Position, 'netQuantity' | 'buyAverage' | 'sellAverage' | 'costPrice'>): number {
  if (p.netQuantity === 0) return 0;
  const avg = p.netQuantity > 0 ? p.buyAverage : p.sellAverage;
  return avg > 0 ? avg : p.costPrice;
}

/** Multiplier of a position (1 when the broker sent none or a nonsense one). */
export function multiplierOf(p: Pick<Position, 'multiplier'>): number {
  return Number.isFinite(p.multiplier) && p.multiplier > 0 ? p.multiplier : 1;
}

/**
 * Unrealised P&L at `ltp`, rupees: (LTP − average) × net quantity × multiplier; 0 for a flat
 * position; null when there is no usable LTP (no tick yet) or no average.
 */
export function unrealisedAt(p: Pick<Position, 'netQuantity' | 'buyAverage' | 'sellAverage' | 'costPrice' | 'multiplier'>, ltp: number | undefined): number | null {
  if (p.netQuantity === 0) return 0;
  if (ltp === undefined || !(ltp > 0)) return null;
  const avg = openAverage(p);
  if (!(avg > 0)) return null;
  return roundPaise((ltp - avg) * p.netQuantity * multiplierOf(p));
}

/** Unrealised P&L shown for a position: live from `ltp`, else the broker's snapshot figure. */
export function liveUnrealised(p: Position, ltp: number | undefined): number {
  return unrealisedAt(p, ltp) ?? p.unrealisedPnl;
}

/** Totals of the positions panel, rupees. */
export interface PnlTotals {
  readonly realised: number;
  readonly unrealised: number;
  /** realised + unrealised. */
  readonly total: number;
}

/** Sums realised (snapshot) and unrealised (`unrealisedOf(position, index)`) over `positions`. */
export function pnlTotals(positions: readonly Position[], unrealisedOf: (p: Position, i: number) => number): PnlTotals {
  let realised = 0;
  let unrealised = 0;
  positions.forEach((p, i) => {
    realised += p.realisedPnl;
    unrealised += unrealisedOf(p, i);
  });
  realised = roundPaise(realised);
  unrealised = roundPaise(unrealised);
  return { realised, unrealised, total: roundPaise(realised + unrealised) };
}

/** `up`, `down` or `flat`, for the green/red colour of a P&L cell. */
export function pnlTone(value: number): 'up' | 'down' | 'flat' {
  return value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
}

/** The instrument key a holding is quoted under: its exchange's cash segment (NSE for Dhan's `ALL`). */
export function holdingKey(h: Pick<Holding, 'exchange' | 'securityId'>): InstrumentKey {
  return instrumentKey(h.exchange.toUpperCase() === 'BSE' ? 'BSE_EQ' : 'NSE_EQ', h.securityId);
}

/** P&L of a holding at `ltp`, rupees: (LTP − average cost) × total quantity; null without an LTP. */
export function holdingPnl(h: Pick<Holding, 'totalQuantity' | 'averageCostPrice'>, ltp: number | undefined): number | null {
  if (ltp === undefined || !(ltp > 0)) return null;
  return roundPaise((ltp - h.averageCostPrice) * h.totalQuantity);
}
