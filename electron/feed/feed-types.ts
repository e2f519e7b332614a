/**
 * Data types the feed worker reports: socket status, feed status and issues. They cross the
 * worker → main boundary as structured clones (a few per second, never per tick) and carry no
 * secret: no URL, no token (socket errors are redacted before they get here).
 *
 * Source: issue 3, "Feed worker" (status: socket states, messages/s, last message age, errors,
 * counts of malformed frames; disconnect reasons 805…810 surfaced with their meaning).
 */
import type { ErrorCode } from '../../shared/errors';
import type { DhanFeedSocketKind } from '../brokers/dhan/feed-urls';
import type { Refusal } from './connection-plan';

/**
 * Life of one socket:
 * - `connecting`: WebSocket handshake under way;
 * - `open`: connected and subscribed to its wanted set;
 * - `waiting`: dropped, waiting out the backoff before the next attempt;
 * - `stopped`: gave up after the server refused the credentials or the data subscription (807-810,
 *   806): it stays down until new credentials arrive;
 * - `closed`: closed on purpose (no longer planned, or the feed was closed).
 */
export type FeedSocketState = 'connecting' | 'open' | 'waiting' | 'stopped' | 'closed';

/** A server disconnect reason (feed code 50) with its annexure meaning (seeds/002, Data API Error). */
export interface FeedDisconnectReason {
  /** 805…810 (or any other code the server sends). */
  readonly code: number;
  readonly meaning: string;
  readonly shared: ErrorCode;
}

/** Status of one socket. Times are epoch milliseconds (UTC) from the worker's clock; 0 = never. */
export interface FeedSocketStatus {
  readonly id: string;
  readonly kind: DhanFeedSocketKind;
  readonly state: FeedSocketState;
  /** Subscriptions wanted on this socket (instrument × mode). */
  readonly subscriptions: number;
  /** Binary messages received since the socket object was created (all connections). */
  readonly messages: number;
  /** Messages per second over the last status period. */
  readonly messagesPerSecond: number;
  readonly lastMessageAt: number;
  /** Milliseconds since the last message at the time of the status (or since open, if none). */
  readonly lastMessageAgeMs: number;
  /** Reconnect attempts made. */
  readonly reconnects: number;
  /** Times the socket was found stale (subscribed, silent for longer than the stale limit). */
  readonly staleCount: number;
  /** Malformed frames or packets counted and skipped. */
  readonly malformed: number;
  /** Last transport error, redacted. */
  readonly lastError?: string;
  /** Last server disconnect packet (or HTTP 401/403 refusal of the handshake). */
  readonly lastDisconnect?: FeedDisconnectReason;
  /** When `lastDisconnect` arrived, epoch ms (UTC) from the worker's clock; tells two 805s apart. */
  readonly lastDisconnectAt?: number;
}

/** Status of the whole feed. */
export interface FeedStatus {
  /** Epoch ms (UTC) when the status was taken. */
  readonly at: number;
  readonly sockets: readonly FeedSocketStatus[];
  /** True once any socket got 807-810: every socket stopped; new credentials are needed. */
  readonly sessionExpired: boolean;
  /** Wanted subscriptions that no socket carries, with the reason. */
  readonly refused: readonly Refusal[];
  /** Malformed frames or packets counted and skipped, all sockets, since start. */
  readonly malformed: number;
  /** Conflated batches sent to the main thread since start. */
  readonly batches: number;
}

/** Something the user or the core should hear about (never per tick). */
export type FeedIssue =
  /** Subscribed, but nothing arrived for `silentMs`: the socket is dropped and reconnected. */
  | { readonly kind: 'stale'; readonly socketId: string; readonly silentMs: number }
  /** The server sent a disconnect packet (code 50). */
  | { readonly kind: 'server-disconnect'; readonly socketId: string; readonly reason: FeedDisconnectReason }
  /** 807-810 (or 806): reconnecting stopped on every socket until new credentials arrive. */
  | { readonly kind: 'session-expired'; readonly reason: FeedDisconnectReason }
  /** A transport error (refused connection, bad handshake…), redacted. */
  | { readonly kind: 'socket-error'; readonly socketId: string; readonly message: string }
  /** The wanted set does not fit; these subscriptions are not carried. */
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] };
