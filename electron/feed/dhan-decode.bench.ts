/**
 * Decode throughput of the DhanHQ v2 codecs into the feed tables, one core (issue 3, "Speed"):
 * `dhan_ticker_decode`, `dhan_full_decode`, `dhan_depth200_decode` in packets/s.
 *
 * Realistic stacking: ticker and full packets arrive many per message (100 tickers, 40 full packets)
 * for instruments drawn at random from 5000 subscribed ones (one connection's maximum); 200-level
 * depth arrives as a bid and an ask packet of 200 rows each per message, for 5 instruments (5
 * connections, one each). The dirty set is drained every 20 messages, as the conflator would once
 * per frame. 64 distinct messages per kind are cycled: a message just read from a socket is in
 * cache, while cycling megabytes of prebuilt messages would measure memory streaming instead (on the
 * loaded machine of issue 3, 500 messages gave ~30% less for full packets).
 * Full packets reach the QuoteTable through its columns fast path (feed-codec FullColumnsTarget:
 * decoded straight from the DataView into the struct-of-arrays columns); a sink without
 * `fullColumns` (a forwarding object such as FeedTables.quotes today) takes the generic
 * `FeedSink.full` path: 6.6 M/s against 9.2 M/s for the fast path, measured side by side here.
 */
import type { BenchFigure } from '../../scripts/bench-kit';
import { decodeDepthMessage, encodeDepthMessage, newDepthDecodeCounts, type DepthRow } from '../brokers/dhan/depth-codec';
import { decodeFeedMessage, encodeFeedMessage, newFeedDecodeCounts, type FeedPacket } from '../brokers/dhan/feed-codec';
import { DepthTable } from './depth-table';
import { QuoteTable } from './quote-table';

const INSTRUMENTS = 5000;
/** Short rounds (a few ms each), best one kept. */
const ROUNDS = 60;
const WARMUP = 15;

/**
 * Like bench-kit `rate`, but divides by this process's CPU time instead of wall time: the figure is
 * one core's throughput, and on a shared machine (load average above the core count while these
 * were written) wall time mostly measures the other processes. On an idle machine the two agree.
 */
function cpuRate(body: (n: number) => void, n: number, rounds: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) body(n);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    body(n);
    const d = process.cpuUsage(t0);
    const s = (d.user + d.system) / 1e6;
    if (s > 0) best = Math.max(best, n / s);
  }
  return Math.round(best);
}
const NSE_FNO = 2;
const FIRST_ID = 35_000;

