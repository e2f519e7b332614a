/**
 * Lot-size rules: an order's quantity (units) must be a whole number of lots. For F&O the ticket
 * works in lots and sends units (lots × lot size); cash equity has a lot size of 1.
 *
 * Source: DESIGN.md "Money rules" (lot size); issue 4 (quantity not a multiple of the lot is
 * rejected); issue 5 "Order ticket" (quantity in lots for F&O, shown as both); seeds/002 Orders
 * (`quantity`: number of shares, F&O in multiples of the lot).
 */

import { showQuantity } from './display';
import { finding, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

/** True when `n` is a safe integer >= 1. */
export function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
}

/** Units for `lots` lots: `lotsToQuantity(2, 75)` → 150. Null when either is not an integer >= 1 or the product is unsafe. */
export function lotsToQuantity(lots: number, lotSize: number): number | null {
  if (!isPositiveInteger(lots) || !isPositiveInteger(lotSize)) return null;
  const q = lots * lotSize;
  return Number.isSafeInteger(q) ? q : null;
}

/** Whole lots in `quantity` units: `quantityToLots(150, 75)` → 2; null when not a whole number of lots. */
export function quantityToLots(quantity: number, lotSize: number): number | null {
  if (!isPositiveInteger(quantity) || !isPositiveInteger(lotSize) || quantity % lotSize !== 0) return null;
  return quantity / lotSize;
}

/**
 * A finding when the quantity is not a multiple of the lot size, suggesting the nearest whole lots:
 * "Quantity 80 is not a multiple of the lot size 75: nearest valid quantities 75 (1 lot) or 150
 * (2 lots)". Bad quantity or lot size values are left to the input check (no finding).
 */
export function checkLotSize(order: RiskOrder, instrument: RiskInstrument): RiskFinding[] {
  const q = order.quantity;
  const lot = instrument.lotSize;
  if (!isPositiveInteger(q) || !isPositiveInteger(lot) || lot === 1 || q % lot === 0) return [];
  const below = Math.floor(q / lot) * lot;
  const above = below + lot;
  const describe = (units: number): string => {
    const lots = units / lot;
    return `${showQuantity(units)} (${showQuantity(lots)} ${lots === 1 ? 'lot' : 'lots'})`;
  };
  const valid = below > 0 ? [below, above] : [above];
  const nearestFirst = below > 0 && q - below > above - q ? [above, below] : valid;
  return [
    finding(
      'LOT_SIZE',
      'block',
      'quantity',
      `Quantity ${showQuantity(q)} is not a multiple of the lot size ${showQuantity(lot)}: nearest valid ${valid.length > 1 ? 'quantities' : 'quantity'} ${valid.map(describe).join(' or ')}`,
      nearestFirst,
    ),
  ];
}
