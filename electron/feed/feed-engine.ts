/**
 * The feed engine: the wanted subscriptions per mode, the connection plan, one {@link FeedSocket}
 * per planned socket, and decoding of every binary message into the tables. It runs inside the feed
 * worker (feed-worker-host.ts) and, unchanged, directly in tests.
 *
 * Source: issue 3, "Feed worker"; seeds/002, "Live Market Feed" and "Full Market Depth".
 * - Subscriptions are kept per mode (ticker, quote, full, depth20, depth200) in the order first
 *   wanted; every change re-plans (connection-plan.ts) and each socket sends only its differences.
 *   Sockets no longer planned are closed with the disconnect request (an idle depth socket would
 *   still count against the five connections).
 * - Market-feed messages decode with `decodeFeedMessage`, depth messages with `decodeDepthMessage`,
 *   straight into the tables' sinks (no object per packet). Structural errors and bad values count
 *   as malformed for that socket and the rest of the stream goes on; nothing throws out.
 * - A disconnect packet is passed to its socket (805 longer backoff; 806 stop that socket); 807-810
 *   (or a handshake refused with HTTP 401/403) mean the session's credentials are bad, so EVERY
 *   socket stops (they share the token) and a `session-expired` issue is raised once.
 *   `setCredentials` restarts everything.
 */
import type { DepthSink } from '../brokers/dhan/depth-codec';
import { decodeDepthMessage, newDepthDecodeCounts, type DepthErrorReason } from '../brokers/dhan/depth-codec';
import { isAuthFailure } from '../brokers/dhan/errors';
import { decodeFeedMessage, newFeedDecodeCounts, type FeedErrorReason, type FeedSink } from '../brokers/dhan/feed-codec';
import { instrumentKey, type FeedInstrument } from '../brokers/dhan/feed-requests';
import { DHAN_FEED_BASES, dhanFeedUrl, type DhanFeedBases, type DhanFeedCredentials } from '../brokers/dhan/feed-urls';
import type { WebSocket } from 'ws';
import { parseSegment, type DhanSegment } from '../brokers/dhan/segments';
import { anySegmentInSession } from '../../shared/trading-sessions';
import { FEED_BACKOFF, type BackoffOptions } from './backoff';
import {
  DHAN_CONNECTION_LIMITS,
  SUBSCRIPTION_MODES,
  planConnections,
  type ConnectionLimits,
  type ConnectionPlan,
  type Refusal,
  type SubscriptionMode,
} from './connection-plan';
import { FeedSocket, systemClock, type FeedClock, type FeedSocketListener } from './feed-socket';
import type { FeedDisconnectReason, FeedIssue, FeedStatus } from './feed-types';

/** Where decoded packets go: the worker's per-instrument tables. */
export interface FeedTablesPort {
  /** Market-feed packets (ticker, quote, full, OI, prev close…). Its `disconnect`/`error` are not called. */
  readonly quotes: FeedSink;
  /** 20-level depth sides. Its `disconnect`/`error` are not called. */
  readonly depth20: DepthSink;
  /** 200-level depth sides. Its `disconnect`/`error` are not called. */
  readonly depth200: DepthSink;
  /**
   * An instrument became wanted in `table` (`quotes`: any of ticker/quote/full). Tables drop packets
   * for instruments they do not track, so this comes before the subscription is sent.
   */
  track?(table: FeedTableName, instrument: FeedInstrument): void;
  /** An instrument is no longer wanted in `table` (for quotes: in none of ticker/quote/full). */
  untrack?(table: FeedTableName, instrument: FeedInstrument): void;
}

/** The three tables of the worker. */
export type FeedTableName = 'quotes' | 'depth20' | 'depth200';

function tableOf(mode: SubscriptionMode): FeedTableName {
  return mode === 'depth20' || mode === 'depth200' ? mode : 'quotes';
}

