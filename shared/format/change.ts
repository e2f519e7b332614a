/**
 * Changes with their sign: absolute change (`+12.35`, `-0.40`) and percentage change (`+1.23%`).
 *
 * Source: issue 5, "Watchlists" (change, % change). A value that rounds to zero prints without a
 * sign (`0.00%`, never `-0.00%` or `+0.00%`). Indian digit grouping; rounding half away from zero
 * on the decimal form (./decimal.ts).
 */

import { formatIndianNumber, isValidDecimals, NO_VALUE } from './indian-number';

/**
 * A number with an explicit sign: `formatSignedNumber(12.345)` → `"+12.35"`,
 * `formatSignedNumber(-1234.5)` → `"-1,234.50"`, `formatSignedNumber(-0.001)` → `"0.00"`.
 */
export function formatSignedNumber(value: number | null | undefined, decimals = 2): string {
  const s = formatIndianNumber(value, decimals);
  if (s === NO_VALUE || s.startsWith('-') || /^[0.,]*$/.test(s)) return s;
  return `+${s}`;
}

/**
 * A percentage change, given in percent (1.5 means 1.5 %): `formatPercentChange(1.234)` →
 * `"+1.23%"`, `formatPercentChange(-0.005)` → `"-0.01%"`, `formatPercentChange(0.004)` → `"0.00%"`.
 */
export function formatPercentChange(percent: number | null | undefined, decimals = 2): string {
  if (!isValidDecimals(decimals)) return NO_VALUE;
  const s = formatSignedNumber(percent, decimals);
  return s === NO_VALUE ? s : `${s}%`;
}

/**
 * Percentage change from `previous` to `last`, in percent: `percentChange(101, 100)` → 1.
 * Null when either is missing or not finite, or `previous` is 0 (no meaningful base: an
 * instrument with no previous close).
 */
export function percentChange(last: number | null | undefined, previous: number | null | undefined): number | null {
  if (last === null || last === undefined || previous === null || previous === undefined) return null;
  if (!Number.isFinite(last) || !Number.isFinite(previous) || previous === 0) return null;
  return ((last - previous) / Math.abs(previous)) * 100;
}
