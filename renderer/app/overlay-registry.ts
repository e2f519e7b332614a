/**
 * The overlay registry: modals shown above the dock (Esc closes the top one). The order ticket is
 * one: F1/F2 open it for the focused instrument through `commands.openOrderTicket(side, key)`,
 * which opens overlay `order-ticket` with params `{ side: 'BUY' | 'SELL', key }`.
 *
 * HOW A FEATURE ADDS AN OVERLAY (one import + one entry): export one component taking
 * `OverlayProps` (./panel-types.ts; `close()` closes it), then add it here, e.g.
 *   import { OrderTicket } from '../features/order-entry/order-ticket';
 *   'order-ticket': { title: 'Order ticket', component: OrderTicket },
 * Until `order-ticket` is registered, F1/F2 show the toast "Order ticket not available".
 *
 * Source: issue 5, "Keyboard" (F1 buy, F2 sell, Esc closes) and "Order ticket".
 */
import { OrderTicket } from '../features/order-entry/order-ticket';
import type { OverlayDefinition } from './panel-types';

/** Ids overlays are known by (registered or expected). */
export type OverlayId = 'order-ticket';

/** Registered overlays. */
export const OVERLAYS: Partial<Record<OverlayId, OverlayDefinition>> = {
  'order-ticket': { title: 'Order ticket', component: OrderTicket },
};

/** The definition of `id`, or undefined when no feature registered it. */
export function overlayDefinition(id: string): OverlayDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(OVERLAYS, id) ? OVERLAYS[id as OverlayId] : undefined;
}
