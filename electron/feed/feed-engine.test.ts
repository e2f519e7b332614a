import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepthSink } from '../brokers/dhan/depth-codec';
import { encodeDepthPacket } from '../brokers/dhan/depth-codec';
import { FeedField, encodeFeedMessage, encodeFeedPacket, type FeedSink } from '../brokers/dhan/feed-codec';
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import { SEGMENT_BY_CODE } from '../brokers/dhan/segments';
import { FeedEngine, type FeedTablesPort } from './feed-engine';
import type { FeedIssue } from './feed-types';
import { TestFeedServer } from './test-feed-server';

/** Tables that remember the last LTP and depth best price per instrument. */
function recordingTables(): FeedTablesPort & { ltp: Map<string, number>; bestBid: Map<string, number> } {
  const ltp = new Map<string, number>();
  const bestBid = new Map<string, number>();
  const key = (s: number, id: number): string => `${SEGMENT_BY_CODE[s]}:${id}`;
  const none = (): void => {};
  const quotes: FeedSink = {
    index: (s, id, p) => void ltp.set(key(s, id), p),
    ticker: (s, id, p) => void ltp.set(key(s, id), p),
    quote: (s, id, f) => void ltp.set(key(s, id), f[FeedField.LTP]!),
    full: (s, id, f) => void ltp.set(key(s, id), f[FeedField.LTP]!),
    oi: none, prevClose: none, marketStatus: none, disconnect: none, unknown: none, error: none,
  };
  const depth: DepthSink = {
    side: (s, id, isBid, _seq, rows, price) => {
      if (isBid && rows > 0) bestBid.set(key(s, id), price[0]!);
    },
    disconnect: none, unknown: none, error: none,
  };
  return { quotes, depth20: depth, depth200: depth, ltp, bestBid };
}

const eq = (id: number): FeedInstrument => ({ segment: 'NSE_EQ', securityId: id });
const range = (from: number, n: number): FeedInstrument[] => Array.from({ length: n }, (_, i) => eq(from + i));
const keys = (mode: string, list: FeedInstrument[]): string[] => list.map((i) => `${mode}|${i.segment}:${i.securityId}`).sort();
const tick = (id: number, ltp: number) => encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: id, ltp, ltt: 1_732_170_000 });

let server: TestFeedServer;
let engine: FeedEngine | undefined;
let issues: FeedIssue[];
let tables: ReturnType<typeof recordingTables>;

function start(extra: Partial<ConstructorParameters<typeof FeedEngine>[0]> = {}): FeedEngine {
  issues = [];
  tables = recordingTables();
  engine = new FeedEngine({
    credentials: { clientId: '1000000001', accessToken: 'secret-token' },
    tables,
    onIssue: (i) => {
      issues.push(i);
      server.wake();
    },
    onChange: () => server.wake(),
    bases: server.bases,
    backoff: { baseMs: 5, capMs: 40 },
    random: () => 0.5,
    ...extra,
  });
  return engine;
}

beforeEach(async () => {
  server = await TestFeedServer.start();
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await server.stop();
});

