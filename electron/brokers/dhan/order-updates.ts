/**
 * DhanHQ v2 live order updates: a WebSocket that pushes `order_alert` JSON messages for every order
 * of the account, parsed here into shared order events.
 *
 * Source: seeds/002, "Live Order Update": endpoint `wss://api-order-update.dhan.co`; after connecting,
 * send the authorisation message `{ "LoginReq": { "MsgCode": 42, "ClientId": "…", "Token": "…" },
 * "UserType": "SELF" }` (the seed's sample misses a quote after `UserType`; the official Python client
 * dhan-oss/DhanHQ-py `orderupdate.py` sends exactly this shape); then messages
 * `{ "Data": { …order fields… }, "Type": "order_alert" }` arrive (field list in the seed's table).
 *
 * Behaviour:
 * - Each message is validated with zod; a message that is not JSON, or an `order_alert` that does
 *   not validate or map, is counted as malformed and skipped (never thrown). Other `Type`s are
 *   counted as ignored.
 * - On any drop it reconnects with exponential backoff and full jitter
 *   (delay = random() × min(maxMs, baseMs × 2^attempt)); the attempt count resets once a
 *   connection has delivered a message or stayed open for `stableMs`.
 * - The seed does not say how a refused login is reported. We treat as an authentication failure,
 *   and then stop reconnecting (reporting `auth-failed`) instead of storming: an HTTP 401/403 on
 *   the upgrade; a close with code 1008 (policy violation) or 4001-4003, or a close reason that
 *   mentions auth/token/login; a JSON message carrying an error code that errors.ts marks as an auth
 *   failure (DH-901, 807-810) or an error text about the token.
 * - Logs go through `redactText`; the login message (it holds the token) is never logged.
 */

import WebSocket from 'ws';
import { z } from 'zod';
import { bridgeError, type BridgeError } from '../../../shared/errors';
import type { Order, OrderUpdateEvent } from '../../../shared/orders';
import { redactText, redactUrl } from '../../core/redact';
import { systemClock, type LimiterClock } from '../../core/rate-limiter';
import { dhanBridgeError, lookupDhanError } from './errors';
import type { DhanCredentials } from './rest/http';
import {
  DhanWireError,
  parseDateOnly,
  parseIstDateTime,
  price,
  segmentFromExchange,
  toLeg,
  toOptionType,
  toOrderType,
  toProduct,
  toSide,
  toStatus,
  toValidity,
} from './rest/mapping';
import { id, num, optNum, optText } from './rest/schemas';

/** Production endpoint (seeds/002). */
export const DHAN_ORDER_UPDATE_URL = 'wss://api-order-update.dhan.co';

/** The login message (seeds/002, "Live Order Update" → "For Individual"). Holds the token: never log it. */
export function orderUpdateLoginMessage(credentials: DhanCredentials): string {
  return JSON.stringify({
    LoginReq: { MsgCode: 42, ClientId: credentials.clientId, Token: credentials.accessToken },
    UserType: 'SELF',
  });
}

/** `Data` of an `order_alert` (the fields we use; extra keys are ignored). */
export const wireOrderAlertDataSchema = z.object({
  Exchange: z.string(),
  Segment: z.string(),
  SecurityId: id,
  OrderNo: id,
  ExchOrderNo: id.nullish(),
  Product: z.string(),
  TxnType: z.string(),
  OrderType: z.string(),
  Validity: optText,
  Status: z.string(),
  Quantity: num,
  TradedQty: optNum,
  RemainingQuantity: optNum,
  DiscQuantity: optNum,
  Price: optNum,
  TriggerPrice: optNum,
  TradedPrice: optNum,
  AvgTradedPrice: optNum,
  OffMktFlag: z.union([z.string(), z.number()]).nullish(),
  OrderDateTime: optText,
  ExchOrderTime: optText,
  LastUpdatedTime: optText,
  ReasonDescription: optText,
  LegNo: optNum,
  Symbol: optText,
  DisplayName: optText,
  StrikePrice: optNum,
  ExpiryDate: optText,
  OptType: optText,
  RefLtp: optNum,
  CorrelationId: optText,
  Remarks: optText,
});
export type WireOrderAlertData = z.infer<typeof wireOrderAlertDataSchema>;

const envelopeSchema = z.object({ Type: z.string().optional(), Data: z.unknown().optional() }).passthrough();

function present(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' || text.trim() === '0' ? null : text.trim();
}

