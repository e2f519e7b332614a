/**
 * Prices at the instrument's decimals: 2 for every segment, 4 for the currency segments.
 *
 * Source: seeds/002, live market feed ("4 decimals for currency"); shared/instruments.ts
 * `priceDecimals`; docs/decisions.md "Prices" (domain prices are rupees already snapped).
 */

import { priceDecimals, type ExchangeSegment } from '../instruments';
import { groupDigits, roundDecimal } from './decimal';
import { NO_VALUE } from './indian-number';

/** Options of {@link formatPrice}. */
export interface PriceFormatOptions {
  /** Indian digit grouping of the rupees (`24,512.35`); default true. False for ladders: `24512.35`. */
  readonly grouping?: boolean;
}

/**
 * A price in rupees at `decimals` (2 or 4) decimals, without the rupee sign:
 * `formatPrice(24512.3, 2)` → `"24,512.30"`, `formatPrice(83.2425, 4)` → `"83.2425"`.
 * {@link NO_VALUE} for a missing or non-finite price.
 */
export function formatPrice(price: number | null | undefined, decimals: 2 | 4, options: PriceFormatOptions = {}): string {
  if (price === null || price === undefined || !Number.isFinite(price) || (decimals !== 2 && decimals !== 4)) return NO_VALUE;
  const p = roundDecimal(price, decimals);
  const integer = options.grouping === false ? p.integer : groupDigits(p.integer);
  return `${p.negative ? '-' : ''}${integer}.${p.fraction}`;
}

/**
 * A price at the decimals of `segment` (4 for NSE_CURRENCY and BSE_CURRENCY, else 2):
 * `formatSegmentPrice(83.25, 'NSE_CURRENCY')` → `"83.2500"`.
 */
export function formatSegmentPrice(
  price: number | null | undefined,
  segment: ExchangeSegment,
  options: PriceFormatOptions = {},
): string {
  return formatPrice(price, priceDecimals(segment), options);
}
