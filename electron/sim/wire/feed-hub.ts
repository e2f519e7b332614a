/**
 * The live market feed of the simulated exchange (DhanHQ v2 `/` socket): subscriptions by mode,
 * snapshots on subscribe, and binary packets pushed from the market model's ticks.
 *
 * Source: seeds/002 "Live Market Feed" (JSON requests with `RequestCode` 11/12/15-22,
 * `InstrumentCount`, `InstrumentList` of `{ ExchangeSegment, SecurityId }`; binary responses:
 * ticker 2, quote 4, OI 5, prev close 6, full 8, disconnect 50) via the shared encoders
 * electron/brokers/dhan/feed-codec.ts; LTT on the wire is IST-shifted (feed-time.ts).
 *
 * Behaviour:
 * - Subscribing sends at once, per instrument, a prev-close packet (previous close and previous
 *   session OI, MarketModel.previousOi) and the mode's packet with the
 *   current state (so a quiet instrument shows a price); then a packet whenever it trades. Quote
 *   mode on a derivative also sends its OI packet; full mode carries OI and 5 depth levels, and is
 *   also sent when the best bid or ask moves without a trade (checked at each flush).
 *   Indices use ticker-shaped packets in ticker mode and quote packets otherwise.
 * - Instruments not yet live in the model are activated in one batch per event-loop turn
 *   (SimMarket.ensure), so 50 subscribe messages make one addition to the model. Unknown instruments are ignored.
 * - Market status (code 7, header only: the seed gives no body): at each phase change of the market
 *   (pre-open, its buffer, open, close; none when always open) every connection with subscriptions
 *   gets its pending ticks, then one status packet per exchange segment it subscribes to (security
 *   id 0). The packet says only that the status changed; the phase itself is NSE's timetable
 *   (market-hours.ts), which a client can compute (the sim's convention: Dhan documents no more).
 * - Limits: more than 100 instruments in one message or more than 5000 on the connection → the
 *   disconnect packet 804 and the socket is closed (connection-limits.ts).
 * - Coalescing: each connection keeps a set of instruments with news (bounded by its
 *   subscriptions), and `flush` sends the latest state of each once. A connection whose
 *   `bufferedAmount` is above the high-water mark is skipped until it drains: a slow client costs
 *   at most one pending entry per subscribed instrument, never a growing queue.
 * Nothing here throws out of a socket handler: a malformed request is counted and skipped.
 */

import type { WebSocket } from 'ws';
import { encodeFeedMessage, encodeFeedPacket, type FeedPacket } from '../../brokers/dhan/feed-codec';
import { utcSecondsToLtt } from '../../brokers/dhan/feed-time';
import { SEGMENT_CODE, type DhanSegment } from '../../brokers/dhan/segments';
import type { SimTick } from '../market-model';
import { refKey } from '../market-model';
import { DisconnectReason, SIM_FEED_LIMITS, type LimitedConnection } from './connection-limits';
import { refOf, type SimMarket } from './sim-market';

/** Feed modes as bits of a subscription. */
const TICKER = 1;
const QUOTE = 2;
const FULL = 4;

const SUBSCRIBE: Readonly<Record<number, number>> = { 15: TICKER, 17: QUOTE, 21: FULL };
const UNSUBSCRIBE: Readonly<Record<number, number>> = { 16: TICKER, 18: QUOTE, 22: FULL };

/** Packets per WebSocket message at most (several packets are stacked in one message, as Dhan does). */
export const PACKETS_PER_MESSAGE = 400;
/** Default high-water mark of `ws.bufferedAmount`, bytes. */
export const DEFAULT_HIGH_WATER_BYTES = 4 * 1024 * 1024;

interface Sub {
  mask: number;
  readonly segment: DhanSegment;
  readonly securityId: number;
}