/**
 * Maps an `order_alert`'s `Data` to a shared order (seeds/002 field table). Times are IST and
 * become epoch ms UTC; the product letters C/I/M/F/V/B, sides B/S and order types LMT/MKT/SL/SLM
 * are the stream's. Throws DhanWireError for an unknown exchange/segment or enum.
 */
export function mapOrderAlert(d: WireOrderAlertData): Order {
  const segment = segmentFromExchange(d.Exchange, d.Segment);
  const status = toStatus(d.Status);
  const product = toProduct(d.Product);
  const quantity = Math.round(d.Quantity);
  const filled = Math.round(d.TradedQty ?? 0);
  const bracketLike = product === 'BO' || product === 'CO' || (d.Remarks ?? '').toLowerCase().includes('super order');
  return {
    orderId: d.OrderNo,
    exchangeOrderId: present(d.ExchOrderNo ?? undefined),
    correlationId: present(d.CorrelationId),
    status,
    instrument: { segment, securityId: d.SecurityId },
    symbol: d.Symbol ?? d.DisplayName ?? '',
    side: toSide(d.TxnType),
    product,
    orderType: toOrderType(d.OrderType),
    validity: toValidity(d.Validity),
    quantity,
    filledQuantity: filled,
    remainingQuantity: d.RemainingQuantity !== undefined ? Math.round(d.RemainingQuantity) : Math.max(0, quantity - filled),
    price: price(d.Price, segment),
    triggerPrice: price(d.TriggerPrice, segment),
    averageTradedPrice: price(d.AvgTradedPrice, segment),
    disclosedQuantity: Math.round(d.DiscQuantity ?? 0),
    afterMarketOrder: String(d.OffMktFlag ?? '0') === '1',
    leg: bracketLike ? toLeg(d.LegNo) : null,
    expiryDate: parseDateOnly(d.ExpiryDate),
    optionType: toOptionType(d.OptType),
    strikePrice: d.StrikePrice === undefined || d.StrikePrice === 0 ? null : price(d.StrikePrice, segment),
    createdAtMs: parseIstDateTime(d.OrderDateTime),
    updatedAtMs: parseIstDateTime(d.LastUpdatedTime),
    exchangeTimeMs: parseIstDateTime(d.ExchOrderTime),
    rejectionReason: status === 'REJECTED' ? (present(d.ReasonDescription) ?? null) : null,
    rejectionCode: null,
  };
}

/** What one text message from the socket turned out to be. */
export type OrderUpdateMessage =
  | { readonly kind: 'event'; readonly event: OrderUpdateEvent }
  | { readonly kind: 'ignored'; readonly type: string }
  | { readonly kind: 'auth-failure'; readonly error: BridgeError }
  | { readonly kind: 'malformed'; readonly reason: string };

const AUTH_WORDS = /auth|token|login|unauthori[sz]ed|invalid client/i;

/** Reads an error code/message out of a non-order message, when it carries one. */
function errorOf(msg: Record<string, unknown>): { code: string | null; text: string } | null {
  const data = msg['Data'] !== null && typeof msg['Data'] === 'object' ? (msg['Data'] as Record<string, unknown>) : {};
  const code = msg['errorCode'] ?? msg['ErrorCode'] ?? msg['code'] ?? data['errorCode'] ?? data['ErrorCode'];
  const text = msg['errorMessage'] ?? msg['ErrorMessage'] ?? msg['message'] ?? msg['Message'] ?? data['errorMessage'] ?? data['message'] ?? '';
  const type = String(msg['Type'] ?? '').toLowerCase();
  if (code === undefined && !type.includes('error') && !type.includes('fail')) return null;
  return { code: code === undefined || code === null ? null : String(code), text: typeof text === 'string' ? text : JSON.stringify(text) };
}

/**
 * Parses one text message from the order-update socket. Never throws: not-JSON and invalid
 * `order_alert`s are `malformed`; an error message about the login is `auth-failure`.
 */
