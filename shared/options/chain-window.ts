/**
 * Pure helpers of the option-chain panel: the strike step of a chain, the at-the-money (ATM)
 * strike from the underlying's LTP, the window of strikes shown around it, which side is in the
 * money, and the day's change of open interest.
 *
 * Conventions (as NSE option chains and trading terminals show them): the ATM strike is the
 * listed strike nearest the underlying's LTP (a tie, LTP exactly halfway, goes to the higher
 * strike, as `Math.round(spot / step) * step` does); a call is in the money (ITM) when its strike
 * is below the LTP, a put when its strike is above it; the ATM strike itself counts as ITM for
 * neither. Strikes and LTP are rupees.
 *
 * Source: seeds/002 "Option Chain" (strikes with CE/PE legs, `last_price` of the underlying,
 * `oi` and `previous_oi` per leg). Imports nothing.
 */

/**
 * The usual distance between neighbouring strikes, rupees: the most frequent gap between
 * consecutive strikes of `strikes` (ascending). Real chains mix steps (NIFTY lists every 50 near
 * the money and every 100 far out); the most frequent gap is the one near the money. Ties go to
 * the smaller gap. Null for fewer than two strikes.
 */
export function strikeStep(strikes: readonly number[]): number | null {
  if (strikes.length < 2) return null;
  const counts = new Map<number, number>();
  for (let i = 1; i < strikes.length; i++) {
    // gaps in paise, so that 0.1 + 0.2 float noise does not split one step into two
    const gap = Math.round((strikes[i]! - strikes[i - 1]!) * 100);
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, n] of counts) {
    if (n > bestCount || (n === bestCount && gap < best)) {
      best = gap;
      bestCount = n;
    }
  }
  return bestCount === 0 ? null : best / 100;
}

/**
 * Index in `strikes` (ascending) of the at-the-money strike: the strike nearest `spot`, the higher
 * one on a tie. -1 when `strikes` is empty or `spot` is not a positive finite number.
 */
export function atmIndex(strikes: readonly number[], spot: number): number {
  if (strikes.length === 0 || !(spot > 0) || !Number.isFinite(spot)) return -1;
  // binary search: first strike >= spot
  let lo = 0;
  let hi = strikes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strikes[mid]! < spot) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === strikes.length) return strikes.length - 1;
  const below = spot - strikes[lo - 1]!;
  const above = strikes[lo]! - spot;
  return above <= below ? lo : lo - 1;
}

/** A half-open range of row indices `[from, to)`. */
export interface IndexRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The rows shown for `around` strikes on each side of the ATM row `atm` out of `count` rows:
 * `[atm - around, atm + around + 1)`, shifted inward at either end of the chain so that it still
 * holds `2·around + 1` rows when the chain has them. `around` < 0 or not finite (e.g. Infinity
 * for "all") shows every row. An `atm` of -1 (unknown) centres on the middle row.
 */
export function strikeWindow(count: number, atm: number, around: number): IndexRange {
  if (count <= 0) return { from: 0, to: 0 };
  if (!Number.isFinite(around) || around < 0) return { from: 0, to: count };
  const span = Math.min(count, 2 * Math.floor(around) + 1);
  const centre = atm < 0 || atm >= count ? Math.floor(count / 2) : atm;
  let from = centre - Math.floor(around);
  from = Math.max(0, Math.min(from, count - span));
  return { from, to: from + span };
}

/** Call or put. */
export type OptionSide = 'CE' | 'PE';

/** True when the `side` option of `strike` is in the money with the underlying at `spot` (see the file comment). */
export function isInTheMoney(side: OptionSide, strike: number, spot: number): boolean {
  if (!(spot > 0)) return false;
  return side === 'CE' ? strike < spot : strike > spot;
}

/** Change of open interest since the previous day, contracts (`oi − previousOi`); null when either is missing. */
export function oiChange(oi: number | null | undefined, previousOi: number | null | undefined): number | null {
  if (oi === null || oi === undefined || previousOi === null || previousOi === undefined) return null;
  if (!Number.isFinite(oi) || !Number.isFinite(previousOi)) return null;
  return oi - previousOi;
}
