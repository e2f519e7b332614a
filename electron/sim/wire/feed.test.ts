import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { DepthSink } from '../../brokers/dhan/depth-codec';
import { decodeDepthPackets } from '../../brokers/dhan/depth-codec';
import { decodeFeedPackets, type FeedPacket, type FeedSink } from '../../brokers/dhan/feed-codec';
import type { FeedInstrument } from '../../brokers/dhan/feed-requests';
import { feedSubscribeRequests } from '../../brokers/dhan/feed-requests';
import { dhanFeedUrl, localFeedBases } from '../../brokers/dhan/feed-urls';
import { SEGMENT_BY_CODE } from '../../brokers/dhan/segments';
import { FeedEngine } from '../../feed/feed-engine';
import type { FeedIssue } from '../../feed/feed-types';
import { defaultUniverse } from '../default-universe';
import { sampleUniverse } from '../sample-universe';
import type { SimInstrumentSpec } from '../sim-instrument';
import { FeedHub } from './feed-hub';
import { startSimExchange, type SimExchangeHandle } from './server';
import { SimMarket } from './sim-market';
import { syntheticStocks } from '../sample-universe';

/**
 * The feed side of the sim: the real feed engine (electron/feed) and raw `ws` clients against the
 * sim on 127.0.0.1:0, the decode CLI on captured frames, limits and their disconnect packets,
 * determinism on the wire, and coalescing under backpressure.
 */

const START = Date.parse('2026-11-20T04:30:00Z'); // Friday 10:00 IST
const sims: SimExchangeHandle[] = [];
const closers: (() => void)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) c();
  for (const s of sims.splice(0)) await s.close();
});

async function sim(opts: Parameters<typeof startSimExchange>[0] = {}): Promise<SimExchangeHandle> {
  const s = await startSimExchange({ seed: 3, alwaysOpen: true, manualClock: true, startTimeMs: START, ...opts });
  sims.push(s);
  return s;
}

/** `n` synthetic NSE_EQ stocks (sample-universe.ts). */
const stocks = (n: number): SimInstrumentSpec[] => syntheticStocks(n, 100_001, 'STOCK');

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw client that keeps every binary message. */
async function connect(url: string): Promise<{ ws: WebSocket; messages: Uint8Array[]; closed: () => boolean }> {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  let closed = false;
  ws.on('message', (d: Buffer) => messages.push(new Uint8Array(d)));
  ws.on('close', () => (closed = true));
  closers.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed: () => closed };
}

const packetsOf = (messages: readonly Uint8Array[]): FeedPacket[] => messages.flatMap((m) => [...decodeFeedPackets(m).packets]);
/** Disconnect packets as `kind:reason` (the sim writes segment byte 0, which reads as IDX_I). */
const disconnects = (messages: readonly Uint8Array[]): string[] => packetsOf(messages).map((p) => (p.kind === 'disconnect' ? `disconnect:${p.reason}` : p.kind));

function feedUrl(s: SimExchangeHandle, token = s.token, clientId = s.clientId): string {
  return dhanFeedUrl('feed', { clientId, accessToken: token }, localFeedBases(s.wsBase));
}

/** Feed tables that count packets and keep the last LTP per `SEGMENT:id`. */
function countingTables() {
  const count = new Map<string, number>();
  const ltp = new Map<string, number>();
  const key = (s: number, id: number) => `${SEGMENT_BY_CODE[s]}:${id}`;
  const seen = (s: number, id: number, price: number) => {
    const k = key(s, id);
    count.set(k, (count.get(k) ?? 0) + 1);
    ltp.set(k, price);
  };
  const none = () => {};
  const quotes: FeedSink = {
    index: seen,
    ticker: seen,
    // the LTP comes first, as an argument or as field 0 of the field array (either codec version)
    quote: (s: number, id: number, p: unknown) => seen(s, id, typeof p === 'number' ? p : (p as Float64Array)[0]!),
    full: (s: number, id: number, p: unknown) => seen(s, id, typeof p === 'number' ? p : (p as Float64Array)[0]!),
    oi: none,
    prevClose: none,
    marketStatus: none,
    disconnect: none,
    unknown: none,
    error: none,
  };
  const depth: DepthSink = { side: none, disconnect: none, unknown: none, error: none };
  return { quotes, depth20: depth, depth200: depth, count, ltp };
}

