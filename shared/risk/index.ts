/**
 * The pre-trade risk gate (DESIGN.md "Money rules"): `runRiskGate` runs every check before any
 * network call; each check is also exported for the order ticket's inline validation.
 */

export type {
  RiskOrder,
  RiskInstrument,
  RiskMarket,
  RiskLimits,
  RiskCode,
  RiskSeverity,
  RiskField,
  RiskFinding,
  RiskVerdict,
  StaleQuoteScope,
  FreezeAction,
} from './types';
export { DEFAULT_RISK_LIMITS } from './defaults';
export { runRiskGate, riskBlockedError, type RiskGateInput } from './gate';
export { checkTickSize } from './tick-size';
export { checkLotSize, lotsToQuantity, quantityToLots } from './lots';
export {
  NSE_INDEX_FREEZE_QUANTITIES,
  freezeQuantityFor,
  maxSliceQuantity,
  sliceQuantity,
  checkFreezeQuantity,
  type FreezeCheck,
} from './freeze';
export { valuationPrice, orderValue, checkMaxQuantity, checkMaxValue } from './order-limits';
export { priceBand, checkPriceBand, type PriceBand } from './price-band';
export { isMarketOrderType, quoteAgeMs, checkStaleQuote } from './stale-quote';
export { checkTrigger } from './trigger';
export { minDisclosedQuantity, checkDisclosedQuantity } from './disclosed';
export { MAX_PRICE, checkInput } from './input';