export function parseOrderUpdateMessage(text: string, receivedAtMs: number): OrderUpdateMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const env = envelopeSchema.safeParse(json);
  if (!env.success) return { kind: 'malformed', reason: 'not a JSON object' };
  const type = env.data.Type ?? '';
  if (type === 'order_alert') {
    const data = wireOrderAlertDataSchema.safeParse(env.data.Data);
    if (!data.success) {
      const issue = data.error.issues[0];
      return { kind: 'malformed', reason: `order_alert ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}` };
    }
    try {
      const order = mapOrderAlert(data.data);
      const fill = data.data.TradedPrice;
      const ltp = data.data.RefLtp;
      return {
        kind: 'event',
        event: {
          kind: 'order',
          source: 'stream',
          order,
          lastFillPrice: fill !== undefined && fill > 0 ? price(fill, order.instrument.segment) : null,
          referenceLtp: ltp !== undefined && ltp > 0 ? price(ltp, order.instrument.segment) : null,
          receivedAtMs,
        },
      };
    } catch (e) {
      if (e instanceof DhanWireError) return { kind: 'malformed', reason: `order_alert ${e.message}` };
      throw e;
    }
  }
  const err = errorOf(env.data as Record<string, unknown>);
  if (err !== null) {
    const info = err.code === null ? undefined : lookupDhanError(err.code);
    if (info?.authFailure === true || ((info === undefined || info.code === 'DH-906') && AUTH_WORDS.test(err.text))) {
      const error = err.code !== null ? dhanBridgeError(err.code, err.text) : bridgeError('UNAUTHENTICATED', `Dhan order updates refused the login: ${err.text}`, false);
      return { kind: 'auth-failure', error: { ...error, code: 'UNAUTHENTICATED', retryable: false } };
    }
  }
  return { kind: 'ignored', type: type === '' ? '(no Type)' : type };
}

/** Connection state reported to `onStatus`. */
export type OrderUpdateState = 'connecting' | 'open' | 'reconnecting' | 'auth-failed' | 'stopped';

/** A status report. */
export interface OrderUpdateStatus {
  readonly state: OrderUpdateState;
  /** Human-readable, redacted. */
  readonly detail: string;
  /** Reconnect attempts since the last good connection. */
  readonly attempt: number;
  /** For `reconnecting`: the delay chosen, ms. */
  readonly retryInMs?: number;
  /** For `auth-failed`: the error to show (session expired / log in again). */
  readonly error?: BridgeError;
}

/** Counters, for the status bar and tests. */
export interface OrderUpdateStats {
  readonly connections: number;
  readonly messages: number;
  readonly events: number;
  readonly malformed: number;
  readonly ignored: number;
  readonly reconnectScheduled: boolean;
}

/** Options of `DhanOrderUpdates`. */
export interface DhanOrderUpdatesOptions {
  readonly credentials: DhanCredentials | (() => DhanCredentials);
  /** Endpoint; default `wss://api-order-update.dhan.co` (the simulator and tests pass their own). */
  readonly url?: string;
  readonly onEvent: (event: OrderUpdateEvent) => void;
  readonly onStatus?: (status: OrderUpdateStatus) => void;
  /** Receives redacted log lines. */
  readonly log?: (line: string) => void;
  /** First backoff ceiling, ms. Default 500. */
  readonly backoffBaseMs?: number;
  /** Largest backoff ceiling, ms. Default 30000. */
  readonly backoffMaxMs?: number;
  /** An open connection counts as good after this long, ms. Default 10000. */
  readonly stableMs?: number;
  /** Uniform [0, 1) source for the jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Timers and time. Default the globals. */
  readonly clock?: LimiterClock;
}

/** The order-update stream client. `start()` once; `stop()` closes and stops reconnecting. */
export class DhanOrderUpdates {
  private ws: WebSocket | null = null;
  private timer: unknown = null;
  private stableTimer: unknown = null;
  private attempt = 0;
  private stopped = true;
  private authFailed = false;
  private counts = { connections: 0, messages: 0, events: 0, malformed: 0, ignored: 0 };
  private readonly clock: LimiterClock;
  private readonly url: string;

  constructor(private readonly options: DhanOrderUpdatesOptions) {
    this.clock = options.clock ?? systemClock;
    this.url = options.url ?? DHAN_ORDER_UPDATE_URL;
  }

  /** Counters so far. */
  stats(): OrderUpdateStats {
    return { ...this.counts, reconnectScheduled: this.timer !== null };
  }