describe('the feed engine against the sim', () => {
  it('subscribes 5000 instruments across three connections and receives ticks for every one', async () => {
    const universe = stocks(5000);
    const s = await sim({ universe });
    const tables = countingTables();
    const issues: FeedIssue[] = [];
    const engine = new FeedEngine({
      credentials: { clientId: s.clientId, accessToken: s.token },
      tables,
      onIssue: (i) => issues.push(i),
      bases: localFeedBases(s.wsBase),
      limits: { maxConnections: 5, instrumentsPerFeedSocket: 2000, instrumentsPerDepth20Socket: 50 },
    });
    closers.push(() => engine.close());
    const wanted: FeedInstrument[] = universe.map((u) => ({ segment: 'NSE_EQ', securityId: Number(u.securityId) }));
    engine.subscribe('ticker', wanted);
    // the snapshot on subscribe: one packet per instrument
    await until(() => tables.count.size === 5000, 'a snapshot of all 5000');
    expect(s.connections().feed).toBe(3);
    s.advance(5000);
    await until(() => [...tables.count.values()].every((n) => n >= 2), 'a tick for all 5000', 20_000);
    await until(() => universe.every((u) => tables.ltp.get(`NSE_EQ:${u.securityId}`) === s.market.model.ltp({ segment: 'NSE_EQ', securityId: u.securityId })), 'latest prices');
    expect(issues).toEqual([]);
  });

  it('stops on a wrong token (807) and on a wrong client id (808)', async () => {
    const s = await sim();
    for (const [creds, code] of [
      [{ clientId: s.clientId, accessToken: 'stale-token' }, 807],
      [{ clientId: '999', accessToken: s.token }, 808],
    ] as const) {
      const issues: FeedIssue[] = [];
      const engine = new FeedEngine({ credentials: creds, tables: countingTables(), onIssue: (i) => issues.push(i), bases: localFeedBases(s.wsBase) });
      closers.push(() => engine.close());
      engine.subscribe('ticker', [{ segment: 'NSE_EQ', securityId: 1333 }]);
      await until(() => engine.sessionExpired, `session expired (${code})`);
      const expired = issues.find((i) => i.kind === 'session-expired');
      expect(expired?.kind === 'session-expired' && expired.reason.code).toBe(code);
    }
  });
});

