/**
 * Instrument master in the core: the real 273k-row Dhan master (fixtures, 2026-02) read, parsed and
 * indexed by the instrument worker, while the main thread's event loop is watched.
 *
 * Figures: `core_master_load_ms` (file → searchable, wall time), `core_master_loop_block_max_ms`
 * (longest gap between 5 ms timer ticks on the main thread during the load: the core must stay
 * responsive, issue 5 "built off the UI thread"; on a loaded machine this includes the OS
 * descheduling the thread), `core_master_main_elu` (event-loop utilisation of the main thread
 * during the load, 0…1: the share of time it was busy at all), `core_search_roundtrip_p95_ms` (one
 * `instruments.search` through the worker).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchFigure } from '../../../scripts/bench-kit';
import { percentile } from '../../../scripts/bench-kit';
import { InstrumentCatalog } from './instrument-catalog';
import { TaskBoard } from './task-board';

const MASTER = join(import.meta.dirname, '../../../../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz');

export async function run(): Promise<BenchFigure[]> {
  if (!existsSync(MASTER)) return [];
  const catalog = InstrumentCatalog.start({ tasks: new TaskBoard() });
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  await catalog.load({ kind: 'file', path: MASTER }, 'bench');
  const loadMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  clearInterval(timer);
  const times: number[] = [];
  for (const q of ['R', 'RE', 'REL', 'RELI', 'RELIANCE', 'N', 'NI', 'NIFTY', 'NIFTY 24500', 'NIFTY 24500 CE', 'BANKNIFTY', 'HDFC', 'INFY', 'TCS']) {
    const s = performance.now();
    await catalog.search({ query: q, limit: 50 });
    times.push(performance.now() - s);
  }
  await catalog.close();
  return [
    { name: 'core_master_load_ms', value: Math.round(loadMs), unit: 'ms' },
    { name: 'core_master_loop_block_max_ms', value: Math.round(maxGap * 10) / 10, unit: 'ms' },
    { name: 'core_master_main_elu', value: Math.round(elu * 1000) / 1000, unit: 'ratio' },
    { name: 'core_search_roundtrip_p95_ms', value: Math.round(percentile(times, 95) * 100) / 100, unit: 'ms' },
  ];
}
