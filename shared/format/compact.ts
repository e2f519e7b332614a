/**
 * Compact amounts for dense columns, in lakhs (L, 1,00,000) and crores (Cr, 1,00,00,000):
 * `1.23 Cr`, `45.6 L`, `4.56 L`, `1,234 Cr`.
 *
 * Source: issue 5 (numbers in Indian grouping). Three significant digits in the L and Cr ranges
 * (2 decimals below 10, 1 below 100, none above), so a column keeps its width; thousands of crores
 * are grouped the Indian way (`1,23,456 Cr`). Below one lakh the plain Indian-grouped number is
 * printed (`99,999`). Rounding is half away from zero on the decimal form (./decimal.ts), and a value
 * that rounds up to the next unit moves to it: 99,99,999 → `1.00 Cr`, never `100 L`.
 */

import { groupDigits, roundDecimal } from './decimal';
import { NO_VALUE, formatIndianNumber, isValidDecimals } from './indian-number';

/** One lakh: 1,00,000. */
export const LAKH = 100_000;
/** One crore: 1,00,00,000. */
export const CRORE = 10_000_000;

/** Options of {@link formatIndianCompact}. */
export interface CompactOptions {
  /** Decimals for values below one lakh (printed in full); default 0. */
  readonly smallDecimals?: number;
}

/**
 * A value in compact Indian form: `formatIndianCompact(12_345_678)` → `"1.23 Cr"`,
 * `formatIndianCompact(4_560_000)` → `"45.6 L"`, `formatIndianCompact(-98_765)` → `"-98,765"`.
 * Returns {@link NO_VALUE} for a missing or non-finite value.
 */
export function formatIndianCompact(value: number | null | undefined, options: CompactOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const smallDecimals = options.smallDecimals ?? 0;
  if (!isValidDecimals(smallDecimals)) return NO_VALUE;
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  // Crores: decide on the rounded figure so that 9.999 Cr prints 10.0 Cr, not 10.00 Cr.
  if (abs >= CRORE || roundsUpTo(abs / LAKH, 100)) {
    return sign + unitFigure(abs / CRORE) + ' Cr';
  }
  if (abs >= LAKH || roundDecimal(abs, smallDecimals).integer.length > 5) {
    return sign + unitFigure(abs / LAKH) + ' L';
  }
  return formatIndianNumber(value, smallDecimals);
}

/** True when `x` printed at three significant digits reaches `limit` (e.g. 99.96 → 100). */
function roundsUpTo(x: number, limit: number): boolean {
  return x < limit && Number(fixedSig(x)) >= limit;
}

/** `x` (>= 0) with three significant digits for x < 1000, none after the point above. */
function fixedSig(x: number): string {
  const p = roundDecimal(x, decimalsFor(x));
  return p.fraction === '' ? p.integer : `${p.integer}.${p.fraction}`;
}

/** Decimals that give three significant digits, looking at the rounded value's magnitude. */
function decimalsFor(x: number): number {
  if (Number(roundDecimal(x, 2).integer) < 10) return 2;
  if (Number(roundDecimal(x, 1).integer) < 100) return 1;
  return 0;
}

/** The figure in units (lakhs or crores), three significant digits, Indian grouping above 999. */
function unitFigure(x: number): string {
  const p = roundDecimal(x, decimalsFor(x));
  return p.fraction === '' ? groupDigits(p.integer) : `${p.integer}.${p.fraction}`;
}
