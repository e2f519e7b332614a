import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QuoteBatch } from '../../../shared/ipc/contract';
import { SEGMENT_CODE } from '../../brokers/dhan/segments';
import type { FeedInstrument } from '../../brokers/dhan/feed-requests';
import type { FeedBatch } from '../../feed/feed-client';
import { decodeFeedMessage, encodeFeedMessage, type FeedPacket } from '../../brokers/dhan/feed-codec';
import { IST_OFFSET_SECONDS } from '../../brokers/dhan/feed-time';
import { unpackFeedBatch } from '../../feed/feed-client';
import { FeedSocket } from '../../feed/feed-socket';
import { FeedTables } from '../../feed/feed-tables';
import type { FeedStatus as WorkerFeedStatus, FeedSocketStatus } from '../../feed/feed-types';
import { PackedTicks, TICK_RECORD_DOUBLES } from '../../feed/tick-lane';
import type { DhanSession } from './dhan-session';
import { FRAMES_PER_SECOND, MarketData } from './market-data';

// MarketData over a stand-in feed (subscriptions recorded, batches pushed by hand) and fake timers:
// the reference counting and the per-subscriber conflation, without sockets or clocks.

type Sub = { mode: string; op: 'sub' | 'unsub'; ids: string[] };

function fakeSession() {
  const calls: Sub[] = [];
  let onBatch: ((b: FeedBatch) => void) | null = null;
  const feed = {
    onBatch: (fn: (b: FeedBatch) => void) => ((onBatch = fn), () => (onBatch = null)),
    subscribe: (mode: string, list: readonly FeedInstrument[]) => calls.push({ mode, op: 'sub', ids: list.map((i) => `${i.segment}:${i.securityId}`) }),
    unsubscribe: (mode: string, list: readonly FeedInstrument[]) => calls.push({ mode, op: 'unsub', ids: list.map((i) => `${i.segment}:${i.securityId}`) }),
    lastStatus: null,
  };
  const session = { feed, orderSocket: { state: 'open', detail: '', attempt: 0 } } as unknown as DhanSession;
  let seq = 0;
  /** Pushes a batch of ticks: [securityId (NSE_EQ), ltp]. */
  const push = (ticks: readonly [number, number][]) => {
    const b = new Float64Array(2 + ticks.length * TICK_RECORD_DOUBLES);
    b[0] = ticks.length;
    b[1] = TICK_RECORD_DOUBLES;
    ticks.forEach(([id, ltp], i) => b.set([SEGMENT_CODE.NSE_EQ, id, ltp, 1_790_000_000, 1, 100 + i], 2 + i * TICK_RECORD_DOUBLES));
    onBatch?.({ seq: ++seq, sentAt: 0, receivedAt: 0, ticks: new PackedTicks(b.buffer), quotes: null, depth20: [], depth200: [] });
  };
  /** Pushes a whole worker batch (both lanes), as the feed client hands it over. */
  const pushBatch = (batch: FeedBatch) => onBatch?.(batch);
  return { session, calls, push, pushBatch };
}

const frame = () => vi.advanceTimersByTime(Math.ceil(1000 / FRAMES_PER_SECOND));

const WIRE_LTT = 1_732_170_000;

/** Decodes `packets` into real feed tables and unpacks the worker batch, as the feed client does. */
function batchOf(t: FeedTables, packets: FeedPacket[]): FeedBatch {
  decodeFeedMessage(encodeFeedMessage(packets), t.quotes);
  const b = t.takeBatch()!;
  return unpackFeedBatch({ type: 'batch', seq: 1, sentAt: 0, ...b }, 0);
}