/** A small deterministic PRNG so every run decodes the same bytes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function paise(x: number): number {
  return Math.round(x * 20) / 20;
}

function feedMessages(kind: 'ticker' | 'full', perMessage: number, messages: number): Uint8Array[] {
  const rnd = lcg(kind === 'ticker' ? 1 : 2);
  const out: Uint8Array[] = [];
  for (let m = 0; m < messages; m++) {
    const packets: FeedPacket[] = [];
    for (let i = 0; i < perMessage; i++) {
      const securityId = FIRST_ID + Math.floor(rnd() * INSTRUMENTS);
      const ltp = paise(50 + rnd() * 3000);
      const ltt = 1_732_170_000 + m;
      if (kind === 'ticker') {
        packets.push({ kind, segment: 'NSE_FNO', securityId, ltp, ltt });
      } else {
        packets.push({
          kind,
          segment: 'NSE_FNO',
          securityId,
          ltp,
          ltq: 75,
          ltt,
          atp: paise(ltp * 0.99),
          volume: Math.floor(rnd() * 1e8),
          totalSellQty: Math.floor(rnd() * 1e6),
          totalBuyQty: Math.floor(rnd() * 1e6),
          open: paise(ltp * 0.98),
          close: 0,
          high: paise(ltp * 1.02),
          low: paise(ltp * 0.97),
          oi: Math.floor(rnd() * 1e7),
          oiHigh: 10_000_000,
          oiLow: 1000,
          depth: [0, 1, 2, 3, 4].map((l) => ({
            bidQty: 75 * (l + 1),
            askQty: 150 * (l + 1),
            bidOrders: l + 1,
            askOrders: l + 2,
            bidPrice: paise(ltp - 0.05 * (l + 1)),
            askPrice: paise(ltp + 0.05 * (l + 1)),
          })),
        });
      }
    }
    out.push(encodeFeedMessage(packets));
  }
  return out;
}

function depthMessages(instruments: number, messages: number): Uint8Array[] {
  const rnd = lcg(3);
  const out: Uint8Array[] = [];
  for (let m = 0; m < messages; m++) {
    const securityId = FIRST_ID + (m % instruments);
    const mid = paise(1000 + rnd() * 500);
    const bids: DepthRow[] = [];
    const asks: DepthRow[] = [];
    for (let r = 0; r < 200; r++) {
      bids.push({ price: paise(mid - 0.05 * (r + 1)), qty: 1 + Math.floor(rnd() * 5000), orders: 1 + Math.floor(rnd() * 40) });
      asks.push({ price: paise(mid + 0.05 * (r + 1)), qty: 1 + Math.floor(rnd() * 5000), orders: 1 + Math.floor(rnd() * 40) });
    }
    out.push(
      encodeDepthMessage(
        [
          { kind: 'bid', segment: 'NSE_FNO', securityId, levels: bids },
          { kind: 'ask', segment: 'NSE_FNO', securityId, levels: asks },
        ],
        200,
      ),
    );
  }
  return out;
}

function quoteBench(messages: Uint8Array[], perMessage: number): number {
  const table = new QuoteTable(INSTRUMENTS);
  for (let i = 0; i < INSTRUMENTS; i++) table.add(NSE_FNO, FIRST_ID + i);
  const counts = newFeedDecodeCounts();
  let m = 0;
  const figure = cpuRate((n) => {
    for (let done = 0, k = 0; done < n; done += perMessage, k++) {
      decodeFeedMessage(messages[m]!, table, counts);
      if (++m === messages.length) m = 0;
      if (k % 20 === 19) table.drainDirty();
    }
  }, perMessage * 2000, ROUNDS, WARMUP);
  if (counts.errors + counts.badValues + table.badValues + table.unknownInstrument !== 0) {
    throw new Error('dhan-decode bench: the generated messages did not decode cleanly');
  }
  return figure;
}

function depthBench(messages: Uint8Array[], instruments: number): number {
  const table = new DepthTable(instruments, 200);
  for (let i = 0; i < instruments; i++) table.add(NSE_FNO, FIRST_ID + i);
  const counts = newDepthDecodeCounts();
  let m = 0;
  const figure = cpuRate((n) => {
    for (let done = 0, k = 0; done < n; done += 2, k++) {
      decodeDepthMessage(messages[m]!, 200, table, counts);
      if (++m === messages.length) m = 0;
      if (k % 20 === 19) table.drainDirty();
    }
  }, 4000, ROUNDS, WARMUP);
  if (counts.errors + counts.badValues + table.badValues + table.unknownInstrument !== 0) {
    throw new Error('dhan-decode bench: the generated depth messages did not decode cleanly');
  }
  return figure;
}

/** Runs the three decode benchmarks. */
export async function run(): Promise<BenchFigure[]> {
  const ticker = quoteBench(feedMessages('ticker', 100, 64), 100);
  const full = quoteBench(feedMessages('full', 40, 64), 40);
  const depth = depthBench(depthMessages(5, 200), 5);
  return [
    { name: 'dhan_ticker_decode', value: ticker, unit: 'packets/s' },
    { name: 'dhan_full_decode', value: full, unit: 'packets/s' },
    { name: 'dhan_depth200_decode', value: depth, unit: 'packets/s' },
  ];
}
