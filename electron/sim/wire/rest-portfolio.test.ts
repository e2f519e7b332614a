import { afterEach, describe, expect, it } from 'vitest';
import type { PlaceOrderRequest } from '../../../shared/orders';
import { RateLimiter } from '../../core/rate-limiter';
import { DHAN_RATE_LIMITS } from '../../brokers/dhan/limits';
import { createDhanRestClient, type DhanRestClient } from '../../brokers/dhan/rest/client';
import { sampleUniverse } from '../sample-universe';
import { startSimExchange, type SimExchangeHandle } from './server';

/**
 * Holdings, position conversion and REST rate limits of the sim, through the real Dhan REST client
 * (and raw HTTP where the wire itself is checked) on 127.0.0.1:0.
 */

const RELIANCE = { segment: 'NSE_EQ', securityId: '2885' } as const;
const open = { limit: 10_000, windowMs: 1000 };
const r2 = (x: number) => Math.round(x * 100) / 100;
const sims: SimExchangeHandle[] = [];

afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function start(opts: Parameters<typeof startSimExchange>[0], limiter = new RateLimiter({ order: [open], data: [open], quote: [open], optionChain: [open], nonTrading: [open] })): Promise<{ sim: SimExchangeHandle; dhan: DhanRestClient }> {
  const sim = await startSimExchange({ seed: 9, manualClock: true, ...opts });
  sims.push(sim);
  const dhan = createDhanRestClient({ credentials: { clientId: sim.clientId, accessToken: sim.token }, baseUrl: sim.restBaseUrl, limiter });
  return { sim, dhan };
}

const cnc = (side: 'BUY' | 'SELL', quantity: number): PlaceOrderRequest => ({ instrument: RELIANCE, side, quantity, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });

