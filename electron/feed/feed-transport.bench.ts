/**
 * Worker → main transport of the feed (issue 3, "Speed"): `feed_transport` in ticks/s sustained and
 * `feed_transport_p99` in ms at 1 M ticks/s offered. Targets: ≥ 10 M ticks/s, p99 ≤ 0.5 ms.
 *
 * What is measured (see feed-transport-bench-worker.ts): the app's own path, worst case for
 * conflation (every tick in a batch is a different instrument, out of 25,000 = 5 connections ×
 * 5000): a worker thread writes ticks into the quote table through `FeedTables.quotes` (the
 * decoder's sink), packs batches with `FeedTables.takeBatch(pool)`, posts them with a transfer
 * list; the main thread reads every record through `PackedTicks` / `PackedQuotes`, as `FeedClient`
 * hands them to listeners, and transfers the buffers back to the worker's pool.
 * - `feed_transport`: ticker packets (the tick lane, 48 bytes per instrument), at most 4 batches
 *   in flight, so the rate is sustained, not queued; the best of three 1-second windows.
 * - `feed_transport_p99`: the same with ticks offered at 1 M/s and a batch every 1 ms; latency is
 *   main-thread receipt minus the worker's post time, per batch. (The app batches once per display
 *   frame, so a tick also waits up to one frame, 16.7 ms at 60 Hz, by design.)
 * - `feed_transport_quote` / `feed_transport_quote_p99`: quote packets, so every instrument also
 *   carries its full 408-byte quote record (OHLC, OI, 5 depth levels) from `QuoteTable.packDirty`.
 * - `feed_transport_floor_p99`: the same latency for tiny messages from an idle worker, measured
 *   just before, so a p99 can be read against what the machine allows at that moment.
 * Machine load from other processes shows up in the p99 figures: run on a quiet machine.
 * Run: `npx tsx scripts/bench.ts feed-transport` (`BENCH_VERBOSE=1` adds the latency distribution).
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { BenchFigure } from '../../scripts/bench-kit';
import { percentile } from '../../scripts/bench-kit';
import type { TransportBenchSettings } from './feed-transport-bench-worker';
import { PackedQuotes, QuoteField } from './quote-table';
import { PackedTicks } from './tick-lane';

const INSTRUMENTS = 25_000;

interface Outcome {
  readonly ticksPerSecond: number;
  readonly latenciesMs: number[];
  readonly checksum: number;
}

interface Posted {
  readonly sentAt?: number;
  readonly ticks?: ArrayBuffer;
  readonly quotes?: ArrayBuffer | null;
  readonly done?: boolean;
}

function runWorker(settings: Omit<TransportBenchSettings, 'control' | 'recycle'>, measureSeconds: number, warmupSeconds: number): Promise<Outcome> {
  const control = new SharedArrayBuffer(8);
  const ctl = new Int32Array(control);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./tsx-worker-bootstrap.mjs', import.meta.url), {
    workerData: { ...settings, control, recycle: port2, tsxEntry: new URL('./feed-transport-bench-worker.ts', import.meta.url).href },
    transferList: [port2],
  });
  return new Promise<Outcome>((resolve, reject) => {
    let ticks = 0;
    let checksum = 0;
    let t0 = 0;
    let measuring = false;
    let windowStart = 0;
    let windowTicks = 0;
    let windows = 0;
    let best = 0;
    const latencies: number[] = [];
    const started = performance.now();
    worker.on('error', reject);
    worker.on('message', (m: Posted) => {
      if (m.done === true) {
        const secs = (performance.now() - t0) / 1000;
        void worker.terminate();
        port1.close();
        const average = ticks / secs;
        resolve({ ticksPerSecond: Math.round(settings.phase === 'throughput' ? Math.max(best, average) : average), latenciesMs: latencies, checksum });
        return;
      }
      const receivedAt = performance.timeOrigin + performance.now();
      const p = new PackedTicks(m.ticks!);
      const n = p.count;
      for (let i = 0; i < n; i++) checksum += p.ltp(i);
      if (m.quotes !== undefined && m.quotes !== null) {
        const q = new PackedQuotes(m.quotes);
        for (let i = 0; i < q.count; i++) checksum += q.get(i, QuoteField.HIGH);
        port1.postMessage([m.ticks!, m.quotes], [m.ticks!, m.quotes]);
      } else {
        port1.postMessage([m.ticks!], [m.ticks!]);
      }
      Atomics.add(ctl, 0, 1);
      Atomics.notify(ctl, 0);
      const elapsed = (performance.now() - started) / 1000;
      if (!measuring && elapsed >= warmupSeconds) {
        measuring = true;
        t0 = windowStart = performance.now();
        return;
      }
      if (!measuring) return;
      ticks += n;
      latencies.push(receivedAt - m.sentAt!);
      if (settings.phase !== 'throughput') return;
      // Throughput: best of 1-second windows (as bench-kit's `rate` keeps the best round).
      const now = performance.now();
      windowTicks += n;
      if (now - windowStart >= 1000) {
        best = Math.max(best, (windowTicks * 1000) / (now - windowStart));
        windowTicks = 0;
        windowStart = now;
        if (++windows >= measureSeconds && Atomics.load(ctl, 1) === 0) {
          Atomics.store(ctl, 1, 1);
          Atomics.notify(ctl, 0);
        }
      }
    });
  });
}

/**
 * The machine's floor for the same question: p99 of post → receipt for tiny messages posted every
 * 1 ms by an otherwise idle worker, measured right before the feed figures.
 */
