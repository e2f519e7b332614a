/**
 * Market data for the bridge: `market.quotes`, `market.depth` and `feed.status`, over the feed
 * worker of the active session.
 *
 * - Feed subscriptions are reference-counted per instrument and mode across every bridge
 *   subscriber: the first subscriber of an instrument subscribes it on the feed, the last one to
 *   leave unsubscribes it (so unused depth sockets are closed by the feed's connection plan).
 *   Quotes and the 5-level ladder use the `full` mode (it carries OHLC, OI, totals and 5 levels);
 *   20 and 200 levels use the depth sockets.
 * - The feed worker's batches (tick lane + full records + depth) update a cache of the latest state
 *   per instrument; each subscriber gets at most one batch per display frame (<= 60 Hz) holding
 *   only the instruments that changed since its previous batch (a new subscriber first gets what is
 *   already known). Depth subscribers get the latest ladder at most once per frame.
 * - Frames are paced from the data, not by a free-running timer: news (a worker batch, a new
 *   subscriber) is sent at the end of the current event-loop turn when the previous send is at
 *   least one frame old, else when that frame ends. A free-running timer added a wait of 0…17 ms
 *   behind the worker's own frame, at a phase fixed per run (tick-to-pixel benchmark,
 *   electron/host/tick-to-pixel.bench.ts).
 * - A new session (sim ↔ live) clears the cache and subscribes the same wanted set on its feed.
 *
 * Source: issue 5 (watchlist, depth ladder 5/20/200, status bar); DESIGN.md "Data flow" (at most
 * one conflated batch per display frame); shared/ipc/contract.ts `QuoteBatch`, `DepthSnapshot`,
 * `FeedStatus`. Prices are rupees as the decoder snapped them; times epoch ms UTC.
 */
import { parseInstrumentKey, type InstrumentKey } from '../../../shared/instruments';
import type { DepthLevels, DepthSnapshot, FeedStatus, QuoteBatch, QuoteTick, SocketStatus } from '../../../shared/ipc/contract';
import type { DepthLevel } from '../../../shared/market';
import type { FeedInstrument } from '../../brokers/dhan/feed-requests';
import { SEGMENT_BY_CODE, type DhanSegment } from '../../brokers/dhan/segments';
import type { FeedBatch } from '../../feed/feed-client';
import { TickField } from '../../feed/tick-lane';
import type { FeedStatus as WorkerFeedStatus } from '../../feed/feed-types';
import type { DhanSession } from './dhan-session';

/** Display frames per second: the most batches one subscriber gets per second. */
export const FRAMES_PER_SECOND = 60;

interface QuoteState {
  key: InstrumentKey;
  ltp: number;
  ltq: number;
  lttMs: number | null;
  atp: number;
  volume: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  oi: number;
  bidPrice: number;
  bidQty: number;
  askPrice: number;
  askQty: number;
  totalBuyQty: number;
  totalSellQty: number;
  receivedAtMs: number;
  bids5: DepthLevel[];
  asks5: DepthLevel[];
}

interface QuoteSubscriber {
  readonly keys: ReadonlySet<string>;
  readonly dirty: Set<string>;
  readonly emit: (b: QuoteBatch) => void;
}

interface DepthSubscriber {
  readonly key: string;
  readonly levels: DepthLevels;
  dirty: boolean;
  readonly emit: (d: DepthSnapshot) => void;
}

function newState(key: InstrumentKey): QuoteState {
  return {
    key,
    ltp: 0,
    ltq: 0,
    lttMs: null,
    atp: 0,
    volume: 0,
    open: 0,
    high: 0,
    low: 0,
    prevClose: 0,
    oi: 0,
    bidPrice: 0,
    bidQty: 0,
    askPrice: 0,
    askQty: 0,
    totalBuyQty: 0,
    totalSellQty: 0,
    receivedAtMs: 0,
    bids5: [],
    asks5: [],
  };
}

function tickOf(s: QuoteState): QuoteTick {
  return {
    key: s.key,
    ltp: s.ltp,
    ltq: s.ltq,
    lttMs: s.lttMs,
    atp: s.atp,
    volume: s.volume,
    open: s.open,
    high: s.high,
    low: s.low,
    prevClose: s.prevClose,
    oi: s.oi,
    bidPrice: s.bidPrice,
    bidQty: s.bidQty,
    askPrice: s.askPrice,
    askQty: s.askQty,
    totalBuyQty: s.totalBuyQty,
    totalSellQty: s.totalSellQty,
    receivedAtMs: s.receivedAtMs,
  };
}

