/**
 * Default risk settings, used until the trader changes them in Settings.
 *
 * No kill switch; no user quantity or value limit (the Settings screen asks for them); a ±20 %
 * band around LTP, a fat-finger guard loose enough for option premiums, which move tens of percent
 * in a session; market orders refused on a quote older than 10 s; orders above the freeze quantity
 * sliced; NSE index freeze quantities (./freeze.ts); Dhan's 30 % minimum disclosed quantity.
 */

import { NSE_INDEX_FREEZE_QUANTITIES } from './freeze';
import type { RiskLimits } from './types';

/** The risk gate's defaults (see the file header for the reasons). */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  killSwitch: false,
  maxQuantityPerOrder: null,
  maxValuePerOrder: null,
  priceBandPercent: 20,
  staleQuoteSeconds: 10,
  staleQuoteScope: 'MARKET_ORDERS',
  freezeAction: 'SLICE',
  freezeQuantities: NSE_INDEX_FREEZE_QUANTITIES,
  minDisclosedPercent: 30,
});
