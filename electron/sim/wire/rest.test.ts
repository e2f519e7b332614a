import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderOutcome, OrderUpdateEvent, PlaceOrderRequest } from '../../../shared/orders';
import { PerKeyCap, RateLimiter } from '../../core/rate-limiter';
import { DhanOrderUpdates } from '../../brokers/dhan/order-updates';
import { createDhanRestClient, type DhanRestClient } from '../../brokers/dhan/rest/client';
import { DHAN_MASTER_DETAILED_URL } from '../../brokers/dhan/rest/instrument-list';
import { startSimExchange, type SimExchangeHandle } from './server';

/**
 * The real Dhan REST client (and order-update client) against the simulated exchange on
 * 127.0.0.1:0. Time is manual (nothing moves between requests unless the test advances it), so
 * fills are computed by hand from the book read just before.
 */

const START = Date.parse('2026-11-20T04:30:00Z'); // Friday 10:00 IST
/** The recorded real bodies (copied into the repo from shared/fixtures/dhan/rest). */
const FIXTURES = join(import.meta.dirname, '../../brokers/dhan/rest/fixtures');
const HDFCBANK = { segment: 'NSE_EQ', securityId: '1333' } as const;
const RELIANCE = { segment: 'NSE_EQ', securityId: '2885' } as const;
const NIFTY_OPTION = { segment: 'NSE_FNO', securityId: '70000' } as const; // lot 65
const open = { limit: 10_000, windowMs: 1000 };

let sim: SimExchangeHandle;
let dhan: DhanRestClient;

beforeEach(async () => {
  // the client's limiter is lifted below, so the sim's limits are too (rest-limits.test.ts tests them)
  sim = await startSimExchange({ seed: 7, alwaysOpen: true, manualClock: true, startTimeMs: START, rateLimits: 'off' });
  dhan = createDhanRestClient({
    credentials: { clientId: sim.clientId, accessToken: sim.token },
    baseUrl: sim.restBaseUrl,
    limiter: new RateLimiter({ order: [open], data: [open], quote: [open], optionChain: [open], nonTrading: [open] }),
    // the client's own cap of 25 is lifted so that the sim's refusal of the 26th can be seen
    modificationCap: new PerKeyCap(1000),
  });
});
afterEach(async () => {
  await sim.close();
});

const book = (levels = 4) => sim.market.model.depth(HDFCBANK, levels);
const r2 = (x: number) => Math.round(x * 100) / 100;

function order(over: Partial<PlaceOrderRequest> & Pick<PlaceOrderRequest, 'side' | 'quantity' | 'orderType'>): PlaceOrderRequest {
  return { instrument: HDFCBANK, product: 'INTRADAY', validity: 'DAY', ...over };
}

function accepted(o: OrderOutcome): { orderId: string; status: string } {
  if (o.kind !== 'accepted') throw new Error(`expected accepted, got ${o.kind}: ${'error' in o ? o.error.message : ''}`);
  return o;
}

