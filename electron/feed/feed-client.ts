/**
 * Main-thread side of the feed worker: starts the worker, sends it commands, and turns what comes
 * back into typed events. Every listener registration returns a disposer.
 *
 * Source: issue 3, "Feed worker"; DESIGN.md ("Market data never makes React re-render per tick":
 * batches arrive at most once per display frame, conflated, as transferred buffers; quotes are read
 * zero-copy through `PackedQuotes`, depth through `unpackDepth`).
 *
 * Worker URL: by default `./feed-worker.ts` next to this file, which works under tsx and vitest (a
 * `.ts` entry is started through `tsx-worker-bootstrap.mjs`, which registers tsx inside the worker).
 * The Electron build must bundle `electron/feed/feed-worker.ts` as `feed-worker.cjs` beside
 * `main.cjs` and pass its URL: `FeedClient.start({ workerUrl: pathToFileURL(join(__dirname,
 * 'feed-worker.cjs')) })`.
 *
 * Credentials go to the worker inside this process only; nothing here logs them.
 */
import { Worker } from 'node:worker_threads';
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import type { DhanFeedCredentials } from '../brokers/dhan/feed-urls';
import type { SubscriptionMode } from './connection-plan';
import { unpackDepth, type DepthSnapshot } from './depth-table';
import type { FeedBatchMessage, FeedCommand, FeedEvent, FeedWorkerSettings } from './feed-protocol';
import type { FeedIssue, FeedStatus } from './feed-types';
import { PackedQuotes } from './quote-table';
import { PackedTicks } from './tick-lane';

/** Removes a listener (or ends whatever it was returned for). Calling it twice is harmless. */
export type Disposer = () => void;

/**
 * One conflated batch as the main thread sees it. VALID ONLY DURING THE `onBatch` CALLBACK: right
 * after the listeners return, its buffers go back to the worker for reuse (see buffer-pool.ts), so
 * copy what you keep (forward it, write it into a store). Depth snapshots are plain objects and may
 * be kept.
 */
export interface FeedBatch {
  /** 1, 2, 3… in the order the worker sent them. */
  readonly seq: number;
  /** Epoch ms when the worker posted it / when it arrived here (`performance.timeOrigin + now()`). */
  readonly sentAt: number;
  readonly receivedAt: number;
  /**
   * Every instrument whose quote state changed: LTP, LTT, LTQ, volume (zero-copy reader of the
   * transferred buffer), or null when none changed. A watchlist needs only this.
   */
  readonly ticks: PackedTicks | null;
  /**
   * Full quote records (OHLC, ATP, OI, totals, 5 depth levels) of the instruments that received a
   * quote, full, OI or prev-close packet since the previous batch, or null when none did.
   */
  readonly quotes: PackedQuotes | null;
  /** Changed 20-level and 200-level depth, one snapshot per instrument. */
  readonly depth20: readonly DepthSnapshot[];
  readonly depth200: readonly DepthSnapshot[];
}

/** Options of {@link FeedClient.start}. */
export interface FeedClientOptions {
  /** Worker entry: a `.ts` file (dev/tests, via tsx) or the bundled `.cjs`. Default: feed-worker.ts here. */
  readonly workerUrl?: URL | string;
}

/** Turns a posted batch into a {@link FeedBatch}. Throws RangeError on a buffer that is not a packing. */
export function unpackFeedBatch(m: FeedBatchMessage, receivedAt: number): FeedBatch {
  return {
    seq: m.seq,
    sentAt: m.sentAt,
    receivedAt,
    ticks: m.ticks === null ? null : new PackedTicks(m.ticks),
    quotes: m.quotes === null ? null : new PackedQuotes(m.quotes),
    depth20: m.depth20 === null ? [] : unpackDepth(m.depth20),
    depth200: m.depth200 === null ? [] : unpackDepth(m.depth200),
  };
}

class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(fn: (value: T) => void): Disposer {
    this.set.add(fn);
    return () => void this.set.delete(fn);
  }
  emit(value: T): void {
    for (const fn of [...this.set]) {
      try {
        fn(value);
      } catch {
        // One broken listener must not starve the others (or kill the message loop).
      }
    }
  }
}

