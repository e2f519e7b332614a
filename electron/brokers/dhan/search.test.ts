/**
 * Instrument search over the real Dhan compact master (shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz,
 * 273,027 rows), parsed once for the file. What a trader types, and what must come first.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/instruments';
import { buildInstrumentIndex } from '../../../shared/search/instrument-index';
import { createInstrumentSearch, type InstrumentSearch, type SearchOptions } from '../../../shared/search/search';
import { readDhanMaster } from './instruments';

const MASTER = join(import.meta.dirname, '../../../../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz');
const TODAY = '2026-02-06'; // the file's own week: its nearest NSE expiry is 2026-02-10

let instruments: readonly Instrument[] = [];
let searcher: InstrumentSearch;

beforeAll(async () => {
  const parsed = await readDhanMaster(MASTER, { today: TODAY });
  if (!parsed.ok) throw new Error(parsed.error.message);
  instruments = parsed.value.instruments;
  searcher = createInstrumentSearch(buildInstrumentIndex(instruments, { today: TODAY }));
});

function find(query: string, options?: SearchOptions): Instrument[] {
  return searcher.search(query, options).map((h) => instruments[h.index]!);
}

const key = (i: Instrument): string => `${i.segment}:${i.securityId}`;

describe('instrument search on the real master', () => {
  it('puts the NSE cash row first for a stock symbol, in any case', () => {
    for (const q of ['RELIANCE', 'reliance']) {
      const hits = find(q);
      expect(hits).toHaveLength(50);
      expect(key(hits[0]!)).toBe('NSE_EQ:2885');
      expect(key(hits[1]!)).toBe('BSE_EQ:500325');
      // then RELIANCE futures, then options, each nearest expiry first
      const contracts = hits.slice(2);
      expect(contracts.every((i) => i.underlying === 'RELIANCE')).toBe(true);
      const futures = contracts.filter((i) => i.instrumentType === 'FUTSTK');
      expect(futures.length).toBeGreaterThan(1);
      expect(contracts.slice(0, futures.length)).toEqual(futures);
      for (const part of [futures, contracts.slice(futures.length)]) {
        const expiries = part.map((i) => i.expiry!);
        expect([...expiries].sort()).toEqual(expiries);
      }
    }
    expect(key(find('HDFCBANK')[0]!)).toBe('NSE_EQ:1333');
  });

  it('puts the NIFTY 50 index first for NIFTY, then its futures', () => {
    const hits = find('NIFTY');
    expect(key(hits[0]!)).toBe('IDX_I:13');
    expect(hits.slice(1).every((i) => i.underlying === 'NIFTY')).toBe(true);
    expect(hits.slice(1, 4).map((i) => i.tradingSymbol)).toEqual(['NIFTY-Feb2026-FUT', 'NIFTY-Mar2026-FUT', 'NIFTY-Apr2026-FUT']);
  });

  it('answers "NIFTY 24500 CE" with NIFTY 24500 calls only, nearest expiry first, in any word order', () => {
    const want = instruments
      .filter((i) => i.underlying === 'NIFTY' && i.strike === 24500 && i.optionType === 'CE')
      .map((i) => i.expiry!)
      .sort();
    expect(want.length).toBeGreaterThan(3);
    for (const q of ['NIFTY 24500 CE', '24500 CE NIFTY', 'nifty 24500 c']) {
      const hits = find(q);
      expect(hits.every((i) => i.underlying === 'NIFTY' && i.strike === 24500 && i.optionType === 'CE'), q).toBe(true);
      expect(hits.map((i) => i.expiry)).toEqual(want);
    }
    const named = find('NIFTY 10 FEB 24500 CE');
    expect(named[0]!.displayName).toBe('NIFTY 10 FEB 24500 CE');
    expect(named[0]!.segment).toBe('NSE_FNO');
  });

  it('finds a future by month', () => {
    const hits = find('BANKNIFTY MAR FUT');
    expect(hits.map((i) => i.tradingSymbol)).toEqual(['BANKNIFTY-Mar2026-FUT']);
  });

  it('filters by segment and instrument type', () => {
    const bse = find('RELIANCE', { segments: ['BSE_EQ', 'BSE_FNO'] });
    expect(key(bse[0]!)).toBe('BSE_EQ:500325');
    expect(bse.every((i) => i.segment === 'BSE_EQ' || i.segment === 'BSE_FNO')).toBe(true);
    const idx = find('NIFTY', { segments: ['IDX_I'] });
    expect(key(idx[0]!)).toBe('IDX_I:13');
    expect(idx.every((i) => i.segment === 'IDX_I')).toBe(true);
    const futs = find('NIFTY', { instrumentTypes: ['FUTIDX'] });
    expect(futs.length).toBeGreaterThan(0);
    expect(futs.every((i) => i.instrumentType === 'FUTIDX')).toBe(true);
    expect(futs[0]!.underlying).toBe('NIFTY');
  });

  it('forgives a typo or an unfinished symbol', () => {
    expect(key(find('RELIANC')[0]!)).toBe('NSE_EQ:2885');
    expect(key(find('HDFCBNK')[0]!)).toBe('NSE_EQ:1333');
    expect(key(find('RELAINCE')[0]!)).toBe('NSE_EQ:2885');
  });

  it('gives nothing for an empty query', () => {
    expect(find('')).toEqual([]);
    expect(find('  ')).toEqual([]);
  });
});
