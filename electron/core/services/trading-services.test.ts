import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, DepthSnapshot, Disposer, FeedStatus, PortfolioSnapshot, QuoteBatch, StreamChannel, StreamPayload } from '../../../shared/ipc/contract';
import type { OrderEvent, OrderUpdateEvent } from '../../../shared/orders';
import { roundToTick } from '../../../shared/price';
import { SessionState, createCoreHandlers } from '../app-core';
import { createBridgeServer, type BridgeServer } from '../ipc/bridge-server';
import { DEFAULT_SETTINGS } from './settings-store';
import { EMPTY_VAULT as vault, connectInMemory as connect, ok, until } from './bridge-test-kit';
import { createTradingServices, type TradingServicesHandle } from './trading-services';

// Issue 5 through the REAL bridge server: createBridgeServer + createCoreHandlers + the trading
// services over the simulated exchange (real sockets on 127.0.0.1, the Dhan adapter pointed at it).

const RELIANCE = 'NSE_EQ:2885' as const;
const REF = { segment: 'NSE_EQ', securityId: '2885' } as const;

/** Collects a stream's payloads. */
function collect<S extends StreamChannel>(bridge: Bridge, s: S, args: Parameters<Bridge['subscribe']>[1] & object): { items: StreamPayload<S>[]; stop: Disposer } {
  const items: StreamPayload<S>[] = [];
  const stop = bridge.subscribe(s, args as never, (p) => items.push(p as StreamPayload<S>));
  return { items, stop };
}

