/**
 * One Dhan market-data socket (market feed, 20-level or 200-level depth): connects, keeps its wanted
 * subscriptions, reconnects after any drop, detects a silent (stale) feed and obeys the server's
 * disconnect reasons. It does not decode: binary messages go to the listener, which decodes them and
 * reports a disconnect packet back through {@link FeedSocket.serverDisconnect}.
 *
 * Source: seeds/002, "Live Market Feed" (subscribe JSON, 100 instruments per message, ping every
 * 10 s answered by the WebSocket library, "Feed Disconnect" `{"RequestCode":12}` and the disconnect
 * packet) and "Full Market Depth"; issue 3 "Feed worker" (backoff with full jitter, resubscribe
 * exactly the wanted set, stale detection, 807-810 stop reconnecting).
 *
 * Subscriptions: the socket remembers what it asked the server for on the current connection and
 * sends only differences (unsubscribes first, then subscribes). A new connection starts from nothing,
 * so a reconnect subscribes exactly the wanted set at that moment, including changes made while it
 * was down, once each, at most 100 instruments per message (50 for 20-level depth).
 *
 * Reconnects: `backoffDelay(attempt)` with full jitter; the attempt count goes back to 0 when data
 * arrives (not merely when the handshake succeeds, so a server that accepts and then stays silent is
 * retried ever more slowly). A disconnect packet 805 (too many connections) raises the attempt count
 * to at least {@link ATTEMPT_FLOOR_AFTER_805} so two apps of one user do not keep kicking each other
 * off in a tight loop; 806 and 807-810 stop the socket (reconnecting cannot fix a missing data
 * subscription or bad credentials, and retrying bad credentials risks a block), and so does a
 * handshake refused with HTTP 401/403 (the seed documents only the disconnect packet, but a server
 * may refuse bad credentials before the WebSocket opens).
 *
 * The URL carries the access token: it is never logged nor reported; error texts are redacted.
 */
import { WebSocket, type RawData } from 'ws';
import { dataApiError } from '../brokers/dhan/errors';
import {
  depth200SubscribeRequest,
  depth200UnsubscribeRequest,
  depth20SubscribeRequests,
  depth20UnsubscribeRequests,
  disconnectRequest,
  feedSubscribeRequests,
  feedUnsubscribeRequests,
  instrumentKey,
  type FeedInstrument,
} from '../brokers/dhan/feed-requests';
import type { DhanFeedSocketKind } from '../brokers/dhan/feed-urls';
import type { DhanSegment } from '../brokers/dhan/segments';
import { redactText } from '../core/redact';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { SubscriptionMode } from './connection-plan';
import type { FeedDisconnectReason, FeedIssue, FeedSocketState, FeedSocketStatus } from './feed-types';

/** After a disconnect packet 805 the next retry waits at least base × 2^4 (8 s with the defaults). */
export const ATTEMPT_FLOOR_AFTER_805 = 4;

/** How long `close()` waits for the server's close frame before cutting the connection (ms). */
export const CLOSE_GRACE_MS = 1000;

/** Time and timers, injectable for tests. `now()` is epoch milliseconds. */
export interface FeedClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process clock. */
export const systemClock: FeedClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What the socket tells its owner. */
export interface FeedSocketListener {
  /** One binary WebSocket message (valid only during the call). */
  frame(socket: FeedSocket, bytes: Uint8Array): void;
  /** A text frame or another message that is not binary: the owner counts it as malformed. */
  malformed(socket: FeedSocket): void;
  /** State or counters changed in a way worth a status report (open, drop, stop). */
  changed(socket: FeedSocket): void;
  /**
   * The server refused the WebSocket handshake with HTTP 401 or 403: the credentials are bad. The
   * socket has stopped; the owner decides for the other sockets (they share the token).
   */
  authRefused(socket: FeedSocket, reason: FeedDisconnectReason): void;
  issue(issue: FeedIssue): void;
}