async function getOrder(id: string) {
  const r = await dhan.orders.get(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('orders through the Dhan REST client', () => {
  it('places, modifies and cancels, with every status change on the order-update socket', async () => {
    const events: OrderUpdateEvent[] = [];
    const updates = new DhanOrderUpdates({
      credentials: { clientId: sim.clientId, accessToken: sim.token },
      url: sim.orderUpdateUrl,
      onEvent: (e) => events.push(e),
    });
    updates.start();
    try {
      await until(() => sim.connections().orderUpdates === 1, 'order-update login');
      const bid = book().bids[0]!.price;
      const placed = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 5, orderType: 'LIMIT', price: r2(bid - 0.5), correlationId: 'walk-1' })));
      expect(placed.status).toBe('PENDING');
      const mod = accepted(await dhan.orders.modify({ orderId: placed.orderId, orderType: 'LIMIT', validity: 'DAY', quantity: 10, price: r2(bid - 0.25) }));
      expect(mod.status).toBe('PENDING');
      const after = await getOrder(placed.orderId);
      expect([after.quantity, after.price, after.correlationId]).toEqual([10, r2(bid - 0.25), 'walk-1']);
      const cancelled = accepted(await dhan.orders.cancel(placed.orderId));
      expect(cancelled.status).toBe('CANCELLED');
      const list = await dhan.orders.list();
      expect(list.ok && list.value.map((o) => o.status)).toEqual(['CANCELLED']);
      const byCid = await dhan.orders.getByCorrelationId('walk-1');
      expect(byCid.ok && byCid.value.orderId).toBe(placed.orderId);
      await until(() => events.length >= 4, 'four order_alerts');
      const stream = events.flatMap((e) => (e.kind === 'order' ? [e.order] : []));
      expect(stream.map((o) => o.status)).toEqual(['TRANSIT', 'PENDING', 'PENDING', 'CANCELLED']);
      expect(stream[2]!.quantity).toBe(10);
      expect(stream[2]!.price).toBe(r2(bid - 0.25));
      expect(stream.every((o) => o.orderId === placed.orderId && o.correlationId === 'walk-1' && o.instrument.securityId === '1333')).toBe(true);
    } finally {
      updates.stop();
    }
  });

  it('refuses an order-update login with a wrong token: the client stops as auth-failed', async () => {
    const states: string[] = [];
    const updates = new DhanOrderUpdates({
      credentials: { clientId: sim.clientId, accessToken: 'wrong' },
      url: sim.orderUpdateUrl,
      onEvent: () => {},
      onStatus: (st) => states.push(st.state),
    });
    updates.start();
    try {
      await until(() => states.includes('auth-failed'), 'auth-failed');
      expect(sim.connections().orderUpdates).toBe(0);
    } finally {
      updates.stop();
    }
  });

  it('fills part of a limit order at the best ask, then the rest once its price is raised', async () => {
    const { asks } = book();
    const [a0, a1] = [asks[0]!, asks[1]!];
    const qty = a0.quantity + a1.quantity;
    const placed = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: qty, orderType: 'LIMIT', price: a0.price })));
    expect(placed.status).toBe('PART_TRADED');
    const part = await getOrder(placed.orderId);
    expect([part.filledQuantity, part.remainingQuantity]).toEqual([a0.quantity, a1.quantity]);
    accepted(await dhan.orders.modify({ orderId: placed.orderId, orderType: 'LIMIT', validity: 'DAY', price: a1.price }));
    const done = await getOrder(placed.orderId);
    expect(done.status).toBe('TRADED');
    expect(done.averageTradedPrice).toBe(r2((a0.price * a0.quantity + a1.price * a1.quantity) / qty));
    const trades = await dhan.orders.tradesOfOrder(placed.orderId);
    expect(trades.ok && trades.value.map((t) => [t.price, t.quantity])).toEqual([
      [a0.price, a0.quantity],
      [a1.price, a1.quantity],
    ]);
  });

  it('triggers a stop-loss market order when the last price reaches its trigger', async () => {
    const { asks } = book();
    const trigger = asks[2]!.price;
    expect(sim.market.model.ltp(HDFCBANK)).toBeLessThan(trigger);
    const stop = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 1, orderType: 'STOP_LOSS_MARKET', triggerPrice: trigger })));
    expect(stop.status).toBe('PENDING');
    // a buyer takes the first three levels: the last price prints at the trigger
    const sweep = asks[0]!.quantity + asks[1]!.quantity + asks[2]!.quantity;
    accepted(await dhan.orders.place(order({ side: 'BUY', quantity: sweep, orderType: 'MARKET' })));
    const after = await getOrder(stop.orderId);
    expect(after.status).toBe('TRADED');
    expect(after.averageTradedPrice).toBeGreaterThanOrEqual(trigger);
  });

  it('cancels the unfilled remainder of an IOC order', async () => {
    const { bids, asks } = book();
    const ioc = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: asks[0]!.quantity + 7, orderType: 'LIMIT', validity: 'IOC', price: asks[0]!.price })));
    const o = await getOrder(ioc.orderId);
    expect([o.status, o.filledQuantity, o.remainingQuantity]).toEqual(['CANCELLED', asks[0]!.quantity, 0]);
    const none = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 3, orderType: 'LIMIT', validity: 'IOC', price: bids[0]!.price })));
    expect((await getOrder(none.orderId)).filledQuantity).toBe(0);
    expect((await getOrder(none.orderId)).status).toBe('CANCELLED');
  });
});