function floorP99(seconds: number): Promise<number> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const sab = new Int32Array(new SharedArrayBuffer(4));
     const end = performance.now() + ${seconds * 1000};
     while (performance.now() < end) {
       parentPort.postMessage(performance.timeOrigin + performance.now());
       Atomics.wait(sab, 0, 0, 1);
     }
     parentPort.postMessage(-1);`,
    { eval: true },
  );
  const lat: number[] = [];
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (t: number) => {
      if (t >= 0) {
        lat.push(performance.timeOrigin + performance.now() - t);
        return;
      }
      void worker.terminate();
      resolve(Math.round(percentile(lat, 99) * 1000) / 1000);
    });
  });
}

async function measure(form: 'ticker' | 'quote'): Promise<{ rate: number; p99: number }> {
  const common = { form, instruments: INSTRUMENTS, window: 4, offeredPerSecond: 1_000_000, flushMs: 1 } as const;
  const thr = await runWorker({ ...common, phase: 'throughput', batchTicks: form === 'ticker' ? 20_000 : 5000, seconds: 0 }, 3, 0.5);
  const lat = await runWorker({ ...common, phase: 'latency', batchTicks: 0, seconds: 3.5 }, 3, 0.5);
  if (!(thr.checksum > 0 && lat.checksum > 0)) throw new Error(`feed-transport bench (${form}): bad checksum ${thr.checksum} / ${lat.checksum}`);
  const q = (p: number): number => Math.round(percentile(lat.latenciesMs, p) * 1000) / 1000;
  if (process.env['BENCH_VERBOSE'] === '1') {
    console.error(`feed-transport ${form}: ${thr.ticksPerSecond} ticks/s; latency p50 ${q(50)} p90 ${q(90)} p99 ${q(99)} p99.9 ${q(99.9)} ms over ${lat.latenciesMs.length} batches`);
  }
  return { rate: thr.ticksPerSecond, p99: q(99) };
}

/** The figures; see the file comment. */
export async function run(): Promise<BenchFigure[]> {
  const floor = await floorP99(3);
  const ticker = await measure('ticker');
  const quote = await measure('quote');
  return [
    { name: 'feed_transport', value: ticker.rate, unit: 'ticks/s' },
    { name: 'feed_transport_p99', value: ticker.p99, unit: 'ms' },
    { name: 'feed_transport_quote', value: quote.rate, unit: 'ticks/s' },
    { name: 'feed_transport_quote_p99', value: quote.p99, unit: 'ms' },
    { name: 'feed_transport_floor_p99', value: floor, unit: 'ms' },
  ];
}