/** Settings of one socket. */
export interface FeedSocketOptions {
  /** Stable id from the connection plan, such as `feed-0` or `depth200-NSE_EQ:1333`. */
  readonly id: string;
  readonly kind: DhanFeedSocketKind;
  /** Full URL with credentials (see feed-urls.ts). Secret. */
  readonly url: string;
  /** Subscribed and silent for this long (ms) → stale: reported, dropped and reconnected. */
  readonly staleMs: number;
  /**
   * Whether silence can mean a stale feed right now, given the subscribed segments and the clock's
   * time (epoch ms). Default: always. The engine passes a trading-session check, so a closed
   * market's silence is not a fault (no reconnect every `staleMs` all night).
   */
  readonly staleActive?: (segments: ReadonlySet<DhanSegment>, nowMs: number) => boolean;
  readonly backoff: BackoffOptions;
  /** Returns a number in [0, 1) (full jitter). */
  readonly random: () => number;
  readonly clock: FeedClock;
  readonly listener: FeedSocketListener;
  /** Opens the WebSocket; default `new WebSocket(url, { perMessageDeflate: false })`. */
  readonly createSocket?: (url: string) => WebSocket;
}

const MODE_ORDER: readonly SubscriptionMode[] = ['ticker', 'quote', 'full', 'depth20', 'depth200'];

/** One socket; see the file comment. Call `start()` once, `close()` to end it. */
export class FeedSocket {
  readonly id: string;
  readonly kind: DhanFeedSocketKind;
  private readonly o: FeedSocketOptions;
  private ws: WebSocket | null = null;
  private stateValue: FeedSocketState = 'closed';
  private readonly wanted = new Map<SubscriptionMode, Map<string, FeedInstrument>>();
  private readonly sent = new Map<SubscriptionMode, Set<string>>();
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private staleTimer: unknown = null;
  private openedAt = 0;
  private ended = false;
  /** Counters read by the owner's status. */
  messages = 0;
  lastMessageAt = 0;
  reconnects = 0;
  staleCount = 0;
  malformed = 0;
  lastError: string | undefined;
  lastDisconnect: FeedDisconnectReason | undefined;
  /** When `lastDisconnect` arrived (clock ms), 0 = never. */
  lastDisconnectAt = 0;

  constructor(options: FeedSocketOptions) {
    this.o = options;
    this.id = options.id;
    this.kind = options.kind;
  }

  /** Current state. */
  get state(): FeedSocketState {
    return this.stateValue;
  }

  /** Segments of the wanted subscriptions. */
  subscribedSegments(): ReadonlySet<DhanSegment> {
    const out = new Set<DhanSegment>();
    for (const m of this.wanted.values()) for (const i of m.values()) out.add(i.segment);
    return out;
  }

  /** Number of wanted subscriptions (instrument × mode). */
  get subscriptionCount(): number {
    let n = 0;
    for (const m of this.wanted.values()) n += m.size;
    return n;
  }

  /** Connects (first time). Does nothing after `close()` or a stop. */
  start(): void {
    if (this.ended || this.ws !== null || this.reconnectTimer !== null) return;
    this.connect();
  }

  /**
   * Replaces the wanted subscriptions of this socket. While connected, the differences are sent at
   * once; otherwise they are sent on the next connection.
   */
  setSubscriptions(subscriptions: ReadonlyMap<SubscriptionMode, readonly FeedInstrument[]>): void {
    this.wanted.clear();
    for (const [mode, list] of subscriptions) {
      if (list.length === 0) continue;
      const m = new Map<string, FeedInstrument>();
      for (const i of list) m.set(instrumentKey(i), i);
      this.wanted.set(mode, m);
    }
    this.sync();
  }

  /**
   * Reports a disconnect packet (feed code 50) the owner decoded from this socket. 806 and 807-810
   * stop the socket; 805 lengthens the next backoff; the server closes the connection itself.
   * Returns the reason with its meaning.
   */
  serverDisconnect(code: number): FeedDisconnectReason {
    const info = dataApiError(code);
    const reason: FeedDisconnectReason = { code, meaning: info.meaning, shared: info.shared };
    this.lastDisconnect = reason;
    this.lastDisconnectAt = this.o.clock.now();
    this.o.listener.issue({ kind: 'server-disconnect', socketId: this.id, reason });
    if (info.authFailure || code === 806) this.stop();
    else if (code === 805) this.attempt = Math.max(this.attempt, ATTEMPT_FLOOR_AFTER_805);
    return reason;
  }

