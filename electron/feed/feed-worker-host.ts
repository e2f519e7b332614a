/**
 * The feed worker's logic, independent of `worker_threads` so tests can drive it over a
 * `MessageChannel`: takes {@link FeedCommand}s, runs a {@link FeedEngine} over {@link FeedTables},
 * and posts at most `maxBatchesPerSecond` conflated batches (default 60, one per display frame) with
 * their ArrayBuffers in the transfer list, plus status reports and issues.
 *
 * Source: issue 3, "Feed worker". Nothing per tick crosses to the main thread: ticks land in the
 * tables; what changed since the previous batch is packed into one batch (a quiet frame sends
 * nothing), paced from the data: a socket message arriving when the last batch is at least one
 * frame old is sent at the end of the current event-loop turn (messages read together share it),
 * else when that frame ends. (A free-running frame timer made every tick wait 0…17 ms for no
 * reason after a quiet spell: tick-to-pixel benchmark, electron/host/tick-to-pixel.bench.ts.)
 * Commands with bad arguments are answered with an `error` event and change nothing; no
 * exception escapes to the worker's top level. Subscriptions sent before `connect` are kept and
 * applied when it comes.
 */
import type { WebSocket } from 'ws';
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import { parseSegment } from '../brokers/dhan/segments';
import { BufferPool } from './buffer-pool';
import { SUBSCRIPTION_MODES, type SubscriptionMode } from './connection-plan';
import { FeedEngine } from './feed-engine';
import type { FeedCommand, FeedEvent, FeedWorkerSettings } from './feed-protocol';
import type { FeedClock } from './feed-socket';
import { DHAN_TABLE_CAPACITIES, FeedTables } from './feed-tables';

/** The port the host talks through: `parentPort` in the worker, a `MessagePort` in tests. */
export interface FeedHostPort {
  postMessage(message: FeedEvent, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (message: FeedCommand) => void): unknown;
}

/** Test seams; the worker uses the defaults. */
export interface FeedHostDeps {
  readonly createSocket?: (url: string) => WebSocket;
  readonly clock?: FeedClock;
  readonly random?: () => number;
}

/** Shortest gap between two status reports caused by socket state changes (ms). */
const STATUS_COALESCE_MS = 100;

/** Epoch ms with sub-millisecond resolution, comparable across threads of one process. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** See the file comment. */
export class FeedWorkerHost {
  private readonly port: FeedHostPort;
  private readonly deps: FeedHostDeps;
  private engine: FeedEngine | null = null;
  private tables: FeedTables | null = null;
  private readonly pending: FeedCommand[] = [];
  /** Cancels the scheduled batch, or null when none is scheduled. */
  private batchCancel: (() => void) | null = null;
  /** Shortest gap between two batches, ms (`1000 / maxBatchesPerSecond`, rounded up). */
  private batchIntervalMs = 17;
  /** `performance.now()` of the last batch posted. */
  private lastBatchAt = -Infinity;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private statusSoon: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private closed = false;
  /** Batch buffers, returned by the main thread after use. */
  readonly pool = new BufferPool();

  constructor(port: FeedHostPort, deps: FeedHostDeps = {}) {
    this.port = port;
    this.deps = deps;
    port.on('message', (m) => this.handle(m));
  }

