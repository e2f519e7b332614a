/**
 * Broker-neutral order types: requests, the order itself, its status set, events, outcomes, trades.
 *
 * Conventions: prices in **rupees** (snapped, see shared/market.ts), quantities in units (shares or
 * contracts × lot as the exchange counts them), times in **epoch ms UTC**. Words that come from the
 * broker (rejection reasons) are kept verbatim.
 *
 * Source: seeds/002 (DhanHQ v2), "Orders" (place/modify/cancel/slicing/order book/trade book),
 * "Live Order Update", Annexure "Product Type", "Order Status", "After Market Order time";
 * DESIGN.md, "Money rules" (correlation id on every order; UNKNOWN outcome, never retried).
 */

import type { BridgeError } from './errors';
import type { InstrumentRef, OptionType } from './market';

/** Buy or sell. */
export type OrderSide = 'BUY' | 'SELL';

/**
 * Product: CNC (delivery), INTRADAY, MARGIN (F&O carry forward), MTF (margin trading facility),
 * CO (cover order) and BO (bracket order); CO and BO are intraday only (seeds/002, Annexure).
 */
export type ProductType = 'CNC' | 'INTRADAY' | 'MARGIN' | 'MTF' | 'CO' | 'BO';

/** Every product type. */
export const PRODUCT_TYPES: readonly ProductType[] = ['CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO'];

/** Order type: limit, market, stop-loss limit, stop-loss market. */
export type OrderType = 'LIMIT' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_MARKET';

/** Validity: for the day, or immediate-or-cancel. */
export type Validity = 'DAY' | 'IOC';

/** When an after-market order is sent to the exchange (seeds/002, Annexure "After Market Order time"). */
export type AmoTime = 'PRE_OPEN' | 'OPEN' | 'OPEN_30' | 'OPEN_60';

/** Leg of a bracket/cover/super order. */
export type OrderLeg = 'ENTRY_LEG' | 'TARGET_LEG' | 'STOP_LOSS_LEG';

/**
 * Order status. The broker's set (seeds/002, Annexure "Order Status" and the order book's list)
 * plus `UNKNOWN`, ours: an order-changing request whose fate is not known (timeout, network error,
 * 5xx) until reconciled by correlation id. `CLOSED` and `TRIGGERED` are used by super orders only.
 */
export type OrderStatus =
  | 'TRANSIT'
  | 'PENDING'
  | 'PART_TRADED'
  | 'TRADED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'CLOSED'
  | 'TRIGGERED'
  | 'UNKNOWN';

/** Every order status. */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'TRANSIT',
  'PENDING',
  'PART_TRADED',
  'TRADED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
  'CLOSED',
  'TRIGGERED',
  'UNKNOWN',
];

/** True for a status after which the order cannot change any more. */
export function isTerminalStatus(status: OrderStatus): boolean {
  return status === 'TRADED' || status === 'CANCELLED' || status === 'REJECTED' || status === 'EXPIRED' || status === 'CLOSED';
}

/** True while the order may still trade or be modified/cancelled. */
export function isOpenStatus(status: OrderStatus): boolean {
  return status === 'TRANSIT' || status === 'PENDING' || status === 'PART_TRADED' || status === 'TRIGGERED';
}

/** A new order, as the workstation asks for it (after the risk gate). */
export interface PlaceOrderRequest {
  readonly instrument: InstrumentRef;
  readonly side: OrderSide;
  /** Quantity, units (a multiple of the lot size for F&O). */
  readonly quantity: number;
  readonly product: ProductType;
  readonly orderType: OrderType;
  readonly validity: Validity;
  /** Limit price, rupees on the tick grid; omit or 0 for MARKET / STOP_LOSS_MARKET. */
  readonly price?: number;
  /** Trigger price, rupees; required for STOP_LOSS / STOP_LOSS_MARKET. */
  readonly triggerPrice?: number;
  /** Disclosed quantity, units (> 30 % of quantity when used). */
  readonly disclosedQuantity?: number;
  /** True for an after-market order. */
  readonly afterMarketOrder?: boolean;
  /** When the AMO is sent to the exchange; required when `afterMarketOrder`. */
  readonly amoTime?: AmoTime;
  /** Bracket order: target distance from the entry, rupees. */
  readonly boProfitValue?: number;
  /** Bracket order: stop-loss distance from the entry, rupees. */
  readonly boStopLossValue?: number;
  /** Our id to find the order again if the answer is lost; generated when absent. */
  readonly correlationId?: string;
}

/** A change to a pending order (price, quantity, order type, validity, trigger, disclosed quantity). */
export interface ModifyOrderRequest {
  readonly orderId: string;
  readonly orderType: OrderType;
  readonly validity: Validity;
  /** New total quantity, units. */
  readonly quantity?: number;
  /** New limit price, rupees. */
  readonly price?: number;
  /** New trigger price, rupees. */
  readonly triggerPrice?: number;
  /** New disclosed quantity, units. */
  readonly disclosedQuantity?: number;
  /** Which leg of a BO/CO to change. */
  readonly leg?: OrderLeg;
}

