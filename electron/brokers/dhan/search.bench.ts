/**
 * Instrument search on the real Dhan master (issue 5, "Speed"), one JSON figure each:
 * - `instrument_master_parse_and_index` (ms): the gzipped compact master file (273,027 rows) read,
 *   gunzipped, parsed (instruments.ts) and indexed (shared/search), first time in the process as
 *   the app does it; target <= 1500 ms off the UI thread;
 * - `instrument_index_build` (ms): the index step of the above alone;
 * - `instrument_master_parse_and_index_cpu`, `instrument_index_build_cpu` (ms): the same two as CPU
 *   time of the process (all its threads), which a machine shared with other work inflates far less
 *   than wall time;
 * - `instrument_search_p95` (ms per keystroke): every keystroke of realistic typing sequences,
 *   each query typed one character at a time (so the incremental narrowing is exercised as in the
 *   UI), 20 rounds after 2 warm-up rounds; target <= 5 ms.
 */
import { resolve } from 'node:path';
import type { BenchFigure } from '../../../scripts/bench-kit';
import { percentile } from '../../../scripts/bench-kit';
import { buildInstrumentIndex } from '../../../shared/search/instrument-index';
import { createInstrumentSearch } from '../../../shared/search/search';
import { readDhanMaster } from './instruments';

const MASTER = resolve(import.meta.dirname, '../../../../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz');
/** The master's own date (its nearest NSE expiry is 2026-02-10). */
const TODAY = '2026-02-06';

/** Full queries; each is typed one character at a time. */
const TYPED = [
  'RELIANCE',
  'NIFTY 24500 CE',
  'BANKNIFTY NOV',
  'BANKNIFTY MAR FUT',
  'HDFCBANK',
  'nifty 10 feb 24500 ce',
  '24500 CE NIFTY',
  'reliance industries',
  'SENSEX 83000 PE',
  'GOLD APR FUT',
  'USDINR',
  'TATAMOTORS',
];

export async function run(): Promise<BenchFigure[]> {
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const parsed = await readDhanMaster(MASTER, { today: TODAY });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const c1 = cpu();
  const t1 = performance.now();
  const index = buildInstrumentIndex(parsed.value.instruments, { today: TODAY });
  const t2 = performance.now();
  const c2 = cpu();

  const searcher = createInstrumentSearch(index);
  const keystrokes: string[] = [];
  for (const q of TYPED) for (let i = 1; i <= q.length; i++) keystrokes.push(q.slice(0, i));
  const times: number[] = [];
  for (let round = 0; round < 22; round++) {
    for (const q of keystrokes) {
      const s = performance.now();
      searcher.search(q);
      const ms = performance.now() - s;
      if (round >= 2) times.push(ms);
    }
  }
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  return [
    { name: 'instrument_master_parse_and_index', value: Math.round(t2 - t0), unit: 'ms' },
    { name: 'instrument_index_build', value: Math.round(t2 - t1), unit: 'ms' },
    { name: 'instrument_master_parse_and_index_cpu', value: Math.round(c2 - c0), unit: 'ms' },
    { name: 'instrument_index_build_cpu', value: Math.round(c2 - c1), unit: 'ms' },
    { name: 'instrument_search_p95', value: round3(percentile(times, 95)), unit: 'ms' },
  ];
}