/** One market-feed connection. */
export class FeedConnection implements LimitedConnection {
  /** Subscriptions by `SEGMENT:securityId`: mode bits and the wire identity. */
  readonly subs = new Map<string, Sub>();
  /** Instruments with news since the last flush (at most one entry per subscription). */
  readonly pending = new Set<string>();
  /** Instruments subscribed since the last `materialise`, owed a snapshot. */
  readonly snapshot = new Set<string>();
  /** Requests that could not be read (not JSON, unknown code, bad instrument entries). */
  malformed = 0;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly clientId: string,
    private readonly hub: FeedHub,
  ) {}

  /** Sends the disconnect packet with `reason`, then closes the socket. */
  evict(reason: number): void {
    if (this.closed) return;
    this.ws.send(encodeFeedPacket({ kind: 'disconnect', segment: null, securityId: 0, reason }));
    this.ws.close(1000, `disconnect ${reason}`);
    this.hub.drop(this);
  }
}

/** See the file comment. */
export class FeedHub {
  private readonly conns = new Set<FeedConnection>();
  private readonly bySymbol = new Map<string, Set<FeedConnection>>();
  private readonly toEnsure = new Set<string>();
  private scheduled = false;
  /** Time of the last tick of each subscribed instrument, epoch ms (ticker packets need no quote). */
  private readonly lastTradeMs = new Map<string, number>();
  /** Best bid and ask (`bid|ask`, rupees) last seen for each full-mode subscription (markBookMoves). */
  private readonly lastTop = new Map<string, string>();
  private readonly offTick: () => void;
  private readonly offPhase: () => void;
  /** Market-status packets sent (all connections). */
  statusPackets = 0;

  constructor(
    private readonly market: SimMarket,
    private readonly highWaterBytes: number = DEFAULT_HIGH_WATER_BYTES,
    private readonly defer: (f: () => void) => void = (f) => setImmediate(f),
  ) {
    this.offTick = market.onTick((t) => this.onTick(t));
    this.offPhase = market.model.onPhaseChange(() => this.onPhase());
  }

  /** A phase change: each subscribed connection gets its pending ticks, then the status packets. */
  private onPhase(): void {
    for (const c of this.conns) {
      if (c.subs.size === 0) continue;
      this.flushConnection(c);
      const segments = new Set<DhanSegment>();
      for (const sub of c.subs.values()) segments.add(sub.segment);
      const packets: FeedPacket[] = [...segments].map((segment) => ({ kind: 'marketStatus', segment, securityId: 0 }));
      this.statusPackets += packets.length;
      this.send(c, packets);
    }
  }

