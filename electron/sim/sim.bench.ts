/**
 * Benchmarks of the simulated exchange core: simulated seconds per real second for the sample
 * universe (84 instruments, every book live) and the default universe, ticks printed per second, a large universe of 5000
 * lazily-booked instruments, option-chain snapshots, the cost of materialising one stock or option
 * mid-session, and matching-engine order round trips.
 */

import { rate, type BenchFigure } from '../../scripts/bench-kit';
import { defaultUniverse } from './default-universe';
import { createSimExchange } from './exchange';
import { createMarketModel } from './market-model';
import { sampleUniverse } from './sample-universe';
import type { SimInstrumentSpec } from './sim-instrument';

const START = Date.parse('2026-11-20T04:30:00Z');

function bigUniverse(n: number): SimInstrumentSpec[] {
  const base = sampleUniverse(START, 0).filter((s) => s.instrumentType === 'EQUITY');
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length]!, securityId: String(100_000 + i), tradingSymbol: `S${i}` }));
}

/**
 * Microseconds to materialise one instrument (`addInstruments` of a batch of `n`) into a model
 * running at 13:00 IST, whose day statistics come from today's 225 minutes of seeded history
 * (docs/decisions.md, 2026-11-21). Options price each history minute off the underlying's path.
 */
function materialiseMicros(kind: 'stock' | 'option', n: number): number {
  const at = Date.parse('2026-11-20T07:30:00Z'); // Friday 13:00 IST
  const base = sampleUniverse(at);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const m = createMarketModel({ seed: 7 + round, instruments: base, startTimeMs: at });
    const proto = base.find((s) => (kind === 'stock' ? s.instrumentType === 'EQUITY' : s.instrumentType === 'OPTIDX'))!;
    const specs = Array.from({ length: n }, (_, i) => ({
      ...proto,
      securityId: String(500_000 + i),
      tradingSymbol: `X${i}`,
      ...(kind === 'option' ? { strike: (proto.strike ?? 0) + 50 * ((i % 40) - 20), optionType: i % 2 === 0 ? ('CE' as const) : ('PE' as const) } : {}),
    }));
    const t0 = process.hrtime.bigint();
    m.addInstruments(specs);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / n);
  }
  return Math.round(best * 10) / 10;
}

/** Runs the figures. */
export async function run(): Promise<BenchFigure[]> {
  const small = createMarketModel({ seed: 1, instruments: sampleUniverse(START), startTimeMs: START, alwaysOpen: true });
  let ticks = 0;
  small.onTick(() => ticks++);
  const t0 = process.hrtime.bigint();
  small.step(600_000);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const figures: BenchFigure[] = [
    { name: 'sim.sample-universe.sim-seconds-per-second', value: Math.round(600 / secs), unit: 'sim s/s' },
    { name: 'sim.sample-universe.ticks-per-second', value: Math.round(ticks / secs), unit: 'ticks/s' },
  ];
  const def = createMarketModel({ seed: 4, instruments: defaultUniverse(START), startTimeMs: START, alwaysOpen: true });
  let defTicks = 0;
  def.onTick(() => defTicks++);
  const t1 = process.hrtime.bigint();
  def.step(120_000);
  const s1 = Number(process.hrtime.bigint() - t1) / 1e9;
  figures.push({ name: `sim.default-universe-${def.instruments().length}.sim-seconds-per-second`, value: Math.round(120 / s1), unit: 'sim s/s' });
  figures.push({ name: 'sim.default-universe.ticks-per-sim-second', value: Math.round(defTicks / 120), unit: 'ticks' });
  const big = createMarketModel({ seed: 2, instruments: bigUniverse(20_000), startTimeMs: START, alwaysOpen: true, eagerBookLimit: 0 });
  figures.push({ name: 'sim.20k-lazy-instruments.step-1s', value: rate((n) => { for (let i = 0; i < n; i++) big.step(1000); }, 5), unit: 'steps/s' });
  figures.push({
    name: 'sim.option-chain.snapshot',
    value: rate((n) => { for (let i = 0; i < n; i++) small.optionChain('13', small.expiries('13')[0]!); }, 200),
    unit: 'chains/s',
  });
  figures.push({ name: 'sim.materialise-at-1300-ist.stock', value: materialiseMicros('stock', 1000), unit: 'µs/instrument' });
  figures.push({ name: 'sim.materialise-at-1300-ist.option', value: materialiseMicros('option', 1000), unit: 'µs/instrument' });
  const x = createSimExchange({ seed: 3, instruments: sampleUniverse(START), startTimeMs: START, alwaysOpen: true, startOfDayLimit: 1e12 });
  const key = { segment: 'NSE_EQ', securityId: '2885' } as const;
  figures.push({
    name: 'sim.engine.place-and-cancel',
    value: rate((n) => {
      for (let i = 0; i < n; i++) {
        const r = x.engine.placeOrder({ instrument: key, side: 'BUY', quantity: 1, product: 'INTRADAY', orderType: 'LIMIT', validity: 'DAY', price: 1000 });
        if (r.ok) x.engine.cancelOrder(r.order.orderId);
      }
    }, 500),
    unit: 'orders/s',
  });
  return figures;
}
