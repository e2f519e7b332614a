/**
 * The order ticket's pure model: the form as typed, the request it becomes, its inline validation
 * with the shared risk gate (before any network call), and the default price.
 *
 * Units: the quantity field holds **lots** for an instrument whose lot size is above 1 (F&O) and
 * **units** otherwise (cash equity, MCX where Dhan's lot is 1); the request always carries units
 * (lots × lot size). Prices are rupees on the instrument's tick grid.
 *
 * Source: issue 5 "Order ticket" (BUY/SELL, product, order type, validity, quantity in lots for F&O
 * shown as both, price, trigger, disclosed quantity, AMO with time; inline validation: tick, lot,
 * trigger rules, before any network call); shared/risk (the gate and its checks); seeds/002
 * "Orders" (place order fields), Annexure "After Market Order time".
 */
import type { QuoteTick } from '../../../shared/ipc/contract';
import type { Instrument } from '../../../shared/instruments';
import { PRODUCT_TYPES, type AmoTime, type OrderSide, type OrderType, type PlaceOrderRequest, type ProductType, type Validity } from '../../../shared/orders';
import { roundToTick } from '../../../shared/price';
import { lotsToQuantity, runRiskGate, type RiskField, type RiskFinding, type RiskLimits, type RiskVerdict } from '../../../shared/risk';

/** The ticket's fields as typed (text fields keep what the trader typed, so nothing jumps). */
export interface TicketForm {
  readonly side: OrderSide;
  readonly product: ProductType;
  readonly orderType: OrderType;
  readonly validity: Validity;
  /** Lots when {@link usesLots}, else units. */
  readonly quantityText: string;
  /** Limit price, rupees. */
  readonly priceText: string;
  /** Trigger price, rupees. */
  readonly triggerText: string;
  /** Disclosed quantity, units ('' for none). */
  readonly disclosedText: string;
  /** After-market order. */
  readonly amo: boolean;
  readonly amoTime: AmoTime;
}

/** AMO times with the words traders read (seeds/002, Annexure "After Market Order time"). */
export const AMO_TIMES: readonly { readonly value: AmoTime; readonly label: string }[] = [
  { value: 'PRE_OPEN', label: 'Pre-open (09:00)' },
  { value: 'OPEN', label: 'Market open (09:15)' },
  { value: 'OPEN_30', label: 'Open + 30 min (09:45)' },
  { value: 'OPEN_60', label: 'Open + 60 min (10:15)' },
];

/** Labels of order types as the ticket shows them. */
export const ORDER_TYPE_LABELS: Readonly<Record<OrderType, string>> = {
  LIMIT: 'LIMIT',
  MARKET: 'MARKET',
  STOP_LOSS: 'SL',
  STOP_LOSS_MARKET: 'SL-M',
};

/** True when the ticket counts this instrument in lots (lot size above 1: F&O contracts). */
export function usesLots(instrument: Pick<Instrument, 'lotSize'>): boolean {
  return Number.isSafeInteger(instrument.lotSize) && instrument.lotSize > 1;
}

/** True for order types that carry a limit price (LIMIT, SL). */
export function usesPrice(orderType: OrderType): boolean {
  return orderType === 'LIMIT' || orderType === 'STOP_LOSS';
}

/** True for order types that carry a trigger price (SL, SL-M). */
export function usesTrigger(orderType: OrderType): boolean {
  return orderType === 'STOP_LOSS' || orderType === 'STOP_LOSS_MARKET';
}

/**
 * A typed number: `undefined` for an empty field, NaN for text that is not a plain decimal number
 * (`12a`, `1e3`, `--1`), so that the gate's input check refuses it with its own words.
 */
export function parseField(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return undefined;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number.NaN;
  return Number(t);
}

/**
 * Units for the quantity field: lots × lot size when the ticket counts lots, else the number as
 * typed. `null` when the field is empty, NaN when it is not a whole positive number of lots (the
 * gate would word that in units, which the trader did not type; {@link validateTicket} words it).
 */
export function ticketQuantity(form: Pick<TicketForm, 'quantityText'>, instrument: Pick<Instrument, 'lotSize'>): number | null {
  const n = parseField(form.quantityText);
  if (n === undefined) return null;
  if (!usesLots(instrument)) return n;
  return lotsToQuantity(n, instrument.lotSize) ?? Number.NaN;
}

/**
 * The `orders.place` request the form describes. The price is left out for MARKET / SL-M, the
 * trigger for LIMIT / MARKET, the disclosed quantity when empty, the AMO time unless AMO. No
 * correlation id: the core adds a fresh one per slice (contract `orders.place`).
 */