describe('rejections in Dhan words', () => {
  async function refused(req: PlaceOrderRequest): Promise<{ brokerCode: string | undefined; message: string }> {
    const o = await dhan.orders.place(req);
    if (o.kind !== 'rejected') throw new Error(`expected a rejection, got ${o.kind}`);
    return { brokerCode: o.error.brokerCode, message: o.error.message };
  }

  it('refuses a price off the tick grid, a quantity off the lot, an unknown id and an order beyond the funds', async () => {
    const ask = book().asks[0]!.price;
    const offTick = await refused(order({ side: 'BUY', quantity: 1, orderType: 'LIMIT', price: r2(ask + 0.03) }));
    expect(offTick.brokerCode).toBe('DH-906');
    expect(offTick.message).toMatch(/not a multiple of the tick size 0\.05/);
    const lot = await refused({ instrument: NIFTY_OPTION, side: 'BUY', quantity: 10, product: 'MARGIN', orderType: 'LIMIT', validity: 'DAY', price: 100 });
    expect(lot.brokerCode).toBe('DH-906');
    expect(lot.message).toMatch(/not a multiple of the lot size 65/);
    const unknown = await refused(order({ instrument: { segment: 'NSE_EQ', securityId: '999999' }, side: 'BUY', quantity: 1, orderType: 'MARKET' }));
    expect(unknown.brokerCode).toBe('DH-905');
    expect(unknown.message).toMatch(/Invalid securityId: 999999/);
    const rich = await refused({ instrument: RELIANCE, side: 'BUY', quantity: 1000, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: 1300 });
    expect(rich.brokerCode).toBe('DH-906');
    expect(rich.message).toMatch(/insufficient funds/);
    // exchange/RMS refusals are in the order book as REJECTED with the reason; input errors are not
    const list = await dhan.orders.list();
    expect(list.ok && list.value.map((o) => [o.status, o.rejectionCode])).toEqual([
      ['REJECTED', 'DH-906'],
      ['REJECTED', 'DH-906'],
      ['REJECTED', 'DH-906'],
    ]);
    expect(list.ok && list.value[2]!.rejectionReason).toMatch(/insufficient funds/);
  });

  it('answers a stop-loss without trigger price with the DH-905 envelope (sent raw: the client refuses it itself)', async () => {
    const res = await fetch(`${sim.restBaseUrl}/orders`, {
      method: 'POST',
      headers: { 'access-token': sim.token, 'client-id': sim.clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        dhanClientId: sim.clientId,
        transactionType: 'BUY',
        exchangeSegment: 'NSE_EQ',
        productType: 'INTRADAY',
        orderType: 'STOP_LOSS_MARKET',
        validity: 'DAY',
        securityId: '1333',
        quantity: 1,
        price: 0,
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errorType: 'Input_Exception', errorCode: 'DH-905', errorMessage: 'triggerPrice is required for a STOP_LOSS_MARKET order' });
  });

  it('refuses the 26th modification of an order', async () => {
    const base = r2(book().bids[0]!.price - 5);
    const placed = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 1, orderType: 'LIMIT', price: base })));
    for (let i = 1; i <= 25; i++) {
      accepted(await dhan.orders.modify({ orderId: placed.orderId, orderType: 'LIMIT', validity: 'DAY', price: r2(base - 0.05 * (i % 2)) }));
    }
    const o = await dhan.orders.modify({ orderId: placed.orderId, orderType: 'LIMIT', validity: 'DAY', price: r2(base - 0.1) });
    expect(o.kind).toBe('rejected');
    expect(o.kind === 'rejected' && o.error.brokerCode).toBe('DH-906');
    expect(o.kind === 'rejected' && o.error.message).toMatch(/at most 25 modifications/);
    expect((await getOrder(placed.orderId)).price).toBe(r2(base - 0.05));
  });
});

