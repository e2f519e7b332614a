/**
 * Trigger-price rules of stop-loss orders.
 *
 * - STOP_LOSS and STOP_LOSS_MARKET need a trigger price; LIMIT and STOP_LOSS need a limit price.
 * - STOP_LOSS buy: trigger <= limit price (the order becomes a buy limit once the price rises to
 *   the trigger; a limit below the trigger could never fill at the trigger). STOP_LOSS sell:
 *   trigger >= limit price.
 * - Against LTP: a buy stop triggers when the price rises to it, so its trigger must be above LTP;
 *   a sell stop's must be below LTP. A trigger at or through LTP would fire at once, and the
 *   exchange rejects it.
 * - A trigger on a LIMIT or MARKET order is not used: a warning, not a refusal.
 *
 * Source: issue 5 "Order ticket" (trigger rules before any network call); issue 4 (missing
 * trigger price rejected); seeds/002 Orders (`triggerPrice`: required for STOP_LOSS and
 * STOP_LOSS_MARKET); seeds/004 (Kite: price required for LIMIT and SL, trigger_price for SL and SL-M).
 */

import { fromUnits, toUnits } from '../price';
import { showPrice } from './display';
import { finding, type RiskFinding, type RiskInstrument, type RiskMarket, type RiskOrder } from './types';

function positive(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Findings on the limit price's and trigger price's presence and side, against each other and LTP. */
export function checkTrigger(order: RiskOrder, instrument: RiskInstrument, market: RiskMarket): RiskFinding[] {
  const out: RiskFinding[] = [];
  const seg = instrument.segment;
  const { orderType, side, price, triggerPrice } = order;
  const isStop = orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET';
  const needsPrice = orderType === 'LIMIT' || orderType === 'STOP_LOSS';

  if (needsPrice && !positive(price)) {
    out.push(finding('PRICE_REQUIRED', 'block', 'price', `A ${orderType} order needs a limit price above 0`));
  }
  if (!isStop) {
    if (positive(triggerPrice)) {
      out.push(finding('TRIGGER_IGNORED', 'warn', 'triggerPrice', `The trigger price ${showPrice(triggerPrice, seg)} is not used by a ${orderType} order`));
    }
    return out;
  }
  if (!positive(triggerPrice)) {
    out.push(finding('TRIGGER_REQUIRED', 'block', 'triggerPrice', `A ${orderType} order needs a trigger price above 0`));
    return out;
  }
  const trig = toUnits(triggerPrice);
  if (orderType === 'STOP_LOSS' && positive(price)) {
    const p = toUnits(price);
    if (side === 'BUY' && trig > p) {
      out.push(
        finding(
          'TRIGGER_PRICE_SIDE',
          'block',
          'triggerPrice',
          `For a stop-loss buy the trigger price ${showPrice(triggerPrice, seg)} must not be above the limit price ${showPrice(price, seg)}`,
          [price],
        ),
      );
    } else if (side === 'SELL' && trig < p) {
      out.push(
        finding(
          'TRIGGER_PRICE_SIDE',
          'block',
          'triggerPrice',
          `For a stop-loss sell the trigger price ${showPrice(triggerPrice, seg)} must not be below the limit price ${showPrice(price, seg)}`,
          [price],
        ),
      );
    }
  }
  const ltp = market.ltp;
  if (ltp === null || !positive(ltp)) {
    out.push(finding('NO_LTP', 'warn', 'triggerPrice', `No LTP yet for ${instrument.tradingSymbol}: the trigger was not checked against it`));
    return out;
  }
  const l = toUnits(ltp);
  const tick = instrument.tickSize;
  const tickUnits = Number.isFinite(tick) ? toUnits(tick) : 0;
  if (side === 'BUY' && trig <= l) {
    out.push(
      finding(
        'TRIGGER_LTP_SIDE',
        'block',
        'triggerPrice',
        `For a stop-loss buy the trigger price ${showPrice(triggerPrice, seg)} must be above LTP ${showPrice(ltp, seg)}: at or below it the order would trigger at once`,
        tickUnits >= 1 ? [fromUnits((Math.floor(l / tickUnits) + 1) * tickUnits)] : [],
      ),
    );
  } else if (side === 'SELL' && trig >= l) {
    const below = (Math.ceil(l / tickUnits) - 1) * tickUnits;
    out.push(
      finding(
        'TRIGGER_LTP_SIDE',
        'block',
        'triggerPrice',
        `For a stop-loss sell the trigger price ${showPrice(triggerPrice, seg)} must be below LTP ${showPrice(ltp, seg)}: at or above it the order would trigger at once`,
        tickUnits >= 1 && below > 0 ? [fromUnits(below)] : [],
      ),
    );
  }
  return out;
}
