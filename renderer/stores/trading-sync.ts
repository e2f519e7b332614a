/**
 * Feeds the orders and portfolio slices from the core, once per store, for the page's lifetime:
 * - `orders.list` and `trades.list` on every link (re)open and whenever the broker session becomes
 *   connected (the core reconciles its side; this re-reads the book the renderer shows), merged so
 *   nothing moves backwards;
 * - `orders.events`: each order update merged into the book; a new fill or rejection is announced
 *   through `notify` (desktop notification or toast) and a fill refreshes the trade book
 *   (coalesced: a burst of fills costs one `trades.list`);
 * - `portfolio.snapshot`: positions and funds, at once and after every fill.
 *
 * Streams are re-sent by the bridge after a reconnect, so they are opened once. `ensureTradingSync`
 * may be called by every trading panel and the ticket: the first call starts it, later calls reuse
 * it (the frame may also start it with the runtime).
 *
 * Source: issue 5 "Order book (status live from the order-update stream)", "trade book",
 * "positions with live MTM", "Desktop notification on fill and rejection".
 */
import type { Bridge, Disposer, SessionStatus } from '../../shared/ipc/contract';
import { keyOf } from '../../shared/instruments';
import type { AppStore } from './app-store';
import { orderNotice, type OrderNotice } from './order-notices';

/** A fill burst within this many ms costs one `trades.list`. */
export const TRADES_REFRESH_MS = 250;

/** What the sync needs. */
export interface TradingSyncDeps {
  readonly bridge: Pick<Bridge, 'invoke' | 'subscribe' | 'connection' | 'onConnectionChange'>;
  readonly store: AppStore;
  /** Shows a notification (renderer/app/notify.ts `Notifier.notify`, or a toast). */
  readonly notify: (notice: OrderNotice) => void;
}

const running = new WeakMap<AppStore, Disposer>();

/** Starts the sync for `deps.store` unless it runs already; returns its disposer (stops it for everyone). */
export function ensureTradingSync(deps: TradingSyncDeps): Disposer {
  const have = running.get(deps.store);
  if (have) return have;
  const stop = startTradingSync(deps);
  const disposer: Disposer = () => {
    if (running.get(deps.store) === disposer) running.delete(deps.store);
    stop();
  };
  running.set(deps.store, disposer);
  return disposer;
}

/** Starts the wiring (see the file comment); returns the disposer. */
export function startTradingSync({ bridge, store, notify }: TradingSyncDeps): Disposer {
  let stopped = false;
  let tradesTimer: ReturnType<typeof setTimeout> | null = null;
  let sessionState: SessionStatus['state'] | null = null;

  const loadTrades = () => {
    void bridge.invoke('trades.list', {}).then((r) => {
      if (!stopped && r.ok) store.getState().setTrades(r.value);
    });
  };
  const refreshTradesSoon = () => {
    if (tradesTimer !== null) return;
    tradesTimer = setTimeout(() => {
      tradesTimer = null;
      if (!stopped) loadTrades();
    }, TRADES_REFRESH_MS);
  };
  const loadBook = () => {
    void bridge.invoke('orders.list', {}).then((r) => {
      if (stopped) return;
      if (!r.ok) {
        store.getState().setOrderBookError(r.error.message);
        return;
      }
      // The list is a catch-up, not news: no notifications for what it brings (and the trade
      // book is re-read beside it).
      store.getState().applyOrderList(r.value);
    });
    loadTrades();
  };

  const disposers: Disposer[] = [
    bridge.subscribe('orders.events', {}, (e) => {
      const m = store.getState().applyOrderEvent(e);
      if (m === null || e.kind !== 'order') return;
      const inst = store.getState().instruments[keyOf(m.order.instrument)];
      const notice = orderNotice(m, e.lastFillPrice, inst?.displayName);
      if (notice !== null) notify(notice);
      if (m.applied && m.newlyFilled > 0) refreshTradesSoon();
    }),
    bridge.subscribe(
      'portfolio.snapshot',
      {},
      (s) => store.getState().applySnapshot(s),
      (err) => store.getState().setPortfolioError(err.message),
    ),
    bridge.onConnectionChange((state) => {
      if (state === 'open') loadBook();
    }),
    // Re-read when a session connects: a page opened while the broker session was still starting
    // (the simulated exchange loading a whole master, a login) got "no session" for its first read,
    // and the account's earlier orders of the day would never show.
    bridge.subscribe('session.status', {}, (s) => {
      const was = sessionState;
      sessionState = s.state;
      if (s.state === 'connected' && was !== 'connected' && (was !== null || !store.getState().orderBook.loaded)) loadBook();
    }),
  ];
  if (bridge.connection === 'open') loadBook();
  return () => {
    stopped = true;
    if (tradesTimer !== null) clearTimeout(tradesTimer);
    for (const d of disposers) d();
  };
}
