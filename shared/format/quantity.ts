/**
 * Quantities: units (shares, or contracts × lot as the exchange counts them) in Indian grouping,
 * and for F&O the same quantity in lots.
 *
 * Source: issue 5, "Order ticket" (quantity in lots for F&O, shown as both).
 */

import { formatIndianNumber, NO_VALUE } from './indian-number';

/**
 * A quantity in units, Indian grouping, no decimals: `formatQuantity(123456)` → `"1,23,456"`.
 * A fractional quantity (never valid for an order) is printed with up to 2 decimals rather than
 * silently rounded: `formatQuantity(1.5)` → `"1.50"`. {@link NO_VALUE} for a missing value.
 */
export function formatQuantity(quantity: number | null | undefined): string {
  if (quantity === null || quantity === undefined || !Number.isFinite(quantity)) return NO_VALUE;
  return formatIndianNumber(quantity, Number.isInteger(quantity) ? 0 : 2);
}

/**
 * A quantity in lots: `formatLots(150, 75)` → `"2 lots"`, `formatLots(75, 75)` → `"1 lot"`; a
 * quantity that is not a whole number of lots says so: `formatLots(80, 75)` → `"1 lot + 5"`.
 * {@link NO_VALUE} when the quantity or lot size is missing, not finite, or the lot size is not a
 * positive integer.
 */
export function formatLots(quantity: number | null | undefined, lotSize: number | null | undefined): string {
  if (quantity === null || quantity === undefined || !Number.isFinite(quantity)) return NO_VALUE;
  if (lotSize === null || lotSize === undefined || !Number.isInteger(lotSize) || lotSize < 1) return NO_VALUE;
  if (!Number.isInteger(quantity)) return NO_VALUE;
  const sign = quantity < 0 ? '-' : '';
  const abs = Math.abs(quantity);
  const lots = Math.floor(abs / lotSize);
  const rest = abs - lots * lotSize;
  const lotWord = `${formatIndianNumber(lots, 0)} ${lots === 1 ? 'lot' : 'lots'}`;
  if (rest === 0) return sign + lotWord;
  if (lots === 0) return `${sign}${formatIndianNumber(rest, 0)} (less than 1 lot of ${formatIndianNumber(lotSize, 0)})`;
  return `${sign}${lotWord} + ${formatIndianNumber(rest, 0)}`;
}

/**
 * Units and lots together, as the F&O order ticket shows them: `formatQuantityWithLots(150, 75)`
 * → `"150 (2 lots)"`. With a lot size of 1 (cash equity) only the units: `"1,500"`.
 */
export function formatQuantityWithLots(quantity: number | null | undefined, lotSize: number | null | undefined): string {
  const units = formatQuantity(quantity);
  if (units === NO_VALUE || lotSize === 1) return units;
  const lots = formatLots(quantity, lotSize);
  return lots === NO_VALUE ? units : `${units} (${lots})`;
}