describe('limits answered with the disconnect packet', () => {
  it('a sixth connection disconnects the first with 805', async () => {
    const s = await sim();
    const first = await connect(feedUrl(s));
    for (let i = 0; i < 5; i++) await connect(feedUrl(s));
    await until(() => first.closed(), 'the first socket closed');
    expect(disconnects(first.messages)).toEqual(['disconnect:805']);
    expect(s.connections().feed).toBe(5);
  });

  it('more than 100 instruments in one message → 804; a second instrument on a 200-level socket → 804', async () => {
    const s = await sim();
    const c = await connect(feedUrl(s));
    const list = Array.from({ length: 101 }, (_, i) => ({ ExchangeSegment: 'NSE_EQ', SecurityId: String(i + 1) }));
    c.ws.send(JSON.stringify({ RequestCode: 15, InstrumentCount: 101, InstrumentList: list }));
    await until(() => c.closed(), 'closed after 101 instruments');
    expect(disconnects(c.messages)).toEqual(['disconnect:804']);

    const d = await connect(dhanFeedUrl('depth200', { clientId: s.clientId, accessToken: s.token }, localFeedBases(s.wsBase)));
    d.ws.send(JSON.stringify({ RequestCode: 23, ExchangeSegment: 'NSE_EQ', SecurityId: '1333' }));
    await until(() => d.messages.length >= 1, 'the first 200-level book');
    const sides = decodeDepthPackets(d.messages[0]!, 200).packets;
    expect(sides.map((p) => p.kind)).toEqual(['bid', 'ask']);
    const bid = sides[0]!;
    expect(bid.kind === 'bid' && bid.levels.length).toBe(200);
    expect(bid.kind === 'bid' && bid.levels[0]!.price).toBe(s.market.model.depth({ segment: 'NSE_EQ', securityId: '1333' }, 1).bids[0]!.price);
    d.ws.send(JSON.stringify({ RequestCode: 23, ExchangeSegment: 'NSE_EQ', SecurityId: '2885' }));
    await until(() => d.closed(), 'closed after a second instrument');
    const last = decodeDepthPackets(d.messages[d.messages.length - 1]!, 200).packets;
    expect(last.map((p) => (p.kind === 'disconnect' ? p.reason : p.kind))).toEqual([804]);
  });

  it('a 5001st instrument on one feed connection → 804 and the socket closed; 5000 (re-subscribed in another mode too) are served', async () => {
    const universe = stocks(5001);
    const s = await sim({ universe });
    const c = await connect(feedUrl(s));
    const entries = universe.map((u) => ({ ExchangeSegment: 'NSE_EQ', SecurityId: u.securityId }));
    const send = (code: number, list: readonly (typeof entries)[number][]) =>
      c.ws.send(JSON.stringify({ RequestCode: code, InstrumentCount: list.length, InstrumentList: list }));
    for (let i = 0; i < 5000; i += 100) send(15, entries.slice(i, i + 100)); // 50 ticker requests of 100
    const prevCloseIds = () => new Set(packetsOf(c.messages).flatMap((p) => (p.kind === 'prevClose' ? [p.securityId] : [])));
    await until(() => prevCloseIds().size === 5000, 'a prev-close packet for each of the 5000');
    // the same 100 again in quote mode adds modes, not instruments: still within the limit
    send(17, entries.slice(0, 100));
    await until(() => packetsOf(c.messages).some((p) => p.kind === 'quote'), 'quote packets for the re-subscribed 100');
    expect(c.closed()).toBe(false);
    expect(disconnects(c.messages)).not.toContain('disconnect:804');

    send(15, entries.slice(5000)); // the 5001st instrument
    await until(() => c.closed(), 'closed after the 5001st instrument');
    const all = disconnects(c.messages);
    expect(all.filter((k) => k.startsWith('disconnect'))).toEqual(['disconnect:804']);
    expect(all[all.length - 1]).toBe('disconnect:804');
    expect(prevCloseIds().has(Number(universe[5000]!.securityId))).toBe(false);
    await until(() => s.connections().feed === 0, 'the sim forgot the connection');
  });

  it('20-level depth: bid and ask of 20 rows for each instrument, stacked in one message', async () => {
    const s = await sim();
    const d = await connect(dhanFeedUrl('depth20', { clientId: s.clientId, accessToken: s.token }, localFeedBases(s.wsBase)));
    d.ws.send(JSON.stringify({ RequestCode: 23, InstrumentCount: 2, InstrumentList: [{ ExchangeSegment: 'NSE_EQ', SecurityId: '1333' }, { ExchangeSegment: 'NSE_EQ', SecurityId: '2885' }] }));
    await until(() => d.messages.length >= 1, 'a depth message');
    const packets = decodeDepthPackets(d.messages[0]!, 20).packets;
    expect(packets.map((p) => (p.kind === 'bid' || p.kind === 'ask' ? `${p.kind}:${p.securityId}:${p.levels.length}` : p.kind))).toEqual([
      'bid:1333:20',
      'ask:1333:20',
      'bid:2885:20',
      'ask:2885:20',
    ]);
  });
});

