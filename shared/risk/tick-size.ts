/**
 * Tick-size check: the limit price and the trigger price must lie on the instrument's tick grid.
 *
 * Source: DESIGN.md "Money rules" (tick size); issue 4 (the exchange rejects a price off the tick
 * grid); grid arithmetic from shared/price.ts (integer units of ₹0.0001).
 */

import { isOnTick, roundToTick } from '../price';
import { showPrice } from './display';
import { finding, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

/**
 * Findings for the price and the trigger price of `order` that are off the grid of
 * `instrument.tickSize`, each with the nearest valid prices below and above as suggestions:
 * "Price 100.07 is not a multiple of the tick size 0.05: nearest valid prices 100.05 or 100.10".
 * Missing, zero or non-finite prices and a bad tick size are left to the input check (no finding).
 */
export function checkTickSize(order: RiskOrder, instrument: RiskInstrument): RiskFinding[] {
  const out: RiskFinding[] = [];
  const usesPrice = order.orderType === 'LIMIT' || order.orderType === 'STOP_LOSS';
  const usesTrigger = order.orderType === 'STOP_LOSS' || order.orderType === 'STOP_LOSS_MARKET';
  if (usesPrice) pushOffGrid(out, 'Price', 'price', order.price, instrument);
  if (usesTrigger) pushOffGrid(out, 'Trigger price', 'triggerPrice', order.triggerPrice, instrument);
  return out;
}

function pushOffGrid(
  out: RiskFinding[],
  label: string,
  field: 'price' | 'triggerPrice',
  value: number | undefined,
  instrument: RiskInstrument,
): void {
  const tick = instrument.tickSize;
  if (value === undefined || !Number.isFinite(value) || value <= 0) return;
  if (!Number.isFinite(tick) || tick <= 0 || Math.round(tick * 10_000) < 1) return;
  if (isOnTick(value, tick)) return;
  const below = roundToTick(value, tick, 'down');
  const above = roundToTick(value, tick, 'up');
  const seg = instrument.segment;
  const valid = below > 0 ? [below, above] : [above];
  const nearestFirst = below > 0 && value - below > above - value ? [above, below] : valid;
  const listed = valid.map((p) => showPrice(p, seg)).join(' or ');
  out.push(
    finding(
      'TICK_SIZE',
      'block',
      field,
      `${label} ${showPrice(value, seg)} is not a multiple of the tick size ${showPrice(tick, seg)}: nearest valid ${valid.length > 1 ? 'prices' : 'price'} ${listed}`,
      nearestFirst,
    ),
  );
}
