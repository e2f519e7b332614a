/**
 * Disclosed-quantity rules: when a disclosed quantity is given it must be a whole number, no more
 * than the quantity, and at least a minimum share of it (Dhan: 30 %).
 *
 * Source: seeds/002, Orders, `disclosedQuantity`: "Number of shares visible (Keep more than 30% of
 * quantity)". The brief for this gate reads that as ">= 30 %"; the boundary is configurable
 * (`RiskLimits.minDisclosedPercent`). 0 or absent means no disclosed quantity (the whole order is
 * visible).
 */

import { showPercent, showQuantity } from './display';
import { isPositiveInteger } from './lots';
import { finding, type RiskFinding, type RiskOrder } from './types';

/**
 * Smallest valid disclosed quantity for `quantity` units at `minPercent` %: the ceiling of the
 * share, in exact integer arithmetic (`minDisclosedQuantity(100, 30)` → 30, `(101, 30)` → 31).
 */
export function minDisclosedQuantity(quantity: number, minPercent: number): number {
  // Work in hundredths of a percent so that 30 % of 101 is ceil(303000 / 10000) = 31 exactly.
  const bp = Math.round(minPercent * 100);
  return Math.ceil((quantity * bp) / 10_000);
}

/** Findings for `order.disclosedQuantity` (none when absent or 0). */
export function checkDisclosedQuantity(order: RiskOrder, minPercent: number): RiskFinding[] {
  const d = order.disclosedQuantity;
  if (d === undefined || d === 0) return [];
  if (!isPositiveInteger(d)) {
    return [finding('DISCLOSED_QUANTITY', 'block', 'disclosedQuantity', `Disclosed quantity must be a whole number above 0, or empty; got ${String(d)}`)];
  }
  const q = order.quantity;
  if (!isPositiveInteger(q)) return [];
  if (d > q) {
    return [
      finding('DISCLOSED_QUANTITY', 'block', 'disclosedQuantity', `Disclosed quantity ${showQuantity(d)} is more than the quantity ${showQuantity(q)}`, [q]),
    ];
  }
  if (!Number.isFinite(minPercent) || minPercent <= 0) return [];
  const min = minDisclosedQuantity(q, minPercent);
  if (d >= min) return [];
  return [
    finding(
      'DISCLOSED_QUANTITY',
      'block',
      'disclosedQuantity',
      `Disclosed quantity ${showQuantity(d)} is below ${showPercent(minPercent)} of the quantity ${showQuantity(q)}: disclose at least ${showQuantity(min)}, or leave it empty`,
      [min],
    ),
  ];
}