describe('positions and funds', () => {
  it('after a round trip and an open delivery position equal the hand-computed values', async () => {
    accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 10, orderType: 'MARKET' })));
    accepted(await dhan.orders.place(order({ side: 'SELL', quantity: 10, orderType: 'MARKET' })));
    const trades = await dhan.orders.trades();
    if (!trades.ok) throw new Error(trades.error.message);
    const value = (side: string) => trades.value.filter((t) => t.side === side).reduce((a, t) => a + t.price * t.quantity, 0);
    const [bought, sold] = [value('BUY'), value('SELL')];
    const realised = r2(sold - bought);
    const pos = await dhan.portfolio.positions();
    if (!pos.ok) throw new Error(pos.error.message);
    expect(pos.value).toHaveLength(1);
    const p = pos.value[0]!;
    expect([p.positionType, p.netQuantity, p.dayBuyQuantity, p.daySellQuantity]).toEqual(['CLOSED', 0, 10, 10]);
    expect([p.dayBuyValue, p.daySellValue, p.realisedPnl, p.unrealisedPnl]).toEqual([r2(bought), r2(sold), realised, 0]);
    expect(p.buyAverage).toBe(r2(bought / 10));
    let funds = await dhan.portfolio.funds();
    expect(funds.ok && [funds.value.availableBalance, funds.value.utilisedAmount, funds.value.startOfDayLimit]).toEqual([r2(1_000_000 + realised), 0, 1_000_000]);

    // 4 RELIANCE for delivery at the best ask: CNC blocks the full value
    const ask = sim.market.model.depth(RELIANCE, 1).asks[0]!;
    expect(ask.quantity).toBeGreaterThanOrEqual(4);
    accepted(await dhan.orders.place({ instrument: RELIANCE, side: 'BUY', quantity: 4, product: 'CNC', orderType: 'LIMIT', validity: 'DAY', price: ask.price }));
    funds = await dhan.portfolio.funds();
    expect(funds.ok && [funds.value.availableBalance, funds.value.utilisedAmount]).toEqual([r2(1_000_000 + realised - 4 * ask.price), r2(4 * ask.price)]);
    const held = await dhan.portfolio.positions();
    const rel = held.ok ? held.value.find((x) => x.instrument.securityId === '2885') : undefined;
    expect([rel?.positionType, rel?.netQuantity, rel?.unrealisedPnl]).toEqual(['LONG', 4, r2(4 * sim.market.model.ltp(RELIANCE) - 4 * ask.price)]);
  });

  it('exits everything: open orders cancelled, positions squared off', async () => {
    const bid = book().bids[0]!.price;
    accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 3, orderType: 'MARKET' })));
    const resting = accepted(await dhan.orders.place(order({ side: 'BUY', quantity: 2, orderType: 'LIMIT', price: r2(bid - 1) })));
    const out = await dhan.portfolio.exitAll();
    expect(out).toEqual({ kind: 'accepted', message: 'All orders and positions exited successfully' });
    expect((await getOrder(resting.orderId)).status).toBe('CANCELLED');
    const pos = await dhan.portfolio.positions();
    expect(pos.ok && pos.value.map((p) => p.netQuantity)).toEqual([0]);
  });

  it('prices a margin like the engine blocks it', async () => {
    const m = await dhan.portfolio.margin({ instrument: RELIANCE, side: 'BUY', quantity: 10, product: 'INTRADAY', price: 1300 });
    expect(m.ok && [m.value.totalMargin, m.value.leverage]).toEqual([2600, 5]); // 20 % of ₹13,000
  });
});

describe('instrument lists', () => {
  it('the compact master and a segment list read back, through the client\'s parser, as the sim\'s instruments', async () => {
    const client = createDhanRestClient({ credentials: { clientId: sim.clientId, accessToken: sim.token }, baseUrl: sim.restBaseUrl, compactUrl: sim.instrumentListUrl });
    const master = await client.instruments.master('compact', { today: '2026-11-20' });
    if (!master.ok) throw new Error(master.error.message);
    const catalogue = sim.market.catalogue();
    expect(master.value.skipped.count).toBe(0);
    const terms = (i: { segment: string; securityId: string; lotSize: number; tickSize: number; expiry: string | null; strike: number | null; optionType: string | null }) =>
      `${i.segment}:${i.securityId}:${i.lotSize}:${i.tickSize}:${i.expiry}:${i.strike}:${i.optionType}`;
    expect(master.value.instruments.map(terms).sort()).toEqual(catalogue.map(terms).sort());
    const fno = await client.instruments.segment('NSE_FNO', { today: '2026-11-20' });
    if (!fno.ok) throw new Error(fno.error.message);
    expect(fno.value.instruments.map(terms).sort()).toEqual(catalogue.filter((c) => c.segment === 'NSE_FNO').map(terms).sort());
    // Tuesday 2026-11-24 is November's last: a monthly; 2026-12-01 a weekly
    const cycle = (expiry: string) => fno.value.instruments.find((i) => i.expiry === expiry && i.underlyingSecurityId === '13' && i.optionType === 'CE')?.expiryCycle;
    expect([cycle('2026-11-24'), cycle('2026-12-01')]).toEqual(['MONTHLY', 'WEEKLY']);
  });
});