  /** Connects (no-op when already running). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.authFailed = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the socket and cancels any pending reconnect. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws !== null) ws.terminate();
    this.status({ state: 'stopped', detail: 'stopped', attempt: this.attempt });
  }

  private clearTimers(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    if (this.stableTimer !== null) this.clock.clearTimeout(this.stableTimer);
    this.timer = null;
    this.stableTimer = null;
  }

  private log(line: string): void {
    this.options.log?.(redactText(line));
  }

  private status(s: OrderUpdateStatus): void {
    this.options.onStatus?.(s);
  }

  private credentials(): DhanCredentials {
    const c = this.options.credentials;
    return typeof c === 'function' ? c() : c;
  }

  private connect(): void {
    this.timer = null;
    if (this.stopped) return;
    this.counts.connections += 1;
    this.status({ state: 'connecting', detail: `connecting to ${redactUrl(this.url)}`, attempt: this.attempt });
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.log(`order updates: cannot open ${redactUrl(this.url)}: ${(e as Error).message}`);
      this.scheduleReconnect('bad URL');
      return;
    }
    this.ws = ws;
    ws.on('open', () => {
      if (ws !== this.ws) return;
      ws.send(orderUpdateLoginMessage(this.credentials()));
      this.log(`order updates: connected to ${redactUrl(this.url)}, login sent`);
      this.status({ state: 'open', detail: 'connected', attempt: this.attempt });
      this.stableTimer = this.clock.setTimeout(() => {
        this.stableTimer = null;
        this.attempt = 0;
      }, this.options.stableMs ?? 10_000);
    });
    ws.on('message', (data, isBinary) => {
      if (ws !== this.ws) return;
      this.onMessage(isBinary ? null : data.toString());
    });
    ws.on('unexpected-response', (_req, res) => {
      if (ws !== this.ws) return;
      const code = res.statusCode ?? 0;
      if (code === 401 || code === 403) {
        this.failAuth(bridgeError('UNAUTHENTICATED', `Dhan order updates refused the connection (HTTP ${code}); log in again`, false, `HTTP ${code}`));
      } else {
        this.log(`order updates: upgrade refused with HTTP ${code}`);
      }
      ws.terminate();
    });
    ws.on('error', (e) => {
      this.log(`order updates: socket error: ${e.message}`);
    });
    ws.on('close', (code, reasonBuf) => {
      if (ws !== this.ws) return;
      this.ws = null;
      if (this.stableTimer !== null) {
        this.clock.clearTimeout(this.stableTimer);
        this.stableTimer = null;
      }
      if (this.stopped || this.authFailed) return;
      const reason = reasonBuf.toString();
      if (code === 1008 || (code >= 4001 && code <= 4003) || (reason !== '' && AUTH_WORDS.test(reason))) {
        this.failAuth(bridgeError('UNAUTHENTICATED', `Dhan order updates closed the session (${code}${reason ? ` ${reason}` : ''}); log in again`, false, String(code)));
        return;
      }
      this.scheduleReconnect(`closed (${code}${reason ? ` ${redactText(reason)}` : ''})`);
    });
  }

  private onMessage(text: string | null): void {
    this.counts.messages += 1;
    if (text === null) {
      this.counts.malformed += 1;
      this.log('order updates: binary message skipped (the stream is JSON)');
      return;
    }
    const m = parseOrderUpdateMessage(text, this.clock.now());
    switch (m.kind) {
      case 'event':
        this.counts.events += 1;
        this.attempt = 0;
        this.options.onEvent(m.event);
        return;
      case 'ignored':
        this.counts.ignored += 1;
        return;
      case 'malformed':
        this.counts.malformed += 1;
        this.log(`order updates: malformed message skipped (${m.reason})`);
        return;
      case 'auth-failure':
        this.failAuth(m.error);
        return;
    }
  }

  private failAuth(error: BridgeError): void {
    if (this.authFailed) return;
    this.authFailed = true;
    this.stopped = true;
    this.clearTimers();
    this.log(`order updates: authentication failed, not reconnecting: ${error.message}`);
    const ws = this.ws;
    this.ws = null;
    ws?.terminate();
    this.status({ state: 'auth-failed', detail: redactText(error.message), attempt: this.attempt, error });
  }

  private scheduleReconnect(why: string): void {
    if (this.stopped) return;
    const base = this.options.backoffBaseMs ?? 500;
    const max = this.options.backoffMaxMs ?? 30_000;
    const ceiling = Math.min(max, base * 2 ** Math.min(this.attempt, 30));
    const delay = Math.floor((this.options.random ?? Math.random)() * ceiling);
    this.attempt += 1;
    this.log(`order updates: ${why}; reconnecting in ${delay} ms (attempt ${this.attempt})`);
    this.status({ state: 'reconnecting', detail: why, attempt: this.attempt, retryInMs: delay });
    this.timer = this.clock.setTimeout(() => this.connect(), delay);
  }
}