function feedInstrument(key: string): FeedInstrument | null {
  const p = parseInstrumentKey(key);
  if (p === null || !/^\d+$/.test(p.securityId)) return null;
  return { segment: p.segment as DhanSegment, securityId: Number(p.securityId) };
}

const MODE_OF_LEVELS: Readonly<Record<DepthLevels, 'full' | 'depth20' | 'depth200'>> = { 5: 'full', 20: 'depth20', 200: 'depth200' };

/** See the file comment. */
export class MarketData {
  private session: DhanSession | null = null;
  private disposeBatches: (() => void) | null = null;
  private readonly refs: Record<'full' | 'depth20' | 'depth200', Map<string, number>> = {
    full: new Map(),
    depth20: new Map(),
    depth200: new Map(),
  };
  private readonly quotes = new Map<string, QuoteState>();
  private readonly depth = { 20: new Map<string, DepthSnapshot>(), 200: new Map<string, DepthSnapshot>() };
  private readonly quoteSubs = new Set<QuoteSubscriber>();
  private readonly quoteSubsByKey = new Map<string, Set<QuoteSubscriber>>();
  private readonly depthSubs = new Set<DepthSubscriber>();
  /** Cancels the scheduled send, or null when none is scheduled. */
  private frameCancel: (() => void) | null = null;
  /** `performance.now()` of the last send (frame pacing). */
  private lastFrameAt = -Infinity;
  private readonly now: () => number;

  constructor(o: { readonly now?: () => number } = {}) {
    this.now = o.now ?? (() => Date.now());
  }

  /** Switches to a session's feed (null: none); the wanted set is subscribed on it. */
  attach(session: DhanSession | null): void {
    this.disposeBatches?.();
    this.disposeBatches = null;
    this.session = session;
    this.quotes.clear();
    this.depth[20].clear();
    this.depth[200].clear();
    if (session === null) return;
    this.disposeBatches = session.feed.onBatch((b) => this.onBatch(b));
    for (const mode of ['full', 'depth20', 'depth200'] as const) {
      const list = [...this.refs[mode].keys()].map(feedInstrument).filter((x): x is FeedInstrument => x !== null);
      if (list.length > 0) session.feed.subscribe(mode, list);
    }
  }

  /** The latest state of one instrument (LTP, quote time for the risk gate), or undefined. */
  latest(key: string): QuoteTick | undefined {
    const s = this.quotes.get(key);
    return s === undefined || s.receivedAtMs === 0 ? undefined : tickOf(s);
  }

  /** Instruments currently wanted per mode (tests, status). */
  wanted(): { readonly full: number; readonly depth20: number; readonly depth200: number } {
    return { full: this.refs.full.size, depth20: this.refs.depth20.size, depth200: this.refs.depth200.size };
  }