describe('FeedEngine subscriptions', () => {
  it('subscribes in messages of at most 100 instruments, each once, with the token in the URL', async () => {
    const e = start();
    e.subscribe('ticker', range(1, 250));
    e.subscribe('full', range(1000, 30));
    await server.until(() => server.open('feed')[0]?.subscribed.size === 280, 'all 280 subscriptions');
    const conn = server.open('feed')[0]!;
    expect(conn.token).toBe('secret-token');
    expect(conn.violations).toEqual([]);
    expect(conn.duplicates).toBe(0);
    const counts = conn.requests.map((r) => [(r as { RequestCode: number }).RequestCode, (r as { InstrumentCount: number }).InstrumentCount]);
    expect(counts).toEqual([[15, 100], [15, 100], [15, 50], [21, 30]]);
    expect([...conn.subscribed].sort()).toEqual([...keys('ticker', range(1, 250)), ...keys('full', range(1000, 30))].sort());
  });

  it('sends only the differences while connected and closes an unused depth socket', async () => {
    const e = start();
    e.subscribe('quote', range(1, 3));
    e.subscribe('depth200', [eq(1333)]);
    await server.until(() => server.open('depth200')[0]?.subscribed.size === 1 && server.open('feed')[0]?.subscribed.size === 3, 'feed and depth');
    e.unsubscribe('quote', [eq(2)]);
    e.subscribe('quote', [eq(9)]);
    e.unsubscribe('depth200', [eq(1333)]);
    await server.until(() => server.open('depth200').length === 0, 'depth socket closed');
    await server.until(() => server.open('feed')[0]!.subscribed.has('quote|NSE_EQ:9'), 'quote 9');
    const feed = server.open('feed')[0]!;
    expect([...feed.subscribed].sort()).toEqual(keys('quote', [eq(1), eq(3), eq(9)]));
    expect(feed.violations).toEqual([]);
    const depth = server.connections.find((c) => c.kind === 'depth200')!;
    expect(depth.requests).toEqual([
      { RequestCode: 23, ExchangeSegment: 'NSE_EQ', SecurityId: '1333' },
      { RequestCode: 12 },
    ]);
  });

  it('refuses a bad instrument without changing the wanted set', () => {
    const e = start();
    e.subscribe('ticker', [eq(1)]);
    expect(() => e.subscribe('ticker', [eq(2), { segment: 'NSE_EQ', securityId: 2.5 }])).toThrow(RangeError);
    expect(() => e.subscribe('ticker', [{ segment: 'NYSE' as 'NSE_EQ', securityId: 3 }])).toThrow(/unknown segment/);
    expect(e.wantedOf('ticker')).toEqual([eq(1)]);
  });

  it('reports refused instruments instead of dropping them', async () => {
    const e = start({ limits: { maxConnections: 2, instrumentsPerFeedSocket: 5000, instrumentsPerDepth20Socket: 50 } });
    e.subscribe('ticker', [eq(1)]);
    e.subscribe('depth200', [eq(10), eq(11)]);
    const refused = issues.filter((i) => i.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.kind === 'refused' && refused[0]!.refusals.map((r) => r.instrument.securityId)).toEqual([11]);
    expect(e.status().refused.map((r) => r.instrument.securityId)).toEqual([11]);
  });
});

describe('FeedEngine reconnects', () => {
  it('after terminate(), resubscribes exactly the wanted set including changes made while down', async () => {
    const e = start();
    e.subscribe('ticker', range(1, 150));
    e.subscribe('full', [eq(500)]);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 151, 'first subscription');
    server.refuseNew = true;
    server.open('feed')[0]!.socket.terminate();
    await server.until(() => e.status().sockets[0]!.state === 'waiting' && e.status().sockets[0]!.reconnects >= 2, 'failed retries');
    e.unsubscribe('ticker', range(1, 10));
    e.subscribe('ticker', [eq(1)]); // removed and wanted again: once
    e.subscribe('quote', range(900, 120));
    e.unsubscribe('full', [eq(500)]);
    server.refuseNew = false;
    await server.until(() => server.open('feed').length === 1 && server.open('feed')[0]!.subscribed.size === 261, 'resubscription');
    const conn = server.open('feed')[0]!;
    const want = [...keys('ticker', [eq(1), ...range(11, 140)]), ...keys('quote', range(900, 120))].sort();
    expect([...conn.subscribed].sort()).toEqual(want);
    expect(conn.duplicates).toBe(0);
    expect(conn.violations).toEqual([]);
    expect(conn.requests.every((r) => (r as { RequestCode: number }).RequestCode % 2 === 1)).toBe(true);
    // The refused handshakes were reported, without the token of the URL.
    expect(issues.some((i) => i.kind === 'socket-error' && /503/.test(i.message))).toBe(true);
    expect(JSON.stringify(issues) + JSON.stringify(e.status())).not.toContain('secret-token');
  });

  it('detects a silent feed, reports it stale and reconnects with the same set', async () => {
    const e = start({ staleMs: 80, staleActive: () => true });
    e.subscribe('ticker', range(1, 5));
    e.subscribe('depth20', range(1, 2));
    await server.until(() => server.open('feed')[0]?.subscribed.size === 5, 'first subscription');
    const first = server.open('feed')[0]!;
    first.socket.send(tick(1, 100.05));
    await server.until(() => issues.some((i) => i.kind === 'stale' && i.socketId === 'feed-0'), 'stale issue');
    await server.until(() => first.closed && server.open('feed')[0]?.subscribed.size === 5, 'resubscribed after stale');
    expect([...server.open('feed')[0]!.subscribed].sort()).toEqual(keys('ticker', range(1, 5)));
    expect(server.open('feed')[0]!.duplicates).toBe(0);
    expect(tables.ltp.get('NSE_EQ:1')).toBe(100.05);
    expect(e.status().sockets.find((s) => s.id === 'feed-0')!.staleCount).toBeGreaterThanOrEqual(1);
  });
});