/**
 * Default stale limit: subscribed and silent for 30 s (the server pings every 10 s; pings are not
 * data). Outside its trading session a subscribed feed is silent for real, so by default silence
 * counts as stale only while one of the socket's subscribed segments is in session
 * (shared/trading-sessions.ts): no reconnect every 30 s all night. `staleActive` overrides it.
 */
export const DEFAULT_STALE_MS = 30_000;

/** Settings of the engine; all but `credentials`, `tables` and `onIssue` have defaults. */
export interface FeedEngineOptions {
  readonly credentials: DhanFeedCredentials;
  readonly tables: FeedTablesPort;
  /** Called for every issue (stale, disconnect reasons, refusals, socket errors, session expired). */
  readonly onIssue: (issue: FeedIssue) => void;
  /** Called when some socket's state changed (for an early status report). */
  readonly onChange?: () => void;
  /** Called after each socket message was decoded into the tables (the host paces its batches by it). */
  readonly onFrame?: () => void;
  readonly bases?: DhanFeedBases;
  readonly limits?: ConnectionLimits;
  readonly staleMs?: number;
  /** When silence may mean stale (see FeedSocketOptions.staleActive); default: a segment in session. */
  readonly staleActive?: (segments: ReadonlySet<DhanSegment>, nowMs: number) => boolean;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  readonly clock?: FeedClock;
  readonly createSocket?: (url: string) => WebSocket;
}

/** See the file comment. */
export class FeedEngine {
  private readonly o: FeedEngineOptions;
  private credentials: DhanFeedCredentials;
  private readonly wanted = new Map<SubscriptionMode, Map<string, FeedInstrument>>();
  private readonly sockets = new Map<string, FeedSocket>();
  private plan: ConnectionPlan | undefined;
  private refusedKey = '';
  private expired = false;
  private closed = false;
  private current: FeedSocket | null = null;
  private readonly feedCounts = newFeedDecodeCounts();
  private readonly depthCounts = newDepthDecodeCounts();
  private readonly feedSink: FeedSink;
  private readonly depth20Sink: DepthSink;
  private readonly depth200Sink: DepthSink;
  private lastStatusAt = 0;
  private readonly lastMessages = new Map<string, number>();
  /** Malformed frames/packets on sockets that have since been closed. */
  private malformedGone = 0;
  /** Conflated batches sent (kept here so status reports it; the host increments it). */
  batches = 0;

  constructor(options: FeedEngineOptions) {
    this.o = options;
    this.credentials = options.credentials;
    const engine = this;
    const q = options.tables.quotes;
    // Forwarders: packets to the table, disconnects and errors to the engine. Plain objects with
    // fixed shapes so the decoder's calls stay monomorphic.
    this.feedSink = {
      index: (s, id, ltp, ltt) => q.index(s, id, ltp, ltt),
      ticker: (s, id, ltp, ltt) => q.ticker(s, id, ltp, ltt),
      quote: (s, id, fields) => q.quote(s, id, fields),
      oi: (s, id, oi) => q.oi(s, id, oi),
      prevClose: (s, id, pc, poi) => q.prevClose(s, id, pc, poi),
      marketStatus: (s, id) => q.marketStatus(s, id),
      full: (s, id, fields) => q.full(s, id, fields),
      fullColumns: q.fullColumns ?? null,
      disconnect: (_s, _id, reason) => engine.disconnectPacket(reason),
      unknown: () => {},
      error: (_r: FeedErrorReason) => engine.malformedPacket(),
    };
    const depthSink = (t: DepthSink): DepthSink => ({
      side: (s, id, isBid, seq, rows, price, qty, orders) => t.side(s, id, isBid, seq, rows, price, qty, orders),
      disconnect: (_s, _id, reason) => engine.disconnectPacket(reason),
      unknown: () => {},
      error: (_r: DepthErrorReason) => engine.malformedPacket(),
    });
    this.depth20Sink = depthSink(options.tables.depth20);
    this.depth200Sink = depthSink(options.tables.depth200);
  }

