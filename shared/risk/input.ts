/**
 * Input check of the risk gate: the fields every other check reads are looked at once here, so
 * that bad input (a missing instrument row, NaN from a text box, a negative quantity) becomes one
 * clear BAD_INPUT finding instead of an exception or a misleading rule message.
 */

import { PRICE_SCALE, toUnits } from '../price';
import { isPositiveInteger } from './lots';
import { finding, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

const SIDES: readonly unknown[] = ['BUY', 'SELL'];
const ORDER_TYPES: readonly unknown[] = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'];

/**
 * Largest price the gate accepts, rupees: beyond it prices in ₹0.0001 units (shared/price.ts) are
 * no longer exact integers. About ₹900 billion, far above any real price.
 */
export const MAX_PRICE = Math.floor(Number.MAX_SAFE_INTEGER / PRICE_SCALE);

/**
 * Why a number field is unusable, or null when it is fine (absent, or a finite number from 0 to
 * `max`): "is not a number (got NaN)", "cannot be negative (got -5)", "is too large (got 1e+300)".
 */
function numberProblem(v: unknown, max: number): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `is not a number (got ${String(v)})`;
  if (v < 0) return `cannot be negative (got ${String(v)})`;
  if (v > max) return `is too large (got ${String(v)})`;
  return null;
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
  const fields = [
    ['price', 'Price', MAX_PRICE],
    ['triggerPrice', 'Trigger price', MAX_PRICE],
    ['disclosedQuantity', 'Disclosed quantity', Number.MAX_SAFE_INTEGER],
  ] as const;
  for (const [field, label, max] of fields) {
    const problem = numberProblem(o[field], max);
    if (problem !== null) out.push(finding('BAD_INPUT', 'block', field, `${label} ${problem}`));
  }
  if (!isPositiveInteger(ins.lotSize)) {
    out.push(finding('BAD_INPUT', 'block', null, `The instrument data of ${name} has no valid lot size (${String(ins.lotSize)})`));
  }
  if (typeof ins.tickSize !== 'number' || !Number.isFinite(ins.tickSize) || toUnits(ins.tickSize) < 1 || ins.tickSize > MAX_PRICE) {
    out.push(finding('BAD_INPUT', 'block', null, `The instrument data of ${name} has no valid tick size (${String(ins.tickSize)})`));
  }
  if (needsClock && (typeof nowMs !== 'number' || !Number.isFinite(nowMs))) {
    out.push(finding('BAD_INPUT', 'block', null, 'The clock reading is not a number: the quote age cannot be checked'));
  }
  return out;
}
