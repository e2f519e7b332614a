import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../core/rate-limiter';
import { DHAN_RATE_LIMITS } from '../limits';
import { createDhanRestClient, type DhanRestClient } from './client';
import { startRecordingServer, type RecordedRequest, type RecordingServer, type ReplyPlan } from './recording-server';

/**
 * Request shapes (method, path, headers, body) of every client method against a loopback server,
 * and the money rules: correlation id on every placement, order changes sent exactly once.
 * Sample answers are the seeds/002 "Response Structure" examples, with their JSON typos fixed.
 */

const CLIENT_ID = '1000000001';
const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.eyJ0ZXN0Ijp0cnVlfQ.c2lnbmF0dXJl';
const open = { limit: 1000, windowMs: 1000 };
const relaxed = (): RateLimiter => new RateLimiter({ order: [open], data: [open], quote: [open], optionChain: [open], nonTrading: [open] });

const ORDER = {
  dhanClientId: CLIENT_ID,
  orderId: '112111182198',
  correlationId: '123abc678',
  orderStatus: 'PART_TRADED',
  transactionType: 'BUY',
  exchangeSegment: 'NSE_EQ',
  productType: 'INTRADAY',
  orderType: 'LIMIT',
  validity: 'DAY',
  tradingSymbol: 'TCS',
  securityId: '11536',
  quantity: 5,
  disclosedQuantity: 0,
  price: 3345.8,
  triggerPrice: 0.0,
  afterMarketOrder: false,
  boProfitValue: 0.0,
  boStopLossValue: 0.0,
  legName: null,
  createTime: '2021-11-24 13:33:03',
  updateTime: '2021-11-24 13:33:05',
  exchangeTime: '2021-11-24 13:33:04',
  drvExpiryDate: null,
  drvOptionType: null,
  drvStrikePrice: 0.0,
  omsErrorCode: null,
  omsErrorDescription: null,
  algoId: 'string',
  remainingQuantity: 3,
  averageTradedPrice: 3345.8,
  filledQty: 2,
};

const TRADE = {
  dhanClientId: CLIENT_ID,
  orderId: '112111182045',
  exchangeOrderId: '15112111182045',
  exchangeTradeId: '15112111182046',
  transactionType: 'BUY',
  exchangeSegment: 'NSE_EQ',
  productType: 'INTRADAY',
  orderType: 'LIMIT',
  tradingSymbol: 'TCS',
  securityId: '11536',
  tradedQuantity: 40,
  tradedPrice: 3345.8,
  createTime: '2021-03-10 11:20:06',
  updateTime: '2021-11-25 17:35:12',
  exchangeTime: '2021-11-25 17:35:12',
  drvExpiryDate: null,
  drvOptionType: null,
  drvStrikePrice: 0.0,
};

let server: RecordingServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function setup(
  handler: (req: RecordedRequest) => ReplyPlan,
  extra: Partial<Parameters<typeof createDhanRestClient>[0]> = {},
): Promise<{ dhan: DhanRestClient; srv: RecordingServer; logs: string[] }> {
  const srv = await startRecordingServer(handler);
  server = srv;
  const logs: string[] = [];
  const dhan = createDhanRestClient({
    credentials: { clientId: CLIENT_ID, accessToken: TOKEN },
    baseUrl: `${srv.origin}/v2`,
    limiter: relaxed(),
    timeoutMs: 2000,
    log: (l) => logs.push(l),
    newCorrelationId: () => 'tdtest0000000001',
    ...extra,
  });
  return { dhan, srv, logs };
}

const ok = (body: unknown, status = 200): ReplyPlan => ({ status, body: body as object });