describe('MarketData', () => {
  afterEach(() => vi.useRealTimers());

  it('merges the quote lane and later tick-lane updates into complete ticks', () => {
    const { session, pushBatch } = fakeSession();
    let now = 111;
    const m = new MarketData({ now: () => now });
    m.attach(session);
    m.subscribeQuotes(['NSE_FNO:35001', 'NSE_EQ:1333'], () => {});
    const t = new FeedTables({ quotes: 8, depth20: 1, depth200: 1 });
    t.track('quotes', { segment: 'NSE_FNO', securityId: 35001 });
    t.track('quotes', { segment: 'NSE_EQ', securityId: 1333 });
    pushBatch(batchOf(t, [
      { kind: 'prevClose', segment: 'NSE_FNO', securityId: 35001, prevClose: 98, prevOi: 10 },
      {
        kind: 'full', segment: 'NSE_FNO', securityId: 35001, ltp: 98.35, ltq: 75, ltt: WIRE_LTT, atp: 98.1, volume: 1500,
        totalSellQty: 900, totalBuyQty: 1200, open: 97, close: 0, high: 99.5, low: 96.5, oi: 5000, oiHigh: 5100, oiLow: 4900,
        depth: [{ bidQty: 150, askQty: 75, bidOrders: 2, askOrders: 1, bidPrice: 98.3, askPrice: 98.4 }],
      },
    ]));
    expect(m.latest('NSE_FNO:35001')).toEqual({
      key: 'NSE_FNO:35001', ltp: 98.35, ltq: 75, lttMs: (WIRE_LTT - IST_OFFSET_SECONDS) * 1000, atp: 98.1, volume: 1500,
      open: 97, high: 99.5, low: 96.5, prevClose: 98, oi: 5000, bidPrice: 98.3, bidQty: 150, askPrice: 98.4, askQty: 75,
      totalBuyQty: 1200, totalSellQty: 900, receivedAtMs: 111,
    });
    // A ticker update afterwards keeps the rest of the state.
    now = 222;
    pushBatch(batchOf(t, [
      { kind: 'ticker', segment: 'NSE_FNO', securityId: 35001, ltp: 98.45, ltt: WIRE_LTT + 2 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 0 },
    ]));
    expect(m.latest('NSE_FNO:35001')).toMatchObject({ ltp: 98.45, lttMs: (WIRE_LTT + 2 - IST_OFFSET_SECONDS) * 1000, prevClose: 98, high: 99.5, bidPrice: 98.3, receivedAtMs: 222 });
    expect(m.latest('NSE_EQ:1333')).toMatchObject({ ltp: 1650.4, lttMs: null, prevClose: 0 });
    m.close();
  });

  it('subscribes an instrument on the first subscriber and unsubscribes it on the last', () => {
    vi.useFakeTimers();
    const { session, calls } = fakeSession();
    const m = new MarketData();
    m.attach(session);
    const a = m.subscribeQuotes(['NSE_EQ:2885'], () => {});
    const b = m.subscribeQuotes(['NSE_EQ:2885', 'NSE_EQ:1333'], () => {});
    expect(calls).toEqual([
      { mode: 'full', op: 'sub', ids: ['NSE_EQ:2885'] },
      { mode: 'full', op: 'sub', ids: ['NSE_EQ:1333'] },
    ]);
    a();
    a(); // twice is harmless
    expect(calls).toHaveLength(2);
    b();
    expect(calls.slice(2)).toEqual([{ mode: 'full', op: 'unsub', ids: ['NSE_EQ:2885', 'NSE_EQ:1333'] }]);
    const d = m.subscribeDepth('NSE_EQ:2885', 20, () => {});
    d();
    expect(calls.slice(3)).toEqual([
      { mode: 'depth20', op: 'sub', ids: ['NSE_EQ:2885'] },
      { mode: 'depth20', op: 'unsub', ids: ['NSE_EQ:2885'] },
    ]);
    m.close();
  });

  it('sends each subscriber at most one batch per frame, with only its instruments changed since its last batch', () => {
    vi.useFakeTimers();
    const { session, push } = fakeSession();
    const m = new MarketData();
    m.attach(session);
    const got: QuoteBatch[] = [];
    m.subscribeQuotes(['NSE_EQ:2885', 'NSE_EQ:1333'], (b) => got.push(b));
    push([[2885, 1300.1]]);
    push([[2885, 1300.2], [1333, 1600]]);
    push([[2885, 1300.3], [11536, 3500]]); // 11536 is not subscribed: never sent
    expect(got).toHaveLength(0);
    frame();
    expect(got).toHaveLength(1);
    expect(got[0]!.ticks.map((t) => [t.key, t.ltp])).toEqual([
      ['NSE_EQ:2885', 1300.3],
      ['NSE_EQ:1333', 1600],
    ]);
    frame();
    expect(got).toHaveLength(1); // nothing changed: no batch
    push([[1333, 1600.5]]);
    frame();
    expect(got[1]!.ticks.map((t) => [t.key, t.ltp])).toEqual([['NSE_EQ:1333', 1600.5]]);
    expect(m.latest('NSE_EQ:2885')?.ltp).toBe(1300.3);
    expect(m.latest('NSE_EQ:11536')).toBeUndefined();
    // A late subscriber first gets what is already known.
    const late: QuoteBatch[] = [];
    m.subscribeQuotes(['NSE_EQ:2885'], (b) => late.push(b));
    frame();
    expect(late[0]!.ticks.map((t) => t.ltp)).toEqual([1300.3]);
    m.close();
  });

  it('sends news at the end of the turn after a quiet frame and paces a busy feed at one batch per frame', () => {
    vi.useFakeTimers();
    const { session, push } = fakeSession();
    const m = new MarketData();
    m.attach(session);
    const got: QuoteBatch[] = [];
    m.subscribeQuotes(['NSE_EQ:2885'], (b) => got.push(b));
    vi.advanceTimersByTime(100); // a quiet spell: nothing known, nothing sent
    expect(got).toHaveLength(0);
    push([[2885, 1300.1]]);
    expect(got).toHaveLength(0); // not inside the worker batch's own turn…
    vi.advanceTimersByTime(1);
    expect(got.map((b) => b.ticks.map((t) => t.ltp))).toEqual([[1300.1]]); // …but without waiting for a frame timer
    push([[2885, 1300.2]]);
    push([[2885, 1300.3]]);
    vi.advanceTimersByTime(1);
    expect(got).toHaveLength(1); // the previous batch is less than a frame old
    frame();
    expect(got.map((b) => b.ticks.map((t) => t.ltp))).toEqual([[1300.1], [1300.3]]);
    m.close();
  });

  it('subscribes the wanted set again on a new session and forgets the old quotes', () => {
    vi.useFakeTimers();
    const first = fakeSession();
    const m = new MarketData();
    m.attach(first.session);
    m.subscribeQuotes(['NSE_EQ:2885'], () => {});
    m.subscribeDepth('NSE_EQ:2885', 200, () => {});
    first.push([[2885, 1300]]);
    const second = fakeSession();
    m.attach(second.session);
    expect(second.calls).toEqual([
      { mode: 'full', op: 'sub', ids: ['NSE_EQ:2885'] },
      { mode: 'depth200', op: 'sub', ids: ['NSE_EQ:2885'] },
    ]);
    expect(m.latest('NSE_EQ:2885')).toBeUndefined();
    m.close();
  });
});

