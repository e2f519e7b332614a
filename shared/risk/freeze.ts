/**
 * Freeze quantity: the largest quantity the exchange accepts in one order for a derivative. An
 * order above it must be sliced into several orders (Dhan's `/orders/slicing` does the same) or
 * refused.
 *
 * Sources: seeds/002, "Order Slicing" ("place over freeze limit quantity for F&O instruments");
 * NSE circular of 2025-10-31, "Quantity freeze limits for indices" (effective 2025-11-03):
 * BANKNIFTY 600, NIFTY 1800, FINNIFTY 1800, MIDCPNIFTY 2800, NIFTYNXT50 600 units, "the maximum
 * units you can buy or sell per order" (so an order of exactly the freeze quantity is accepted).
 * NSE revises these tables every few months: an instrument row's own `freezeQuantity` (Dhan's
 * detailed master `SM_FREEZE_QTY`) wins, and the table is a user-editable setting.
 */

import { isDerivative } from '../instruments';
import { showQuantity } from './display';
import { isPositiveInteger } from './lots';
import { finding, type FreezeAction, type RiskFinding, type RiskInstrument, type RiskOrder } from './types';

/** NSE index-derivative freeze quantities, units, per underlying (NSE circular 2025-10-31). */
export const NSE_INDEX_FREEZE_QUANTITIES: Readonly<Record<string, number>> = Object.freeze({
  NIFTY: 1800,
  BANKNIFTY: 600,
  FINNIFTY: 1800,
  MIDCPNIFTY: 2800,
  NIFTYNXT50: 600,
});

/**
 * The freeze quantity that applies to `instrument`, units: its own `freezeQuantity` when the
 * master gave one, else `table[underlying]` for derivatives; null when none is known (no limit
 * checked: cash equity, or an underlying missing from the table).
 */
export function freezeQuantityFor(instrument: RiskInstrument, table: Readonly<Record<string, number>>): number | null {
  if (isPositiveInteger(instrument.freezeQuantity)) return instrument.freezeQuantity;
  if (!isDerivative(instrument.instrumentType)) return null;
  const fromTable = Object.prototype.hasOwnProperty.call(table, instrument.underlying) ? table[instrument.underlying] : undefined;
  return isPositiveInteger(fromTable) ? fromTable : null;
}

/**
 * Largest quantity of one slice: the freeze quantity rounded down to whole lots
 * (`maxSliceQuantity(1800, 65)` → 1755, 27 lots). Null when not even one lot fits (bad data).
 */
export function maxSliceQuantity(freezeQuantity: number, lotSize: number): number | null {
  if (!isPositiveInteger(freezeQuantity) || !isPositiveInteger(lotSize)) return null;
  const max = Math.floor(freezeQuantity / lotSize) * lotSize;
  return max >= lotSize ? max : null;
}

/**
 * Splits `quantity` into slices of at most `maxSlice`, full slices first:
 * `sliceQuantity(4000, 1755)` → [1755, 1755, 490]. Slices stay whole lots when both are. Empty when
 * either argument is not an integer >= 1.
 */
export function sliceQuantity(quantity: number, maxSlice: number): number[] {
  if (!isPositiveInteger(quantity) || !isPositiveInteger(maxSlice)) return [];
  const slices: number[] = [];
  const full = Math.floor(quantity / maxSlice);
  for (let i = 0; i < full; i++) slices.push(maxSlice);
  const rest = quantity - full * maxSlice;
  if (rest > 0) slices.push(rest);
  return slices;
}

/** What {@link checkFreezeQuantity} decides. */
export interface FreezeCheck {
  readonly findings: readonly RiskFinding[];
  /** Quantities to send: `[quantity]` under the limit, the slices above it, `[]` when refused. */
  readonly slices: readonly number[];
}

/**
 * Checks `order.quantity` against the freeze quantity of `instrument`. Above it, with `action`
 * `SLICE`, an `info` finding says how the order will be sent ("Quantity 4,000 is above the freeze
 * quantity 1,800 of NIFTY: it will be sent as 3 orders (1,755 + 1,755 + 490)"); with `REFUSE`, a
 * blocking finding. A quantity that is not an integer >= 1 gives no finding and no slices.
 */
export function checkFreezeQuantity(
  order: RiskOrder,
  instrument: RiskInstrument,
  table: Readonly<Record<string, number>>,
  action: FreezeAction,
): FreezeCheck {
  const q = order.quantity;
  if (!isPositiveInteger(q)) return { findings: [], slices: [] };
  const freeze = freezeQuantityFor(instrument, table);
  if (freeze === null || q <= freeze) return { findings: [], slices: [q] };
  const name = instrument.underlying || instrument.tradingSymbol;
  const head = `Quantity ${showQuantity(q)} is above the freeze quantity ${showQuantity(freeze)} of ${name}`;
  const maxSlice = maxSliceQuantity(freeze, isPositiveInteger(instrument.lotSize) ? instrument.lotSize : 1);
  if (maxSlice === null) {
    return {
      findings: [finding('FREEZE_QUANTITY', 'block', 'quantity', `${head}, which is less than one lot of ${showQuantity(instrument.lotSize)}: it cannot be sent`)],
      slices: [],
    };
  }
  const slices = sliceQuantity(q, maxSlice);
  if (action === 'REFUSE') {
    return {
      findings: [
        finding(
          'FREEZE_QUANTITY',
          'block',
          'quantity',
          `${head}: place at most ${showQuantity(maxSlice)} per order (${slices.length} orders), or turn on slicing`,
          [maxSlice],
        ),
      ],
      slices: [],
    };
  }
  return {
    findings: [
      finding(
        'FREEZE_SLICED',
        'info',
        'quantity',
        `${head}: it will be sent as ${slices.length} orders (${summarise(slices)})`,
      ),
    ],
    slices,
  };
}

/** `1,755 + 1,755 + 490`, or `1,755 × 10 + 490` when there are many equal slices. */
function summarise(slices: readonly number[]): string {
  const first = slices[0]!;
  const last = slices[slices.length - 1]!;
  const full = last === first ? slices.length : slices.length - 1;
  if (slices.length <= 4) return slices.map(showQuantity).join(' + ');
  return `${showQuantity(first)} × ${full}${last === first ? '' : ` + ${showQuantity(last)}`}`;
}