  /** Handles one command; never throws. */
  handle(command: FeedCommand): void {
    try {
      this.dispatch(command);
    } catch (e) {
      this.port.postMessage({ type: 'error', message: `feed worker: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Packs and posts one batch now if anything changed (the frame timer calls this). */
  flush(): void {
    const tables = this.tables;
    const engine = this.engine;
    if (tables === null || engine === null) return;
    const b = tables.takeBatch(this.pool);
    if (b === null) return;
    const transfer: ArrayBuffer[] = [];
    for (const x of [b.ticks, b.quotes, b.depth20, b.depth200]) if (x !== null) transfer.push(x);
    engine.batches++;
    this.lastBatchAt = performance.now();
    this.port.postMessage(
      { type: 'batch', seq: ++this.seq, sentAt: preciseNow(), ticks: b.ticks, quotes: b.quotes, depth20: b.depth20, depth200: b.depth200 },
      transfer,
    );
  }

  private dispatch(c: FeedCommand): void {
    if (this.closed) throw new Error('closed');
    switch (c.type) {
      case 'connect':
        this.connect(c.credentials, c.settings ?? {});
        return;
      case 'credentials':
        if (this.engine === null) throw new Error('credentials before connect');
        this.engine.setCredentials(checkCredentials(c.credentials));
        return;
      case 'subscribe':
      case 'unsubscribe': {
        const mode = checkMode(c.mode);
        const list = checkInstruments(c.instruments);
        if (this.engine === null) {
          this.pending.push({ type: c.type, mode, instruments: list });
          return;
        }
        if (c.type === 'subscribe') this.engine.subscribe(mode, list);
        else this.engine.unsubscribe(mode, list);
        return;
      }
      case 'recycle':
        if (!Array.isArray(c.buffers)) throw new Error('recycle needs a list of buffers');
        for (const b of c.buffers) if (b instanceof ArrayBuffer) this.pool.give(b);
        return;
      case 'close':
        this.close();
        return;
      default:
        throw new Error(`unknown command ${JSON.stringify((c as { type?: unknown }).type)}`);
    }
  }

  private connect(credentials: unknown, s: FeedWorkerSettings): void {
    const creds = checkCredentials(credentials);
    if (this.engine !== null) {
      this.engine.setCredentials(creds);
      return;
    }
    const hz = s.maxBatchesPerSecond ?? 60;
    const statusHz = s.statusPerSecond ?? 1;
    if (!(hz > 0 && hz <= 1000) || !(statusHz > 0 && statusHz <= 100)) throw new Error('batch and status rates must be positive');
    this.tables = new FeedTables(s.capacities ?? DHAN_TABLE_CAPACITIES);
    this.engine = new FeedEngine({
      credentials: creds,
      tables: this.tables,
      onIssue: (issue) => {
        this.port.postMessage({ type: 'issue', issue });
        this.statusChanged();
      },
      onChange: () => this.statusChanged(),
      onFrame: () => this.scheduleBatch(),
      ...(s.bases === undefined ? {} : { bases: s.bases }),
      ...(s.limits === undefined ? {} : { limits: s.limits }),
      ...(s.staleMs === undefined ? {} : { staleMs: s.staleMs }),
      ...(s.backoff === undefined ? {} : { backoff: s.backoff }),
      ...(this.deps.clock === undefined ? {} : { clock: this.deps.clock }),
      ...(this.deps.random === undefined ? {} : { random: this.deps.random }),
      ...(this.deps.createSocket === undefined ? {} : { createSocket: this.deps.createSocket }),
    });
    // Whole milliseconds, rounded up, so the rate never exceeds `hz` (17 ms at 60 Hz: 58.8 batches/s).
    this.batchIntervalMs = Math.ceil(1000 / hz);
    this.statusTimer = setInterval(() => this.postStatus(), 1000 / statusHz);
    for (const p of this.pending.splice(0)) this.dispatch(p);
  }

  /** Schedules one batch: at the end of this turn if the last one is a frame old, else when its frame ends. */
  private scheduleBatch(): void {
    if (this.batchCancel !== null || this.closed) return;
    const run = () => {
      this.batchCancel = null;
      this.flush();
    };
    const wait = this.lastBatchAt + this.batchIntervalMs - performance.now();
    if (wait <= 0) {
      const t = setImmediate(run);
      this.batchCancel = () => clearImmediate(t);
    } else {
      const t = setTimeout(run, wait);
      this.batchCancel = () => clearTimeout(t);
    }
  }

  private statusChanged(): void {
    if (this.statusSoon !== null || this.closed) return;
    this.statusSoon = setTimeout(() => {
      this.statusSoon = null;
      this.postStatus();
    }, STATUS_COALESCE_MS);
  }

  private postStatus(): void {
    if (this.engine === null) return;
    this.port.postMessage({ type: 'status', status: this.engine.status() });
  }

  /** Closes every socket, posts a last batch and status, then `closed` once the sockets are done. */
  private close(): void {
    const sockets = this.engine?.close() ?? Promise.resolve();
    this.flush();
    this.postStatus();
    this.closed = true;
    this.batchCancel?.();
    this.batchCancel = null;
    if (this.statusTimer !== null) clearInterval(this.statusTimer);
    if (this.statusSoon !== null) clearTimeout(this.statusSoon);
    void sockets.then(() => this.port.postMessage({ type: 'closed' }));
  }
}

function checkCredentials(c: unknown): { clientId: string; accessToken: string } {
  const o = c as { clientId?: unknown; accessToken?: unknown } | null;
  if (o === null || typeof o !== 'object' || typeof o.clientId !== 'string' || typeof o.accessToken !== 'string' || o.clientId === '' || o.accessToken === '') {
    throw new Error('credentials need a non-empty clientId and accessToken');
  }
  return { clientId: o.clientId, accessToken: o.accessToken };
}

function checkMode(m: unknown): SubscriptionMode {
  if (!SUBSCRIPTION_MODES.includes(m as SubscriptionMode)) throw new Error(`unknown subscription mode ${JSON.stringify(m)}`);
  return m as SubscriptionMode;
}

function checkInstruments(list: unknown): FeedInstrument[] {
  if (!Array.isArray(list)) throw new Error('instruments must be an array');
  return list.map((i: unknown, n) => {
    const o = i as { segment?: unknown; securityId?: unknown } | null;
    const segment = typeof o?.segment === 'string' ? parseSegment(o.segment) : null;
    const id = o?.securityId;
    if (segment === null) throw new Error(`instrument ${n}: unknown segment ${JSON.stringify(o?.segment)}`);
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new Error(`instrument ${n}: security id must be a u32 integer, got ${JSON.stringify(id)}`);
    }
    return { segment, securityId: id };
  });
}
