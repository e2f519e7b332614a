import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { PortfolioSnapshot, SessionStatus } from '../../shared/ipc/contract';
import type { Order, OrderEvent, Trade } from '../../shared/orders';
import { createAppStore } from './app-store';
import type { OrderNotice } from './order-notices';
import { TRADES_REFRESH_MS, ensureTradingSync, startTradingSync, type TradingSyncDeps } from './trading-sync';

const order = (over: Partial<Order>): Order => ({
  orderId: '9', exchangeOrderId: null, correlationId: 'td-9', status: 'PENDING', instrument: { segment: 'NSE_EQ', securityId: '2885' },
  symbol: 'RELIANCE', side: 'BUY', product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', quantity: 1, filledQuantity: 0, remainingQuantity: 1,
  price: 1315.1, triggerPrice: 0, averageTradedPrice: 0, disclosedQuantity: 0, afterMarketOrder: false, leg: null, expiryDate: null,
  optionType: null, strikePrice: null, createdAtMs: 1, updatedAtMs: 1, exchangeTimeMs: null, rejectionReason: null, rejectionCode: null, ...over,
});
const trade = (id: string): Trade => ({
  orderId: '9', exchangeOrderId: null, tradeId: id, instrument: { segment: 'NSE_EQ', securityId: '2885' }, symbol: 'RELIANCE', side: 'BUY',
  product: 'INTRADAY', orderType: 'LIMIT', quantity: 1, price: 1315, tradeTimeMs: Number(id), expiryDate: null, optionType: null, strikePrice: null,
});

/** A bridge whose answers the test sets, recording the requests and holding the stream callbacks. */
function fakeBridge(book: readonly Order[]) {
  const calls: string[] = [];
  let trades: readonly Trade[] = [];
  let bookError: string | null = null;
  const streams: { orders?: (e: OrderEvent) => void; snapshot?: (s: PortfolioSnapshot) => void; session?: (s: SessionStatus) => void } = {};
  const bridge: TradingSyncDeps['bridge'] = {
    connection: 'open',
    onConnectionChange: () => () => {},
    invoke: ((channel: string) => {
      calls.push(channel);
      if (channel === 'orders.list' && bookError !== null) return Promise.resolve({ ok: false, error: { code: 'NETWORK', message: bookError, retryable: true } } as Result<unknown>);
      const value = channel === 'orders.list' ? book : channel === 'trades.list' ? trades : null;
      return Promise.resolve({ ok: true, value } as Result<unknown>);
    }) as TradingSyncDeps['bridge']['invoke'],
    subscribe: ((stream: string, _args: unknown, onEvent: (p: unknown) => void) => {
      if (stream === 'orders.events') streams.orders = onEvent;
      if (stream === 'portfolio.snapshot') streams.snapshot = onEvent;
      if (stream === 'session.status') streams.session = onEvent;
      return () => {};
    }) as TradingSyncDeps['bridge']['subscribe'],
  };
  return { bridge, calls, streams, setTrades: (t: readonly Trade[]) => (trades = t), failBook: (message: string | null) => (bookError = message) };
}

const ev = (o: Order, lastFillPrice: number | null = null): OrderEvent => ({ kind: 'order', source: 'stream', order: o, lastFillPrice, referenceLtp: null, receivedAtMs: 0 });

describe('trading sync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the books without announcing them, then announces a fill and refreshes the trade book once per burst', async () => {
    const store = createAppStore();
    const b = fakeBridge([order({ orderId: '8', status: 'TRADED', filledQuantity: 1, remainingQuantity: 0 })]);
    const notices: OrderNotice[] = [];
    const stop = startTradingSync({ bridge: b.bridge, store, notify: (n) => notices.push(n) });
    await vi.runAllTimersAsync();
    expect(b.calls.sort()).toEqual(['orders.list', 'trades.list']);
    expect(store.getState().orderBook.byId['8']?.status).toBe('TRADED');
    expect(notices).toEqual([]);

    b.setTrades([trade('1')]);
    b.streams.orders!(ev(order({ status: 'TRANSIT' })));
    b.streams.orders!(ev(order({ status: 'TRADED', filledQuantity: 1, remainingQuantity: 0, averageTradedPrice: 1315, updatedAtMs: 2 }), 1315));
    // A late duplicate of the fill: no second notice.
    b.streams.orders!(ev(order({ status: 'TRADED', filledQuantity: 1, remainingQuantity: 0, averageTradedPrice: 1315, updatedAtMs: 2 }), 1315));
    expect(notices).toEqual([{ title: 'Order filled', body: 'BUY 1 RELIANCE @ ₹1,315.00 · order 9', tone: 'good' }]);
    b.calls.length = 0;
    await vi.advanceTimersByTimeAsync(TRADES_REFRESH_MS + 1);
    expect(b.calls).toEqual(['trades.list']);
    expect(store.getState().trades.map((t) => t.tradeId)).toEqual(['1']);
    stop();
  });

  it('announces a rejection in the broker words and takes portfolio snapshots, never an older one', async () => {
    const store = createAppStore();
    const b = fakeBridge([]);
    const notices: OrderNotice[] = [];
    ensureTradingSync({ bridge: b.bridge, store, notify: (n) => notices.push(n) });
    // A second caller reuses the running sync: one subscription, one notice per event.
    const stop = ensureTradingSync({ bridge: b.bridge, store, notify: (n) => notices.push(n) });
    await vi.runAllTimersAsync();
    b.streams.orders!(ev(order({ status: 'REJECTED', rejectionReason: 'RMS: Margin Exceeds', updatedAtMs: 3 })));
    expect(notices).toEqual([{ title: 'Order rejected', body: 'BUY 1 RELIANCE: RMS: Margin Exceeds', tone: 'bad' }]);

    const funds = { availableBalance: 1, startOfDayLimit: 1, collateralAmount: 0, receivableAmount: 0, utilisedAmount: 0, blockedPayoutAmount: 0, withdrawableBalance: 1 };
    b.streams.snapshot!({ positions: [], funds, atMs: 200 });
    b.streams.snapshot!({ positions: [], funds: { ...funds, availableBalance: 99 }, atMs: 100 });
    expect(store.getState().portfolio.funds?.availableBalance).toBe(1);
    expect(store.getState().portfolio.snapshotAtMs).toBe(200);
    stop();
  });

  it('re-reads the book when the broker session connects after a first read found none', async () => {
    const store = createAppStore();
    const b = fakeBridge([order({ orderId: '7', status: 'PENDING' })]);
    b.failBook('No trading session is connected.');
    const stop = startTradingSync({ bridge: b.bridge, store, notify: () => {} });
    await vi.runAllTimersAsync();
    expect(store.getState().orderBook.error).toBe('No trading session is connected.');
    const status = (state: SessionStatus['state']): SessionStatus => ({ broker: 'sim', mode: 'SIM', state, detail: '', tokenExpiresAtMs: null });
    b.streams.session!(status('connecting'));
    await vi.runAllTimersAsync();
    expect(b.calls.filter((c) => c === 'orders.list')).toHaveLength(1);
    b.failBook(null);
    b.streams.session!(status('connected'));
    await vi.runAllTimersAsync();
    expect(store.getState().orderBook.error).toBeNull();
    expect(store.getState().orderBook.byId['7']?.status).toBe('PENDING');
    // Still connected (a detail changed): no further read.
    b.streams.session!(status('connected'));
    await vi.runAllTimersAsync();
    expect(b.calls.filter((c) => c === 'orders.list')).toHaveLength(2);
    stop();
  });
});
