/**
 * One-click trading from the ladder, the pure parts: the quantity box, the order a click stands
 * for, the inline risk check, and the words of the confirmation step and the status line.
 *
 * - Quantity: F&O instruments (lot size > 1) are entered in lots and sent in units (lots × lot
 *   size); both are shown. Cash equity is entered in shares.
 * - A click is a LIMIT order at the clicked row's price (already on the tick grid; snapped again
 *   with shared/price.ts to be sure), with the product and validity chosen in the ladder header.
 * - Before anything is sent the shared risk gate runs (shared/risk `runRiskGate`) with the ladder's
 *   LTP and snapshot time; a blocking finding means nothing is sent and the status line says why.
 * - Nothing is retried: an `unknown` outcome is shown with its correlation id, to be checked in the
 *   order book.
 *
 * Source: issue 5, "Depth ladder" and "Order ticket" (lots for F&O shown as both; inline
 * validation; confirmation step that can be turned off); DESIGN.md "Money rules".
 */
import { formatPrice, formatQuantity, formatQuantityWithLots } from '../../../shared/format';
import type { Instrument } from '../../../shared/instruments';
import { priceDecimals } from '../../../shared/instruments';
import type { PlaceOrderReply } from '../../../shared/ipc/contract';
import type { OrderOutcome, OrderSide, PlaceOrderRequest, ProductType, Validity } from '../../../shared/orders';
import { roundToTick } from '../../../shared/price';
import { runRiskGate, type RiskLimits, type RiskVerdict } from '../../../shared/risk';
import type { OrderMarker } from './order-markers';

/** True when the quantity box works in lots (F&O: lot size above 1). */
export function entersLots(instrument: Pick<Instrument, 'lotSize'>): boolean {
  return instrument.lotSize > 1;
}

/** What the quantity box holds, read. */
export type QuantityInput = { readonly ok: true; readonly units: number; readonly lots: number | null; readonly label: string } | { readonly ok: false; readonly message: string };

/**
 * Reads the quantity box: `text` is lots for F&O, shares otherwise. Accepts whole numbers >= 1
 * only (Indian grouping commas allowed). `label` shows units and lots: `150 (2 lots)`.
 */
export function readQuantity(text: string, instrument: Pick<Instrument, 'lotSize'>): QuantityInput {
  const lotsMode = entersLots(instrument);
  const t = text.replace(/,/g, '').trim();
  if (!/^\d+$/.test(t)) return { ok: false, message: `Quantity must be a whole number of ${lotsMode ? 'lots' : 'shares'}` };
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < 1) return { ok: false, message: `Quantity must be at least 1 ${lotsMode ? 'lot' : 'share'}` };
  const units = lotsMode ? n * instrument.lotSize : n;
  if (!Number.isSafeInteger(units)) return { ok: false, message: 'Quantity is too large' };
  return { ok: true, units, lots: lotsMode ? n : null, label: formatQuantityWithLots(units, instrument.lotSize) };
}

/** The header's order defaults. */
export interface LadderOrderDefaults {
  readonly product: ProductType;
  readonly validity: Validity;
}

/** The LIMIT order a click on `side` at `price` (rupees) stands for. */
export function ladderOrder(instrument: Instrument, side: OrderSide, price: number, units: number, defaults: LadderOrderDefaults): PlaceOrderRequest {
  return {
    instrument: { segment: instrument.segment, securityId: instrument.securityId },
    side,
    quantity: units,
    product: defaults.product,
    orderType: 'LIMIT',
    validity: defaults.validity,
    price: roundToTick(price, instrument.tickSize),
  };
}

/** Runs the shared risk gate on a ladder order. `ltp` rupees (0 = unknown), `quoteTimeMs` epoch ms. */
export function checkLadderOrder(order: PlaceOrderRequest, instrument: Instrument, ltp: number, quoteTimeMs: number | null, limits: RiskLimits | undefined, nowMs: number): RiskVerdict {
  return runRiskGate({
    order,
    instrument,
    market: { ltp: ltp > 0 ? ltp : null, quoteTimeMs },
    ...(limits ? { limits } : {}),
    nowMs,
  });
}