  /** True once 807-810 stopped every socket (until `setCredentials`). */
  get sessionExpired(): boolean {
    return this.expired;
  }

  /** Wanted instruments of one mode, in the order first wanted. */
  wantedOf(mode: SubscriptionMode): FeedInstrument[] {
    return [...(this.wanted.get(mode)?.values() ?? [])];
  }

  /**
   * Adds instruments to the wanted set of `mode` (already wanted ones are ignored) and applies it.
   * Throws RangeError, changing nothing, when an instrument has an unknown segment or a security id
   * that is not a u32 integer.
   */
  subscribe(mode: SubscriptionMode, instruments: readonly FeedInstrument[]): void {
    for (const i of instruments) {
      if (parseSegment(i.segment) === null) throw new RangeError(`unknown segment ${JSON.stringify(i.segment)}`);
      if (!Number.isInteger(i.securityId) || i.securityId < 0 || i.securityId > 0xffffffff) {
        throw new RangeError(`security id must be a u32 integer, got ${String(i.securityId)}`);
      }
    }
    let m = this.wanted.get(mode);
    if (m === undefined) this.wanted.set(mode, (m = new Map()));
    const table = tableOf(mode);
    for (const i of instruments) {
      const k = instrumentKey(i);
      if (m.has(k)) continue;
      const copy: FeedInstrument = { segment: i.segment, securityId: i.securityId };
      if (!this.inTable(table, k)) this.o.tables.track?.(table, copy);
      m.set(k, copy);
    }
    this.apply();
  }

  /** Removes instruments from the wanted set of `mode` and applies it. */
  unsubscribe(mode: SubscriptionMode, instruments: readonly FeedInstrument[]): void {
    const m = this.wanted.get(mode);
    if (m === undefined) return;
    const table = tableOf(mode);
    for (const i of instruments) {
      const k = instrumentKey(i);
      const had = m.get(k);
      if (had === undefined) continue;
      m.delete(k);
      if (!this.inTable(table, k)) this.o.tables.untrack?.(table, had);
    }
    this.apply();
  }

  /** True when some mode feeding `table` still wants the instrument `key`. */
  private inTable(table: FeedTableName, key: string): boolean {
    if (table !== 'quotes') return this.wanted.get(table)?.has(key) === true;
    return (['ticker', 'quote', 'full'] as const).some((mode) => this.wanted.get(mode)?.has(key) === true);
  }

  /** New credentials (a fresh login): every socket is rebuilt with the new URL; an expiry is cleared. */
  setCredentials(credentials: DhanFeedCredentials): void {
    this.credentials = credentials;
    this.expired = false;
    for (const s of this.sockets.values()) void this.retire(s);
    this.sockets.clear();
    this.apply();
  }

  /**
   * Closes every socket with the disconnect request; the engine stays closed. Resolves when every
   * socket has finished closing (at most `CLOSE_GRACE_MS` each, in parallel).
   */
  close(): Promise<void> {
    this.closed = true;
    const done = [...this.sockets.values()].map((s) => this.retire(s));
    this.sockets.clear();
    return Promise.all(done).then(() => undefined);
  }

  /**
   * Status of every socket. Messages/s is measured since the previous `status()` call; `now` is
   * epoch ms (default: the engine clock).
   */
  status(now: number = this.clock.now()): FeedStatus {
    const dt = this.lastStatusAt === 0 ? 0 : (now - this.lastStatusAt) / 1000;
    this.lastStatusAt = now;
    let malformed = this.malformedGone;
    const sockets = [...this.sockets.values()].map((s) => {
      const before = this.lastMessages.get(s.id) ?? 0;
      this.lastMessages.set(s.id, s.messages);
      malformed += s.malformed;
      return s.status(now, dt > 0 ? Math.round((s.messages - before) / dt) : 0);
    });
    return {
      at: now,
      sockets,
      sessionExpired: this.expired,
      refused: this.plan?.refused ?? [],
      malformed,
      batches: this.batches,
    };
  }

