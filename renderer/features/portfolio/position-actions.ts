/**
 * What a trader can do with a position, pure: the exit ticket's pre-fill, the products a position
 * may be converted to, the conversion request, the exit-all summary, and the words for an outcome.
 *
 * Units: quantities in **units** (shares, or contracts × lot size as the exchange counts them);
 * the ticket and the convert dialog show F&O in lots (lot size above 1), as the order ticket does.
 *
 * Source: seeds/002 "Portfolio and Positions" ("Convert Position": intraday ↔ delivery with a
 * `convertQty`; "Exit All Positions": exits every position AND cancels every open order of the
 * day); NEST/ODIN, Kite and Dhan's own terminals (Exit / Square off on a position row, Exit all,
 * Convert); DESIGN.md "Money rules".
 */
import type { PositionActionOutcome } from '../../../shared/ipc/contract';
import { keyOf, type ExchangeSegment, type InstrumentKey } from '../../../shared/instruments';
import type { OrderSide, OrderType, ProductType } from '../../../shared/orders';
import type { ConvertPositionRequest, Position } from '../../../shared/portfolio';

/**
 * Parameters of the `order-ticket` overlay that close a position: the opposite side, |net| units,
 * the position's product, LIMIT (the ticket prices a LIMIT at the best bid to sell, the best ask to
 * buy; MARKET is one click away in the ticket), and `exit: true` for the ticket's note.
 */
export interface ExitTicketParams {
  readonly [name: string]: unknown;
  readonly key: InstrumentKey;
  readonly side: OrderSide;
  /** Units (the ticket shows lots for F&O). */
  readonly quantity: number;
  readonly product: ProductType;
  readonly orderType: OrderType;
  readonly exit: true;
}

/** The ticket that closes `p`, or null when it is flat (nothing to exit). */
export function exitTicketParams(p: Pick<Position, 'instrument' | 'netQuantity' | 'product'>): ExitTicketParams | null {
  if (!Number.isFinite(p.netQuantity) || p.netQuantity === 0) return null;
  return {
    key: keyOf(p.instrument),
    side: p.netQuantity > 0 ? 'SELL' : 'BUY',
    quantity: Math.abs(p.netQuantity),
    product: p.product,
    orderType: 'LIMIT',
    exit: true,
  };
}

/** True for the cash segments, where delivery (CNC) exists. */
function isCashSegment(segment: ExchangeSegment): boolean {
  return segment === 'NSE_EQ' || segment === 'BSE_EQ';
}

/**
 * Products an open position may be converted to: INTRADAY ↔ CNC in the cash segments (a short
 * cannot be held for delivery, so a short INTRADAY has none), INTRADAY ↔ MARGIN for F&O,
 * currency and commodity. None for a flat position, an index, or CO/BO/MTF (their own rules).
 */
export function conversionTargets(p: Pick<Position, 'instrument' | 'netQuantity' | 'product'>): readonly ProductType[] {
  if (p.netQuantity === 0 || p.instrument.segment === 'IDX_I') return [];
  if (isCashSegment(p.instrument.segment)) {
    if (p.product === 'CNC') return ['INTRADAY'];
    if (p.product === 'INTRADAY') return p.netQuantity > 0 ? ['CNC'] : [];
    return [];
  }
  if (p.product === 'MARGIN') return ['INTRADAY'];
  if (p.product === 'INTRADAY') return ['MARGIN'];
  return [];
}

/** True when the quantity field counts lots (lot size above 1: F&O), as in the order ticket. */
export function countsLots(lotSize: number): boolean {
  return Number.isSafeInteger(lotSize) && lotSize > 1;
}

/**
 * The quantity typed in the convert dialog (lots when {@link countsLots}, else units) as units, or
 * the reason it cannot be sent: not a whole positive number, or more than the open quantity.
 */
export function convertQuantity(text: string, lotSize: number, openUnits: number): { readonly ok: true; readonly units: number } | { readonly ok: false; readonly message: string } {
  const t = text.trim().replace(/,/g, '');
  const lots = countsLots(lotSize);
  const word = lots ? 'lots' : 'units';
  if (!/^\d+$/.test(t) || Number(t) < 1) return { ok: false, message: `Enter a whole number of ${word}, 1 or more` };
  const units = lots ? Number(t) * lotSize : Number(t);
  if (!Number.isSafeInteger(units)) return { ok: false, message: `Enter a whole number of ${word}, 1 or more` };
  if (units > openUnits) {
    const open = lots ? `${openUnits / lotSize} lots (${openUnits} units)` : `${openUnits}`;
    return { ok: false, message: `At most the open quantity: ${open}` };
  }
  return { ok: true, units };
}

/** The `portfolio.convert` request moving `units` of `p` to `to`. */
export function convertRequest(p: Pick<Position, 'instrument' | 'symbol' | 'netQuantity' | 'product'>, to: ProductType, units: number): ConvertPositionRequest {
  return {
    instrument: { segment: p.instrument.segment, securityId: p.instrument.securityId },
    ...(p.symbol ? { symbol: p.symbol } : {}),
    positionType: p.netQuantity > 0 ? 'LONG' : 'SHORT',
    fromProduct: p.product,
    toProduct: to,
    quantity: units,
  };
}

/** What the exit-all dialog states before anything is sent. */
export interface ExitAllSummary {
  /** Open positions (net quantity not 0). */
  readonly positions: number;
  /** Sum of |net quantity| over them, units. */
  readonly units: number;
  /** One line per open position: `SELL 1 RELIANCE · INTRADAY`, units with lots for F&O. */
  readonly lines: readonly string[];
}

/** Summary of what exit all would square off; `nameOf` and `lotSizeOf` read the instrument cache. */
export function exitAllSummary(
  positions: readonly Position[],
  nameOf: (p: Position) => string,
  lotSizeOf: (p: Position) => number,
): ExitAllSummary {
  const open = positions.filter((p) => Number.isFinite(p.netQuantity) && p.netQuantity !== 0);
  let units = 0;
  const lines = open.map((p) => {
    const q = Math.abs(p.netQuantity);
    units += q;
    const lot = lotSizeOf(p);
    const qty = countsLots(lot) && q % lot === 0 ? `${q} (${q / lot} ${q / lot === 1 ? 'lot' : 'lots'})` : String(q);
    return `${p.netQuantity > 0 ? 'SELL' : 'BUY'} ${qty} ${nameOf(p)} · ${p.product}`;
  });
  return { positions: open.length, units, lines };
}

/** A line for a toast or a dialog: tone and words for a convert / exit-all outcome (or a bridge failure). */
export function positionActionText(
  what: 'Conversion' | 'Exit all',
  r: { readonly ok: true; readonly value: PositionActionOutcome } | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } },
): { readonly tone: 'good' | 'bad' | 'warn'; readonly text: string } {
  if (!r.ok) {
    // The request may have reached the broker: say so, never suggest sending again blindly.
    if (r.error.code === 'TIMEOUT' || r.error.code === 'NETWORK' || r.error.code === 'UNKNOWN_OUTCOME') {
      return { tone: 'warn', text: `${what} outcome UNKNOWN (${r.error.message}). It was NOT sent again: check positions and orders.` };
    }
    return { tone: 'bad', text: `${what} not sent: ${r.error.message}` };
  }
  const o = r.value;
  if (o.kind === 'accepted') return { tone: 'good', text: `${what} accepted: ${o.message}` };
  if (o.kind === 'rejected') return { tone: 'bad', text: `${what} rejected: ${o.error.message}` };
  return { tone: 'warn', text: `${what} outcome UNKNOWN: ${o.error.message}. It was NOT sent again: check positions and orders.` };
}