/** See the file comment. */
export class FeedClient {
  private readonly worker: Worker;
  private readonly batches = new Listeners<FeedBatch>();
  private readonly statuses = new Listeners<FeedStatus>();
  private readonly issues = new Listeners<FeedIssue>();
  private readonly errors = new Listeners<string>();
  private status: FeedStatus | null = null;
  private closing: Promise<void> | null = null;
  private exited = false;
  private closedSeen: (() => void) | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: FeedEvent) => this.receive(m));
    worker.on('error', (e) => this.errors.emit(`feed worker failed: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', () => {
      this.exited = true;
      this.closedSeen?.();
    });
  }

  /** Starts the worker thread. It does nothing until {@link connect}. */
  static start(options: FeedClientOptions = {}): FeedClient {
    const url = options.workerUrl ?? new URL('./feed-worker.ts', import.meta.url);
    const href = String(url);
    const worker = /\.m?ts$/.test(new URL(href, 'file:///').pathname)
      ? new Worker(new URL('./tsx-worker-bootstrap.mjs', import.meta.url), { workerData: { tsxEntry: href } })
      : new Worker(new URL(href));
    return new FeedClient(worker);
  }

  /** Starts the sockets with these credentials (Dhan client id and access token). */
  connect(credentials: DhanFeedCredentials, settings?: FeedWorkerSettings): void {
    this.send(settings === undefined ? { type: 'connect', credentials } : { type: 'connect', credentials, settings });
  }

  /** New credentials after a login: every socket is rebuilt; a session expiry is cleared. */
  setCredentials(credentials: DhanFeedCredentials): void {
    this.send({ type: 'credentials', credentials });
  }

  /** Wants these instruments in `mode` (ticker, quote, full, depth20, depth200). */
  subscribe(mode: SubscriptionMode, instruments: readonly FeedInstrument[]): void {
    this.send({ type: 'subscribe', mode, instruments });
  }

  /** No longer wants these instruments in `mode`. */
  unsubscribe(mode: SubscriptionMode, instruments: readonly FeedInstrument[]): void {
    this.send({ type: 'unsubscribe', mode, instruments });
  }

  /** Conflated batches, at most one per display frame. */
  onBatch(fn: (batch: FeedBatch) => void): Disposer {
    return this.batches.add(fn);
  }

  /** Status reports (about once a second, and soon after a socket changes state). */
  onStatus(fn: (status: FeedStatus) => void): Disposer {
    return this.statuses.add(fn);
  }

  /** Stale feeds, server disconnect reasons, session expiry, refusals, socket errors. */
  onIssue(fn: (issue: FeedIssue) => void): Disposer {
    return this.issues.add(fn);
  }

  /** Commands the worker refused, unreadable batches, and a crashed worker, in words. */
  onError(fn: (message: string) => void): Disposer {
    return this.errors.add(fn);
  }

  /** The last status report, or null before the first. */
  get lastStatus(): FeedStatus | null {
    return this.status;
  }

  /**
   * Closes every socket (each gets the disconnect request), then ends the worker. Resolves when the
   * worker has exited; waits at most `graceMs` for the sockets before terminating the thread.
   */
  close(graceMs = 2000): Promise<void> {
    if (this.closing !== null) return this.closing;
    this.closing = new Promise<void>((resolve) => {
      if (this.exited) {
        resolve();
        return;
      }
      const timer = setTimeout(() => void this.worker.terminate(), graceMs);
      this.closedSeen = () => {
        clearTimeout(timer);
        resolve();
      };
      this.worker.once('message', () => {}); // keep the port referenced until the reply
      this.send({ type: 'close' });
    });
    return this.closing;
  }

  private send(c: FeedCommand): void {
    if (this.exited) {
      this.errors.emit(`feed worker has exited; ${c.type} not sent`);
      return;
    }
    this.worker.postMessage(c);
  }

  private receive(m: FeedEvent): void {
    switch (m.type) {
      case 'batch': {
        const at = performance.timeOrigin + performance.now();
        let batch: FeedBatch;
        try {
          batch = unpackFeedBatch(m, at);
        } catch (e) {
          this.errors.emit(`unreadable feed batch ${m.seq}: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
        this.batches.emit(batch);
        const back: ArrayBuffer[] = [];
        for (const x of [m.ticks, m.quotes, m.depth20, m.depth200]) if (x !== null) back.push(x);
        if (back.length > 0 && !this.exited) this.worker.postMessage({ type: 'recycle', buffers: back } satisfies FeedCommand, back);
        return;
      }
      case 'status':
        this.status = m.status;
        this.statuses.emit(m.status);
        return;
      case 'issue':
        this.issues.emit(m.issue);
        return;
      case 'error':
        this.errors.emit(m.message);
        return;
      case 'closed':
        void this.worker.terminate();
        return;
    }
  }
}