/** `BUY 150 (2 lots) NIFTY 27 NOV 24500 CE @ 120.50 LIMIT · INTRADAY · DAY`. */
export function describeOrder(order: PlaceOrderRequest, instrument: Instrument): string {
  const price = formatPrice(order.price ?? 0, priceDecimals(instrument.segment));
  return `${order.side} ${formatQuantityWithLots(order.quantity, instrument.lotSize)} ${instrument.displayName || instrument.tradingSymbol} @ ${price} ${order.orderType} · ${order.product} · ${order.validity}`;
}

/**
 * A warning for the confirmation step when the limit price is marketable (a BUY at or above the
 * best ask, a SELL at or below the best bid): it will trade at once. Empty otherwise.
 */
export function marketableWarning(order: PlaceOrderRequest, bestBid: number, bestAsk: number): string {
  const p = order.price ?? 0;
  if (order.side === 'BUY' && bestAsk > 0 && p >= bestAsk) return 'At or above the best ask: this BUY will trade at once.';
  if (order.side === 'SELL' && bestBid > 0 && p <= bestBid) return 'At or below the best bid: this SELL will trade at once.';
  return '';
}

/** The status line for a verdict that blocked the order (nothing was sent). */
export function blockedText(verdict: RiskVerdict): string {
  const blocking = verdict.findings.filter((f) => f.severity === 'block').map((f) => f.message);
  return `Not sent: ${blocking.join('; ')}`;
}

function outcomeLine(o: OrderOutcome): string {
  if (o.kind === 'accepted') return `order ${o.orderId} ${o.status}`;
  if (o.kind === 'rejected') return `rejected: ${o.error.message}`;
  return `outcome unknown (not retried; check the order book${o.correlationId ? `, correlation id ${o.correlationId}` : ''}): ${o.error.message}`;
}

/** The status line after `orders.place` answered, with the broker's words for a rejection. */
export function placeReplyText(order: PlaceOrderRequest, reply: PlaceOrderReply, decimals: 2 | 4): string {
  const head = `${order.side} ${formatQuantity(order.quantity)} @ ${formatPrice(order.price ?? 0, decimals)}`;
  if (reply.outcomes.length === 0) {
    const blocking = reply.findings.filter((f) => f.severity === 'block').map((f) => f.message);
    return `${head} not sent: ${blocking.length > 0 ? blocking.join('; ') : 'refused by the risk gate'}`;
  }
  const stopped = reply.findings.filter((f) => f.code === 'SLICES_NOT_SENT').map((f) => ` ${f.message}`).join('');
  return `${head}: ${reply.outcomes.map(outcomeLine).join('; ')}${stopped}`;
}

/** The tone of the status line for a reply. */
export function replyTone(reply: PlaceOrderReply): 'good' | 'bad' | 'warn' {
  if (reply.outcomes.length === 0) return 'bad';
  if (reply.outcomes.some((o) => o.kind === 'unknown')) return 'warn';
  return reply.outcomes.every((o) => o.kind === 'accepted') ? 'good' : 'bad';
}

/** The confirmation question for cancelling a marker's orders. */
export function cancelQuestion(marker: OrderMarker, decimals: 2 | 4): string {
  const n = marker.orderIds.length;
  return `Cancel ${n === 1 ? 'the' : `all ${n}`} ${marker.side} order${n === 1 ? '' : 's'} at ${formatPrice(marker.price, decimals)} (${formatQuantity(marker.quantity)} working)?`;
}

/** The status line after cancelling: one result per order. */
export function cancelReplyText(results: readonly { readonly orderId: string; readonly outcome: OrderOutcome | null; readonly error: string | null }[]): string {
  return results
    .map((r) => {
      if (r.error !== null) return `cancel ${r.orderId} failed: ${r.error}`;
      const o = r.outcome!;
      if (o.kind === 'accepted') return `cancel ${r.orderId}: ${o.status}`;
      if (o.kind === 'rejected') return `cancel ${r.orderId} rejected: ${o.error.message}`;
      return `cancel ${r.orderId}: outcome unknown (not retried): ${o.error.message}`;
    })
    .join('; ');
}
