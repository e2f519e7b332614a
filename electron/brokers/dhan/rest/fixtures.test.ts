import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../core/rate-limiter';
import { createDhanRestClient, type DhanRestClient } from './client';
import { startRecordingServer, type RecordingServer } from './recording-server';

/**
 * Replays every recorded Dhan body (fixtures/, copied from shared/fixtures/dhan/rest) with its
 * recorded HTTP status from a loopback server, through the real client: transport, error
 * detection, zod schemas and mapping.
 */

interface IndexEntry {
  readonly file: string;
  readonly method: string;
  readonly uri: string;
  readonly request_body_without_client_id: unknown;
  readonly http_status: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const index = JSON.parse(readFileSync(join(here, 'fixtures', 'index.json'), 'utf8')) as IndexEntry[];
const entry = (file: string): IndexEntry => {
  const e = index.find((x) => x.file === file);
  if (e === undefined) throw new Error(`no index entry for ${file}`);
  return e;
};
const raw = (file: string): string => readFileSync(join(here, 'fixtures', file), 'utf8');

let server: RecordingServer;
let dhan: DhanRestClient;
let serving: IndexEntry | null = null;
const covered = new Set<string>();

beforeAll(async () => {
  server = await startRecordingServer(() => {
    if (serving === null) return { status: 500, body: { errorCode: 'test', errorMessage: 'nothing to serve' } };
    covered.add(serving.file);
    return { status: serving.http_status, body: raw(serving.file) };
  });
  // A relaxed limiter: the Dhan table's behaviour is tested in rate-limiter.test.ts.
  const open = { limit: 1000, windowMs: 1000 };
  dhan = createDhanRestClient({
    credentials: { clientId: '1000000001', accessToken: 'test-token' },
    baseUrl: `${server.origin}/v2`,
    limiter: new RateLimiter({ order: [open], data: [open], quote: [open], optionChain: [open], nonTrading: [open] }),
  });
});

afterAll(async () => {
  await server.close();
});

/** Serves `file` for the next request and checks that the client asked for the recorded method and path. */
function serve(file: string): IndexEntry {
  serving = entry(file);
  return serving;
}

function lastRequestMatches(e: IndexEntry, compareBody: boolean): void {
  const req = server.requests.at(-1)!;
  expect(req.method).toBe(e.method);
  expect(req.url).toBe(new URL(e.uri).pathname);
  if (compareBody) expect(req.json).toEqual(e.request_body_without_client_id);
}

const HDFC = { segment: 'NSE_EQ', securityId: '1333' } as const;
const NIFTY = { segment: 'IDX_I', securityId: '13' } as const;

describe('recorded option chains', () => {
  it('expiry 2025-01-30: 249 strikes from 17600 to 30000, float32 spot snapped', async () => {
    const e = serve('optionchain.NIFTY-IDX_I-13.exp2025-01-30.rec2025-01-28.json');
    const r = await dhan.market.optionChain(NIFTY, '2025-01-30');
    lastRequestMatches(e, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const oc = r.value;
    expect(oc.rows).toHaveLength(249);
    expect(oc.spot).toBe(22952.95);
    expect(oc.rows[0]!.strike).toBe(17600);
    expect(oc.rows.at(-1)!.strike).toBe(30000);
    expect(oc.rows.every((row, i) => i === 0 || row.strike > oc.rows[i - 1]!.strike)).toBe(true);
    const atm = oc.rows.find((row) => row.strike === 23000)!;
    expect(atm.call).toMatchObject({ ltp: 129.8, oi: 9196775, previousClose: 88.3, bidPrice: 129.5, askPrice: 129.8, bidQuantity: 500, volume: 149549925, securityId: null, atp: null });
    expect(atm.call!.iv).toBeCloseTo(20.106009609324264, 12);
    expect(atm.call!.greeks).toEqual({ delta: 0.4695, gamma: 0.0011, theta: -34.96622, vega: 7.16522 });
    expect(atm.put).toMatchObject({ ltp: 148.95, oi: 11114700, previousClose: 240, askQuantity: 100 });
  });

  it('expiry 2025-02-06: 238 strikes', async () => {
    const e = serve('optionchain.NIFTY-IDX_I-13.exp2025-02-06.rec2025-02-01.json');
    const r = await dhan.market.optionChain(NIFTY, '2025-02-06');
    lastRequestMatches(e, true);
    expect(r.ok && r.value.rows.length).toBe(238);
    expect(r.ok && r.value.spot).toBe(23482.15);
    expect(r.ok && r.value.rows.at(-1)!.strike).toBe(29450);
  });

  it('expiry list: 18 dates', async () => {
    const e = serve('optionchain-expirylist.NIFTY.rec2025-01-28.json');
    const r = await dhan.market.expiries(NIFTY);
    lastRequestMatches(e, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(18);
    expect(r.value[0]).toBe('2025-01-30');
    expect(r.value.at(-1)).toBe('2029-12-27');
  });
});

describe('recorded candles (E-notation timestamps are true UTC epochs)', () => {
  it('HDFCBANK 1m 2024-09-11…15: 1125 candles starting 09:15 IST at 1650.4', async () => {
    const e = serve('charts-intraday.HDFCBANK-1333.1m.2024-09-11_15.rec2025-01-28.json');
    const r = await dhan.market.intraday({ instrument: HDFC, instrumentType: 'EQUITY', interval: 1, from: '2024-09-11', to: '2024-09-15' });
    lastRequestMatches(e, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1125);
    expect(r.value[0]).toEqual({ time: 1726026300, open: 1650.4, high: 1650.8, low: 1644.1, close: 1648.25, volume: 75094 });
    expect(new Date(r.value[0]!.time * 1000).toISOString()).toBe('2024-09-11T03:45:00.000Z');
    expect(r.value.at(-1)).toMatchObject({ time: 1726221540, close: 1664.8 });
    expect(r.value.every((c, i) => i === 0 || c.time > r.value[i - 1]!.time)).toBe(true);
  });

  it('HDFCBANK 15m 2024-09-11…13: 75 candles, bonus-adjusted open 825.2', async () => {
    const e = serve('charts-intraday.HDFCBANK-1333.15m.2024-09-11_13.rec2026-03-09.json');
    const r = await dhan.market.intraday({ instrument: HDFC, instrumentType: 'EQUITY', interval: 15, from: '2024-09-11', to: '2024-09-13' });
    lastRequestMatches(e, true);
    expect(r.ok && r.value.length).toBe(75);
    expect(r.ok && r.value[0]).toMatchObject({ time: 1726026300, open: 825.2 });
  });

  it('NIFTY index 5m 2024-01-15…16: 152 candles with zero volume', async () => {
    const e = serve('charts-intraday.NIFTY-IDX_I-13.5m.2024-01-15_16.rec2026-03-09.json');
    const r = await dhan.market.intraday({ instrument: NIFTY, instrumentType: 'INDEX', interval: 5, from: '2024-01-15', to: '2024-01-16' });
    lastRequestMatches(e, true);
    expect(r.ok && r.value.length).toBe(152);
    expect(r.ok && r.value[0]).toMatchObject({ time: 1705290300, open: 22053.15, volume: 0 });
  });

  it('HDFCBANK daily 2022-01-08…02-08: 20 candles at IST midnight', async () => {
    const e = serve('charts-historical.HDFCBANK-1333.daily.2022-01-08_2022-02-08.rec2025-01-28.json');
    const r = await dhan.market.daily({ instrument: HDFC, instrumentType: 'EQUITY', from: '2022-01-08', to: '2022-02-08' });
    lastRequestMatches(e, true);
    expect(r.ok && r.value.length).toBe(20);
    expect(r.ok && r.value[0]).toMatchObject({ time: 1641753000, open: 1558, volume: 4428248 });
    // 18:30Z the day before = 00:00 IST on 2022-01-10.
    expect(r.ok && new Date(r.value[0]!.time * 1000).toISOString()).toBe('2022-01-09T18:30:00.000Z');
  });

  it('HDFCBANK daily 2024-01: 21 candles', async () => {
    const e = serve('charts-historical.HDFCBANK-1333.daily.2024-01.rec2026-03-09.json');
    const r = await dhan.market.daily({ instrument: HDFC, instrumentType: 'EQUITY', from: '2024-01-01', to: '2024-01-31', expiryCode: 0 });
    lastRequestMatches(e, true);
    expect(r.ok && r.value.length).toBe(21);
    expect(r.ok && r.value[0]).toMatchObject({ time: 1704047400, open: 853 });
    expect(r.ok && r.value[4]).toMatchObject({ time: 1704393000, open: 843.58 });
  });

  it('HDFCBANK daily 2025-01-23: 1 candle with an E-notation volume', async () => {
    const e = serve('charts-historical.HDFCBANK-1333.daily.2025-01-23.rec2025-01-25.json');
    const r = await dhan.market.daily({ instrument: HDFC, instrumentType: 'EQUITY', from: '2025-01-23', to: '2025-01-24', expiryCode: 0 });
    lastRequestMatches(e, true);
    expect(r.ok && r.value).toEqual([{ time: 1737570600, open: 1687, high: 1687, low: 1651.25, close: 1664.9, volume: 17454579 }]);
  });
});

describe('recorded market quotes (expired contract, all zeros)', () => {
  it('full quote of NSE_FNO 49081', async () => {
    const e = serve('marketfeed-quote.NSE_FNO-49081.rec2025-01-25.json');
    const r = await dhan.market.quote([{ segment: 'NSE_FNO', securityId: '49081' }]);
    lastRequestMatches(e, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    const q = r.value[0]!;
    expect(q.key).toEqual({ segment: 'NSE_FNO', securityId: '49081' });
    expect(q).toMatchObject({ ltp: 0, lttMs: null, lowerCircuit: 0.05, upperCircuit: 20.05, volume: 0, oi: 0 });
    expect(q.bids).toHaveLength(5);
    expect(q.asks).toHaveLength(5);
  });

  it('OHLC of NSE_FNO 49081', async () => {
    const e = serve('marketfeed-ohlc.NSE_FNO-49081.rec2025-01-25.json');
    const r = await dhan.market.ohlc([{ segment: 'NSE_FNO', securityId: '49081' }]);
    lastRequestMatches(e, true);
    expect(r.ok && r.value).toEqual([{ key: { segment: 'NSE_FNO', securityId: '49081' }, ltp: 0, open: 0, high: 0, low: 0, close: 0 }]);
  });
});

describe('recorded errors', () => {
  it('806 with HTTP 200 is an error, not data', async () => {
    const e = serve('error.806.data-apis-not-subscribed.http200.json');
    expect(e.http_status).toBe(200);
    const r = await dhan.market.ltp([{ segment: 'NSE_EQ', securityId: '1594' }]);
    expect(server.requests.at(-1)!.url).toBe('/v2/marketfeed/ltp');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'FORBIDDEN', brokerCode: '806', retryable: false });
    expect(r.error.message).toContain('Data APIs not subscribed');
  });

  it('DH-901 (401) → UNAUTHENTICATED', async () => {
    const e = serve('error.DH-901.http401.json');
    const r = await dhan.orders.list();
    lastRequestMatches(e, false);
    expect(!r.ok && r.error).toMatchObject({ code: 'UNAUTHENTICATED', brokerCode: 'DH-901' });
  });

  it('DH-904 (429) → RATE_LIMITED', async () => {
    const e = serve('error.DH-904.http429.json');
    const r = await dhan.market.quote([{ segment: 'NSE_EQ', securityId: '1333' }]);
    lastRequestMatches(e, false);
    expect(!r.ok && r.error).toMatchObject({ code: 'RATE_LIMITED', brokerCode: 'DH-904', retryable: true });
  });

  it('DH-905 (400) → BAD_REQUEST with the broker words', async () => {
    const e = serve('error.DH-905.http400.json');
    const r = await dhan.orders.get('112111182198');
    lastRequestMatches(e, false);
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_REQUEST', brokerCode: 'DH-905' });
    expect(!r.ok && r.error.message).toContain('Missing required fields, bad values for parameters etc.');
  });

  it('DH-906 "Invalid Token" (400) → UNAUTHENTICATED', async () => {
    const e = serve('error.DH-906.invalid-token.http400.json');
    const r = await dhan.market.daily({ instrument: HDFC, instrumentType: 'EQUITY', from: '2025-01-23', to: '2025-01-24', expiryCode: 0 });
    lastRequestMatches(e, true);
    expect(!r.ok && r.error).toMatchObject({ code: 'UNAUTHENTICATED', brokerCode: 'DH-906' });
    expect(!r.ok && r.error.message).toContain('Invalid Token');
  });
});

describe('coverage', () => {
  it('replayed every recorded body listed in index.json', () => {
    expect([...covered].sort()).toEqual(index.map((e) => e.file).sort());
  });
});