describe('detailed instrument master', () => {
  it('is served at the path downloadMaster(\'detailed\') uses, with the real file\'s 31 columns, and parses into the compact master\'s instruments', async () => {
    const client = createDhanRestClient({
      credentials: { clientId: sim.clientId, accessToken: sim.token },
      baseUrl: sim.restBaseUrl,
      compactUrl: sim.instrumentListUrl,
      detailedUrl: sim.detailedInstrumentListUrl,
    });
    expect(new URL(sim.detailedInstrumentListUrl).pathname).toBe(new URL(DHAN_MASTER_DETAILED_URL).pathname);
    const raw = await client.instruments.downloadMaster('detailed');
    if (!raw.ok) throw new Error(raw.error.message);
    const lines = raw.value.trimEnd().split('\n');
    const realHeader = readFileSync(join(import.meta.dirname, '../../../../shared/fixtures/dhan/api-scrip-master-detailed.NSE_EQ+IDX.2026-04.csv'), 'utf8').split(/\r?\n/)[0]!;
    expect(lines[0]).toBe(realHeader);
    expect(lines.every((l) => l.split(',').length === 31)).toBe(true);
    // the NIFTY index row reads like the real one (NSE,I,13,NA,INDEX,13,NIFTY,...,0.05,...)
    expect(lines.find((l) => l.startsWith('NSE,I,13,'))!.split(',').slice(0, 17)).toEqual(
      ['NSE', 'I', '13', 'NA', 'INDEX', '13', 'NIFTY', 'NIFTY', 'NIFTY', 'INDEX', 'NA', '1', '0001-01-01', '', 'XX', '0.05', 'N'],
    );

    const detailed = await client.instruments.master('detailed', { today: '2026-11-20' });
    const compact = await client.instruments.master('compact', { today: '2026-11-20' });
    if (!detailed.ok) throw new Error(detailed.error.message);
    if (!compact.ok) throw new Error(compact.error.message);
    expect(detailed.value.format).toBe('detailed');
    expect(detailed.value.skipped.count).toBe(0);
    const catalogue = sim.market.catalogue();
    expect(detailed.value.instruments.length).toBe(catalogue.length);
    expect(detailed.value.instruments.length).toBe(compact.value.instruments.length);
    const bySegment = (list: readonly { segment: string }[]) => list.reduce<Record<string, number>>((m, i) => ({ ...m, [i.segment]: (m[i.segment] ?? 0) + 1 }), {});
    expect(bySegment(detailed.value.instruments)).toEqual(bySegment(compact.value.instruments));

    // the same instruments, field by field; only the detailed master carries underlying security ids
    const key = (i: { segment: string; securityId: string }) => `${i.segment}:${i.securityId}`;
    const compactByKey = new Map(compact.value.instruments.map((i) => [key(i), i]));
    const specByKey = new Map(catalogue.map((c) => [key(c), c]));
    for (const d of detailed.value.instruments) {
      const c = compactByKey.get(key(d));
      expect(c, key(d)).toBeDefined();
      expect({ ...d, underlyingSecurityId: null }).toEqual({ ...c!, underlyingSecurityId: null });
      const spec = specByKey.get(key(d))!;
      expect(d.underlyingSecurityId).toBe(spec.instrumentType === 'INDEX' ? spec.securityId : (spec.underlyingSecurityId ?? null));
    }

    // a few rows by hand
    const find = (segment: string, securityId: string) => detailed.value.instruments.find((i) => i.segment === segment && i.securityId === securityId);
    expect(find('NSE_EQ', '1333')).toMatchObject({ tradingSymbol: 'HDFCBANK', instrumentType: 'EQUITY', lotSize: 1, tickSize: 0.05, series: 'EQ', expiry: null });
    expect(find('IDX_I', '25')).toMatchObject({ tradingSymbol: 'BANKNIFTY', instrumentType: 'INDEX', tickSize: 0.05 });
    const option = find(NIFTY_OPTION.segment, NIFTY_OPTION.securityId)!;
    expect(option).toMatchObject({ instrumentType: 'OPTIDX', underlying: 'NIFTY', underlyingSecurityId: '13', lotSize: 65, tickSize: 0.05 });
    expect(option.strike).toBeGreaterThan(0);
    const future = detailed.value.instruments.find((i) => i.instrumentType === 'FUTIDX' && i.underlying === 'BANKNIFTY')!;
    expect(future).toMatchObject({ segment: 'NSE_FNO', underlyingSecurityId: '25', lotSize: 30, strike: null, optionType: null });
  });
});

/** typeof per key, recursively (arrays by their first element). */
function shape(v: unknown): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

const fixture = (name: string): unknown => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));

async function raw(path: string, body?: unknown, token = sim.token): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sim.restBaseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'access-token': token, 'client-id': sim.clientId, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

