/**
 * Price band around LTP: a fat-finger guard. A limit price (or the trigger of a stop-loss market
 * order, where it turns into a market order) further than a configured percentage from LTP is
 * refused, and the band is shown.
 *
 * Source: DESIGN.md "Money rules" (price band around LTP). The band edges are put on the tick grid
 * inward (low rounded up, high rounded down), so every price the message allows is valid.
 */

import { roundToTick, toUnits } from '../price';
import { showPercent, showPrice } from './display';
import { finding, type RiskFinding, type RiskInstrument, type RiskMarket, type RiskOrder } from './types';

/** Lowest and highest allowed prices, rupees, on the tick grid. */
export interface PriceBand {
  readonly low: number;
  readonly high: number;
}

/**
 * The band LTP ± `percent` % on the grid of `tickSize`: `priceBand(100, 5, 0.05)` → 95.00–105.00.
 * Null when LTP is not a positive number, `percent` is not positive, the tick size is bad, or the
 * band's top is beyond ₹900 billion (where ₹0.0001 units stop being exact integers).
 */
export function priceBand(ltp: number, percent: number, tickSize: number): PriceBand | null {
  if (!Number.isFinite(ltp) || ltp <= 0 || !Number.isFinite(percent) || percent <= 0) return null;
  if (!Number.isFinite(tickSize) || toUnits(tickSize) < 1) return null;
  const lowRaw = Math.max(0, ltp * (1 - percent / 100));
  const highRaw = ltp * (1 + percent / 100);
  // Grid arithmetic is exact only while prices in ₹0.0001 units are safe integers.
  if (!Number.isSafeInteger(toUnits(highRaw))) return null;
  return { low: roundToTick(lowRaw, tickSize, 'up'), high: roundToTick(highRaw, tickSize, 'down') };
}

/** Which price of the order the band applies to: the limit price, or the trigger of SL-M; null for MARKET. */
function bandedPrice(order: RiskOrder): { value: number | undefined; label: string; field: 'price' | 'triggerPrice' } | null {
  switch (order.orderType) {
    case 'LIMIT':
    case 'STOP_LOSS':
      return { value: order.price, label: 'Price', field: 'price' };
    case 'STOP_LOSS_MARKET':
      return { value: order.triggerPrice, label: 'Trigger price', field: 'triggerPrice' };
    default:
      return null;
  }
}

/**
 * A blocking finding when the order's price is outside LTP ± `percent` % ("Price 120.00 is outside
 * the 5% band around LTP 100.00: allowed 95.00 to 105.00"), suggesting the nearer edge. No finding
 * when the check is off (`percent` null), for MARKET orders, or when the price is missing; a `warn`
 * NO_LTP finding when there is no LTP to check against.
 */
export function checkPriceBand(order: RiskOrder, instrument: RiskInstrument, market: RiskMarket, percent: number | null): RiskFinding[] {
  if (percent === null || !Number.isFinite(percent) || percent <= 0) return [];
  const banded = bandedPrice(order);
  if (banded === null) return [];
  const { value, label, field } = banded;
  if (value === undefined || !Number.isFinite(value) || value <= 0) return [];
  const ltp = market.ltp;
  if (ltp === null || !Number.isFinite(ltp) || ltp <= 0) {
    return [finding('NO_LTP', 'warn', field, `No LTP yet for ${instrument.tradingSymbol}: the ${showPercent(percent)} price band was not checked`)];
  }
  const band = priceBand(ltp, percent, instrument.tickSize);
  if (band === null) return [];
  const p = toUnits(value);
  if (p >= toUnits(band.low) && p <= toUnits(band.high)) return [];
  const seg = instrument.segment;
  return [
    finding(
      'PRICE_BAND',
      'block',
      field,
      `${label} ${showPrice(value, seg)} is outside the ${showPercent(percent)} band around LTP ${showPrice(ltp, seg)}: allowed ${showPrice(band.low, seg)} to ${showPrice(band.high, seg)}`,
      [p < toUnits(band.low) ? band.low : band.high],
    ),
  ];
}