  /**
   * Stops for good (credentials refused): no more reconnects; state `stopped`. The connection is
   * closed without the disconnect request (the server already ended the session).
   */
  stop(): void {
    if (this.ended) return;
    this.end('stopped');
    this.o.listener.changed(this);
  }

  /**
   * Closes on purpose: sends the disconnect request (12) when connected, closes the WebSocket and
   * never reconnects. State `closed` at once; the promise resolves when the closing handshake is
   * over (the request has left), or after {@link CLOSE_GRACE_MS} when the server does not answer.
   */
  close(): Promise<void> {
    if (this.ended) return Promise.resolve();
    const ws = this.ws;
    if (ws !== null && ws.readyState === WebSocket.OPEN) this.send(disconnectRequest());
    const done = this.end('closed');
    this.o.listener.changed(this);
    return done;
  }

  /** Drops the current connection as if the network had failed (stale feed); it reconnects. */
  drop(): void {
    this.ws?.terminate();
  }

  /** A snapshot for the status report (the owner fills in messages/s and malformed counts). */
  status(now: number, messagesPerSecond: number): FeedSocketStatus {
    const since = this.lastMessageAt || this.openedAt;
    return {
      id: this.id,
      kind: this.kind,
      state: this.stateValue,
      subscriptions: this.subscriptionCount,
      messages: this.messages,
      messagesPerSecond,
      lastMessageAt: this.lastMessageAt,
      lastMessageAgeMs: since === 0 ? 0 : Math.max(0, now - since),
      reconnects: this.reconnects,
      staleCount: this.staleCount,
      malformed: this.malformed,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(this.lastDisconnect === undefined ? {} : { lastDisconnect: this.lastDisconnect, lastDisconnectAt: this.lastDisconnectAt }),
    };
  }