describe('FeedEngine on a closed market', () => {
  it('does not call a silent feed stale while none of its segments is in session', async () => {
    const seen: ReadonlySet<string>[] = [];
    const e = start({
      staleMs: 60,
      staleActive: (segments) => {
        seen.push(new Set(segments));
        return false;
      },
    });
    e.subscribe('ticker', range(1, 3));
    await server.until(() => server.open('feed')[0]?.subscribed.size === 3, 'subscription');
    const first = server.open('feed')[0]!;
    // Several stale periods of silence pass: the predicate is asked, answers "closed", nothing drops.
    await server.until(() => seen.length >= 3, 'three stale checks');
    expect(issues.filter((i) => i.kind === 'stale')).toEqual([]);
    expect(first.closed).toBe(false);
    expect(server.open('feed')).toHaveLength(1);
    expect([...seen[0]!]).toEqual(['NSE_EQ']);
  });
});

describe('FeedEngine server disconnect reasons and bad frames', () => {
  it('807 stops reconnecting on every socket and reports the session expired', async () => {
    const e = start({ backoff: { baseMs: 1, capMs: 2 } });
    e.subscribe('ticker', [eq(1)]);
    e.subscribe('depth20', [eq(1)]);
    await server.until(() => server.open().length === 2 && server.open('feed')[0]!.subscribed.size === 1, 'both sockets');
    const feed = server.open('feed')[0]!;
    feed.socket.send(encodeFeedPacket({ kind: 'disconnect', segment: 'NSE_EQ', securityId: 0, reason: 807 }));
    feed.socket.close();
    await server.until(() => issues.some((i) => i.kind === 'session-expired'), 'session expired');
    await server.until(() => server.open().length === 0, 'all sockets closed');
    const before = server.connections.length;
    // A storm would reconnect every 1-2 ms; give it room to show.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections.length).toBe(before);
    const st = e.status();
    expect(st.sessionExpired).toBe(true);
    expect(st.sockets.map((s) => s.state)).toEqual(['stopped', 'stopped']);
    const expired = issues.find((i) => i.kind === 'session-expired')!;
    expect(expired.kind === 'session-expired' && expired.reason).toMatchObject({ code: 807, meaning: 'Access token is expired', shared: 'UNAUTHENTICATED' });
    // A new login restarts the feed with the new token.
    e.setCredentials({ clientId: '1000000001', accessToken: 'fresh' });
    await server.until(() => server.open().length === 2, 'restarted');
    expect(server.open().map((c) => c.token)).toEqual(['fresh', 'fresh']);
  });

  it('a handshake refused with HTTP 401 stops every socket instead of retrying', async () => {
    const e = start({ backoff: { baseMs: 1, capMs: 2 } });
    server.refuseNew = true;
    server.refuseStatus = 401;
    e.subscribe('ticker', [eq(1)]);
    e.subscribe('depth200', [eq(1)]);
    await server.until(() => issues.some((i) => i.kind === 'session-expired') && e.status().sockets.every((s) => s.state === 'stopped'), 'stopped');
    await new Promise((r) => setTimeout(r, 100)); // a retry loop would run every 1-2 ms
    // Two sockets, one attempt each at most (the second may have been in flight when the first was refused).
    expect(server.refused).toBeLessThanOrEqual(2);
    const expired = issues.find((i) => i.kind === 'session-expired');
    expect(expired).toMatchObject({ reason: { code: 401, shared: 'UNAUTHENTICATED' } });
  });

  it('805 on a depth socket surfaces its meaning and the socket comes back', async () => {
    const e = start({ backoff: { baseMs: 1, capMs: 20 } });
    e.subscribe('depth20', [eq(1333)]);
    await server.until(() => server.open('depth20')[0]?.subscribed.size === 1, 'depth subscribed');
    const first = server.open('depth20')[0]!;
    first.socket.send(encodeDepthPacket({ kind: 'disconnect', segment: 'NSE_EQ', securityId: 0, reason: 805 }, 20));
    first.socket.close();
    await server.until(() => server.connections.filter((c) => c.kind === 'depth20').length === 2 && server.open('depth20')[0]?.subscribed.size === 1, 'reconnected');
    const d = issues.find((i) => i.kind === 'server-disconnect');
    expect(d).toMatchObject({ kind: 'server-disconnect', socketId: 'depth20-0', reason: { code: 805, shared: 'RATE_LIMITED' } });
    expect(d!.kind === 'server-disconnect' && d!.reason.meaning).toMatch(/Too many requests or connections/);
    expect(e.sessionExpired).toBe(false);
  });

  it('survives 300 random and mutated frames on feed and depth sockets, then applies a good one', async () => {
    const e = start();
    e.subscribe('ticker', [eq(1)]);
    e.subscribe('depth200', [eq(1)]);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 1 && server.open('depth200')[0]?.subscribed.size === 1, 'subscribed');
    const good = encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 42.05, ltt: 1 });
    const mutated = fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, v]) => {
      const b = Uint8Array.from(good);
      b[at] = v;
      return b;
    });
    const frames = fc.sample(fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 400 }), mutated), { numRuns: 300, seed: 42 });
    for (const f of frames) {
      server.open('feed')[0]!.socket.send(f);
      server.open('depth200')[0]!.socket.send(f);
    }
    server.open('feed')[0]!.socket.send(encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 1234.5, ltt: 2 }));
    await server.until(() => tables.ltp.get('NSE_EQ:1') === 1234.5, 'the good frame');
    const st = e.status();
    expect(st.sockets.every((s) => s.state === 'open')).toBe(true);
    expect(st.malformed).toBeGreaterThan(0);
    for (const v of tables.ltp.values()) expect(Number.isFinite(v)).toBe(true);
  });

  it('counts a malformed frame and still applies the next good one', async () => {
    const e = start();
    e.subscribe('ticker', [eq(1), eq(2)]);
    e.subscribe('depth20', [eq(1)]);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 2 && server.open('depth20')[0]?.subscribed.size === 1, 'subscribed');
    const feed = server.open('feed')[0]!;
    feed.socket.send(Buffer.from([2, 200, 0, 1, 1, 0])); // short header
    feed.socket.send(Buffer.from([2, 0xff, 0xff, 1, 1, 0, 0, 0, 0, 0, 0, 0])); // length overruns
    feed.socket.send('{"not":"binary"}');
    feed.socket.send(encodeFeedMessage([
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 247.8, ltt: 1 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 2, ltp: 1650.4, ltt: 1 },
    ]));
    server.open('depth20')[0]!.socket.send(Buffer.from([3, 0, 41]));
    server.open('depth20')[0]!.socket.send(encodeDepthPacket({
      kind: 'bid', segment: 'NSE_EQ', securityId: 1, levels: [{ price: 101.25, qty: 10, orders: 2 }],
    }, 20));
    await server.until(() => tables.ltp.get('NSE_EQ:2') === 1650.4 && tables.bestBid.has('NSE_EQ:1'), 'good frames applied');
    expect(tables.ltp.get('NSE_EQ:1')).toBe(247.8);
    expect(tables.bestBid.get('NSE_EQ:1')).toBe(101.25);
    const st = e.status();
    expect(st.sockets.find((s) => s.id === 'feed-0')!.malformed).toBe(3);
    expect(st.sockets.find((s) => s.id === 'depth20-0')!.malformed).toBe(1);
    expect(st.malformed).toBe(4);
    expect(st.sockets.every((s) => s.state === 'open')).toBe(true);
  });
});