describe('trading services over the real bridge and the simulated exchange', () => {
  let dir: string;
  let trading: TradingServicesHandle;
  let server: BridgeServer;
  let client: { bridge: Bridge; close: () => void };
  const orderPosts: string[] = [];
  let loseNextOrderAnswer = false;
  const countingFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if ((init?.method ?? 'GET') === 'POST' && /\/v2\/orders(\/slicing)?$/.test(url)) {
      orderPosts.push(url);
      if (loseNextOrderAnswer) {
        loseNextOrderAnswer = false;
        await fetch(input, init); // the sim takes the order...
        throw new TypeError('fetch failed: connection reset'); // ...but its answer is lost
      }
    }
    return fetch(input, init);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickdesk-services-'));
    const session = new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
    trading = createTradingServices({ dataDir: dir, session, sim: { alwaysOpen: true, seed: 7, speed: 4 }, fetch: countingFetch });
    await trading.ready;
    const { requests, streams } = createCoreHandlers({ version: '0.0.0', host: 'headless', vault, session, trading });
    server = createBridgeServer(requests, streams);
    client = connect(server);
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await trading?.close();
  });

  it('starts on the simulated exchange: SIM mode, connected, Dhan-like capabilities', async () => {
    const status = ok(await client.bridge.invoke('session.status', {}));
    expect(status).toMatchObject({ broker: 'sim', mode: 'SIM', state: 'connected' });
    const caps = ok(await client.bridge.invoke('broker.capabilities', {}));
    expect(caps.depthLevels).toEqual([5, 20, 200]);
    expect(caps.instrumentsPerSocket).toBe(5000);
  });

  it('finds RELIANCE by search and by key', async () => {
    const r = ok(await client.bridge.invoke('instruments.search', { query: 'RELIANCE', limit: 5 }));
    expect(r.universe).toBeGreaterThan(100);
    expect(r.hits[0]).toMatchObject({ segment: 'NSE_EQ', securityId: '2885', tradingSymbol: 'RELIANCE' });
    const got = ok(await client.bridge.invoke('instruments.get', { keys: [RELIANCE, 'NSE_EQ:987654321'] }));
    expect(got[0]?.tradingSymbol).toBe('RELIANCE');
    expect(got[1]).toBeNull();
  });

  it('streams conflated quote batches whose LTP changes, and unsubscribes the feed when the last subscriber leaves', async () => {
    const second = connect(server);
    const a = collect(client.bridge, 'market.quotes', { keys: [RELIANCE] });
    const b = collect(second.bridge, 'market.quotes', { keys: [RELIANCE, 'NSE_EQ:1333'] });
    const ltps = () => new Set((a.items as QuoteBatch[]).flatMap((x) => x.ticks.map((t) => t.ltp)));
    await until(() => ltps().size >= 2, 20_000, 'two different LTPs');
    const batches = a.items as QuoteBatch[];
    // Only the subscribed instrument, each batch at most one tick per instrument.
    for (const batch of batches) {
      expect(batch.ticks.every((t) => t.key === RELIANCE)).toBe(true);
      expect(batch.ticks.length).toBeLessThanOrEqual(1);
    }
    expect(batches.at(-1)!.ticks[0]!.prevClose).toBeGreaterThan(0);
    expect((b.items as QuoteBatch[]).some((x) => x.ticks.some((t) => t.key === 'NSE_EQ:1333'))).toBe(true);
    expect(trading.market.wanted().full).toBe(2);

    a.stop();
    expect(trading.market.wanted().full).toBe(2); // the second subscriber still holds both
    b.stop();
    second.close();
    await until(() => trading.market.wanted().full === 0, 5000, 'no instrument wanted');
    // The feed worker reports the feed socket with nothing subscribed (or closed).
    const st = collect(client.bridge, 'feed.status', {});
    await until(
      () => (st.items as FeedStatus[]).some((s) => s.sockets.filter((k) => k.kind === 'feed' && k.state === 'open').every((k) => k.instruments === 0)),
      10_000,
      'feed socket without subscriptions',
    );
    st.stop();
  }, 40_000);

  it('gives 20 depth rows per side on market.depth 20', async () => {
    const d = collect(client.bridge, 'market.depth', { key: RELIANCE, levels: 20 });
    await until(() => d.items.length >= 2, 20_000, 'two depth snapshots');
    const snap = d.items.at(-1) as DepthSnapshot;
    expect(snap.levels).toBe(20);
    expect(snap.bids).toHaveLength(20);
    expect(snap.asks).toHaveLength(20);
    expect(snap.bids[0]!.price).toBeLessThan(snap.asks[0]!.price);
    d.stop();
    await until(() => trading.market.wanted().depth20 === 0, 5000, 'no 20-level depth wanted');
  }, 30_000);

  it('gives 5 levels from the full packet and 200 from the 200-level socket', async () => {
    const five = collect(client.bridge, 'market.depth', { key: RELIANCE, levels: 5 });
    const deep = collect(client.bridge, 'market.depth', { key: RELIANCE, levels: 200 });
    await until(() => five.items.length >= 1 && deep.items.length >= 1, 20_000, 'depth 5 and 200');
    const s5 = five.items.at(-1) as DepthSnapshot;
    const s200 = deep.items.at(-1) as DepthSnapshot;
    expect(s5.levels).toBe(5);
    expect(s5.bids).toHaveLength(5);
    expect(s5.asks).toHaveLength(5);
    expect(s200.levels).toBe(200);
    expect(s200.bids.length).toBeGreaterThan(20);
    expect(s200.bids.length).toBeLessThanOrEqual(200);
    for (let i = 1; i < s200.bids.length; i++) expect(s200.bids[i]!.price).toBeLessThan(s200.bids[i - 1]!.price);
    five.stop();
    deep.stop();
    await until(() => trading.market.wanted().depth200 === 0, 5000, 'no 200-level depth wanted');
  }, 30_000);

  it('returns history candles oldest first, in chunks', async () => {
    const h = ok(await client.bridge.invoke('market.history', { key: RELIANCE, interval: '5m', count: 120 }));
    expect(h.candles).toHaveLength(120);
    expect(h.hasMore).toBe(true);
    for (let i = 1; i < h.candles.length; i++) expect(h.candles[i]!.time).toBeGreaterThan(h.candles[i - 1]!.time);
    const older = ok(await client.bridge.invoke('market.history', { key: RELIANCE, interval: '5m', count: 50, toSec: h.candles[0]!.time }));
    expect(older.candles).toHaveLength(50);
    expect(older.candles.at(-1)!.time).toBeLessThan(h.candles[0]!.time);
    const daily = ok(await client.bridge.invoke('market.history', { key: RELIANCE, interval: '1d', count: 30 }));
    expect(daily.candles.length).toBe(30);
  }, 30_000);

  it('buys at the best ask (TRADED event, position), sells to close with realised P&L', async () => {
    const events = collect(client.bridge, 'orders.events', {});
    const snaps = collect(client.bridge, 'portfolio.snapshot', {});
    const q = collect(client.bridge, 'market.quotes', { keys: [RELIANCE] });
    await until(() => (q.items as QuoteBatch[]).some((b) => b.ticks.some((t) => t.askPrice > 0)), 20_000, 'a quote with an ask');
    const last = () => (q.items as QuoteBatch[]).flatMap((b) => b.ticks).at(-1)!;
    const before = orderPosts.length;

    const buy = ok(
      await client.bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: last().askPrice }),
    );
    expect(buy.outcomes).toHaveLength(1);
    expect(buy.outcomes[0]!.kind).toBe('accepted');
    expect(orderPosts.length).toBe(before + 1);
    const buyId = buy.outcomes[0]!.kind === 'accepted' ? buy.outcomes[0]!.orderId : '';
    const traded = (id: string) => (events.items as OrderEvent[]).some((e) => e.kind === 'order' && e.order.orderId === id && e.order.status === 'TRADED');
    await until(() => traded(buyId), 15_000, 'the buy TRADED event');
    const buyEvent = (events.items as OrderEvent[]).find((e): e is OrderUpdateEvent => e.kind === 'order' && e.order.orderId === buyId && e.order.status === 'TRADED')!;
    expect(buyEvent.order.correlationId).toMatch(/^[A-Za-z0-9_-]{1,25}$/);
    const pos = (s: PortfolioSnapshot) => s.positions.find((p) => p.instrument.securityId === '2885' && p.product === 'INTRADAY');
    await until(() => (snaps.items as PortfolioSnapshot[]).some((s) => pos(s)?.netQuantity === 1), 10_000, 'a position of 1');

    const sell = ok(
      await client.bridge.invoke('orders.place', { instrument: REF, side: 'SELL', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: last().bidPrice }),
    );
    const sellId = sell.outcomes[0]!.kind === 'accepted' ? sell.outcomes[0]!.orderId : '';
    await until(() => traded(sellId), 15_000, 'the sell TRADED event');
    await until(() => (snaps.items as PortfolioSnapshot[]).some((s) => pos(s)?.netQuantity === 0), 10_000, 'the position closed');
    const closed = pos((snaps.items as PortfolioSnapshot[]).filter((s) => pos(s)?.netQuantity === 0).at(-1)!)!;
    const trades = ok(await client.bridge.invoke('trades.list', {}));
    const buyFill = trades.find((t) => t.orderId === buyId)!;
    const sellFill = trades.find((t) => t.orderId === sellId)!;
    expect(buyFill.price).toBeLessThanOrEqual(buyEvent.order.price);
    // Realised P&L by hand from the two fills (1 share each).
    expect(closed.realisedPnl).toBeCloseTo(sellFill.price - buyFill.price, 2);
    expect(closed.positionType).toBe('CLOSED');
    events.stop();
    snaps.stop();
    q.stop();
  }, 60_000);

  it('rests a far limit order and cancels it (CANCELLED event)', async () => {
    const events = collect(client.bridge, 'orders.events', {});
    const inst = ok(await client.bridge.invoke('instruments.get', { keys: [RELIANCE] }))[0]!;
    const q = collect(client.bridge, 'market.quotes', { keys: [RELIANCE] });
    await until(() => q.items.length > 0, 20_000, 'a quote');
    const ltp = (q.items as QuoteBatch[]).flatMap((b) => b.ticks).at(-1)!.ltp;
    const far = roundToTick(ltp * 0.9, inst.tickSize, 'down');
    const placed = ok(await client.bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: far }));
    const id = placed.outcomes[0]!.kind === 'accepted' ? placed.outcomes[0]!.orderId : '';
    const has = (status: string) => (events.items as OrderEvent[]).some((e) => e.kind === 'order' && e.order.orderId === id && e.order.status === status);
    await until(() => has('PENDING'), 15_000, 'PENDING');
    const book = ok(await client.bridge.invoke('orders.list', {}));
    expect(book.find((o) => o.orderId === id)).toMatchObject({ status: 'PENDING', price: far });
    const cancel = ok(await client.bridge.invoke('orders.cancel', { orderId: id }));
    expect(cancel.kind).toBe('accepted');
    await until(() => has('CANCELLED'), 15_000, 'CANCELLED');
    events.stop();
    q.stop();
  }, 40_000);

  it('refuses off-tick prices and the kill switch before any request reaches the sim', async () => {
    const inst = ok(await client.bridge.invoke('instruments.get', { keys: [RELIANCE] }))[0]!;
    const q = collect(client.bridge, 'market.quotes', { keys: [RELIANCE] });
    await until(() => q.items.length > 0, 20_000, 'a quote');
    const ltp = (q.items as QuoteBatch[]).flatMap((b) => b.ticks).at(-1)!.ltp;
    const before = orderPosts.length;
    const offTick = ok(
      await client.bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: ltp + inst.tickSize / 2 }),
    );
    expect(offTick.outcomes).toEqual([]);
    expect(offTick.findings.some((f) => f.code === 'TICK_SIZE' && f.severity === 'block')).toBe(true);

    ok(await client.bridge.invoke('settings.set', { ...DEFAULT_SETTINGS, risk: { ...DEFAULT_SETTINGS.risk, killSwitch: true } }));
    const killed = ok(await client.bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: ltp }));
    expect(killed.outcomes).toEqual([]);
    expect(killed.findings.some((f) => f.code === 'KILL_SWITCH')).toBe(true);
    ok(await client.bridge.invoke('settings.set', DEFAULT_SETTINGS));
    expect(orderPosts.length).toBe(before);
    q.stop();
  }, 30_000);

  it('a lost answer is an unknown outcome: not re-sent, announced, then reconciled by correlation id', async () => {
    const events = collect(client.bridge, 'orders.events', {});
    const inst = ok(await client.bridge.invoke('instruments.get', { keys: [RELIANCE] }))[0]!;
    const q = collect(client.bridge, 'market.quotes', { keys: [RELIANCE] });
    await until(() => q.items.length > 0, 20_000, 'a quote');
    const far = roundToTick((q.items as QuoteBatch[]).flatMap((b) => b.ticks).at(-1)!.ltp * 0.9, inst.tickSize, 'down');
    const before = orderPosts.length;
    loseNextOrderAnswer = true;
    const placed = ok(await client.bridge.invoke('orders.place', { instrument: REF, side: 'BUY', quantity: 2, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: far }));
    expect(orderPosts.length).toBe(before + 1); // sent once, never retried
    const outcome = placed.outcomes[0]!;
    expect(outcome.kind).toBe('unknown');
    const cid = outcome.correlationId!;
    expect(cid).toMatch(/^[A-Za-z0-9_-]{1,25}$/);
    await until(() => (events.items as OrderEvent[]).some((e) => e.kind === 'unknown' && e.correlationId === cid), 5000, 'the unknown event');
    await until(
      () => (events.items as OrderEvent[]).some((e) => e.kind === 'order' && e.order.correlationId === cid && e.order.status === 'PENDING'),
      10_000,
      'the order found by correlation id',
    );
    expect(orderPosts.length).toBe(before + 1);
    const found = (events.items as OrderEvent[]).find((e): e is OrderUpdateEvent => e.kind === 'order' && e.order.correlationId === cid)!;
    ok(await client.bridge.invoke('orders.cancel', { orderId: found.order.orderId }));
    events.stop();
    q.stop();
  }, 30_000);

  it('answers funds, positions, holdings and margin from the sim', async () => {
    const funds = ok(await client.bridge.invoke('funds.get', {}));
    expect(funds.availableBalance).toBeGreaterThan(0);
    expect(Array.isArray(ok(await client.bridge.invoke('portfolio.holdings', {})))).toBe(true);
    const margin = ok(
      await client.bridge.invoke('margin.calculate', { instrument: REF, side: 'BUY', quantity: 10, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: 1300 }),
    );
    expect(margin.totalMargin).toBeGreaterThan(0);
  });
});

