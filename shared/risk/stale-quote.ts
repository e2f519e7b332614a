/**
 * Stale-quote check: an order priced off an old quote is refused, because the trader (or the band
 * check) is looking at a market that may have moved. By default only market orders (MARKET,
 * STOP_LOSS_MARKET), whose execution price is whatever the market is now; configurable to all.
 *
 * Source: DESIGN.md "Money rules" (stale-quote check); issue 3 (the feed reports a stale feed).
 */

import { showQuantity } from './display';
import { finding, type RiskFinding, type RiskInstrument, type RiskMarket, type RiskOrder, type StaleQuoteScope } from './types';

/** True for order types that execute at the market price (MARKET, STOP_LOSS_MARKET). */
export function isMarketOrderType(orderType: RiskOrder['orderType']): boolean {
  return orderType === 'MARKET' || orderType === 'STOP_LOSS_MARKET';
}

/**
 * Age of the last quote at `nowMs`, milliseconds (0 when the quote time is ahead of the clock);
 * null when there is no quote or either time is not finite.
 */
export function quoteAgeMs(market: RiskMarket, nowMs: number): number | null {
  const t = market.quoteTimeMs;
  if (t === null || !Number.isFinite(t) || !Number.isFinite(nowMs)) return null;
  return Math.max(0, nowMs - t);
}

/**
 * A blocking finding when the quote is older than `maxAgeSeconds` (null = check off) or missing,
 * for the orders in `scope`: "Last quote for NIFTY-Nov2026-FUT is 42 s old (limit 10 s): wait for
 * a fresh quote". A quote exactly `maxAgeSeconds` old is still fresh.
 */
export function checkStaleQuote(
  order: RiskOrder,
  instrument: RiskInstrument,
  market: RiskMarket,
  maxAgeSeconds: number | null,
  scope: StaleQuoteScope,
  nowMs: number,
): RiskFinding[] {
  if (maxAgeSeconds === null || !Number.isFinite(maxAgeSeconds) || maxAgeSeconds < 0) return [];
  if (scope === 'MARKET_ORDERS' && !isMarketOrderType(order.orderType)) return [];
  const age = quoteAgeMs(market, nowMs);
  const limit = `${showQuantity(maxAgeSeconds)} s`;
  if (age === null) {
    return [finding('STALE_QUOTE', 'block', null, `No quote received for ${instrument.tradingSymbol} yet (limit ${limit}): wait for a fresh quote`)];
  }
  if (age <= maxAgeSeconds * 1000) return [];
  return [
    finding(
      'STALE_QUOTE',
      'block',
      null,
      `Last quote for ${instrument.tradingSymbol} is ${showAge(age)} s old (limit ${limit}): wait for a fresh quote`,
    ),
  ];
}

/** Age in seconds: one decimal below 100 s (`10.5`), whole seconds above (`3,600`). */
function showAge(ageMs: number): string {
  return ageMs < 100_000 ? (Math.floor(ageMs / 100) / 10).toFixed(1) : showQuantity(Math.floor(ageMs / 1000));
}