  /** `market.quotes`: conflated batches of these instruments. Returns the disposer. */
  subscribeQuotes(keys: readonly InstrumentKey[], emit: (b: QuoteBatch) => void): () => void {
    const set = new Set(keys);
    const sub: QuoteSubscriber = { keys: set, dirty: new Set(), emit };
    this.quoteSubs.add(sub);
    for (const k of set) {
      let s = this.quoteSubsByKey.get(k);
      if (s === undefined) this.quoteSubsByKey.set(k, (s = new Set()));
      s.add(sub);
      if (this.quotes.get(k)?.receivedAtMs) sub.dirty.add(k);
    }
    this.retain('full', [...set]);
    this.scheduleFrame();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.quoteSubs.delete(sub);
      for (const k of set) {
        const s = this.quoteSubsByKey.get(k);
        s?.delete(sub);
        if (s?.size === 0) this.quoteSubsByKey.delete(k);
      }
      this.release('full', [...set]);
      this.stopFramesIfIdle();
    };
  }

  /** `market.depth`: the ladder of one instrument, at most once per frame. Returns the disposer. */
  subscribeDepth(key: InstrumentKey, levels: DepthLevels, emit: (d: DepthSnapshot) => void): () => void {
    const sub: DepthSubscriber = { key, levels, dirty: this.depthSnapshot(key, levels) !== null, emit };
    this.depthSubs.add(sub);
    this.retain(MODE_OF_LEVELS[levels], [key]);
    this.scheduleFrame();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.depthSubs.delete(sub);
      this.release(MODE_OF_LEVELS[levels], [key]);
      this.stopFramesIfIdle();
    };
  }

  /**
   * `feed.status` as the contract shapes it, from the worker's last report and the order socket.
   * A socket's `detail` is `<code>: <meaning>` of its last disconnect while it is not open; its
   * `lastDisconnect` stays after it reopens (`final` for credentials refused or no data
   * subscription: the reasons that stop the socket, feed-socket.ts).
   */
  feedStatus(): FeedStatus {
    const s = this.session;
    const w: WorkerFeedStatus | null = s?.feed.lastStatus ?? null;
    const sockets: SocketStatus[] = [];
    let mps = 0;
    let last = 0;
    for (const x of w?.sockets ?? []) {
      mps += x.messagesPerSecond;
      last = Math.max(last, x.lastMessageAt);
      const state: SocketStatus['state'] =
        x.state === 'waiting' ? 'reconnecting' : x.state === 'stopped' ? (w?.sessionExpired ? 'expired' : 'closed') : x.state;
      const d = x.lastDisconnect;
      const detail = d !== undefined ? `${d.code}: ${d.meaning}` : (x.lastError ?? '');
      sockets.push({
        id: x.id,
        kind: x.kind,
        state,
        instruments: x.subscriptions,
        detail: state === 'open' ? '' : detail,
        ...(d !== undefined && x.lastDisconnectAt !== undefined && x.lastDisconnectAt > 0
          ? { lastDisconnect: { code: d.code, meaning: d.meaning, atMs: x.lastDisconnectAt, final: d.shared === 'UNAUTHENTICATED' || d.shared === 'FORBIDDEN' } }
          : {}),
      });
    }
    if (s !== null) {
      const o = s.orderSocket;
      const state: SocketStatus['state'] =
        o.state === 'auth-failed' ? 'expired' : o.state === 'stopped' ? 'closed' : o.state;
      sockets.push({ id: 'orders', kind: 'orders', state, instruments: 0, detail: state === 'open' ? '' : o.detail });
    }
    return { sockets, messagesPerSecond: Math.round(mps), lastMessageAtMs: last > 0 ? last : null, malformedFrames: w?.malformed ?? 0 };
  }

  /** Cancels the scheduled send and lets go of the feed. */
  close(): void {
    this.attach(null);
    this.frameCancel?.();
    this.frameCancel = null;
  }

  private depthSnapshot(key: string, levels: DepthLevels): DepthSnapshot | null {
    if (levels === 5) {
      const q = this.quotes.get(key);
      if (q === undefined || q.receivedAtMs === 0 || (q.bids5.length === 0 && q.asks5.length === 0)) return null;
      return { key: q.key, levels: 5, bids: q.bids5, asks: q.asks5, ltp: q.ltp, atMs: q.receivedAtMs };
    }
    return this.depth[levels].get(key) ?? null;
  }

  private retain(mode: 'full' | 'depth20' | 'depth200', keys: readonly string[]): void {
    const fresh: FeedInstrument[] = [];
    for (const k of keys) {
      const n = this.refs[mode].get(k) ?? 0;
      this.refs[mode].set(k, n + 1);
      if (n === 0) {
        const f = feedInstrument(k);
        if (f !== null) fresh.push(f);
      }
    }
    if (fresh.length > 0) this.session?.feed.subscribe(mode, fresh);
  }

  private release(mode: 'full' | 'depth20' | 'depth200', keys: readonly string[]): void {
    const gone: FeedInstrument[] = [];
    for (const k of keys) {
      const n = this.refs[mode].get(k) ?? 0;
      if (n <= 1) {
        this.refs[mode].delete(k);
        const f = feedInstrument(k);
        if (f !== null && n === 1) gone.push(f);
        if (mode === 'depth20') this.depth[20].delete(k);
        if (mode === 'depth200') this.depth[200].delete(k);
      } else {
        this.refs[mode].set(k, n - 1);
      }
    }
    if (gone.length > 0) this.session?.feed.unsubscribe(mode, gone);
  }

  /** Schedules one send: at the end of this turn if the last one is a frame old, else when its frame ends. */
  private scheduleFrame(): void {
    if (this.frameCancel !== null || (this.quoteSubs.size === 0 && this.depthSubs.size === 0)) return;
    const run = () => {
      this.frameCancel = null;
      this.lastFrameAt = performance.now();
      this.flush();
    };
    const wait = this.lastFrameAt + Math.ceil(1000 / FRAMES_PER_SECOND) - performance.now();
    if (wait <= 0) {
      const t = setImmediate(run);
      t.unref?.();
      this.frameCancel = () => clearImmediate(t);
    } else {
      const t = setTimeout(run, wait);
      t.unref?.();
      this.frameCancel = () => clearTimeout(t);
    }
  }

  private stopFramesIfIdle(): void {
    if (this.quoteSubs.size === 0 && this.depthSubs.size === 0 && this.frameCancel !== null) {
      this.frameCancel();
      this.frameCancel = null;
    }
  }

  private flush(): void {
    const at = this.now();
    for (const sub of this.quoteSubs) {
      if (sub.dirty.size === 0) continue;
      const ticks: QuoteTick[] = [];
      for (const k of sub.dirty) {
        const s = this.quotes.get(k);
        if (s !== undefined && s.receivedAtMs !== 0) ticks.push(tickOf(s));
      }
      sub.dirty.clear();
      if (ticks.length > 0) sub.emit({ atMs: at, ticks });
    }
    for (const sub of this.depthSubs) {
      if (!sub.dirty) continue;
      sub.dirty = false;
      const snap = this.depthSnapshot(sub.key, sub.levels);
      if (snap !== null) sub.emit(snap);
    }
  }

  private touched(key: string, depth5: boolean): void {
    const subs = this.quoteSubsByKey.get(key);
    if (subs !== undefined) for (const s of subs) s.dirty.add(key);
    if (depth5) for (const d of this.depthSubs) if (d.levels === 5 && d.key === key) d.dirty = true;
  }

  private state(key: InstrumentKey): QuoteState {
    let s = this.quotes.get(key);
    if (s === undefined) this.quotes.set(key, (s = newState(key)));
    return s;
  }

  private onBatch(b: FeedBatch): void {
    const at = this.now();
    const t = b.ticks;
    if (t !== null) {
      for (let i = 0; i < t.count; i++) {
        const seg = SEGMENT_BY_CODE[t.segment(i)];
        if (seg === undefined) continue;
        const key = `${seg}:${t.securityId(i)}` as InstrumentKey;
        if (!this.refs.full.has(key)) continue;
        const s = this.state(key);
        s.ltp = t.ltp(i);
        const ltt = t.get(i, TickField.LTT);
        s.lttMs = ltt > 0 ? ltt * 1000 : s.lttMs;
        s.ltq = t.get(i, TickField.LTQ);
        s.volume = t.get(i, TickField.VOLUME);
        s.receivedAtMs = at;
        this.touched(key, false);
      }
    }
    const q = b.quotes;
    if (q !== null) {
      for (let i = 0; i < q.count; i++) {
        const seg = SEGMENT_BY_CODE[q.segment(i)];
        if (seg === undefined) continue;
        const key = `${seg}:${q.securityId(i)}` as InstrumentKey;
        if (!this.refs.full.has(key)) continue;
        const s = this.state(key);
        const r = q.snapshot(i);
        s.ltp = r.ltp;
        s.ltq = r.ltq;
        s.lttMs = r.ltt > 0 ? r.ltt * 1000 : s.lttMs;
        s.atp = r.atp;
        s.volume = r.volume;
        s.totalBuyQty = r.totalBuyQty;
        s.totalSellQty = r.totalSellQty;
        s.open = r.open;
        s.high = r.high;
        s.low = r.low;
        s.prevClose = r.prevClose > 0 ? r.prevClose : r.close;
        s.oi = r.oi;
        const bids: DepthLevel[] = [];
        const asks: DepthLevel[] = [];
        for (const l of r.depth) {
          if (l.bidQty > 0 || l.bidPrice > 0) bids.push({ price: l.bidPrice, quantity: l.bidQty, orders: l.bidOrders });
          if (l.askQty > 0 || l.askPrice > 0) asks.push({ price: l.askPrice, quantity: l.askQty, orders: l.askOrders });
        }
        s.bids5 = bids;
        s.asks5 = asks;
        s.bidPrice = bids[0]?.price ?? 0;
        s.bidQty = bids[0]?.quantity ?? 0;
        s.askPrice = asks[0]?.price ?? 0;
        s.askQty = asks[0]?.quantity ?? 0;
        s.receivedAtMs = at;
        this.touched(key, true);
      }
    }
    for (const [levels, list] of [
      [20, b.depth20],
      [200, b.depth200],
    ] as const) {
      for (const d of list) {
        if (d.segment === null) continue;
        const key = `${d.segment}:${d.securityId}` as InstrumentKey;
        const mode = levels === 20 ? 'depth20' : 'depth200';
        if (!this.refs[mode].has(key)) continue;
        const conv = (rows: typeof d.bids): DepthLevel[] => rows.slice(0, levels).map((r) => ({ price: r.price, quantity: r.qty, orders: r.orders }));
        this.depth[levels].set(key, {
          key,
          levels,
          bids: conv(d.bids),
          asks: conv(d.asks),
          ltp: this.quotes.get(key)?.ltp ?? 0,
          atMs: at,
        });
        for (const sub of this.depthSubs) if (sub.levels === levels && sub.key === key) sub.dirty = true;
      }
    }
    this.scheduleFrame();
  }
}
