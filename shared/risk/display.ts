/**
 * How the risk gate writes numbers in its messages: prices at the segment's decimals without
 * grouping (as traders type them), quantities and rupee values in Indian grouping.
 */

import { priceDecimals, type ExchangeSegment } from '../instruments';
import { formatIndianNumber, formatRupees } from '../format/indian-number';
import { formatPrice } from '../format/price';
import { snapDecimals } from '../price';

/**
 * A price (or tick size) as the trader should read it: `100.05`, `83.2425`. A value with more
 * decimals than the segment allows is shown as entered (`100.073`), never silently rounded.
 */
export function showPrice(value: number, segment: ExchangeSegment): string {
  const decimals = priceDecimals(segment);
  if (!Number.isFinite(value)) return String(value);
  return snapDecimals(value, decimals) === value ? formatPrice(value, decimals, { grouping: false }) : String(value);
}

/** A quantity in units, Indian grouping: `1,800`. A fractional or odd value is shown as entered. */
export function showQuantity(value: number): string {
  return Number.isSafeInteger(value) ? formatIndianNumber(value, 0) : String(value);
}

/** A rupee value: `₹12,34,567.00`. */
export function showRupees(value: number): string {
  return formatRupees(value, 2);
}

/** A percentage as configured: `5%`, `2.5%`. */
export function showPercent(value: number): string {
  return `${String(Math.round(value * 10_000) / 10_000)}%`;
}
