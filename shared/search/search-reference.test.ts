/**
 * The searcher against a slow, obviously-correct reference (string work over every row, written
 * from the tier definitions in search.ts), on random small masters and random queries typed
 * key by key, so the fast paths (posting lists, marks, incremental narrowing, the early stop)
 * are all checked against the same meaning.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeSegment, InstrumentType, OptionType } from '../instruments';
import { fuzzyBound, newEditScratch, prefixEditDistance } from './fuzzy';
import { buildInstrumentIndex } from './instrument-index';
import type { SearchRecord } from './test-instruments';
import { createInstrumentSearch, type MatchTier, type SearchHit, type SearchOptions } from './search';
import { cash, deriv } from './test-instruments';
import { normalizeQuery } from './tokens';

const TODAY = '2026-02-06';

function fieldTokens(s: string): { words: string[]; all: string[] } {
  const words = s.toUpperCase().split(/[\u0000-\u0020]+/).filter((w) => w !== '');
  const all = [...words];
  for (const w of words) if (/[^A-Z0-9]/.test(w)) all.push(...w.split(/[^A-Z0-9]+/).filter((r) => r !== ''));
  return { words, all };
}

function reference(rows: readonly SearchRecord[], rankOf: Int32Array, query: string, o: SearchOptions): SearchHit[] {
  const words = normalizeQuery(query).tokens;
  const k = words.length;
  if (k === 0) return [];
  const whole = words.join(' ');
  const limit = o.limit ?? 50;
  const passes = (r: SearchRecord): boolean =>
    (o.segments === undefined || o.segments.length === 0 || o.segments.includes(r.segment)) &&
    (o.instrumentTypes === undefined || o.instrumentTypes.length === 0 || o.instrumentTypes.includes(r.instrumentType)) &&
    (!o.hideExpired || r.expiry === null || r.expiry >= TODAY);
  const keyOf = (r: SearchRecord): string => (r.expiry === null ? r.tradingSymbol : r.underlying).toUpperCase();
  const tokensOf = (r: SearchRecord): string[] => {
    const t = [...fieldTokens(r.displayName).all, ...fieldTokens(r.underlying).all];
    if (r.expiry === null) t.push(...fieldTokens(r.tradingSymbol).all, ...fieldTokens(r.name ?? '').all);
    return t;
  };
  const matched: { i: number; bucket: number }[] = [];
  rows.forEach((r, i) => {
    if (!passes(r)) return;
    const toks = tokensOf(r);
    if (!words.every((w) => toks.some((t) => t.startsWith(w)))) return;
    const key = keyOf(r);
    const disp = fieldTokens(r.displayName).words;
    const dispHead = disp.length >= k && words.slice(0, k - 1).every((w, j) => disp[j] === w);
    let bucket: number;
    if (key === whole || (disp.length === k && dispHead && disp[k - 1] === words[k - 1])) bucket = 0;
    else if (key.startsWith(whole)) bucket = 1;
    else if (dispHead && disp[k - 1]!.startsWith(words[k - 1]!)) bucket = 2;
    else bucket = 3 + words.filter((w) => !toks.includes(w)).length;
    matched.push({ i, bucket });
  });
  matched.sort((a, b) => a.bucket - b.bucket || rankOf[a.i]! - rankOf[b.i]!);
  const tierOf = (b: number): MatchTier => (b === 0 ? 'exact' : b < 3 ? 'prefix' : 'tokens');
  const hits: SearchHit[] = matched.slice(0, limit).map((m) => ({ index: m.i, tier: tierOf(m.bucket) }));
  const bound = fuzzyBound(words[0]!.length);
  if (hits.length >= limit || bound === 0) return hits;
  const scratch = newEditScratch();
  const keys = new Map<string, { dist: number; best: number }>();
  rows.forEach((r, i) => {
    const key = keyOf(r);
    if (key[0] !== words[0]![0]) return;
    const dist = prefixEditDistance(words[0]!, key, bound, scratch);
    if (dist === 0 || dist > bound) return;
    const seen = keys.get(key);
    if (seen === undefined || rankOf[i]! < seen.best) keys.set(key, { dist, best: rankOf[i]! });
  });
  const done = new Set(matched.map((m) => m.i));
  const order = [...keys].sort((a, b) => a[1].dist - b[1].dist || a[1].best - b[1].best);
  for (const [key] of order) {
    const ids = rows.map((_, i) => i).filter((i) => keyOf(rows[i]!) === key).sort((a, b) => rankOf[a]! - rankOf[b]!);
    for (const i of ids) {
      const r = rows[i]!;
      if (done.has(i) || !passes(r)) continue;
      const toks = tokensOf(r);
      if (!words.slice(1).every((w) => toks.some((t) => t.startsWith(w)))) continue;
      hits.push({ index: i, tier: 'fuzzy' });
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

const UNDERLYINGS = ['NIFTY', 'NIFTYNXT50', 'BANKNIFTY', 'RELIANCE', 'RELINFRA', 'M&M', 'BAJAJ-AUTO', 'HDFCBANK', 'HDFC'];
const NAMES = ['Nifty 50', 'Reliance Industries', 'Reliance Infra', 'Mahindra & Mahindra', 'Bajaj Auto', 'HDFC Bank', 'Hdfc'];
const EXPIRIES = ['2025-12-30', '2026-02-10', '2026-02-24', '2026-03-30', '2026-11-24'];
const SEGMENTS: ExchangeSegment[] = ['IDX_I', 'NSE_EQ', 'BSE_EQ', 'NSE_FNO', 'BSE_FNO'];

const rowArb: fc.Arbitrary<SearchRecord> = fc.oneof(
  fc
    .record({
      seg: fc.constantFrom<ExchangeSegment>('IDX_I', 'NSE_EQ', 'BSE_EQ'),
      sym: fc.constantFrom(...UNDERLYINGS),
      name: fc.constantFrom(...NAMES),
      series: fc.constantFrom('EQ', 'A', 'BE', null),
    })
    .map((r) => cash(r.seg, r.sym, r.name, { series: r.series })),
  fc
    .record({
      seg: fc.constantFrom<ExchangeSegment>('NSE_FNO', 'BSE_FNO'),
      und: fc.constantFrom(...UNDERLYINGS),
      exp: fc.constantFrom(...EXPIRIES),
      strike: fc.option(fc.constantFrom(1400, 2450, 24500, 25000, 3500), { nil: undefined }),
      opt: fc.constantFrom<OptionType>('CE', 'PE'),
    })
    .map((r) =>
      deriv(r.seg, r.und, r.exp, r.strike, r.strike === undefined ? undefined : r.opt, {
        type: (r.strike === undefined ? 'FUTIDX' : 'OPTIDX') as InstrumentType,
      }),
    ),
);

const wordArb = fc.oneof(
  fc.constantFrom(...UNDERLYINGS, 'RELIANCE', 'INDUSTRIES', 'BANK', 'FEB', 'MAR', 'NOV', 'FUT', 'CE', 'PE', '24500', '10', '24', '2450'),
  fc.constantFrom('RELAINCE', 'HDFCBNK', 'NIFY', 'BANKNIFTI', 'RELIANCEX', 'MM', 'BAJAJ', 'AUTO'),
);
const queryArb = fc
  .array(
    fc.tuple(wordArb, fc.nat(12), fc.boolean()).map(([w, cut, lower]) => {
      const part = w.slice(0, Math.max(1, w.length - (cut % w.length)));
      return lower ? part.toLowerCase() : part;
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((ws) => ws.join(' '));
const optionsArb: fc.Arbitrary<SearchOptions> = fc.record(
  {
    limit: fc.integer({ min: 1, max: 60 }),
    segments: fc.subarray(SEGMENTS),
    hideExpired: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('search equals the reference', () => {
  it('on random masters, queries typed key by key, and filters', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.array(queryArb, { minLength: 1, maxLength: 3 }), optionsArb, (rows, queries, options) => {
        const index = buildInstrumentIndex(rows, { today: TODAY });
        const rankOf = new Int32Array(rows.length);
        index.source.forEach((src, r) => (rankOf[src] = r));
        const s = createInstrumentSearch(index);
        for (const q of queries) {
          for (let i = 1; i <= q.length; i++) {
            const part = q.slice(0, i);
            expect(s.search(part, options), part).toEqual(reference(rows, rankOf, part, options));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
