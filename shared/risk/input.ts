/**
 * Input check of the risk gate: the fields every other check reads are looked at once here, so
 * that bad input (a missing instrument row, NaN from a text box, a negative quantity) becomes one
 * clear BAD_INPUT finding instead of an exception or a misleading rule message.
 */

import { toUnits } from '../price';
import { isPositiveInteger } from './lots';
import { finding, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

const SIDES: readonly unknown[] = ['BUY', 'SELL'];
const ORDER_TYPES: readonly unknown[] = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'];

/** A number field that is present but not a finite number >= 0 (absent and 0 are fine here). */
function badNumber(v: unknown): boolean {
  return v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v < 0);
}

/**
 * BAD_INPUT findings for `order` and `instrument` (both may be anything at run time). An empty
 * list means the other checks can read them safely. `nowMs` is checked when `needsClock`.
 */
export function checkInput(order: unknown, instrument: unknown, nowMs: unknown, needsClock: boolean): RiskFinding[] {
  const out: RiskFinding[] = [];
  if (order === null || typeof order !== 'object') return [finding('BAD_INPUT', 'block', null, 'No order to check')];
  if (instrument === null || typeof instrument !== 'object') {
    return [finding('BAD_INPUT', 'block', null, 'The instrument is unknown: its lot and tick size cannot be checked')];
  }
  const o = order as Partial<Record<keyof RiskOrder, unknown>>;
  const ins = instrument as Partial<Record<keyof RiskInstrument, unknown>>;
  const name = typeof ins.tradingSymbol === 'string' && ins.tradingSymbol !== '' ? ins.tradingSymbol : 'the instrument';
  if (!SIDES.includes(o.side)) out.push(finding('BAD_INPUT', 'block', null, `Side must be BUY or SELL; got ${String(o.side)}`));
  if (!ORDER_TYPES.includes(o.orderType)) {
    out.push(finding('BAD_INPUT', 'block', null, `Order type must be LIMIT, MARKET, STOP_LOSS or STOP_LOSS_MARKET; got ${String(o.orderType)}`));
  }
  if (!isPositiveInteger(o.quantity)) {
    out.push(finding('BAD_INPUT', 'block', 'quantity', `Quantity must be a whole number of at least 1; got ${String(o.quantity)}`));
  }
  if (badNumber(o.price)) out.push(finding('BAD_INPUT', 'block', 'price', `Price must be a number of at least 0; got ${String(o.price)}`));
  if (badNumber(o.triggerPrice)) {
    out.push(finding('BAD_INPUT', 'block', 'triggerPrice', `Trigger price must be a number of at least 0; got ${String(o.triggerPrice)}`));
  }
  if (badNumber(o.disclosedQuantity)) {
    out.push(finding('BAD_INPUT', 'block', 'disclosedQuantity', `Disclosed quantity must be a whole number of at least 0; got ${String(o.disclosedQuantity)}`));
  }
  if (!isPositiveInteger(ins.lotSize)) {
    out.push(finding('BAD_INPUT', 'block', null, `The instrument data of ${name} has no valid lot size (${String(ins.lotSize)})`));
  }
  if (typeof ins.tickSize !== 'number' || !Number.isFinite(ins.tickSize) || toUnits(ins.tickSize) < 1) {
    out.push(finding('BAD_INPUT', 'block', null, `The instrument data of ${name} has no valid tick size (${String(ins.tickSize)})`));
  }
  if (needsClock && (typeof nowMs !== 'number' || !Number.isFinite(nowMs))) {
    out.push(finding('BAD_INPUT', 'block', null, 'The clock reading is not a number: the quote age cannot be checked'));
  }
  return out;
}
