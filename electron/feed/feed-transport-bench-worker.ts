/**
 * Worker side of feed-transport.bench.ts (not used by the app): produces ticks and posts them to the
 * main thread the way the feed worker does (feed-worker-host.ts `flush`).
 *
 * Each tick is one sink call on `FeedTables.quotes` (what the decoder does per packet) for a
 * distinct instrument, so conflation saves nothing (the worst case for the transport). `ticker`
 * form: ticker packets, so a batch is the tick lane only; `quote` form: quote packets, so every
 * instrument also gets its full quote record. A batch is `FeedTables.takeBatch(pool)`, posted with
 * its buffers in the transfer list; the main thread transfers them back into the pool.
 * Phases: `throughput` (as fast as the main thread keeps up, at most `window` batches in flight,
 * credits through a SharedArrayBuffer) and `latency` (ticks offered at a fixed rate, a batch every
 * `flushMs`, each stamped with its post time; the worker sleeps between batches).
 */
import { receiveMessageOnPort, workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { FEED_QUOTE_FIELDS, FeedField } from '../brokers/dhan/feed-codec';
import { BufferPool } from './buffer-pool';
import { FeedTables } from './feed-tables';

/** Settings passed in `workerData`. */
export interface TransportBenchSettings {
  readonly form: 'ticker' | 'quote';
  readonly phase: 'throughput' | 'latency';
  readonly instruments: number;
  readonly batchTicks: number;
  readonly window: number;
  readonly seconds: number;
  readonly offeredPerSecond: number;
  readonly flushMs: number;
  /** Int32Array view: [0] batches acknowledged by main, [1] stop flag. */
  readonly control: SharedArrayBuffer;
  /** Where the main thread transfers used buffers back (drained synchronously before each batch). */
  readonly recycle: MessagePort;
}

const s = workerData as TransportBenchSettings;
const ctl = new Int32Array(s.control);
const port = parentPort!;
const now = (): number => performance.timeOrigin + performance.now();
const NSE_FNO = 2;
const FIRST_ID = 35_000;
const LTT = 1_732_170_000;

const tables = new FeedTables({ quotes: s.instruments, depth20: 1, depth200: 1 });
for (let i = 0; i < s.instruments; i++) tables.track('quotes', { segment: 'NSE_FNO', securityId: FIRST_ID + i });
const sink = tables.quotes;
const pool = new BufferPool();

const quoteFields = new Float64Array(FEED_QUOTE_FIELDS);
quoteFields[FeedField.LTQ] = 75;
quoteFields[FeedField.TOTAL_SELL_QTY] = 1000;
quoteFields[FeedField.TOTAL_BUY_QTY] = 1200;
quoteFields[FeedField.OPEN] = 99;
quoteFields[FeedField.LOW] = 95;

let next = 0;
function tick(k: number): void {
  const id = FIRST_ID + next;
  next = next + 1 === s.instruments ? 0 : next + 1;
  const ltp = 100 + (k % 1000) * 0.05;
  if (s.form === 'ticker') sink.ticker(NSE_FNO, id, ltp, LTT + (k & 1023));
  else {
    // The decoder's field array for a quote packet (feed-codec.ts FeedField order).
    quoteFields[FeedField.LTP] = ltp;
    quoteFields[FeedField.LTT] = LTT + (k & 1023);
    quoteFields[FeedField.ATP] = ltp;
    quoteFields[FeedField.VOLUME] = k;
    quoteFields[FeedField.HIGH] = ltp;
    sink.quote(NSE_FNO, id, quoteFields);
  }
}

let sent = 0;
function flush(): void {
  for (let m = receiveMessageOnPort(s.recycle); m !== undefined; m = receiveMessageOnPort(s.recycle)) {
    for (const b of m.message as ArrayBuffer[]) pool.give(b);
  }
  const b = tables.takeBatch(pool);
  if (b === null) return;
  const transfer = b.quotes === null ? [b.ticks!] : [b.ticks!, b.quotes];
  port.postMessage({ sentAt: now(), ticks: b.ticks, quotes: b.quotes }, transfer);
  sent++;
}

let k = 0;
if (s.phase === 'throughput') {
  while (Atomics.load(ctl, 1) === 0) {
    while (sent - Atomics.load(ctl, 0) >= s.window && Atomics.load(ctl, 1) === 0) {
      Atomics.wait(ctl, 0, Atomics.load(ctl, 0), 5);
    }
    for (let i = 0; i < s.batchTicks; i++) tick(k++);
    flush();
  }
} else {
  const start = now();
  const end = start + s.seconds * 1000;
  let lastFlush = start;
  let t = start;
  while (t < end) {
    const due = Math.floor(((t - start) * s.offeredPerSecond) / 1000) - k;
    for (let i = 0; i < due; i++) tick(k++);
    if (t - lastFlush >= s.flushMs) {
      flush();
      lastFlush = t;
    }
    // Sleep until the next batch instead of spinning: an offered load leaves the core idle.
    const wait = lastFlush + s.flushMs - now();
    if (wait > 0.05) Atomics.wait(ctl, 1, 0, wait);
    t = now();
  }
}
port.postMessage({ done: true, ticks: k, batches: sent, allocated: pool.allocated });
