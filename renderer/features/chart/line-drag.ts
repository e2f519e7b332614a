/**
 * Pure rules of trading from a working order's price line (NEST / Kite chart style): which field a
 * drag changes, which line the pointer grabs, the price a pointer's y stands for, and what the
 * order ticket is opened with on drop.
 *
 * - `dragField`: LIMIT → its limit price; SL (STOP_LOSS) → its limit price, the trigger is kept
 *   (the line is drawn at the limit price, ./order-lines.ts); SL-M → its trigger; MARKET, and an
 *   SL-M already triggered (now a market order) → not draggable. Only orders resting at the exchange
 *   (PENDING, PART_TRADED, TRIGGERED) move; TRANSIT is not acknowledged yet. See docs/decisions.md
 *   "Trading from the chart's order lines".
 * - `hitLine`: the line nearest to the pointer within `LINE_HIT_PX` CSS px (ties: the first).
 * - `dragPrice`: `series.coordinateToPrice(y)` snapped to the tick (shared/price.ts `roundToTick`).
 * - `modifyTicketParams`: the `order-ticket` overlay's params in modify mode, carrying the new price
 *   in the dragged field; the ticket validates it with the risk gate and sends `orders.modify`
 *   (confirmation step when on). The chart itself never sends a modification.
 * - `cancelOutcomeText`: the toast after a cancel from a line (its × or its menu), sent once.
 *
 * Units: prices rupees; coordinates CSS px from the top of the chart container.
 * Source: issue 5, "Chart ... chart-driven order placement"; DESIGN.md "Money rules".
 */
import { formatPrice } from '../../../shared/format';
import type { InstrumentKey } from '../../../shared/instruments';
import type { OrderSide, OrderStatus, OrderType } from '../../../shared/orders';
import { roundToTick } from '../../../shared/price';

/** The order field a drag of its line changes. */
export type DragField = 'price' | 'triggerPrice';

/** How near (CSS px, either side) the pointer must be to grab a line. */
export const LINE_HIT_PX = 5;

/** How far (CSS px) the pointer must move before a press on a line becomes a drag (else a click). */
export const DRAG_START_PX = 3;

/** The order facts `dragField` reads. */
export interface DraggableOrderFacts {
  readonly status: OrderStatus;
  readonly orderType: OrderType;
  /** Limit price, rupees (0 for none). */
  readonly price: number;
  /** Trigger price, rupees (0 for none). */
  readonly triggerPrice: number;
}

/** Which field a drag of this order's line changes, or null when its line is not draggable. */
export function dragField(o: DraggableOrderFacts): DragField | null {
  if (o.status !== 'PENDING' && o.status !== 'PART_TRADED' && o.status !== 'TRIGGERED') return null;
  switch (o.orderType) {
    case 'LIMIT':
    case 'STOP_LOSS':
      return o.price > 0 ? 'price' : null;
    case 'STOP_LOSS_MARKET':
      return o.status !== 'TRIGGERED' && o.triggerPrice > 0 ? 'triggerPrice' : null;
    case 'MARKET':
      return null;
  }
}

/** A line where it is drawn: its order and its y (null when off the price scale). */
export interface LineAt {
  readonly orderId: string;
  readonly y: number | null;
}

/** The order id of the line nearest to `y` within `tolerancePx`, or null. */
export function hitLine(lines: readonly LineAt[], y: number, tolerancePx: number = LINE_HIT_PX): string | null {
  if (!Number.isFinite(y)) return null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const l of lines) {
    if (l.y === null || !Number.isFinite(l.y)) continue;
    const d = Math.abs(l.y - y);
    if (d <= tolerancePx && d < bestDistance) {
      best = l.orderId;
      bestDistance = d;
    }
  }
  return best;
}

/** True once the pointer moved far enough from where it was pressed for a drag. */
export function dragStarted(pressY: number, y: number): boolean {
  return Math.abs(y - pressY) >= DRAG_START_PX;
}

/** The price a dragged line stands at: `rawPrice` (from `coordinateToPrice`) snapped to the tick; null off the scale. */
export function dragPrice(rawPrice: number | null, tickSize: number): number | null {
  if (rawPrice === null || !Number.isFinite(rawPrice) || rawPrice <= 0) return null;
  const p = roundToTick(rawPrice, tickSize > 0 ? tickSize : 0.05);
  return p > 0 ? p : null;
}

/** The order ticket's params to modify `orderId` with `price` (rupees) in `field`. */
export interface ModifyTicketParams {
  readonly orderId: string;
  readonly key: InstrumentKey;
  readonly side: OrderSide;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly [name: string]: unknown;
}

/** The `order-ticket` params for a dropped line (see the file comment). */
export function modifyTicketParams(orderId: string, key: InstrumentKey, side: OrderSide, field: DragField, price: number): ModifyTicketParams {
  return field === 'price' ? { orderId, key, side, price } : { orderId, key, side, triggerPrice: price };
}

/** The line's title while dragging: `BUY 10 LIMIT → 1,234.50` (price with the segment's decimals). */
export function dragTitle(title: string, price: number, decimals: 2 | 4): string {
  return `${title} → ${formatPrice(price, decimals)}`;
}

/** The toast after a cancel from a line: the order book's words (renderer/components/cancel-outcome.ts). */
export { cancelOutcomeText } from '../../components/cancel-outcome';