export function buildPlaceRequest(form: TicketForm, instrument: Pick<Instrument, 'segment' | 'securityId' | 'lotSize'>): PlaceOrderRequest {
  const price = usesPrice(form.orderType) ? parseField(form.priceText) : undefined;
  const trigger = usesTrigger(form.orderType) ? parseField(form.triggerText) : undefined;
  const disclosed = parseField(form.disclosedText);
  return {
    instrument: { segment: instrument.segment, securityId: instrument.securityId },
    side: form.side,
    quantity: ticketQuantity(form, instrument) ?? Number.NaN,
    product: form.product,
    orderType: form.orderType,
    validity: form.validity,
    ...(price !== undefined ? { price } : {}),
    ...(trigger !== undefined ? { triggerPrice: trigger } : {}),
    ...(disclosed !== undefined ? { disclosedQuantity: disclosed } : {}),
    ...(form.amo ? { afterMarketOrder: true, amoTime: form.amoTime } : {}),
  };
}

/** Result of {@link validateTicket}. */
export interface TicketValidation {
  /** True when nothing blocks: the ticket may send. */
  readonly ok: boolean;
  /** The request to send (only meaningful when `ok`). */
  readonly request: PlaceOrderRequest;
  /** Findings about one field, to show next to it (blocking ones first). */
  readonly byField: Readonly<Partial<Record<Exclude<RiskField, null>, readonly RiskFinding[]>>>;
  /** Findings about the order as a whole (kill switch, stale quote, slicing...). */
  readonly general: readonly RiskFinding[];
  /** The gate's verdict (slices: the quantities the core will send). */
  readonly verdict: RiskVerdict;
}

/** What the ticket knows of the market: the latest tick, if any. */
export type TicketMarket = Pick<QuoteTick, 'ltp' | 'receivedAtMs'> | undefined;

/**
 * Validates the ticket with the shared risk gate (tick, lot, freeze, max quantity and value, price
 * band, stale quote, trigger, disclosed quantity), plus the ticket's own rules the gate cannot see:
 * a whole number of lots in the lots field, and an AMO time. Pure; runs on every keystroke.
 */
export function validateTicket(
  form: TicketForm,
  instrument: Instrument,
  market: TicketMarket,
  limits: Partial<RiskLimits> | undefined,
  nowMs: number,
): TicketValidation {
  const request = buildPlaceRequest(form, instrument);
  const verdict = runRiskGate({
    order: request,
    instrument,
    market: market === undefined || !(market.ltp > 0) ? null : { ltp: market.ltp, quoteTimeMs: market.receivedAtMs },
    limits,
    nowMs,
  });
  const findings: RiskFinding[] = [...verdict.findings];
  if (usesLots(instrument)) {
    const lots = parseField(form.quantityText);
    if (lots === undefined || !Number.isSafeInteger(lots) || lots < 1) {
      // Replace the gate's unit-worded quantity finding with one in lots, as typed.
      for (let i = findings.length - 1; i >= 0; i--) if (findings[i]!.field === 'quantity') findings.splice(i, 1);
      findings.unshift({
        code: 'BAD_INPUT',
        severity: 'block',
        field: 'quantity',
        message: `Enter a whole number of lots, 1 or more (1 lot = ${instrument.lotSize} units)`,
        suggestions: lots !== undefined && Number.isFinite(lots) && lots > 1 ? [Math.floor(lots), Math.ceil(lots)] : [1],
      });
    }
  }
  const byField: Partial<Record<Exclude<RiskField, null>, RiskFinding[]>> = {};
  const general: RiskFinding[] = [];
  for (const f of findings) {
    if (f.field === null) general.push(f);
    else (byField[f.field] ??= []).push(f);
  }
  const ok = !findings.some((f) => f.severity === 'block');
  return { ok, request, byField, general, verdict };
}

/** Where a default price came from: the side's best price, or LTP when that side was empty. */
export type DefaultPriceSource = 'ask' | 'bid' | 'ltp';

/** A default limit price (rupees, on the tick grid) and what it was taken from. */
export interface DefaultPrice {
  readonly price: number;
  readonly source: DefaultPriceSource;
  /** The quoted price it was rounded from, rupees. */
  readonly quoted: number;
  /** The quote was older than the staleness limit (no fresh tick since): the default is provisional. */
  readonly stale: boolean;
}

/** Staleness of the quote a default is taken from: `nowMs` and the limit, both in ms (UTC epoch / duration). */
export interface DefaultPriceClock {
  readonly nowMs: number;
  readonly staleAfterMs: number;
}