describe('headers and base URL', () => {
  it('sends access-token, client-id and JSON content type under the configured base, and logs without the token', async () => {
    const { dhan, srv, logs } = await setup(() => ok([ORDER]));
    const r = await dhan.orders.list();
    expect(r.ok).toBe(true);
    const req = srv.requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/v2/orders');
    expect(req.headers['access-token']).toBe(TOKEN);
    expect(req.headers['client-id']).toBe(CLIENT_ID);
    expect(req.headers['content-type']).toBe('application/json');
    await dhan.orders.place({ instrument: { segment: 'NSE_EQ', securityId: '11536' }, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });
    expect(srv.requests[1]!.headers['content-type']).toBe('application/json');
    expect(srv.requests[1]!.headers['access-token']).toBe(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('orders', () => {
  it('place: POST /orders with the seed body and a generated correlation id', async () => {
    const { dhan, srv } = await setup(() => ok({ orderId: '112111182198', orderStatus: 'PENDING' }));
    const out = await dhan.orders.place({
      instrument: { segment: 'NSE_EQ', securityId: '11536' },
      side: 'BUY',
      quantity: 5,
      product: 'INTRADAY',
      orderType: 'LIMIT',
      validity: 'DAY',
      price: 3345.8,
    });
    expect(out).toEqual({ kind: 'accepted', orderId: '112111182198', status: 'PENDING', correlationId: 'tdtest0000000001' });
    const req = srv.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/orders');
    expect(req.json).toEqual({
      dhanClientId: CLIENT_ID,
      correlationId: 'tdtest0000000001',
      transactionType: 'BUY',
      exchangeSegment: 'NSE_EQ',
      productType: 'INTRADAY',
      orderType: 'LIMIT',
      validity: 'DAY',
      securityId: '11536',
      quantity: 5,
      price: 3345.8,
      afterMarketOrder: false,
    });
  });

  it('place keeps the caller correlation id, sends SL trigger and AMO time', async () => {
    const { dhan, srv } = await setup(() => ok({ orderId: '1', orderStatus: 'TRANSIT' }));
    const out = await dhan.orders.place({
      instrument: { segment: 'NSE_FNO', securityId: '49081' },
      side: 'SELL',
      quantity: 75,
      product: 'MARGIN',
      orderType: 'STOP_LOSS',
      validity: 'DAY',
      price: 100.05,
      triggerPrice: 100.1,
      afterMarketOrder: true,
      amoTime: 'OPEN_30',
      correlationId: 'my-tag_1',
    });
    expect(out.correlationId).toBe('my-tag_1');
    expect(srv.requests[0]!.json).toMatchObject({ correlationId: 'my-tag_1', triggerPrice: 100.1, amoTime: 'OPEN_30', afterMarketOrder: true, orderType: 'STOP_LOSS' });
  });

  it('place refuses bad input before any network call', async () => {
    const { dhan, srv } = await setup(() => ok({ orderId: '1', orderStatus: 'PENDING' }));
    const base = { instrument: { segment: 'NSE_EQ', securityId: '11536' }, side: 'BUY', product: 'CNC', validity: 'DAY' } as const;
    const bad = [
      await dhan.orders.place({ ...base, quantity: 0, orderType: 'MARKET' }),
      await dhan.orders.place({ ...base, quantity: 1, orderType: 'LIMIT' }),
      await dhan.orders.place({ ...base, quantity: 1, orderType: 'STOP_LOSS_MARKET' }),
      await dhan.orders.place({ ...base, quantity: 1, orderType: 'MARKET', correlationId: 'has space and is far too long for dhan' }),
    ];
    for (const b of bad) expect(b).toMatchObject({ kind: 'rejected', error: { code: 'BAD_REQUEST' } });
    expect(srv.requests).toHaveLength(0);
  });

  it('place answers a broker rejection with the broker code and words', async () => {
    const { dhan } = await setup(() => ({ status: 400, body: { errorType: 'Order_Error', errorCode: 'DH-906', errorMessage: 'Insufficient funds' } }));
    const out = await dhan.orders.place({ instrument: { segment: 'NSE_EQ', securityId: '11536' }, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });
    expect(out.kind).toBe('rejected');
    if (out.kind !== 'rejected') return;
    expect(out.error).toMatchObject({ code: 'REJECTED', brokerCode: 'DH-906', retryable: false });
    expect(out.error.message).toContain('Insufficient funds');
    expect(out.correlationId).toBe('tdtest0000000001');
  });

  it('modify: PUT /orders/{id}; cancel: DELETE /orders/{id}', async () => {
    const { dhan, srv } = await setup((req) => ok({ orderId: '112111182045', orderStatus: req.method === 'DELETE' ? 'CANCELLED' : 'TRANSIT' }, req.method === 'DELETE' ? 202 : 200));
    const m = await dhan.orders.modify({ orderId: '112111182045', orderType: 'LIMIT', validity: 'DAY', quantity: 40, price: 3345.8, disclosedQuantity: 10 });
    expect(m).toEqual({ kind: 'accepted', orderId: '112111182045', status: 'TRANSIT', correlationId: null });
    expect(srv.requests[0]!.method).toBe('PUT');
    expect(srv.requests[0]!.url).toBe('/v2/orders/112111182045');
    expect(srv.requests[0]!.json).toEqual({ dhanClientId: CLIENT_ID, orderId: '112111182045', orderType: 'LIMIT', validity: 'DAY', quantity: 40, price: 3345.8, disclosedQuantity: 10 });
    const c = await dhan.orders.cancel('112111182045');
    expect(c).toMatchObject({ kind: 'accepted', status: 'CANCELLED' });
    expect(srv.requests[1]!.method).toBe('DELETE');
    expect(srv.requests[1]!.url).toBe('/v2/orders/112111182045');
    expect(srv.requests[1]!.text).toBe('');
  });

  it('modify is refused before sending after 25 modifications of one order', async () => {
    const { dhan, srv } = await setup(() => ok({ orderId: '7', orderStatus: 'PENDING' }));
    for (let i = 0; i < 25; i++) expect((await dhan.orders.modify({ orderId: '7', orderType: 'LIMIT', validity: 'DAY', price: 10 + i })).kind).toBe('accepted');
    const over = await dhan.orders.modify({ orderId: '7', orderType: 'LIMIT', validity: 'DAY', price: 50 });
    expect(over).toMatchObject({ kind: 'rejected', error: { code: 'RATE_LIMITED', retryable: false } });
    expect(srv.requests).toHaveLength(25);
    expect(dhan.orders.modificationsUsed('7')).toBe(25);
  });

  it('slicing: POST /orders/slicing, one ack per slice', async () => {
    const { dhan, srv } = await setup(() => ok([{ orderId: '552209237100', orderStatus: 'TRANSIT' }, { orderId: '552209237101', orderStatus: 'CONFIRM' }]));
    const out = await dhan.orders.slice({ instrument: { segment: 'NSE_FNO', securityId: '49081' }, side: 'BUY', quantity: 3600, product: 'MARGIN', orderType: 'MARKET', validity: 'DAY' });
    expect(out).toEqual({
      kind: 'accepted',
      orders: [{ orderId: '552209237100', status: 'TRANSIT' }, { orderId: '552209237101', status: 'PENDING' }],
      correlationId: 'tdtest0000000001',
    });
    expect(srv.requests[0]!.url).toBe('/v2/orders/slicing');
    expect(srv.requests[0]!.json).toMatchObject({ correlationId: 'tdtest0000000001', quantity: 3600 });
  });

  it('order book, get by id, get by correlation id map the wire to shared orders', async () => {
    const { dhan, srv } = await setup((req) => ok(req.url === '/v2/orders' ? [ORDER] : ORDER));
    const list = await dhan.orders.list();
    const one = await dhan.orders.get('112111182198');
    const byCid = await dhan.orders.getByCorrelationId('123abc678');
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v2/orders', 'GET /v2/orders/112111182198', 'GET /v2/orders/external/123abc678']);
    expect(list.ok && list.value).toHaveLength(1);
    for (const r of [one, byCid]) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value).toMatchObject({
        orderId: '112111182198',
        correlationId: '123abc678',
        status: 'PART_TRADED',
        instrument: { segment: 'NSE_EQ', securityId: '11536' },
        side: 'BUY',
        product: 'INTRADAY',
        quantity: 5,
        filledQuantity: 2,
        remainingQuantity: 3,
        averageTradedPrice: 3345.8,
        rejectionReason: null,
      });
      // 13:33:03 IST = 08:03:03Z.
      expect(r.value.createdAtMs).toBe(Date.UTC(2021, 10, 24, 8, 3, 3));
      expect(r.value.exchangeTimeMs).toBe(Date.UTC(2021, 10, 24, 8, 3, 4));
    }
  });

  it('a rejected order carries the broker words', async () => {
    const { dhan } = await setup(() => ok({ ...ORDER, orderStatus: 'REJECTED', omsErrorCode: '16387', omsErrorDescription: 'RMS:Margin Exceeds' }));
    const r = await dhan.orders.get('112111182198');
    expect(r.ok && r.value).toMatchObject({ status: 'REJECTED', rejectionReason: 'RMS:Margin Exceeds', rejectionCode: '16387' });
  });

  it('trades: GET /trades and GET /trades/{order-id}', async () => {
    const { dhan, srv } = await setup((req) => ok(req.url === '/v2/trades' ? [TRADE] : TRADE));
    const book = await dhan.orders.trades();
    const ofOrder = await dhan.orders.tradesOfOrder('112111182045');
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v2/trades', 'GET /v2/trades/112111182045']);
    for (const r of [book, ofOrder]) {
      expect(r.ok && r.value).toEqual([
        {
          orderId: '112111182045',
          exchangeOrderId: '15112111182045',
          tradeId: '15112111182046',
          instrument: { segment: 'NSE_EQ', securityId: '11536' },
          symbol: 'TCS',
          side: 'BUY',
          product: 'INTRADAY',
          orderType: 'LIMIT',
          quantity: 40,
          price: 3345.8,
          tradeTimeMs: Date.UTC(2021, 10, 25, 12, 5, 12),
          expiryDate: null,
          optionType: null,
          strikePrice: null,
        },
      ]);
    }
  });
});

/** Waits long enough for a (forbidden) automatic re-send to reach the server, then returns. */
const afterAnyResend = () => new Promise((r) => setTimeout(r, 400));

describe('order changes are never retried', () => {
  const place = (dhan: DhanRestClient) =>
    dhan.orders.place({ instrument: { segment: 'NSE_EQ', securityId: '11536' }, side: 'BUY', quantity: 1, product: 'CNC', orderType: 'MARKET', validity: 'DAY' });

  it('place on HTTP 500: exactly one request, UNKNOWN outcome with the correlation id', async () => {
    const { dhan, srv } = await setup(() => ({ status: 500, body: { errorType: 'Internal', errorCode: 'DH-908', errorMessage: 'Server was not able to process API request.' } }));
    const out = await place(dhan);
    expect(out).toMatchObject({ kind: 'unknown', correlationId: 'tdtest0000000001', error: { code: 'UNKNOWN_OUTCOME', retryable: false, brokerCode: 'DH-908' } });
    expect(srv.requests).toHaveLength(1);
  });

  it('place on timeout: exactly one request, UNKNOWN outcome with the correlation id', async () => {
    const { dhan, srv } = await setup(() => ({ hang: true }), { timeoutMs: 500 });
    const out = await place(dhan);
    expect(out).toMatchObject({ kind: 'unknown', correlationId: 'tdtest0000000001', error: { code: 'UNKNOWN_OUTCOME' } });
    await afterAnyResend();
    expect(srv.arrivals).toBe(1);
  });

  it('place on a dropped connection: exactly one request, UNKNOWN', async () => {
    const { dhan, srv } = await setup(() => ({ destroy: true }));
    const out = await place(dhan);
    expect(out).toMatchObject({ kind: 'unknown', correlationId: 'tdtest0000000001' });
    await afterAnyResend();
    expect(srv.arrivals).toBe(1);
  });

  it('place answered 200 with an unreadable body: UNKNOWN, not accepted', async () => {
    const { dhan } = await setup(() => ({ status: 200, body: '<html>gateway</html>', contentType: 'text/html' }));
    expect((await place(dhan)).kind).toBe('unknown');
  });

  it('modify and cancel on 500 and timeout: one request each, UNKNOWN', async () => {
    for (const plan of [{ status: 502, body: '' }, { hang: true }] as ReplyPlan[]) {
      const { dhan, srv } = await setup(() => plan, { timeoutMs: 500 });
      const m = await dhan.orders.modify({ orderId: '42', orderType: 'LIMIT', validity: 'DAY', price: 10 });
      const c = await dhan.orders.cancel('42');
      expect(m.kind).toBe('unknown');
      expect(c.kind).toBe('unknown');
      await afterAnyResend();
      expect(srv.arrivals).toBe(2);
      expect(srv.requests.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
      await srv.close();
      server = null;
    }
  });

  it('a read is re-sent once after a dropped connection (and only once)', async () => {
    const { dhan, srv } = await setup(() => ({ destroy: true }));
    const r = await dhan.orders.list();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('NETWORK');
    expect(srv.requests).toHaveLength(2);
  });

  it('an order change over its rate limit is refused without sending', async () => {
    const { dhan, srv } = await setup(() => ok({ orderId: '1', orderStatus: 'PENDING' }), {
      limiter: new RateLimiter(DHAN_RATE_LIMITS, { orderMaxWaitMs: 0 }),
    });
    for (let i = 0; i < 10; i++) expect((await place(dhan)).kind).toBe('accepted');
    const eleventh = await place(dhan);
    expect(eleventh).toMatchObject({ kind: 'rejected', error: { code: 'RATE_LIMITED' } });
    expect(srv.requests).toHaveLength(10);
  });
});

describe('portfolio and funds', () => {
  it('positions, holdings, fund limit (availabelBalance typo) map to shared types', async () => {
    const { dhan, srv } = await setup((req) => {
      if (req.url === '/v2/positions')
        return ok([{ dhanClientId: CLIENT_ID, tradingSymbol: 'TCS', securityId: '11536', positionType: 'LONG', exchangeSegment: 'NSE_EQ', productType: 'CNC', buyAvg: 3345.8, buyQty: 40, costPrice: 3215.0, sellAvg: 0.0, sellQty: 0, netQty: 40, realizedProfit: 0.0, unrealizedProfit: 6122.0, rbiReferenceRate: 1.0, multiplier: 1, carryForwardBuyQty: 0, carryForwardSellQty: 0, carryForwardBuyValue: 0.0, carryForwardSellValue: 0.0, dayBuyQty: 40, daySellQty: 0, dayBuyValue: 133832.0, daySellValue: 0.0, drvExpiryDate: '0001-01-01', drvOptionType: null, drvStrikePrice: 0.0, crossCurrency: false }]);
      if (req.url === '/v2/holdings')
        return ok([{ exchange: 'ALL', tradingSymbol: 'HDFC', securityId: '1330', isin: 'INE001A01036', totalQty: 1000, dpQty: 1000, t1Qty: 0, availableQty: 1000, collateralQty: 0, avgCostPrice: 2655.0 }]);
      return ok({ dhanClientId: CLIENT_ID, availabelBalance: 98440.0, sodLimit: 113642, collateralAmount: 0.0, receiveableAmount: 0.0, utilizedAmount: 15202.0, blockedPayoutAmount: 0.0, withdrawableBalance: 98310.0 });
    });
    const p = await dhan.portfolio.positions();
    const h = await dhan.portfolio.holdings();
    const f = await dhan.portfolio.funds();
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v2/positions', 'GET /v2/holdings', 'GET /v2/fundlimit']);
    expect(p.ok && p.value[0]).toMatchObject({ positionType: 'LONG', netQuantity: 40, buyAverage: 3345.8, unrealisedPnl: 6122, realisedPnl: 0, product: 'CNC', expiryDate: null, dayBuyValue: 133832 });
    expect(h.ok && h.value[0]).toMatchObject({ symbol: 'HDFC', isin: 'INE001A01036', totalQuantity: 1000, availableQuantity: 1000, averageCostPrice: 2655 });
    expect(f.ok && f.value).toEqual({ availableBalance: 98440, startOfDayLimit: 113642, collateralAmount: 0, receivableAmount: 0, utilisedAmount: 15202, blockedPayoutAmount: 0, withdrawableBalance: 98310 });
  });

  it('margin calculator single and multi', async () => {
    const { dhan, srv } = await setup((req) =>
      req.url === '/v2/margincalculator'
        ? ok({ totalMargin: 2800.0, spanMargin: 1200.0, exposureMargin: 1003.0, availableBalance: 10500.0, variableMargin: 1000.0, insufficientBalance: 0.0, brokerage: 20.0, leverage: '4.00' })
        : ok({ total_margin: '150000.00', span_margin: '50000.00', exposure_margin: '30000.00', equity_margin: '70000.00', fo_margin: '0.00', commodity_margin: '0.00', currency: 'INR', hedge_benefit: '' }),
    );
    const leg = { instrument: { segment: 'NSE_EQ', securityId: '1333' }, side: 'BUY', quantity: 5, product: 'CNC', price: 1428, triggerPrice: 1427 } as const;
    const one = await dhan.portfolio.margin(leg);
    const many = await dhan.portfolio.basketMargin([leg], { includePositions: true });
    expect(srv.requests[0]!.json).toEqual({ dhanClientId: CLIENT_ID, exchangeSegment: 'NSE_EQ', transactionType: 'BUY', quantity: 5, productType: 'CNC', securityId: '1333', price: 1428, triggerPrice: 1427 });
    expect(srv.requests[1]!.url).toBe('/v2/margincalculator/multi');
    expect(srv.requests[1]!.json).toMatchObject({ includePosition: true, includeOrder: false, scripList: [{ securityId: '1333', quantity: 5 }] });
    expect(one.ok && one.value).toMatchObject({ totalMargin: 2800, leverage: 4, insufficientBalance: 0 });
    expect(many.ok && many.value).toEqual({ totalMargin: 150000, spanMargin: 50000, exposureMargin: 30000, equityMargin: 70000, foMargin: 0, commodityMargin: 0, currency: 'INR', hedgeBenefit: null });
  });

  it('convert: POST /positions/convert (202, no body); exit all: DELETE /positions, never retried', async () => {
    const { dhan, srv } = await setup((req) => (req.method === 'POST' ? { status: 202, body: null } : ok({ status: 'SUCCESS', message: 'All orders and positions exited successfully' })));
    const c = await dhan.portfolio.convert({ instrument: { segment: 'NSE_EQ', securityId: '11536' }, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 40 });
    const x = await dhan.portfolio.exitAll();
    expect(c.kind).toBe('accepted');
    expect(x).toEqual({ kind: 'accepted', message: 'All orders and positions exited successfully' });
    expect(srv.requests[0]!.json).toEqual({ dhanClientId: CLIENT_ID, fromProductType: 'INTRADAY', exchangeSegment: 'NSE_EQ', positionType: 'LONG', securityId: '11536', tradingSymbol: '', convertQty: 40, toProductType: 'CNC' });
    expect(srv.requests[1]!.method).toBe('DELETE');
    expect(srv.requests[1]!.url).toBe('/v2/positions');

    const failing = await setup(() => ({ status: 503, body: '' }));
    expect((await failing.dhan.portfolio.exitAll()).kind).toBe('unknown');
    expect((await failing.dhan.portfolio.convert({ instrument: { segment: 'NSE_EQ', securityId: '1' }, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 })).kind).toBe('unknown');
    expect(failing.srv.requests).toHaveLength(2);

    // A DH-906 on a conversion is a refused conversion, in Dhan's words.
    const refused = await setup(() => ({ status: 400, body: { errorType: 'Order_Error', errorCode: 'DH-906', errorMessage: 'No open position to convert' } }));
    const r = await refused.dhan.portfolio.convert({ instrument: { segment: 'NSE_EQ', securityId: '1' }, positionType: 'LONG', fromProduct: 'INTRADAY', toProduct: 'CNC', quantity: 1 });
    expect(r.kind === 'rejected' && r.error.message).toBe('Dhan rejected the position conversion (DH-906): No open position to convert');
  });
});

describe('market data requests', () => {
  it('splits more than 1000 instruments into requests of at most 1000, merged, duplicates once', async () => {
    const { dhan, srv } = await setup((req) => {
      const body = req.json as Record<string, number[]>;
      const data: Record<string, Record<string, { last_price: number }>> = {};
      for (const [seg, ids] of Object.entries(body)) data[seg] = Object.fromEntries(ids.map((id) => [String(id), { last_price: id / 100 }]));
      return ok({ data, status: 'success' });
    });
    const keys = Array.from({ length: 2500 }, (_, i) => ({ segment: i % 2 === 0 ? 'NSE_EQ' : 'NSE_FNO', securityId: String(1000 + i) }) as const);
    const r = await dhan.market.ltp([...keys, keys[0]!]);
    expect(srv.requests).toHaveLength(3);
    const sizes = srv.requests.map((q) => Object.values(q.json as Record<string, number[]>).reduce((n, ids) => n + ids.length, 0));
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(srv.requests.every((q) => q.url === '/v2/marketfeed/ltp')).toBe(true);
    expect(r.ok && r.value.length).toBe(2500);
    expect(r.ok && r.value.find((q) => q.key.securityId === '1001')).toEqual({ key: { segment: 'NSE_FNO', securityId: '1001' }, ltp: 10.01 });
  });

  it('quotes go through the 1-per-second quote class', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS);
    const { dhan } = await setup(() => ok({ data: { NSE_EQ: { '11536': { last_price: 4520 } } }, status: 'success' }), { limiter });
    const before = Date.now();
    await dhan.market.ltp([{ segment: 'NSE_EQ', securityId: '11536' }]);
    expect(limiter.nextSlotAt('quote')).toBeGreaterThanOrEqual(before + 1000);
    expect(limiter.nextSlotAt('data')).toBeLessThanOrEqual(Date.now());
  });

  it('splits an intraday range longer than 90 days into windows and merges by time', async () => {
    const { dhan, srv } = await setup((req) => {
      const { fromDate } = req.json as { fromDate: string };
      const t0 = Date.parse(`${fromDate}T03:45:00Z`) / 1000;
      // Each window also returns the first candle of the next one's start day again (edge overlap).
      return ok({ open: [1, 2], high: [1, 2], low: [1, 2], close: [1, 2], volume: [10, 20], timestamp: [t0, t0 + 60] });
    });
    const r = await dhan.market.intraday({ instrument: { segment: 'NSE_EQ', securityId: '1333' }, instrumentType: 'EQUITY', interval: 5, from: '2024-01-01', to: '2024-07-15' });
    const windows = srv.requests.map((q) => {
      const b = q.json as { fromDate: string; toDate: string; interval: string };
      expect(b.interval).toBe('5');
      return [b.fromDate, b.toDate];
    });
    expect(windows).toEqual([
      ['2024-01-01', '2024-03-31'],
      ['2024-03-31', '2024-06-29'],
      ['2024-06-29', '2024-07-15'],
    ]);
    for (const [f, t] of windows) expect((Date.parse(t!) - Date.parse(f!)) / 86_400_000).toBeLessThanOrEqual(90);
    expect(r.ok && r.value.length).toBe(6);
    expect(r.ok && r.value.every((c, i, a) => i === 0 || c.time > a[i - 1]!.time)).toBe(true);
  });

  it('refuses an unknown interval and a bad date without sending', async () => {
    const { dhan, srv } = await setup(() => ok({}));
    const a = await dhan.market.intraday({ instrument: { segment: 'NSE_EQ', securityId: '1' }, instrumentType: 'EQUITY', interval: 3 as 5, from: '2024-01-01', to: '2024-01-02' });
    const b = await dhan.market.intraday({ instrument: { segment: 'NSE_EQ', securityId: '1' }, instrumentType: 'EQUITY', interval: 5, from: '2024-02-30', to: '2024-03-02' });
    expect(!a.ok && a.error.code).toBe('BAD_REQUEST');
    expect(!b.ok && b.error.code).toBe('BAD_REQUEST');
    expect(srv.requests).toHaveLength(0);
  });

  it('ragged candle arrays are a clear error', async () => {
    const { dhan } = await setup(() => ok({ open: [1, 2], high: [1], low: [1, 2], close: [1, 2], volume: [1, 2], timestamp: [1, 2] }));
    const r = await dhan.market.daily({ instrument: { segment: 'NSE_EQ', securityId: '1' }, instrumentType: 'EQUITY', from: '2024-01-01', to: '2024-01-05' });
    expect(!r.ok && r.error.code).toBe('MALFORMED_FRAME');
    expect(!r.ok && r.error.message).toContain('differ in length');
  });
});

describe('instrument lists', () => {
  it('downloads a master from its own URL without credentials, and the segment list from the API with them', async () => {
    const csv = 'EXCH_ID,SEGMENT,SECURITY_ID\nNSE,E,1333\n';
    const { dhan, srv } = await setup(() => ({ status: 200, body: csv, contentType: 'text/csv' }));
    const custom = createDhanRestClient({
      credentials: { clientId: CLIENT_ID, accessToken: TOKEN },
      baseUrl: `${srv.origin}/v2`,
      compactUrl: `${srv.origin}/api-data/api-scrip-master.csv`,
      limiter: relaxed(),
    });
    const m = await custom.instruments.downloadMaster('compact');
    const s = await dhan.instruments.downloadSegment('NSE_EQ');
    expect(m).toEqual({ ok: true, value: csv });
    expect(s).toEqual({ ok: true, value: csv });
    expect(srv.requests[0]!.url).toBe('/api-data/api-scrip-master.csv');
    expect(srv.requests[0]!.headers['access-token']).toBeUndefined();
    expect(srv.requests[1]!.url).toBe('/v2/instrument/NSE_EQ');
    expect(srv.requests[1]!.headers['access-token']).toBe(TOKEN);
  });
});