describe('what the sim sends', () => {
  it('is read by the decode CLI', async () => {
    const s = await sim();
    const c = await connect(feedUrl(s));
    const ids = [{ segment: 'NSE_EQ', securityId: 1333 }, { segment: 'NSE_FNO', securityId: 70000 }] as const;
    for (const r of feedSubscribeRequests('quote', ids)) c.ws.send(JSON.stringify(r));
    for (const r of feedSubscribeRequests('full', [{ segment: 'NSE_EQ', securityId: 2885 }])) c.ws.send(JSON.stringify(r));
    await until(() => packetsOf(c.messages).length === 7, 'the snapshots');
    const hex = c.messages.map((m) => Buffer.from(m).toString('hex')).join('\n');
    const out = await new Promise<string>((resolve, reject) => {
      const child = execFile('npx', ['tsx', 'scripts/decode.ts', '--format', 'dhan-feed'], { cwd: process.cwd() }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
      child.stdin!.end(`${hex}\n`);
    });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; securityId: number; ltp?: number; prevClose?: number });
    expect(lines.map((l) => `${l.kind}:${l.securityId}`)).toEqual(['prevClose:1333', 'quote:1333', 'prevClose:70000', 'quote:70000', 'oi:70000', 'prevClose:2885', 'full:2885']);
    const model = s.market.model;
    expect(lines.find((l) => l.kind === 'quote' && l.securityId === 1333)?.ltp).toBe(model.ltp({ segment: 'NSE_EQ', securityId: '1333' }));
    expect(lines.find((l) => l.kind === 'full')?.ltp).toBe(model.ltp({ segment: 'NSE_EQ', securityId: '2885' }));
    expect(lines.find((l) => l.kind === 'prevClose' && l.securityId === 1333)?.prevClose).toBe(model.quote({ segment: 'NSE_EQ', securityId: '1333' }, 0).close);
  }, 30_000);

  it('is the same for the same seed: the first 1000 ticks on the wire match byte for byte, another seed differs', async () => {
    /** Hex of the messages after the snapshot, up to the one that carries the 1000th ticker packet. */
    const firstTicks = async (seed: number): Promise<string[]> => {
      const s = await sim({ seed, speed: 5 });
      const c = await connect(feedUrl(s));
      const all = defaultUniverse(START).map((u) => ({ segment: u.segment, securityId: Number(u.securityId) }) as FeedInstrument);
      for (const r of feedSubscribeRequests('ticker', all)) c.ws.send(JSON.stringify(r));
      await until(() => packetsOf(c.messages).filter((p) => p.kind === 'ticker').length === all.length, 'snapshots');
      const snapshot = c.messages.length;
      const cut = (): string[] | null => {
        let n = 0;
        for (let i = snapshot; i < c.messages.length; i++) {
          n += decodeFeedPackets(c.messages[i]!).packets.filter((p) => p.kind === 'ticker').length;
          if (n >= 1000) return c.messages.slice(snapshot, i + 1).map((m) => Buffer.from(m).toString('hex'));
        }
        return null;
      };
      for (let i = 0; i < 60 && cut() === null; i++) {
        s.advance(1000);
        await new Promise((r) => setTimeout(r, 20));
      }
      const hex = cut();
      expect(hex).not.toBeNull();
      return hex!;
    };
    const a = await firstTicks(11);
    const b = await firstTicks(11);
    const other = await firstTicks(12);
    expect(a.join('\n')).toBe(b.join('\n'));
    expect(other.join('\n')).not.toBe(a.join('\n'));
  }, 30_000);
});

describe('coalescing', () => {
  it('a backed-up connection holds one pending entry per instrument, then gets only the latest state', () => {
    const market = new SimMarket({ seed: 5, catalogue: stocks(5), startTimeMs: START, alwaysOpen: true });
    const hub = new FeedHub(market, 1024, (f) => f());
    const sent: Uint8Array[] = [];
    const ws = Object.assign(new EventEmitter(), {
      bufferedAmount: 0,
      send: (d: Uint8Array) => void sent.push(d),
      close: () => {},
    });
    const conn = hub.attach(ws as unknown as WebSocket, 'c');
    const ids = stocks(5).map((u) => ({ segment: 'NSE_EQ' as const, securityId: Number(u.securityId) }));
    ws.emit('message', Buffer.from(JSON.stringify(feedSubscribeRequests('ticker', ids)[0])), false);
    expect(packetsOf(sent).map((p) => p.kind)).toEqual([...Array(5).fill(['prevClose', 'ticker'])].flat());
    sent.length = 0;
    ws.bufferedAmount = 1_000_000; // the client is not reading
    for (let i = 0; i < 300; i++) {
      market.step(100);
      hub.flush();
    }
    expect(sent).toEqual([]);
    expect(conn.pending.size).toBe(5);
    ws.bufferedAmount = 0;
    hub.flush();
    expect(sent).toHaveLength(1);
    const ticks = packetsOf(sent).sort((x, y) => (x.kind === 'ticker' && y.kind === 'ticker' ? x.securityId - y.securityId : 0));
    expect(ticks.map((p) => (p.kind === 'ticker' ? [p.securityId, p.ltp] : null))).toEqual(
      ids.map((i) => [i.securityId, market.model.ltp({ segment: 'NSE_EQ', securityId: String(i.securityId) })]),
    );
  });
});

