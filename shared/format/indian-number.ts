/**
 * Numbers and rupee amounts in Indian digit grouping (lakh, crore): `1,23,45,678.50`.
 *
 * Source: issue 5, "Settings" (numbers in Indian grouping, `₹1,23,45,678.50`). Rounding is exact
 * decimal rounding, half away from zero (see ./decimal.ts). Pure TypeScript: no Intl, so the output
 * is the same on every runtime whatever its locale data.
 */

import { groupDigits, roundDecimal } from './decimal';

/** What every formatter prints for a missing or non-finite value (an em dash). */
export const NO_VALUE = '—';

/** The rupee sign. */
export const RUPEE = '₹';

/** True when `decimals` is an integer from 0 to 20 (what the formatters accept). */
export function isValidDecimals(decimals: number): boolean {
  return Number.isInteger(decimals) && decimals >= 0 && decimals <= 20;
}

/**
 * A number in Indian grouping with exactly `decimals` decimals (default 2):
 * `formatIndianNumber(12345678.5)` → `"1,23,45,678.50"`, `formatIndianNumber(-1234.567)` →
 * `"-1,234.57"`. Returns {@link NO_VALUE} for null, undefined, NaN, ±Infinity or bad `decimals`.
 */
export function formatIndianNumber(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value) || !isValidDecimals(decimals)) return NO_VALUE;
  const p = roundDecimal(value, decimals);
  const body = groupDigits(p.integer) + (decimals > 0 ? `.${p.fraction}` : '');
  return p.negative ? `-${body}` : body;
}

/**
 * A rupee amount: `formatRupees(12345678.5)` → `"₹1,23,45,678.50"`; negative amounts put the sign
 * before the rupee sign, `"-₹1,234.00"` (as en-IN does). {@link NO_VALUE} for a missing value.
 */
export function formatRupees(value: number | null | undefined, decimals = 2): string {
  const s = formatIndianNumber(value, decimals);
  if (s === NO_VALUE) return s;
  return s.startsWith('-') ? `-${RUPEE}${s.slice(1)}` : `${RUPEE}${s}`;
}
