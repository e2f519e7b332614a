import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { OrderUpdateEvent } from '../../../shared/orders';
import { DhanOrderUpdates, parseOrderUpdateMessage, type OrderUpdateStatus } from './order-updates';

/** The seed's `order_alert` sample (seeds/002, Live Order Update), its JSON typos fixed. */
const ALERT = {
  Data: {
    Exchange: 'NSE',
    Segment: 'E',
    Source: 'N',
    SecurityId: '14366',
    ClientId: '1000000001',
    ExchOrderNo: '1400000000404591',
    OrderNo: '1124091136546',
    Product: 'C',
    TxnType: 'B',
    OrderType: 'LMT',
    Validity: 'DAY',
    DiscQuantity: 1,
    DiscQtyRem: 1,
    RemainingQuantity: 1,
    Quantity: 1,
    TradedQty: 0,
    Price: 13,
    TriggerPrice: 0,
    TradedPrice: 0,
    AvgTradedPrice: 0,
    AlgoOrdNo: null,
    OffMktFlag: '0',
    OrderDateTime: '2024-09-11 14:39:29',
    ExchOrderTime: '2024-09-11 14:39:29',
    LastUpdatedTime: '2024-09-11 14:39:30',
    Remarks: 'NR',
    MktType: 'NL',
    ReasonDescription: 'CONFIRMED',
    LegNo: 1,
    Instrument: 'EQUITY',
    Symbol: 'IDEA',
    ProductName: 'CNC',
    Status: 'Cancelled',
    LotSize: 1,
    StrikePrice: null,
    ExpiryDate: '0001-01-01 00:00:00',
    OptType: 'XX',
    DisplayName: 'Vodafone Idea',
    Isin: 'INE669E01016',
    Series: 'EQ',
    GoodTillDaysDate: '2024-09-11',
    RefLtp: 13.21,
    TickSize: 0.01,
    AlgoId: '0',
    Multiplier: 1,
    CorrelationId: 'tdabc123',
  },
  Type: 'order_alert',
};

describe('parseOrderUpdateMessage', () => {
  it('maps the seed sample to a shared order event (IST times → UTC ms, letters → names)', () => {
    const m = parseOrderUpdateMessage(JSON.stringify(ALERT), 1_726_046_000_000);
    expect(m.kind).toBe('event');
    if (m.kind !== 'event') return;
    expect(m.event).toMatchObject({ kind: 'order', source: 'stream', lastFillPrice: null, referenceLtp: 13.21, receivedAtMs: 1_726_046_000_000 });
    expect(m.event.order).toEqual({
      orderId: '1124091136546',
      exchangeOrderId: '1400000000404591',
      correlationId: 'tdabc123',
      status: 'CANCELLED',
      instrument: { segment: 'NSE_EQ', securityId: '14366' },
      symbol: 'IDEA',
      side: 'BUY',
      product: 'CNC',
      orderType: 'LIMIT',
      validity: 'DAY',
      quantity: 1,
      filledQuantity: 0,
      remainingQuantity: 1,
      price: 13,
      triggerPrice: 0,
      averageTradedPrice: 0,
      disclosedQuantity: 1,
      afterMarketOrder: false,
      leg: null,
      expiryDate: null,
      optionType: null,
      strikePrice: null,
      createdAtMs: Date.UTC(2024, 8, 11, 9, 9, 29),
      updatedAtMs: Date.UTC(2024, 8, 11, 9, 9, 30),
      exchangeTimeMs: Date.UTC(2024, 8, 11, 9, 9, 29),
      rejectionReason: null,
      rejectionCode: null,
    });
  });

  it('reads an F&O fill and a rejection reason', () => {
    const fill = { ...ALERT, Data: { ...ALERT.Data, Segment: 'D', Product: 'M', TxnType: 'S', OrderType: 'SLM', Status: 'Traded', TradedQty: 75, Quantity: 75, RemainingQuantity: 0, TradedPrice: 101.05, AvgTradedPrice: 101.05, OptType: 'CE', StrikePrice: 24500, ExpiryDate: '2024-09-26 14:30:00' } };
    const f = parseOrderUpdateMessage(JSON.stringify(fill), 0);
    expect(f.kind === 'event' && f.event.order).toMatchObject({ instrument: { segment: 'NSE_FNO' }, product: 'MARGIN', side: 'SELL', orderType: 'STOP_LOSS_MARKET', status: 'TRADED', filledQuantity: 75, optionType: 'CE', strikePrice: 24500, expiryDate: '2024-09-26' });
    expect(f.kind === 'event' && f.event.lastFillPrice).toBe(101.05);
    const rej = { ...ALERT, Data: { ...ALERT.Data, Status: 'Rejected', ReasonDescription: 'RMS:Insufficient margin' } };
    const r = parseOrderUpdateMessage(JSON.stringify(rej), 0);
    expect(r.kind === 'event' && r.event.order).toMatchObject({ status: 'REJECTED', rejectionReason: 'RMS:Insufficient margin' });
  });

  it('classifies malformed, ignored and auth-failure messages without throwing', () => {
    expect(parseOrderUpdateMessage('{not json', 0).kind).toBe('malformed');
    expect(parseOrderUpdateMessage('[1,2]', 0).kind).toBe('malformed');
    expect(parseOrderUpdateMessage(JSON.stringify({ Type: 'order_alert', Data: { OrderNo: '1' } }), 0).kind).toBe('malformed');
    expect(parseOrderUpdateMessage(JSON.stringify({ ...ALERT, Data: { ...ALERT.Data, Exchange: 'NYSE' } }), 0).kind).toBe('malformed');
    expect(parseOrderUpdateMessage(JSON.stringify({ Type: 'heartbeat' }), 0)).toEqual({ kind: 'ignored', type: 'heartbeat' });
    const auth = parseOrderUpdateMessage(JSON.stringify({ Type: 'error', errorCode: 808, errorMessage: 'Authentication Failed' }), 0);
    expect(auth.kind).toBe('auth-failure');
    expect(auth.kind === 'auth-failure' && auth.error).toMatchObject({ code: 'UNAUTHENTICATED', brokerCode: '808' });
  });
});