/**
 * The price the ticket opens with: the best ask for a buy, the best bid for a sell (the price that
 * trades at once as a LIMIT), falling back to LTP when that side of the book is empty or not known
 * yet, rounded to the tick grid (a buy rounds up, a sell down, so that the limit still crosses).
 * `null` when no quote has arrived yet. A default from LTP, or from a quote received more than
 * `clock.staleAfterMs` before `clock.nowMs` (the core's receive time, `QuoteTick.receivedAtMs`), is
 * provisional: the ticket replaces it with the first fresh tick that carries the side's best
 * price, unless the trader typed a price ({@link upgradesDefault}).
 */
export function defaultPriceFrom(
  side: OrderSide,
  tick: (Pick<QuoteTick, 'ltp' | 'bidPrice' | 'askPrice'> & Partial<Pick<QuoteTick, 'receivedAtMs'>>) | undefined,
  tickSize: number,
  clock?: DefaultPriceClock,
): DefaultPrice | null {
  if (tick === undefined || !(tickSize > 0)) return null;
  const best = side === 'BUY' ? tick.askPrice : tick.bidPrice;
  const source: DefaultPriceSource = best > 0 ? (side === 'BUY' ? 'ask' : 'bid') : 'ltp';
  const quoted = best > 0 ? best : tick.ltp;
  if (!(quoted > 0)) return null;
  const at = tick.receivedAtMs ?? 0;
  const stale = clock !== undefined && at > 0 && clock.nowMs - at > clock.staleAfterMs;
  return { price: roundToTick(quoted, tickSize, side === 'BUY' ? 'up' : 'down'), source, quoted, stale };
}

/** {@link defaultPriceFrom}'s price alone. */
export function defaultPrice(
  side: OrderSide,
  tick: Pick<QuoteTick, 'ltp' | 'bidPrice' | 'askPrice'> | undefined,
  tickSize: number,
): number | null {
  return defaultPriceFrom(side, tick, tickSize)?.price ?? null;
}

/** True when a default is final: taken from the book's side on a fresh quote. */
export function isFinalDefault(d: DefaultPrice): boolean {
  return d.source !== 'ltp' && !d.stale;
}

/**
 * Whether a new default replaces the one the ticket shows (the trader has not typed a price): when
 * there is none yet, or when the shown one is provisional (from LTP, or from a stale quote) and the
 * new one is final. A final default stays: later ticks never move the price under the trader.
 */
export function upgradesDefault(shown: DefaultPrice | null, next: DefaultPrice | null): boolean {
  if (next === null) return false;
  return shown === null || (!isFinalDefault(shown) && isFinalDefault(next));
}

/**
 * The product the ticket starts with among those the broker offers: INTRADAY for everything
 * (the NEST default, MIS), else the first offered; MARGIN first for F&O when INTRADAY is absent.
 */
export function defaultProduct(offered: readonly ProductType[], derivative: boolean): ProductType {
  if (offered.includes('INTRADAY')) return 'INTRADAY';
  if (derivative && offered.includes('MARGIN')) return 'MARGIN';
  if (!derivative && offered.includes('CNC')) return 'CNC';
  return offered[0] ?? 'INTRADAY';
}

/** Fields a caller may pre-fill through the ticket's params (the positions panel's Exit). */
export interface TicketPreset {
  readonly product?: ProductType;
  readonly orderType?: OrderType;
  /** As the quantity field shows it: lots when {@link usesLots}, else units. */
  readonly quantityText?: string;
}

/**
 * Reads `quantity` (units), `product` and `orderType` from the ticket's params. The quantity
 * becomes lots for an F&O instrument (units ÷ lot size; a quantity that is not whole lots is shown
 * as the fraction, which the lots check then refuses in words); the product is kept even when the
 * broker's list lacks it (a position's own product), an order type only when offered. Anything
 * malformed is left out, so the ticket falls back to its defaults.
 */
export function ticketPreset(
  params: Readonly<Record<string, unknown>>,
  instrument: Pick<Instrument, 'lotSize'>,
  offeredOrderTypes: readonly OrderType[],
): TicketPreset {
  const out: { product?: ProductType; orderType?: OrderType; quantityText?: string } = {};
  const q = params.quantity;
  if (typeof q === 'number' && Number.isSafeInteger(q) && q > 0) {
    out.quantityText = usesLots(instrument) ? String(Number((q / instrument.lotSize).toFixed(4))) : String(q);
  }
  if (typeof params.product === 'string' && (PRODUCT_TYPES as readonly string[]).includes(params.product)) out.product = params.product as ProductType;
  if (typeof params.orderType === 'string' && (offeredOrderTypes as readonly string[]).includes(params.orderType)) out.orderType = params.orderType as OrderType;
  return out;
}