  /** Adds a connection (already authenticated and admitted). */
  attach(ws: WebSocket, clientId: string): FeedConnection {
    const c = new FeedConnection(ws, clientId, this);
    this.conns.add(c);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        this.request(c, String(data));
      } catch {
        c.malformed++;
      }
    });
    ws.on('close', () => this.drop(c));
    ws.on('error', () => this.drop(c));
    return c;
  }

  /** Forgets a connection and its subscriptions. */
  drop(c: FeedConnection): void {
    if (c.closed) return;
    c.closed = true;
    this.conns.delete(c);
    for (const key of c.subs.keys()) this.unlink(key, c);
    c.subs.clear();
    c.pending.clear();
    this.onDrop?.(c);
  }

  /** Called when a connection goes (the server releases its connection slot). */
  onDrop: ((c: FeedConnection) => void) | undefined;

  /** Open connections. */
  connections(): readonly FeedConnection[] {
    return [...this.conns];
  }

  private request(c: FeedConnection, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      c.malformed++;
      return;
    }
    if (msg === null || typeof msg !== 'object') {
      c.malformed++;
      return;
    }
    const m = msg as Record<string, unknown>;
    const code = Number(m['RequestCode']);
    if (code === 11) return;
    if (code === 12) {
      c.ws.close(1000, 'disconnect requested');
      this.drop(c);
      return;
    }
    const add = SUBSCRIBE[code];
    const remove = UNSUBSCRIBE[code];
    if (add === undefined && remove === undefined) {
      c.malformed++;
      return;
    }
    const list = Array.isArray(m['InstrumentList']) ? (m['InstrumentList'] as unknown[]) : [];
    if (list.length > SIM_FEED_LIMITS.instrumentsPerMessage) {
      c.evict(DisconnectReason.INSTRUMENT_LIMIT);
      return;
    }
    for (const entry of list) {
      const e = entry as Record<string, unknown> | null;
      const segment = typeof e?.['ExchangeSegment'] === 'string' ? (e['ExchangeSegment'] as string) : '';
      const id = e?.['SecurityId'];
      const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
      const key = segment in SEGMENT_CODE ? this.market.keyOf(segment, idText) : undefined;
      if (key === undefined) {
        if (!(segment in SEGMENT_CODE) || !/^\d+$/.test(idText)) c.malformed++;
        continue; // unknown instruments are ignored, as Dhan does
      }
      if (add !== undefined) {
        let sub = c.subs.get(key);
        if (!sub) {
          if (c.subs.size >= SIM_FEED_LIMITS.instrumentsPerFeedSocket) {
            c.evict(DisconnectReason.INSTRUMENT_LIMIT);
            return;
          }
          sub = { mask: 0, segment: segment as DhanSegment, securityId: Number(idText) };
          c.subs.set(key, sub);
          let set = this.bySymbol.get(key);
          if (!set) this.bySymbol.set(key, (set = new Set()));
          set.add(c);
        }
        sub.mask |= add;
        c.snapshot.add(key);
        this.toEnsure.add(key);
      } else {
        const sub = c.subs.get(key);
        if (!sub) continue;
        sub.mask &= ~remove!;
        if (sub.mask === 0) {
          c.subs.delete(key);
          c.pending.delete(key);
          c.snapshot.delete(key);
          this.unlink(key, c);
        }
      }
    }
    if (this.toEnsure.size > 0 && !this.scheduled) {
      this.scheduled = true;
      this.defer(() => this.materialise());
    }
  }

  private unlink(key: string, c: FeedConnection): void {
    const set = this.bySymbol.get(key);
    if (!set) return;
    set.delete(c);
    if (set.size === 0) {
      this.bySymbol.delete(key);
      this.lastTradeMs.delete(key);
      this.lastTop.delete(key);
    }
  }

  /** Activates the instruments subscribed since the last call and sends their snapshots. */
  materialise(): void {
    this.scheduled = false;
    if (this.toEnsure.size > 0) {
      this.market.ensure(this.toEnsure);
      this.toEnsure.clear();
    }
    for (const c of this.conns) {
      if (c.snapshot.size === 0) continue;
      const packets: FeedPacket[] = [];
      for (const key of c.snapshot) {
        const sub = c.subs.get(key);
        if (sub) this.packets(key, sub, true, packets);
      }
      c.snapshot.clear();
      this.send(c, packets);
    }
  }

  private onTick(t: SimTick): void {
    const key = refKey(t.key);
    const set = this.bySymbol.get(key);
    if (!set) return;
    this.lastTradeMs.set(key, t.lttMs);
    for (const c of set) c.pending.add(key);
  }

  /** Sends every connection the latest state of its instruments with news (see Coalescing). */
  flush(): void {
    this.markBookMoves();
    for (const c of this.conns) {
      if (c.ws.bufferedAmount > this.highWaterBytes) continue;
      this.flushConnection(c);
    }
  }

  /**
   * Full-mode subscribers get news when the best bid or ask moves, not only when the instrument
   * trades: Dhan's full packet carries the 5-level depth and follows it, and a client's bid/ask (and
   * the order price it defaults from them) must not lag the book between trades.
   */
  private markBookMoves(): void {
    const model = this.market.model;
    for (const [key, set] of this.bySymbol) {
      let full: FeedConnection[] | null = null;
      for (const c of set) if (((c.subs.get(key)?.mask ?? 0) & FULL) !== 0) (full ??= []).push(c);
      if (full === null || !this.market.activeKey(key)) continue;
      const ref = refOf(key);
      if (!model.instrument(ref)) continue;
      const t = model.top(ref);
      const top = `${t.bid}|${t.ask}`;
      if (this.lastTop.get(key) === top) continue;
      this.lastTop.set(key, top);
      for (const c of full) c.pending.add(key);
    }
  }

  private flushConnection(c: FeedConnection): void {
    if (c.pending.size === 0) return;
    const packets: FeedPacket[] = [];
    for (const key of c.pending) {
      const sub = c.subs.get(key);
      if (sub) this.packets(key, sub, false, packets);
    }
    c.pending.clear();
    this.send(c, packets);
  }

  private send(c: FeedConnection, packets: readonly FeedPacket[]): void {
    if (c.closed || packets.length === 0) return;
    for (let i = 0; i < packets.length; i += PACKETS_PER_MESSAGE) {
      c.ws.send(encodeFeedMessage(packets.slice(i, i + PACKETS_PER_MESSAGE)));
    }
  }

  /** The packets of one instrument for a subscription (with prev close first on a snapshot). */
  private packets(key: string, sub: Sub, snapshot: boolean, out: FeedPacket[]): void {
    const model = this.market.model;
    const { segment, securityId } = sub;
    const ref = { segment, securityId: String(securityId) };
    const spec = model.instrument(ref);
    if (!spec) return;
    if (!snapshot && sub.mask === TICKER) {
      // the common case, kept cheap: LTP and the last trade time, no quote (no book) needed
      const ms = this.lastTradeMs.get(key);
      out.push({ kind: 'ticker', segment, securityId, ltp: model.ltp(ref), ltt: ms === undefined ? 0 : utcSecondsToLtt(Math.floor(ms / 1000)) });
      return;
    }
    const full = (sub.mask & FULL) !== 0;
    const q = model.quote(ref, full ? 5 : 0);
    const derivative = spec.expiry !== null;
    const u16 = (n: number) => Math.min(0xffff, Math.max(0, Math.round(n)));
    const u32 = (n: number) => Math.min(0xffffffff, Math.max(0, Math.round(n)));
    const ltt = q.lttMs === null ? 0 : utcSecondsToLtt(Math.floor(q.lttMs / 1000));
    if (snapshot) out.push({ kind: 'prevClose', segment, securityId, prevClose: q.close, prevOi: u32(model.previousOi(ref)) });
    if ((sub.mask & TICKER) !== 0) out.push({ kind: 'ticker', segment, securityId, ltp: q.ltp, ltt });
    if ((sub.mask & (QUOTE | FULL)) !== 0) {
      const base = {
        segment,
        securityId,
        ltp: q.ltp,
        ltq: u16(q.ltq),
        ltt,
        atp: q.atp,
        volume: u32(q.volume),
        totalSellQty: u32(q.totalSellQuantity),
        totalBuyQty: u32(q.totalBuyQuantity),
        open: q.open,
        close: q.close,
        high: q.high,
        low: q.low,
      };
      if ((sub.mask & QUOTE) !== 0) {
        out.push({ kind: 'quote', ...base });
        if (derivative) out.push({ kind: 'oi', segment, securityId, oi: u32(q.oi) });
      }
      if (full) {
        const depth = Array.from({ length: 5 }, (_, i) => ({
          bidQty: u32(q.bids[i]?.quantity ?? 0),
          askQty: u32(q.asks[i]?.quantity ?? 0),
          bidOrders: u16(q.bids[i]?.orders ?? 0),
          askOrders: u16(q.asks[i]?.orders ?? 0),
          bidPrice: q.bids[i]?.price ?? 0,
          askPrice: q.asks[i]?.price ?? 0,
        }));
        out.push({ kind: 'full', ...base, oi: u32(q.oi), oiHigh: u32(q.oiDayHigh), oiLow: u32(q.oiDayLow), depth });
      }
    }
  }

  /** Stops listening to the market. */
  dispose(): void {
    this.offTick();
    this.offPhase();
  }
}
