/**
 * The user's per-order limits: largest quantity and largest value (Settings, "limits for the risk
 * gate").
 *
 * Source: DESIGN.md "Money rules" (max quantity and value); issue 5 "Settings". Both apply to the
 * whole order as the trader entered it, before any slicing at the freeze quantity.
 */

import { showQuantity, showRupees } from './display';
import { isPositiveInteger } from './lots';
import { finding, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

/**
 * The price an order's value is computed at, rupees: the limit price (LIMIT, STOP_LOSS), the
 * trigger price (STOP_LOSS_MARKET, which becomes a market order there), or LTP (MARKET). Null when
 * that price is missing or not a positive number.
 */
export function valuationPrice(order: RiskOrder, ltp: number | null): number | null {
  const p =
    order.orderType === 'LIMIT' || order.orderType === 'STOP_LOSS'
      ? order.price
      : order.orderType === 'STOP_LOSS_MARKET'
        ? order.triggerPrice
        : ltp;
  return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : null;
}

/** Value of the order, rupees (quantity × {@link valuationPrice}); null when it cannot be computed. */
export function orderValue(order: RiskOrder, ltp: number | null): number | null {
  const p = valuationPrice(order, ltp);
  if (p === null || !isPositiveInteger(order.quantity)) return null;
  return order.quantity * p;
}

/**
 * A blocking finding when the quantity is above `maxQuantity` (units; null = no limit), suggesting
 * the largest whole-lot quantity within it.
 */
export function checkMaxQuantity(order: RiskOrder, instrument: RiskInstrument, maxQuantity: number | null): RiskFinding[] {
  if (maxQuantity === null || !Number.isFinite(maxQuantity) || maxQuantity <= 0) return [];
  const q = order.quantity;
  if (!isPositiveInteger(q) || q <= maxQuantity) return [];
  const lot = isPositiveInteger(instrument.lotSize) ? instrument.lotSize : 1;
  const fit = Math.floor(maxQuantity / lot) * lot;
  return [
    finding(
      'MAX_QUANTITY',
      'block',
      'quantity',
      `Quantity ${showQuantity(q)} is above your limit of ${showQuantity(maxQuantity)} per order`,
      fit >= lot ? [fit] : [],
    ),
  ];
}

/**
 * A blocking finding when the order value is above `maxValue` (rupees; null = no limit),
 * suggesting the largest whole-lot quantity within it, or when the value cannot be computed (a market order with no LTP) while a limit is set.
 */
export function checkMaxValue(
  order: RiskOrder,
  instrument: RiskInstrument,
  ltp: number | null,
  maxValue: number | null,
): RiskFinding[] {
  if (maxValue === null || !Number.isFinite(maxValue) || maxValue <= 0) return [];
  if (!isPositiveInteger(order.quantity)) return [];
  const value = orderValue(order, ltp);
  if (value === null) {
    return [
      finding('VALUE_UNKNOWN', 'block', null, `Cannot check the order value against your limit of ${showRupees(maxValue)}: no price and no LTP`),
    ];
  }
  if (value <= maxValue) return [];
  const price = valuationPrice(order, ltp)!;
  const lot = isPositiveInteger(instrument.lotSize) ? instrument.lotSize : 1;
  const fit = Math.floor(maxValue / price / lot) * lot;
  const basis = order.orderType === 'MARKET' ? ' at LTP' : order.orderType === 'STOP_LOSS_MARKET' ? ' at the trigger price' : '';
  return [
    finding('MAX_VALUE', 'block', 'quantity', `Order value ${showRupees(value)}${basis} is above your limit of ${showRupees(maxValue)} per order`, fit >= lot ? [fit] : []),
  ];
}
