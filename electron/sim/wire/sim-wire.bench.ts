/**
 * Benchmarks of the sim's wire layer: how fast the feed hub turns model ticks into Dhan binary
 * packets for 5000 ticker subscriptions (and 500 full-mode ones), measured on a fake socket so the
 * network is not in the figure, and how long activating 5000 instruments of a lazy catalogue takes
 * (at 10:00 IST always open, and at 15:00 IST in a real session).
 */

import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { BenchFigure } from '../../../scripts/bench-kit';
import { feedSubscribeRequests, type FeedInstrument } from '../../brokers/dhan/feed-requests';
import type { SimInstrumentSpec } from '../sim-instrument';
import { FeedHub } from './feed-hub';
import { SimMarket } from './sim-market';
import { syntheticStocks } from '../sample-universe';

const START = Date.parse('2026-11-20T04:30:00Z');

/** `n` synthetic NSE_EQ stocks (sample-universe.ts). */
const stocks = (n: number): SimInstrumentSpec[] => syntheticStocks(n, 100_001, 'S');

function hubWith(market: SimMarket, mode: 'ticker' | 'full', ids: readonly FeedInstrument[]): { hub: FeedHub; bytes: () => number; packets: () => number } {
  const hub = new FeedHub(market, Infinity, (f) => f());
  let bytes = 0;
  let packets = 0;
  const ws = Object.assign(new EventEmitter(), {
    bufferedAmount: 0,
    send: (d: Uint8Array) => {
      bytes += d.length;
      for (let o = 0; o + 3 <= d.length; ) {
        packets++;
        o += d[o + 1]! | (d[o + 2]! << 8);
      }
    },
    close: () => {},
  });
  hub.attach(ws as unknown as WebSocket, 'bench');
  for (const r of feedSubscribeRequests(mode, ids)) ws.emit('message', Buffer.from(JSON.stringify(r)), false);
  return { hub, bytes: () => bytes, packets: () => packets };
}

/** Runs the figures. */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const universe = stocks(5000);
  const ids = universe.map((u) => ({ segment: 'NSE_EQ' as const, securityId: Number(u.securityId) }));

  const t0 = process.hrtime.bigint();
  const lazy = new SimMarket({ seed: 1, catalogue: universe, startTimeMs: START, alwaysOpen: true, eagerLimit: 0 });
  lazy.ensure(universe.map((u) => `NSE_EQ:${u.securityId}`));
  figures.push({ name: 'sim_wire_activate_5000', value: Math.round(Number(process.hrtime.bigint() - t0) / 1e6), unit: 'ms' });
  // the same late in a real session (15:00 IST, not always open): each instrument's day
  // statistics come from its 345 minutes of history today
  const t1 = process.hrtime.bigint();
  const late = new SimMarket({ seed: 1, catalogue: universe, startTimeMs: Date.parse('2026-11-20T09:30:00Z'), eagerLimit: 0 });
  late.ensure(universe.map((u) => `NSE_EQ:${u.securityId}`));
  figures.push({ name: 'sim_wire_activate_5000_at_1500_ist', value: Math.round(Number(process.hrtime.bigint() - t1) / 1e6), unit: 'ms' });

  for (const [mode, n] of [['ticker', 5000], ['full', 500]] as const) {
    const market = new SimMarket({ seed: 2, catalogue: universe, startTimeMs: START, alwaysOpen: true });
    const { hub, packets } = hubWith(market, mode, ids.slice(0, n));
    // model steps first (not measured), then flushes of what they printed
    let flushNs = 0n;
    const before = packets();
    for (let i = 0; i < 100; i++) {
      market.step(100);
      const t = process.hrtime.bigint();
      hub.flush();
      flushNs += process.hrtime.bigint() - t;
    }
    const secs = Number(flushNs) / 1e9;
    figures.push({ name: `sim_wire_feed_flush_${mode}`, value: Math.round((packets() - before) / secs), unit: 'packets/s' });
    hub.dispose();
  }
  return figures;
}
