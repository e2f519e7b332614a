/**
 * Messages between the main thread (feed-client.ts) and the feed worker (feed-worker-host.ts).
 *
 * Source: issue 3, "Feed worker". Commands go down; batches, status and issues come up. Batches
 * carry ArrayBuffers that are TRANSFERRED (listed in postMessage's transfer list), never cloned;
 * status and issues are small structured clones a few times per second. Credentials travel only
 * down, inside the process, and are never echoed back.
 */
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import type { DhanFeedBases, DhanFeedCredentials } from '../brokers/dhan/feed-urls';
import type { BackoffOptions } from './backoff';
import type { ConnectionLimits, SubscriptionMode } from './connection-plan';
import type { FeedTableCapacities } from './feed-tables';
import type { FeedIssue, FeedStatus } from './feed-types';

/** Tunables of the worker; every field has a default. */
export interface FeedWorkerSettings {
  /** Batches per second at most (display frames); default 60. */
  readonly maxBatchesPerSecond?: number;
  /** Status reports per second; default 1 (plus one soon after any socket state change). */
  readonly statusPerSecond?: number;
  /** Subscribed and silent for this long → stale (ms); default 30 000. */
  readonly staleMs?: number;
  readonly backoff?: BackoffOptions;
  readonly limits?: ConnectionLimits;
  readonly capacities?: FeedTableCapacities;
  /** Socket bases (default: Dhan production); the simulated exchange passes its loopback origin. */
  readonly bases?: DhanFeedBases;
}

/** Main → worker. */
export type FeedCommand =
  | { readonly type: 'connect'; readonly credentials: DhanFeedCredentials; readonly settings?: FeedWorkerSettings }
  | { readonly type: 'credentials'; readonly credentials: DhanFeedCredentials }
  | { readonly type: 'subscribe'; readonly mode: SubscriptionMode; readonly instruments: readonly FeedInstrument[] }
  | { readonly type: 'unsubscribe'; readonly mode: SubscriptionMode; readonly instruments: readonly FeedInstrument[] }
  /**
   * Buffers of batches the main thread is done with, transferred back for reuse (no allocation per
   * frame in steady state).
   */
  | { readonly type: 'recycle'; readonly buffers: readonly ArrayBuffer[] }
  | { readonly type: 'close' };

/** One conflated batch as posted (its buffers are in the transfer list). */
export interface FeedBatchMessage {
  readonly type: 'batch';
  /** 1, 2, 3… per worker. */
  readonly seq: number;
  /** Epoch ms (UTC, `performance.timeOrigin + performance.now()`) when the worker posted it. */
  readonly sentAt: number;
  /** Tick lane (tick-lane.ts): every changed quote-table instrument. */
  readonly ticks: ArrayBuffer | null;
  /** Full quote records (quote-table.ts) of instruments whose other fields changed. */
  readonly quotes: ArrayBuffer | null;
  readonly depth20: ArrayBuffer | null;
  readonly depth200: ArrayBuffer | null;
}

/** Worker → main. */
export type FeedEvent =
  | FeedBatchMessage
  | { readonly type: 'status'; readonly status: FeedStatus }
  | { readonly type: 'issue'; readonly issue: FeedIssue }
  /** A command the worker could not carry out (bad arguments, not connected), in words. */
  | { readonly type: 'error'; readonly message: string }
  /** Reply to `close`: every socket is closed; the worker may be terminated. */
  | { readonly type: 'closed' };