describe('answers have the keys and types of the recorded real responses', () => {
  it('market quote and OHLC', async () => {
    const q = await raw('/marketfeed/quote', { NSE_FNO: [70000] });
    const rec = fixture('marketfeed-quote.NSE_FNO-49081.rec2025-01-25.json') as { data: { NSE_FNO: Record<string, unknown> } };
    const ours = q.json as { data: { NSE_FNO: Record<string, unknown> }; status: string };
    expect(shape(ours.data.NSE_FNO['70000'])).toEqual(shape(rec.data.NSE_FNO['49081']));
    expect(ours.status).toBe('success');
    const o = await raw('/marketfeed/ohlc', { NSE_EQ: [1333] });
    const recO = fixture('marketfeed-ohlc.NSE_FNO-49081.rec2025-01-25.json') as { data: { NSE_FNO: Record<string, unknown> } };
    expect(shape((o.json as { data: { NSE_EQ: Record<string, unknown> } }).data.NSE_EQ['1333'])).toEqual(shape(recO.data.NSE_FNO['49081']));
    const viaClient = await dhan.market.quote([HDFCBANK, NIFTY_OPTION]);
    expect(viaClient.ok && viaClient.value.map((x) => x.ltp)).toEqual([sim.market.model.ltp(HDFCBANK), sim.market.model.ltp(NIFTY_OPTION)]);
  });

  it('historical and intraday candles', async () => {
    const d = await raw('/charts/historical', { securityId: '1333', exchangeSegment: 'NSE_EQ', instrument: 'EQUITY', fromDate: '2026-10-01', toDate: '2026-11-01' });
    expect(shape(d.json)).toEqual(shape(fixture('charts-historical.HDFCBANK-1333.daily.2024-01.rec2026-03-09.json')));
    const i = await raw('/charts/intraday', { securityId: '13', exchangeSegment: 'IDX_I', instrument: 'INDEX', interval: '5', fromDate: '2026-11-18', toDate: '2026-11-19' });
    expect(shape(i.json)).toEqual(shape(fixture('charts-intraday.NIFTY-IDX_I-13.5m.2024-01-15_16.rec2026-03-09.json')));
    // two trading days of 5-minute bars, 09:15 to 15:30 IST
    expect((i.json as { timestamp: number[] }).timestamp).toHaveLength(2 * 75);
    const viaClient = await dhan.market.daily({ instrument: HDFCBANK, instrumentType: 'EQUITY', from: '2026-10-01', to: '2026-11-01' });
    expect(viaClient.ok && viaClient.value.length).toBe((d.json as { open: number[] }).open.length);
  });

  it('option chain and expiry list (plus the two leg keys seeds/002 documents and the older recording lacks)', async () => {
    const ex = await raw('/optionchain/expirylist', { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I' });
    expect(shape(ex.json)).toEqual(shape(fixture('optionchain-expirylist.NIFTY.rec2025-01-28.json')));
    const expiry = (ex.json as { data: string[] }).data[0]!;
    const oc = await raw('/optionchain', { UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I', Expiry: expiry });
    const rec = fixture('optionchain.NIFTY-IDX_I-13.exp2025-01-30.rec2025-01-28.json') as { data: { oc: Record<string, { ce: object }> } };
    const ours = oc.json as { data: { last_price: number; oc: Record<string, { ce: object; pe: object }> }; status: string };
    const recLeg = shape(Object.values(rec.data.oc)[0]!.ce) as Record<string, unknown>;
    const ourLeg = shape(Object.values(ours.data.oc)[0]!.ce) as Record<string, unknown>;
    expect(Object.keys(ourLeg).filter((k) => !(k in recLeg)).sort()).toEqual(['average_price', 'security_id']);
    for (const [k, v] of Object.entries(recLeg)) expect([k, ourLeg[k]]).toEqual([k, v]);
    expect(Object.keys(ours.data.oc).every((k) => /^\d+\.000000$/.test(k))).toBe(true);
    const chain = await dhan.market.optionChain({ segment: 'IDX_I', securityId: '13' }, expiry);
    expect(chain.ok && chain.value.rows.length).toBe(Object.keys(ours.data.oc).length);
  });

  it('errors: DH-901 exactly as recorded for a wrong token, DH-905 envelope for bad input', async () => {
    const bad = await raw('/fundlimit', undefined, 'not-the-token');
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual(fixture('error.DH-901.http401.json'));
    const input = await raw('/charts/historical', { securityId: '1333', exchangeSegment: 'NSE_EQ', fromDate: 'yesterday', toDate: '2026-11-01' });
    expect(input.status).toBe(400);
    expect(shape(input.json)).toEqual(shape(fixture('error.DH-905.http400.json')));
  });
});