describe('prev close and market status', () => {
  it('sends the previous session OI on subscribe and a status packet per segment at each phase change', () => {
    const start = Date.parse('2026-11-20T09:59:00Z'); // Friday 15:29 IST
    const catalogue = sampleUniverse(start);
    const fut = catalogue.find((s) => s.instrumentType === 'FUTIDX')!;
    const market = new SimMarket({ seed: 6, catalogue, startTimeMs: start });
    const hub = new FeedHub(market, 1 << 30, (f) => f());
    const sent: Uint8Array[] = [];
    const ws = Object.assign(new EventEmitter(), { bufferedAmount: 0, send: (d: Uint8Array) => void sent.push(d), close: () => {} });
    hub.attach(ws as unknown as WebSocket, 'c');
    const idle = Object.assign(new EventEmitter(), { bufferedAmount: 0, send: (d: Uint8Array) => void sent.push(d), close: () => {} });
    hub.attach(idle as unknown as WebSocket, 'c'); // no subscriptions: gets no status
    const subscribe = feedSubscribeRequests('quote', [
      { segment: 'NSE_FNO', securityId: Number(fut.securityId) },
      { segment: 'NSE_EQ', securityId: 2885 },
    ])[0];
    ws.emit('message', Buffer.from(JSON.stringify(subscribe)), false);
    const prev = packetsOf(sent).filter((p) => p.kind === 'prevClose');
    // the previous session's closing OI: the last 1-minute candle of Thursday's history
    const futRef = { segment: fut.segment, securityId: fut.securityId };
    const thursdayOi = market.model.candles(futRef, '1m', Date.parse('2026-11-19T09:59:00Z'), Date.parse('2026-11-19T10:00:00Z'))[0]!.oi;
    expect(prev.map((p) => (p.kind === 'prevClose' ? [p.securityId, p.prevOi] : null))).toEqual([
      [Number(fut.securityId), thursdayOi],
      [2885, 0],
    ]);
    expect(thursdayOi).toBe(market.model.previousOi(futRef));
    expect(fut.initialOi).toBeGreaterThan(0);
    sent.length = 0;
    for (let i = 0; i < 1200; i++) {
      market.step(100); // to 15:31 IST
      hub.flush();
    }
    const kinds = packetsOf(sent).map((p) => (p.kind === 'marketStatus' ? `status:${p.segment}:${p.securityId}` : p.kind));
    const firstStatus = kinds.findIndex((k) => k.startsWith('status'));
    expect(kinds.slice(firstStatus)).toEqual(['status:NSE_FNO:0', 'status:NSE_EQ:0']); // after the last ticks, nothing after the close
    expect(kinds.slice(0, firstStatus).length).toBeGreaterThan(0);
    sent.length = 0;
    market.step(Date.parse('2026-11-23T03:46:00Z') - market.model.now()); // Monday 09:16 IST
    hub.flush();
    const statuses = packetsOf(sent).filter((p) => p.kind === 'marketStatus');
    expect(statuses).toHaveLength(6); // pre-open, pre-open buffer, open × two segments
    expect(hub.statusPackets).toBe(8);
  });
});

describe('full packets follow the book', () => {
  it('a full-mode subscriber gets a packet when the best bid or ask moves without a trade, so its bid/ask never lag', () => {
    const market = new SimMarket({ seed: 7, catalogue: stocks(1), startTimeMs: START, alwaysOpen: true });
    const hub = new FeedHub(market, 1 << 30, (f) => f());
    const sent: Uint8Array[] = [];
    const ws = Object.assign(new EventEmitter(), { bufferedAmount: 0, send: (d: Uint8Array) => void sent.push(d), close: () => {} });
    hub.attach(ws as unknown as WebSocket, 'c');
    const id = { segment: 'NSE_EQ' as const, securityId: Number(stocks(1)[0]!.securityId) };
    ws.emit('message', Buffer.from(JSON.stringify(feedSubscribeRequests('full', [id])[0])), false);
    const ref = { segment: 'NSE_EQ' as const, securityId: String(id.securityId) };
    let trades = 0;
    closers.push(market.onTick(() => trades++));
    let withoutTrade = 0;
    for (let i = 0; i < 600; i++) {
      sent.length = 0;
      const before = trades;
      market.step(100);
      hub.flush();
      const full = packetsOf(sent).filter((p) => p.kind === 'full');
      if (full.length > 0 && trades === before) withoutTrade++;
      // What the client last received is the book now: best bid and ask as the model has them.
      if (full.length > 0) {
        const last = full.at(-1)!;
        const top = market.model.top(ref);
        expect(last.kind === 'full' ? [last.depth[0]!.bidPrice, last.depth[0]!.askPrice] : null).toEqual([top.bid, top.ask]);
      }
    }
    expect(withoutTrade).toBeGreaterThan(0);
  });
});