describe('MarketData feed.status: disconnect reasons', () => {
  const T = 1_764_000_000_000;
  /** A real feed socket (never connected) told of a disconnect packet, as the engine does when it decodes one. */
  function disconnected(id: string, code: number, atMs: number): FeedSocketStatus {
    const sock = new FeedSocket({
      id,
      kind: 'feed',
      url: 'wss://example.invalid/?token=secret',
      staleMs: 10_000,
      backoff: { baseMs: 500, capMs: 4000 },
      random: () => 0,
      clock: { now: () => atMs, setTimeout: () => 0, clearTimeout: () => {} },
      listener: { frame: () => {}, malformed: () => {}, changed: () => {}, authRefused: () => {}, issue: () => {} },
    });
    sock.serverDisconnect(code);
    return sock.status(atMs, 0);
  }
  function withWorkerStatus(sockets: FeedSocketStatus[], sessionExpired = false) {
    const { session } = fakeSession();
    const status: WorkerFeedStatus = { at: T, sockets, sessionExpired, refused: [], malformed: 0, batches: 0 };
    (session.feed as unknown as { lastStatus: WorkerFeedStatus }).lastStatus = status;
    const m = new MarketData();
    m.attach(session);
    return m;
  }

  it('carries "806: Data APIs not subscribed" from a worker status with that disconnect, as detail and as a final lastDisconnect', () => {
    const m = withWorkerStatus([disconnected('feed-0', 806, T - 500)]);
    const feed = m.feedStatus().sockets.find((x) => x.id === 'feed-0')!;
    expect(feed).toMatchObject({ kind: 'feed', state: 'closed', detail: '806: Data APIs not subscribed' });
    expect(feed.lastDisconnect).toEqual({ code: 806, meaning: 'Data APIs not subscribed', atMs: T - 500, final: true });
    m.close();
  });

  it('marks 807-810 final with the session expired, 805 not final; keeps the reason after the socket reopens', () => {
    const expired = withWorkerStatus([disconnected('feed-0', 807, T)], true);
    expect(expired.feedStatus().sockets[0]).toMatchObject({ state: 'expired', detail: '807: Access token is expired', lastDisconnect: { code: 807, final: true } });
    expired.close();

    const busy = disconnected('feed-1', 805, T - 2000);
    const reopened = withWorkerStatus([{ ...busy, state: 'open' }]);
    const s = reopened.feedStatus().sockets[0]!;
    // Open again: no detail (nothing is wrong now), but the last disconnect is still there to show.
    expect(s.detail).toBe('');
    expect(s.lastDisconnect).toMatchObject({ code: 805, atMs: T - 2000, final: false });
    expect(s.lastDisconnect!.meaning).toMatch(/^Too many requests or connections/);
    reopened.close();

    // A socket that never got a disconnect packet has none.
    const plain = withWorkerStatus([{ ...busy, state: 'open', lastDisconnect: undefined, lastDisconnectAt: undefined } as unknown as FeedSocketStatus]);
    expect(plain.feedStatus().sockets[0]).not.toHaveProperty('lastDisconnect');
    plain.close();
  });
});