describe('settings and prefs persist across a restart of the services', () => {
  it('keeps settings and prefs in the data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickdesk-persist-'));
    const session = () => new SessionState({ broker: 'sim', mode: 'SIM', state: 'disconnected', detail: '', tokenExpiresAtMs: null });
    const first = createTradingServices({ dataDir: dir, session: session(), autoStart: false });
    const s1 = createCoreHandlers({ version: '0', host: 'headless', vault, session: session(), trading: first });
    const c1 = connect(createBridgeServer(s1.requests, s1.streams));
    expect(ok(await c1.bridge.invoke('settings.get', {}))).toEqual(DEFAULT_SETTINGS);
    expect(ok(await c1.bridge.invoke('prefs.get', { key: 'watchlists' }))).toBeNull();
    const mine = { ...DEFAULT_SETTINGS, confirmOrders: false, theme: 'light' as const, risk: { ...DEFAULT_SETTINGS.risk, maxQuantityPerOrder: 500 } };
    ok(await c1.bridge.invoke('settings.set', mine));
    ok(await c1.bridge.invoke('prefs.set', { key: 'watchlists', value: [{ name: 'Main', keys: [RELIANCE] }] }));
    const bad = await c1.bridge.invoke('settings.set', { ...mine, theme: 'pink' } as never);
    expect(bad.ok).toBe(false);
    c1.close();
    await first.close();

    const second = createTradingServices({ dataDir: dir, session: session(), autoStart: false });
    const s2 = createCoreHandlers({ version: '0', host: 'headless', vault, session: session(), trading: second });
    const c2 = connect(createBridgeServer(s2.requests, s2.streams));
    expect(ok(await c2.bridge.invoke('settings.get', {}))).toEqual(mine);
    expect(ok(await c2.bridge.invoke('prefs.get', { key: 'watchlists' }))).toEqual([{ name: 'Main', keys: [RELIANCE] }]);
    c2.close();
    await second.close();
  });
});
