/**
 * The simulator's margin model: simple, documented, per product and instrument type. Not Dhan's
 * SPAN/VaR calculation; enough to make blocking, release and insufficient-funds behave as a broker's.
 *
 * | instrument            | CNC  | MTF  | INTRADAY | MARGIN | basis                     |
 * |-----------------------|------|------|----------|--------|---------------------------|
 * | equity (NSE/BSE_EQ)   | 100% | 25%  | 20%      |   —    | price × quantity          |
 * | futures               |  —   |  —   | 10%      | 15%    | price × quantity          |
 * | option, buy           |  —   |  —   | 100%     | 100%   | premium (price × quantity)|
 * | option, sell          |  —   |  —   | 10%      | 15%    | strike × quantity         |
 *
 * "—" means the product is refused for that instrument (Dhan: CNC/MTF are cash-segment products,
 * MARGIN is the F&O carry-forward product). Only the part of an order that increases exposure needs
 * margin; the part that reduces an existing position of the same product needs none.
 * Source: seeds/002 Annexure "Product Type" (CNC, INTRADAY, MARGIN, MTF); rates are the sim's own.
 */

import type { OrderSide, ProductType } from '../../../shared/orders';
import type { SimContract } from '../sim-instrument';

type Family = 'equity' | 'future' | 'option' | 'index';

function family(c: SimContract): Family {
  switch (c.instrumentType) {
    case 'INDEX':
      return 'index';
    case 'EQUITY':
      return 'equity';
    case 'OPTIDX':
    case 'OPTSTK':
    case 'OPTFUT':
    case 'OPTCUR':
      return 'option';
    default:
      return 'future';
  }
}

const RATES: Record<Exclude<Family, 'index'>, Partial<Record<ProductType, number>>> = {
  equity: { CNC: 1, MTF: 0.25, INTRADAY: 0.2 },
  future: { INTRADAY: 0.1, MARGIN: 0.15 },
  option: { INTRADAY: 0.1, MARGIN: 0.15 },
};

/** True when the product may be used for the instrument (see the table). Indices are not tradable. */
export function productAllowed(c: SimContract, product: ProductType): boolean {
  const f = family(c);
  return f !== 'index' && RATES[f][product] !== undefined;
}

/** True for an index (quotes only, no orders). */
export function isIndex(c: SimContract): boolean {
  return family(c) === 'index';
}

/**
 * Margin for `quantity` units that increase exposure on `side` at `price` (rupees), in rupees,
 * rounded to paise. 0 for a product the instrument does not allow.
 */
export function marginFor(c: SimContract, product: ProductType, side: OrderSide, quantity: number, price: number): number {
  const f = family(c);
  if (f === 'index' || quantity <= 0) return 0;
  const rate = RATES[f][product];
  if (rate === undefined) return 0;
  let m: number;
  if (f === 'option' && side === 'BUY') m = price * quantity;
  else if (f === 'option') m = rate * (c.strike ?? price) * quantity;
  else m = rate * price * quantity;
  return Math.round(m * 100) / 100;
}