interface Harness {
  readonly wss: WebSocketServer;
  readonly url: string;
  readonly logins: unknown[];
  readonly sockets: ServerSocket[];
  /** Resolves when the n-th connection (1-based) has sent its login. */
  login(n: number): Promise<ServerSocket>;
}

async function startServer(): Promise<Harness> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const logins: unknown[] = [];
  const sockets: ServerSocket[] = [];
  const waiters: { n: number; resolve: (s: ServerSocket) => void }[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.once('message', (data) => {
      logins.push(JSON.parse(data.toString()));
      for (const w of waiters.filter((x) => x.n === logins.length)) w.resolve(socket);
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    wss,
    url: `ws://127.0.0.1:${port}`,
    logins,
    sockets,
    login: (n) =>
      new Promise((resolve) => {
        if (logins.length >= n) resolve(sockets[n - 1]!);
        else waiters.push({ n, resolve });
      }),
  };
}

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => {
      if (check()) resolve();
      else setTimeout(poll, 5);
    };
    poll();
  });
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('DhanOrderUpdates against a ws server on 127.0.0.1', () => {
  it('logs in with MsgCode 42, turns order_alert into events, skips and counts malformed, reconnects after a drop', async () => {
    const h = await startServer();
    const events: OrderUpdateEvent[] = [];
    const statuses: OrderUpdateStatus[] = [];
    const logs: string[] = [];
    const client = new DhanOrderUpdates({
      credentials: { clientId: '1000000001', accessToken: 'secret-token-value' },
      url: h.url,
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      log: (l) => logs.push(l),
      backoffBaseMs: 20,
      random: () => 0.5,
    });
    cleanup = async () => {
      client.stop();
      await new Promise<void>((r) => h.wss.close(() => r()));
    };
    client.start();
    const first = await h.login(1);
    expect(h.logins[0]).toEqual({ LoginReq: { MsgCode: 42, ClientId: '1000000001', Token: 'secret-token-value' }, UserType: 'SELF' });

    first.send('not json at all');
    first.send(JSON.stringify({ Type: 'order_alert', Data: { OrderNo: 'x' } }));
    first.send(JSON.stringify(ALERT));
    await until(() => events.length === 1);
    expect(events[0]!.order.orderId).toBe('1124091136546');
    expect(client.stats()).toMatchObject({ connections: 1, messages: 3, events: 1, malformed: 2 });

    first.terminate();
    const second = await h.login(2);
    expect(h.logins[1]).toEqual(h.logins[0]);
    expect(statuses.some((s) => s.state === 'reconnecting' && s.retryInMs === 10)).toBe(true);
    second.send(JSON.stringify({ ...ALERT, Data: { ...ALERT.Data, Status: 'Pending' } }));
    await until(() => events.length === 2);
    expect(events[1]!.order.status).toBe('PENDING');
    expect(client.stats().connections).toBe(2);
    expect(logs.join('\n')).not.toContain('secret-token-value');
  });

  it('stops reconnecting on an auth-failure message', async () => {
    const h = await startServer();
    const statuses: OrderUpdateStatus[] = [];
    const client = new DhanOrderUpdates({
      credentials: { clientId: '1000000001', accessToken: 'expired' },
      url: h.url,
      onEvent: () => {},
      onStatus: (s) => statuses.push(s),
      backoffBaseMs: 5,
    });
    cleanup = async () => {
      client.stop();
      await new Promise<void>((r) => h.wss.close(() => r()));
    };
    client.start();
    const s = await h.login(1);
    s.send(JSON.stringify({ Type: 'error', errorCode: 807, errorMessage: 'Access token is expired' }));
    await until(() => statuses.some((x) => x.state === 'auth-failed'));
    const failed = statuses.find((x) => x.state === 'auth-failed')!;
    expect(failed.error).toMatchObject({ code: 'UNAUTHENTICATED', brokerCode: '807' });
    expect(client.stats().reconnectScheduled).toBe(false);
    // The server side sees the socket closed and no second connection is attempted.
    await until(() => s.readyState === s.CLOSED);
    expect(statuses.some((x) => x.state === 'reconnecting')).toBe(false);
    expect(client.stats().connections).toBe(1);
  });

  it('stops reconnecting when the server closes with 1008 (policy violation)', async () => {
    const h = await startServer();
    const statuses: OrderUpdateStatus[] = [];
    const client = new DhanOrderUpdates({
      credentials: { clientId: '1', accessToken: 't' },
      url: h.url,
      onEvent: () => {},
      onStatus: (x) => statuses.push(x),
      backoffBaseMs: 5,
    });
    cleanup = async () => {
      client.stop();
      await new Promise<void>((r) => h.wss.close(() => r()));
    };
    client.start();
    const s = await h.login(1);
    s.close(1008, 'Authentication Failed');
    await until(() => statuses.some((x) => x.state === 'auth-failed'));
    expect(client.stats()).toMatchObject({ connections: 1, reconnectScheduled: false });
  });
});