/** An order as the broker reports it. */
export interface Order {
  /** The broker's order id. */
  readonly orderId: string;
  /** The exchange's order number, when it has reached the exchange. */
  readonly exchangeOrderId: string | null;
  /** Our correlation id (Dhan `correlationId`, Kite `tag`), when the order carries one. */
  readonly correlationId: string | null;
  readonly status: OrderStatus;
  readonly instrument: InstrumentRef;
  /** Trading symbol as the broker shows it (`''` when not sent). */
  readonly symbol: string;
  readonly side: OrderSide;
  readonly product: ProductType;
  readonly orderType: OrderType;
  readonly validity: Validity;
  /** Ordered quantity, units. */
  readonly quantity: number;
  /** Quantity filled so far, units. */
  readonly filledQuantity: number;
  /** Quantity still pending at the exchange, units (quantity − filled, unless the order is closed). */
  readonly remainingQuantity: number;
  /** Limit price, rupees (0 for market orders). */
  readonly price: number;
  /** Trigger price, rupees (0 when none). */
  readonly triggerPrice: number;
  /** Average price of the fills, rupees (0 before the first fill). */
  readonly averageTradedPrice: number;
  /** Disclosed quantity, units (0 when none). */
  readonly disclosedQuantity: number;
  /** True for an after-market order. */
  readonly afterMarketOrder: boolean;
  /** Leg of a BO/CO/super order, when it is one. */
  readonly leg: OrderLeg | null;
  /** F&O contract details, when the broker sent them. */
  readonly expiryDate: string | null;
  readonly optionType: OptionType | null;
  /** Strike, rupees; null when not an option. */
  readonly strikePrice: number | null;
  /** When the broker received the order, epoch ms UTC. */
  readonly createdAtMs: number | null;
  /** Last change, epoch ms UTC. */
  readonly updatedAtMs: number | null;
  /** When the order reached the exchange, epoch ms UTC. */
  readonly exchangeTimeMs: number | null;
  /** Why it was rejected, in the broker's words; null unless rejected or failed. */
  readonly rejectionReason: string | null;
  /** The broker's error code for a rejection, when it sent one. */
  readonly rejectionCode: string | null;
}

/** An execution (fill) of an order. */
export interface Trade {
  readonly orderId: string;
  readonly exchangeOrderId: string | null;
  /** The exchange's trade id. */
  readonly tradeId: string;
  readonly instrument: InstrumentRef;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly product: ProductType;
  readonly orderType: OrderType;
  /** Quantity filled in this trade, units. */
  readonly quantity: number;
  /** Price of this trade, rupees. */
  readonly price: number;
  /** Exchange time of the trade, epoch ms UTC. */
  readonly tradeTimeMs: number | null;
  readonly expiryDate: string | null;
  readonly optionType: OptionType | null;
  readonly strikePrice: number | null;
}

/** What an order-changing request (place, modify, cancel, slice, convert, exit all) came to. */
export type OrderOutcome =
  /** The broker acknowledged the request (not a fill: fills come as events). */
  | {
      readonly kind: 'accepted';
      readonly orderId: string;
      readonly status: OrderStatus;
      readonly correlationId: string | null;
    }
  /** The broker refused it; nothing changed. `error.message` holds our words and the broker's. */
  | { readonly kind: 'rejected'; readonly error: BridgeError; readonly correlationId: string | null }
  /**
   * Fate unknown (timeout, network error, 5xx, unreadable answer): NOT retried. Reconcile by
   * `correlationId` (get order by correlation id) before doing anything else with this order.
   */
  | { readonly kind: 'unknown'; readonly error: BridgeError; readonly correlationId: string | null };

/** Where an order event came from. */
export type OrderEventSource = 'stream' | 'rest' | 'local';

/** An order event: the order's latest known state, pushed up to the UI and the order store. */
export interface OrderUpdateEvent {
  readonly kind: 'order';
  readonly source: OrderEventSource;
  /** The order as of this event. */
  readonly order: Order;
  /** Price of the fill that caused this update, rupees, when it is a fill (Dhan `TradedPrice`). */
  readonly lastFillPrice: number | null;
  /** LTP at the time of the update, rupees, when the broker sent it. */
  readonly referenceLtp: number | null;
  /** When we received it, epoch ms UTC. */
  readonly receivedAtMs: number;
}

/** An order-changing request whose outcome became unknown; the order store must reconcile it. */
export interface OrderUnknownEvent {
  readonly kind: 'unknown';
  readonly correlationId: string | null;
  readonly orderId: string | null;
  readonly error: BridgeError;
  readonly receivedAtMs: number;
}

/** Any order event. */
export type OrderEvent = OrderUpdateEvent | OrderUnknownEvent;
