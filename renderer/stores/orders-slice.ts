/**
 * The `orders` slice: the day's order book (by order id, merged by ./order-merge.ts so that nothing
 * moves backwards), the requests whose outcome is unknown until the core reconciles them, and the
 * trade book.
 *
 * Fed by ./trading-sync.ts (`orders.list` on every link open, `orders.events`, `trades.list` after
 * fills). Quantities units, prices rupees, times epoch ms UTC.
 *
 * Source: issue 5 "Order book", "trade book"; shared/ipc/contract.ts `orders.events`.
 */
import type { StateCreator } from 'zustand';
import type { Order, OrderEvent, OrderUnknownEvent, Trade } from '../../shared/orders';
import { compareTradesNewestFirst, mergeOrder, type OrderMerge } from './order-merge';

/** Most unknown-outcome notes kept (the oldest are dropped). */
export const UNKNOWN_NOTES_LIMIT = 50;

/** The order book as the renderer holds it. */
export interface OrderBookState {
  /** Orders by the broker's order id. */
  readonly byId: Readonly<Record<string, Order>>;
  /** True once `orders.list` answered at least once. */
  readonly loaded: boolean;
  /** Requests whose outcome is unknown and not yet matched by an order update (newest last). */
  readonly unknowns: readonly OrderUnknownEvent[];
  /** Why the last `orders.list` failed, or null. */
  readonly error: string | null;
}

/** The slice. */
export interface OrdersSlice {
  readonly orderBook: OrderBookState;
  /** The day's trades as `trades.list` last answered, newest first. */
  readonly trades: readonly Trade[];
  /** True once `trades.list` answered. */
  readonly tradesLoaded: boolean;
  /** Merges a whole order book answer; returns each order's merge (for notifications). */
  applyOrderList(list: readonly Order[]): OrderMerge[];
  /** Applies one `orders.events` payload; returns the merge of an order update, null for an unknown. */
  applyOrderEvent(event: OrderEvent): OrderMerge | null;
  setOrderBookError(message: string | null): void;
  setTrades(list: readonly Trade[]): void;
}

function withoutMatched(unknowns: readonly OrderUnknownEvent[], order: Order): readonly OrderUnknownEvent[] {
  const left = unknowns.filter(
    (u) => !((u.correlationId !== null && u.correlationId === order.correlationId) || (u.orderId !== null && u.orderId === order.orderId)),
  );
  return left.length === unknowns.length ? unknowns : left;
}

/** Creates the slice for the combined store. */
export const createOrdersSlice: StateCreator<OrdersSlice, [], [], OrdersSlice> = (set, get) => ({
  orderBook: { byId: {}, loaded: false, unknowns: [], error: null },
  trades: [],
  tradesLoaded: false,
  applyOrderList(list) {
    const book = get().orderBook;
    const byId: Record<string, Order> = { ...book.byId };
    let unknowns = book.unknowns;
    const merges: OrderMerge[] = [];
    for (const o of list) {
      const m = mergeOrder(byId[o.orderId], o);
      merges.push(m);
      if (m.applied) {
        byId[o.orderId] = m.order;
        unknowns = withoutMatched(unknowns, m.order);
      }
    }
    set({ orderBook: { byId, loaded: true, unknowns, error: null } });
    return merges;
  },
  applyOrderEvent(event) {
    const book = get().orderBook;
    if (event.kind === 'unknown') {
      const unknowns = [...book.unknowns, event].slice(-UNKNOWN_NOTES_LIMIT);
      set({ orderBook: { ...book, unknowns } });
      return null;
    }
    const m = mergeOrder(book.byId[event.order.orderId], event.order);
    if (m.applied) {
      set({
        orderBook: { ...book, byId: { ...book.byId, [m.order.orderId]: m.order }, unknowns: withoutMatched(book.unknowns, m.order) },
      });
    }
    return m;
  },
  setOrderBookError: (error) => set((s) => ({ orderBook: { ...s.orderBook, error } })),
  setTrades: (list) =>
    set({
      trades: [...list].sort(compareTradesNewestFirst),
      tradesLoaded: true,
    }),
});