  private end(state: 'stopped' | 'closed'): Promise<void> {
    this.ended = true;
    this.stateValue = state;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws === null) return Promise.resolve();
    ws.removeAllListeners();
    ws.on('error', () => {}); // a late error after close must not become an uncaught exception
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.CLOSED) {
      ws.terminate();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, CLOSE_GRACE_MS);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1000);
    });
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) this.o.clock.clearTimeout(this.reconnectTimer);
    if (this.staleTimer !== null) this.o.clock.clearTimeout(this.staleTimer);
    this.reconnectTimer = null;
    this.staleTimer = null;
  }

  private connect(): void {
    this.reconnectTimer = null;
    this.stateValue = 'connecting';
    this.sent.clear();
    let ws: WebSocket;
    try {
      ws = this.o.createSocket?.(this.o.url) ?? new WebSocket(this.o.url, { perMessageDeflate: false, handshakeTimeout: 15_000 });
    } catch (e) {
      this.fail(e);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.stateValue = 'open';
      this.openedAt = this.o.clock.now();
      this.sync();
      this.armStale();
      this.o.listener.changed(this);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.ws !== ws) return;
      this.lastMessageAt = this.o.clock.now();
      this.messages++;
      this.attempt = 0;
      if (!isBinary || !(data instanceof Uint8Array)) {
        this.o.listener.malformed(this);
        return;
      }
      this.o.listener.frame(this, data);
    });
    ws.on('error', (e) => {
      if (this.ws === ws) this.fail(e);
    });
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.staleTimer !== null) this.o.clock.clearTimeout(this.staleTimer);
      this.staleTimer = null;
      this.scheduleReconnect();
    });
    this.o.listener.changed(this);
  }

  private fail(e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.lastError = redactText(text);
    this.o.listener.issue({ kind: 'socket-error', socketId: this.id, message: this.lastError });
    // `ws` reports a refused handshake as "Unexpected server response: <status>". 401/403 mean the
    // token or client id is not accepted: retrying would only hammer the server with bad credentials.
    const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
    if (status === '401' || status === '403') {
      const reason: FeedDisconnectReason = {
        code: Number(status),
        meaning: `The server refused the connection with HTTP ${status}: client id or access token not accepted`,
        shared: 'UNAUTHENTICATED',
      };
      this.lastDisconnect = reason;
      this.lastDisconnectAt = this.o.clock.now();
      this.stop();
      this.o.listener.authRefused(this, reason);
    }
  }

  private scheduleReconnect(): void {
    if (this.ended) return;
    const delay = backoffDelay(this.attempt, this.o.backoff, this.o.random);
    this.attempt++;
    this.reconnects++;
    this.stateValue = 'waiting';
    this.reconnectTimer = this.o.clock.setTimeout(() => this.connect(), delay);
    this.o.listener.changed(this);
  }

  private armStale(): void {
    const check = (): void => {
      this.staleTimer = null;
      if (this.stateValue !== 'open' || this.ws === null) return;
      const now = this.o.clock.now();
      const silentMs = now - Math.max(this.lastMessageAt, this.openedAt);
      if (this.subscriptionCount > 0 && silentMs >= this.o.staleMs && (this.o.staleActive?.(this.subscribedSegments(), now) ?? true)) {
        this.staleCount++;
        this.o.listener.issue({ kind: 'stale', socketId: this.id, silentMs });
        this.drop();
        return;
      }
      const wait = this.subscriptionCount > 0 ? this.o.staleMs - silentMs : this.o.staleMs;
      this.staleTimer = this.o.clock.setTimeout(check, Math.max(1, wait));
    };
    this.staleTimer = this.o.clock.setTimeout(check, this.o.staleMs);
  }

  private send(message: unknown): void {
    this.ws?.send(JSON.stringify(message));
  }

  /** Sends the differences between what is wanted and what this connection asked for. */
  private sync(): void {
    const ws = this.ws;
    if (ws === null || this.stateValue !== 'open' || ws.readyState !== WebSocket.OPEN) return;
    // Unsubscribe first, so a mode change (ticker → full) never runs past the server's limit.
    for (const mode of MODE_ORDER) {
      const sent = this.sent.get(mode);
      if (sent === undefined) continue;
      const want = this.wanted.get(mode);
      const gone: FeedInstrument[] = [];
      for (const k of sent) if (want?.has(k) !== true) gone.push(parseKey(k));
      if (gone.length === 0) continue;
      for (const k of gone) sent.delete(instrumentKey(k));
      for (const msg of this.unsubscribeMessages(mode, gone)) this.send(msg);
    }
    for (const mode of MODE_ORDER) {
      const want = this.wanted.get(mode);
      if (want === undefined) continue;
      let sent = this.sent.get(mode);
      if (sent === undefined) this.sent.set(mode, (sent = new Set()));
      const added: FeedInstrument[] = [];
      for (const [k, i] of want) if (!sent.has(k)) added.push(i);
      if (added.length === 0) continue;
      for (const i of added) sent.add(instrumentKey(i));
      for (const msg of this.subscribeMessages(mode, added)) this.send(msg);
    }
  }

  private subscribeMessages(mode: SubscriptionMode, list: readonly FeedInstrument[]): unknown[] {
    if (mode === 'depth20') return depth20SubscribeRequests(list);
    if (mode === 'depth200') return list.map(depth200SubscribeRequest);
    return feedSubscribeRequests(mode, list);
  }

  private unsubscribeMessages(mode: SubscriptionMode, list: readonly FeedInstrument[]): unknown[] {
    if (mode === 'depth20') return depth20UnsubscribeRequests(list);
    if (mode === 'depth200') return list.map(depth200UnsubscribeRequest);
    return feedUnsubscribeRequests(mode, list);
  }
}

/** Inverse of `instrumentKey` for keys this module made (`"NSE_EQ:1333"`). */
function parseKey(key: string): FeedInstrument {
  const at = key.lastIndexOf(':');
  return { segment: key.slice(0, at) as FeedInstrument['segment'], securityId: Number(key.slice(at + 1)) };
}