function raw(sim: SimExchangeHandle, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.restBaseUrl}${path}`, {
    method,
    headers: { 'access-token': sim.token, 'client-id': sim.clientId, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Keys and JSON types of the holdings sample of seeds/002 "Holdings". */
const SEED_HOLDING = { exchange: 'ALL', tradingSymbol: 'HDFC', securityId: '1330', isin: 'INE001A01036', totalQty: 1000, dpQty: 1000, t1Qty: 0, availableQty: 1000, collateralQty: 0, avgCostPrice: 2655.0 };
const shape = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v]));

describe('holdings', () => {
  it('a CNC buy is a T1 holding after the rollover; selling held stock reduces it and books P&L against its cost', async () => {
    const friday = Date.parse('2026-11-20T09:50:00Z'); // Friday 15:20 IST
    const { sim, dhan } = await start({ universe: sampleUniverse(friday), startTimeMs: friday, speed: 1000 });
    expect(await dhan.portfolio.holdings()).toEqual({ ok: true, value: [] });
    const bought = await dhan.orders.place(cnc('BUY', 10));
    expect(bought.kind).toBe('accepted');
    const trades = await dhan.orders.trades();
    if (!trades.ok) throw new Error(trades.error.message);
    const cost = trades.value.reduce((a, t) => a + t.price * t.quantity, 0) / 10;
    sim.advance((Date.parse('2026-11-23T03:46:00Z') - sim.market.model.now()) / 1000); // Monday 09:16 IST
    expect(sim.market.engine.marketPhase()).toBe('OPEN');
    const h = await dhan.portfolio.holdings();
    expect(h.ok && h.value).toEqual([
      { exchange: 'ALL', symbol: 'RELIANCE', securityId: '2885', isin: '', totalQuantity: 10, dematQuantity: 0, t1Quantity: 10, availableQuantity: 10, collateralQuantity: 0, averageCostPrice: r2(cost) },
    ]);
    const wire = (await (await raw(sim, 'GET', '/holdings')).json()) as Record<string, unknown>[];
    expect(wire.map(shape)).toEqual([shape(SEED_HOLDING)]);
    const positions = await dhan.portfolio.positions();
    expect(positions.ok && positions.value).toEqual([]); // delivered: no longer a position

    const bid = sim.market.model.depth(RELIANCE, 1).bids[0]!;
    expect(bid.quantity).toBeGreaterThanOrEqual(4);
    const funds = await dhan.portfolio.funds();
    expect((await dhan.orders.place({ ...cnc('SELL', 4), orderType: 'LIMIT', price: bid.price })).kind).toBe('accepted');
    const after = await dhan.portfolio.holdings();
    expect(after.ok && after.value[0]).toMatchObject({ totalQuantity: 6, averageCostPrice: r2(cost) });
    const p = await dhan.portfolio.positions();
    expect(p.ok && p.value.map((x) => [x.product, x.netQuantity, x.daySellQuantity, x.realisedPnl])).toEqual([['CNC', 0, 4, r2(4 * (bid.price - cost))]]);
    // no short-sale margin; the sale proceeds come back to the balance
    const f = await dhan.portfolio.funds();
    expect(funds.ok && f.ok && r2(f.value.availableBalance - funds.value.availableBalance)).toBe(r2(4 * bid.price));
  });
});

describe('position conversion', () => {
  it('converts INTRADAY to CNC through the client (202) and refuses more than is open in Dhan words', async () => {
    const start0 = Date.parse('2026-11-20T04:30:00Z');
    const { sim, dhan } = await start({ universe: sampleUniverse(start0), startTimeMs: start0, alwaysOpen: true });
    expect((await dhan.orders.place({ ...cnc('BUY', 10), product: 'INTRADAY' })).kind).toBe('accepted');
    const c = await dhan.portfolio.convert({ instrument: RELIANCE, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 4 });
    expect(c).toEqual({ kind: 'accepted', message: 'Position conversion accepted' });
    const p = await dhan.portfolio.positions();
    if (!p.ok) throw new Error(p.error.message);
    const by = Object.fromEntries(p.value.map((x) => [x.product, x]));
    expect([by['INTRADAY']?.netQuantity, by['CNC']?.netQuantity]).toEqual([6, 4]);
    const cost = by['CNC']!.costPrice;
    expect(by['INTRADAY']!.costPrice).toBe(cost);
    const f = await dhan.portfolio.funds();
    expect(f.ok && f.value.utilisedAmount).toBe(r2(r2(0.2 * 6 * cost) + r2(4 * cost)));

    const tooMany = await dhan.portfolio.convert({ instrument: RELIANCE, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 7 });
    expect(tooMany.kind).toBe('rejected');
    expect(tooMany.kind === 'rejected' && tooMany.error.message).toMatch(/Cannot convert 7: the open LONG INTRADAY position in RELIANCE is 6/);
    const res = await raw(sim, 'POST', '/positions/convert', { dhanClientId: sim.clientId, fromProductType: 'CNC', exchangeSegment: 'NSE_EQ', positionType: 'LONG', securityId: '2885', tradingSymbol: '', convertQty: '4', toProductType: 'INTRADAY' });
    expect([res.status, await res.text()]).toEqual([202, '']); // the seed's sample sends convertQty as text
  });
});

describe('rate limits', () => {
  const place = { dhanClientId: '', transactionType: 'BUY', exchangeSegment: 'NSE_EQ', productType: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', securityId: '2885', quantity: 1, price: 1 };

  it('answers the 11th order request of a burst with HTTP 429 DH-904 exactly as recorded; reads are not limited', async () => {
    const start0 = Date.parse('2026-11-20T04:30:00Z');
    const { sim } = await start({ universe: sampleUniverse(start0), startTimeMs: start0, alwaysOpen: true });
    const answers = await Promise.all(Array.from({ length: 13 }, () => raw(sim, 'POST', '/orders', place)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(10);
    const refused = await answers[statuses.indexOf(429)]!.json();
    expect(refused).toEqual({ errorType: 'Input_Exception', errorCode: 'DH-904', errorMessage: 'Too many requests on server from single user breaching rate limits. Try throttling API calls.' });
    expect(sim.market.engine.orderBook()).toHaveLength(10); // the refused ones were not served
    const reads = await Promise.all(Array.from({ length: 30 }, () => raw(sim, 'GET', '/orders')));
    expect(reads.every((r) => r.status === 200)).toBe(true);
  });

  it('lets the app\'s own limiter (DHAN_RATE_LIMITS) through without a single refusal', async () => {
    const start0 = Date.parse('2026-11-20T04:30:00Z');
    const { sim, dhan } = await start({ universe: sampleUniverse(start0), startTimeMs: start0, alwaysOpen: true }, new RateLimiter(DHAN_RATE_LIMITS, { orderMaxWaitMs: 5000 }));
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, () => dhan.orders.place({ instrument: RELIANCE, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 1 })),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(Array(15).fill('accepted'));
    expect(sim.market.engine.orderBook()).toHaveLength(15);
  });
});