  private get clock(): FeedClock {
    return this.o.clock ?? systemClock;
  }

  private apply(): void {
    if (this.closed) return;
    const desired = new Map<SubscriptionMode, FeedInstrument[]>();
    for (const mode of SUBSCRIPTION_MODES) {
      const m = this.wanted.get(mode);
      if (m !== undefined && m.size > 0) desired.set(mode, [...m.values()]);
    }
    const plan = planConnections(desired, this.o.limits ?? DHAN_CONNECTION_LIMITS, this.plan);
    this.plan = plan;
    const planned = new Set(plan.sockets.map((s) => s.id));
    for (const [id, s] of this.sockets) {
      if (!planned.has(id)) {
        void this.retire(s);
        this.sockets.delete(id);
      }
    }
    for (const p of plan.sockets) {
      let s = this.sockets.get(p.id);
      if (s === undefined) {
        s = new FeedSocket({
          id: p.id,
          kind: p.kind,
          url: dhanFeedUrl(p.kind, this.credentials, this.o.bases ?? DHAN_FEED_BASES),
          staleMs: this.o.staleMs ?? DEFAULT_STALE_MS,
          staleActive: this.o.staleActive ?? anySegmentInSession,
          backoff: this.o.backoff ?? FEED_BACKOFF,
          random: this.o.random ?? Math.random,
          clock: this.clock,
          listener: this.listener,
          ...(this.o.createSocket === undefined ? {} : { createSocket: this.o.createSocket }),
        });
        this.sockets.set(p.id, s);
        s.setSubscriptions(p.subscriptions);
        if (this.expired) s.stop();
        else s.start();
      } else {
        s.setSubscriptions(p.subscriptions);
      }
    }
    const key = plan.refused.map((r) => `${r.mode}|${instrumentKey(r.instrument)}|${r.reason}`).join(',');
    if (key !== this.refusedKey) {
      this.refusedKey = key;
      if (plan.refused.length > 0) this.o.onIssue({ kind: 'refused', refusals: plan.refused as Refusal[] });
    }
    this.o.onChange?.();
  }

  private retire(s: FeedSocket): Promise<void> {
    this.malformedGone += s.malformed;
    this.lastMessages.delete(s.id);
    return s.close();
  }

  private readonly listener: FeedSocketListener = {
    frame: (socket, bytes) => this.frame(socket, bytes),
    malformed: (socket) => {
      socket.malformed++;
    },
    changed: () => this.o.onChange?.(),
    issue: (issue) => this.o.onIssue(issue),
    authRefused: (_socket, reason) => this.expire(reason),
  };

  private frame(socket: FeedSocket, bytes: Uint8Array): void {
    this.current = socket;
    try {
      if (socket.kind === 'feed') decodeFeedMessage(bytes, this.feedSink, this.feedCounts);
      else if (socket.kind === 'depth20') decodeDepthMessage(bytes, 20, this.depth20Sink, this.depthCounts);
      else decodeDepthMessage(bytes, 200, this.depth200Sink, this.depthCounts);
    } catch (e) {
      // The decoders do not throw on bytes; a table that does is a bug, but it must not kill the feed.
      socket.malformed++;
      socket.lastError = `decode failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.current = null;
    }
    this.o.onFrame?.();
  }

  private malformedPacket(): void {
    if (this.current !== null) this.current.malformed++;
  }

  private disconnectPacket(code: number): void {
    const socket = this.current;
    if (socket === null) return;
    const reason = socket.serverDisconnect(code);
    if (isAuthFailure(code)) this.expire(reason);
  }

  /** Credentials refused: every socket stops (they share the token); reported once. */
  private expire(reason: FeedDisconnectReason): void {
    if (this.expired) return;
    this.expired = true;
    for (const s of this.sockets.values()) s.stop();
    this.o.onIssue({ kind: 'session-expired', reason });
  }
}
