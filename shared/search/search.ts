/**
 * Type-ahead search over an {@link InstrumentIndex}, ranked in tiers:
 * 1. `exact`: the query is a row's symbol key (trading symbol of a cash/index row, underlying of a
 *    derivative: `NIFTY` gives the index and every NIFTY contract) or its whole display name
 *    (`NIFTY 27 NOV 24500 CE`);
 * 2. `prefix`: a symbol key starts with the query (`RELI` → RELIANCE, RELINFRA...), then rows
 *    whose display name does, word by word (`NIFTY 24` → `NIFTY 24 FEB ...`, `RELIANC` →
 *    `Reliance Power`);
 * 3. `tokens`: every query word starts some token of the row, in any order (`24500 CE NIFTY`,
 *    `reliance industries`); rows where more query words match whole tokens come first;
 * 4. `fuzzy`: only when the tiers above give fewer than `limit` rows: the first query word within
 *    a small prefix edit distance of a symbol key (fuzzy.ts: `HDFCBNK` → HDFCBANK), the other words
 *    matched as in tier 3.
 * Within a tier, rows keep the index's static order (static-rank.ts: index and cash rows first,
 * then futures before options, nearer expiries first, strikes near the middle of the series first).
 *
 * Speed (issue 5: p95 <= 5 ms per keystroke on the 273k-row master, electron/brokers/dhan/search.bench.ts):
 * - one word, no filter (a first keystroke: `2` prefixes tokens of 216k rows): the tiers are read one
 *   after another from lists that hold exactly them (symbol-key groups, first-display-word groups,
 *   posting lists), merged in id order and cut at `limit`, so the cost follows the rows shown;
 * - otherwise: the rows holding the rarest word (its posting lists), or the previous keystroke's
 *   matches when the new query only extends it (`NIFTY 2450` → `NIFTY 24500`), each checked by
 *   integer range tests on its token ids; never string work over the master.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import { EXCHANGE_SEGMENTS, INSTRUMENT_TYPES, type ExchangeSegment, type InstrumentType } from '../instruments';
import { fuzzyBound, newEditScratch, prefixEditDistance } from './fuzzy';
import { ListMerge } from './list-merge';
import type { InstrumentIndex } from './instrument-index';
import { MAX_QUERY_TOKENS, normalizeQuery, prefixRange } from './tokens';

/** How a hit matched, best first. */
export type MatchTier = 'exact' | 'prefix' | 'tokens' | 'fuzzy';

/** One search result. */
export interface SearchHit {
  /** Position of the instrument in the array the index was built from. */
  readonly index: number;
  readonly tier: MatchTier;
}

/** Hits per query when the caller names no limit. */
export const DEFAULT_SEARCH_LIMIT = 50;
/** Most hits one query returns. */
export const MAX_SEARCH_LIMIT = 1000;

/** Options of one query. */
export interface SearchOptions {
  /** Most hits returned, clamped to 1…{@link MAX_SEARCH_LIMIT}; default (also for NaN/±Infinity) {@link DEFAULT_SEARCH_LIMIT}. */
  readonly limit?: number;
  /** Only rows of these exchange segments (absent or empty: all). */
  readonly segments?: readonly ExchangeSegment[];
  /** Only rows of these instrument types (absent or empty: all). */
  readonly instrumentTypes?: readonly InstrumentType[];
  /** Leave out contracts that expired before the index's `today` (default false: they rank last). */
  readonly hideExpired?: boolean;
}

/** A searcher over one index; it keeps scratch buffers and the previous keystroke's matches. */
export interface InstrumentSearch {
  readonly index: InstrumentIndex;
  /** Hits for `query`, best first (see the file comment). A blank query gives no hits. */
  search(query: string, options?: SearchOptions): SearchHit[];
}

/** Result buckets, best first: exact, symbol-key prefix, display prefix, then token matches by how many query words matched a whole token (all first). */
const BUCKETS = 3 + MAX_QUERY_TOKENS + 1;
const BUCKET_TIER: readonly MatchTier[] = Array.from({ length: BUCKETS }, (_, b) =>
  b === 0 ? 'exact' : b < 3 ? 'prefix' : 'tokens',
);

function maskOf<T>(values: readonly T[] | undefined, all: readonly T[]): number {
  if (values === undefined || values.length === 0) return 0;
  let m = 0;
  for (const v of values) {
    const i = all.indexOf(v);
    if (i >= 0) m |= 1 << i;
  }
  return m === 0 ? -1 : m; // -1: a filter naming nothing known matches nothing
}

function popcount(x: number): number {
  let c = 0;
  while (x !== 0) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** True when every word of `prev` is a prefix of the same word of `next` (so next's matches ⊆ prev's). */
function extendsQuery(prev: readonly string[], next: readonly string[]): boolean {
  if (prev.length === 0 || prev.length > next.length) return false;
  for (let j = 0; j < prev.length; j++) if (!next[j]!.startsWith(prev[j]!)) return false;
  return true;
}

/** Creates a searcher over `index`. Cheap: buffers sized to the index, allocated once. */
export function createInstrumentSearch(index: InstrumentIndex): InstrumentSearch {
  const n = index.size;
  const { tokens, postingStart, postings, bagStart, bag, wordCount, symbolKeys, symbolKeyOf } = index;
  const { keyStart, keyPostings, firstWord, firstWordStart, firstWordRows, segmentCode, typeCode, expired, source } = index;

  const stamp = new Uint32Array(n);
  let gen = 0;
  const nextGen = (): number => {
    if (gen === 0xffffffff) {
      stamp.fill(0);
      gen = 0;
    }
    return ++gen;
  };
  let bufA = new Int32Array(n);
  let bufB = new Int32Array(n);
  const sortBuf = new Int32Array(n);
  let cache: { tokens: readonly string[]; filter: string; count: number } | null = null;

  let bucketCap = DEFAULT_SEARCH_LIMIT;
  let buckets = new Int32Array(BUCKETS * bucketCap);
  const bucketCount = new Int32Array(BUCKETS);

  const lo = new Int32Array(MAX_QUERY_TOKENS);
  const hi = new Int32Array(MAX_QUERY_TOKENS);
  const ex = new Int32Array(MAX_QUERY_TOKENS);
  const edit = newEditScratch();

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const q = normalizeQuery(query);
    const k = q.tokens.length;
    if (k === 0) return [];
    const asked = options.limit;
    const limit =
      asked === undefined || !Number.isFinite(asked) ? DEFAULT_SEARCH_LIMIT : Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(asked)));
    if (limit > bucketCap) {
      bucketCap = limit;
      buckets = new Int32Array(BUCKETS * bucketCap);
    }
    const segMask = maskOf(options.segments, EXCHANGE_SEGMENTS);
    const typeMask = maskOf(options.instrumentTypes, INSTRUMENT_TYPES);
    const hideExpired = options.hideExpired === true;
    const filter = `${segMask}|${typeMask}|${hideExpired}`;
    const filtered = segMask !== 0 || typeMask !== 0 || hideExpired;
    const passes = (id: number): boolean =>
      (segMask === 0 || ((segMask >>> segmentCode[id]!) & 1) === 1) &&
      (typeMask === 0 || ((typeMask >>> typeCode[id]!) & 1) === 1) &&
      (!hideExpired || expired[id] === 0);

    // Each query word → the range of dictionary tokens it prefixes, and its exact token id (or -1).
    let empty = false;
    let driver = 0;
    let driverCost = Infinity;
    for (let j = 0; j < k; j++) {
      const t = q.tokens[j]!;
      const r = prefixRange(tokens, t);
      lo[j] = r.lo;
      hi[j] = r.hi;
      ex[j] = r.lo < r.hi && tokens[r.lo] === t ? r.lo : -1;
      const cost = postingStart[r.hi]! - postingStart[r.lo]!;
      if (cost === 0) empty = true;
      if (cost < driverCost) {
        driverCost = cost;
        driver = j;
      }
    }
    const whole = prefixRange(symbolKeys, q.whole);
    const wLo = whole.lo;
    const wHi = whole.hi;
    const wEx = wLo < wHi && symbolKeys[wLo] === q.whole ? wLo : -1;
    const full = (1 << k) - 1;
    const lastLo = lo[k - 1]!;
    const lastHi = hi[k - 1]!;

    bucketCount.fill(0);
    const out = bufB;
    let outCount = 0;

    /** Records a row known to match every word (`exact`: bit j set when word j matched a whole token). */
    const place = (id: number, exact: number): void => {
      out[outCount++] = id;
      // Bucket: 0 exact, 1 symbol-key prefix, 2 display-name prefix, 3 + (words not matched whole).
      let b: number;
      const sk = symbolKeyOf[id]!;
      if (sk === wEx) b = 0;
      else {
        b = sk >= wLo && sk < wHi ? 1 : 3;
        if (k === 1) {
          // One word: the display-name check needs only the first word (a dense, in-order read).
          const fw = firstWord[id]!;
          if (fw === ex[0] && wordCount[id] === 1) b = 0;
          else if (b === 3 && fw >= lastLo && fw < lastHi) b = 2;
        } else if (firstWord[id] === ex[0] && wordCount[id]! >= k) {
          const wc = wordCount[id]!;
          const b0 = bagStart[id]!;
          let j = 0;
          while (j < k - 1 && bag[b0 + j] === ex[j]) j++;
          if (j === k - 1) {
            const last = bag[b0 + j]!;
            if (last === ex[j] && wc === k) b = 0;
            else if (b === 3 && last >= lastLo && last < lastHi) b = 2;
          }
        }
        if (b === 3) b += k - popcount(exact);
      }
      const c = bucketCount[b]!;
      if (c < limit) {
        buckets[b * bucketCap + c] = id;
        bucketCount[b] = c + 1;
      }
    };

    /** Checks one candidate against every word and the filters; places it when it matches. */
    const visit = (id: number): void => {
      if (filtered && !passes(id)) return;
      let matched = 0;
      let exact = 0;
      for (let p = bagStart[id]!, e = bagStart[id + 1]!; p < e; p++) {
        const v = bag[p]!;
        for (let j = 0; j < k; j++) {
          if (v >= lo[j]! && v < hi[j]!) {
            matched |= 1 << j;
            if (v === ex[j]) exact |= 1 << j;
          }
        }
      }
      if (matched === full) place(id, exact);
    };

    // One word, no filter: the tiers one after another, each from its own ascending lists, stopping
    // at `limit` (a first keystroke such as `2` prefixes tokens of 216k rows; 50 are shown).
    if (!empty && k === 1 && !filtered) {
      const ids = oneWord(limit, wLo, wHi, wEx);
      cache = null; // not every match was visited: nothing to narrow from
      const hits: SearchHit[] = ids.map((id, i) => ({ index: source[id]!, tier: oneWordTiers[i]! }));
      if (hits.length < limit) fuzzy(q.tokens, k, hits, limit, passes, filtered, ids);
      return hits;
    }

    if (!empty) {
      const useCache =
        cache !== null && cache.filter === filter && extendsQuery(cache.tokens, q.tokens) && cache.count <= driverCost;
      const dLo = lo[driver]!;
      const dHi = hi[driver]!;
      if (useCache) {
        const prev = bufA;
        for (let i = 0, c = cache!.count; i < c; i++) visit(prev[i]!);
      } else if (k === 1 && dHi - dLo === 1) {
        // One word that prefixes one token: its posting list is the answer, in order.
        const exact = dLo === ex[0] ? 1 : 0;
        for (let p = postingStart[dLo]!, e = postingStart[dHi]!; p < e; p++) {
          const id = postings[p]!;
          if (!filtered || passes(id)) place(id, exact);
        }
      } else if (driverCost * 64 < n) {
        // Few rows: gather the range's posting lists, sort, skip repeats.
        let m = 0;
        for (let p = postingStart[dLo]!, e = postingStart[dHi]!; p < e; p++) sortBuf[m++] = postings[p]!;
        const ids = sortBuf.subarray(0, m).sort();
        let last = -1;
        for (let i = 0; i < m; i++) {
          const id = ids[i]!;
          if (id !== last) visit(id);
          last = id;
        }
      } else {
        // Many rows: mark them (rows holding the word whole one higher), then walk the marks in id
        // order. With one word a marked row needs no further check.
        const g = nextGen();
        const gx = nextGen();
        for (let p = postingStart[dLo]!, e = postingStart[dHi]!; p < e; p++) stamp[postings[p]!] = g;
        const x = ex[driver]!;
        if (x >= 0) for (let p = postingStart[x]!, e = postingStart[x + 1]!; p < e; p++) stamp[postings[p]!] = gx;
        if (k === 1) {
          for (let id = 0; id < n; id++) {
            const st = stamp[id];
            if (st === g) {
              if (!filtered || passes(id)) place(id, 0);
            } else if (st === gx && (!filtered || passes(id))) place(id, 1);
          }
        } else {
          for (let id = 0; id < n; id++) {
            const st = stamp[id];
            if (st === g || st === gx) visit(id);
          }
        }
      }
    }
    // The matches become the cache for the next keystroke.
    bufB = bufA;
    bufA = out;
    cache = { tokens: q.tokens, filter, count: outCount };

    const hits: SearchHit[] = [];
    for (let b = 0; b < BUCKETS && hits.length < limit; b++) {
      const tier = BUCKET_TIER[b]!;
      for (let i = 0, c = bucketCount[b]!; i < c && hits.length < limit; i++) {
        hits.push({ index: source[buckets[b * bucketCap + i]!]!, tier });
      }
    }
    if (hits.length < limit) fuzzy(q.tokens, k, hits, limit, passes, filtered, bufA.subarray(0, outCount));
    return hits;
  }

  const merge = new ListMerge(Math.max(tokens.length, symbolKeys.length) + 1);
  let oneWordTiers: MatchTier[] = [];

  /**
   * Internal ids of the best `limit` rows for a one-word query, tier by tier, each tier read from
   * the lists that hold it: exact (the symbol key's rows; one-word display names equal to the word),
   * symbol-key prefix (the keys in range), display prefix (rows grouped by first display word),
   * whole-token match (the word's own posting list), token prefix (the other posting lists in range).
   * A row is taken in the first tier whose test it passes. Sets `oneWordTiers` alongside.
   */
  function oneWord(limit: number, wLo: number, wHi: number, wEx: number): number[] {
    const x = ex[0]!;
    const tLo = lo[0]!;
    const tHi = hi[0]!;
    const out: number[] = [];
    const tiers: MatchTier[] = [];
    const isExact = (id: number): boolean => symbolKeyOf[id] === wEx || (firstWord[id] === x && wordCount[id] === 1);
    const inKeys = (id: number): boolean => symbolKeyOf[id]! >= wLo && symbolKeyOf[id]! < wHi;
    const inFirst = (id: number): boolean => firstWord[id]! >= tLo && firstWord[id]! < tHi;
    const hasWhole = (id: number): boolean => {
      for (let p = bagStart[id]!, e = bagStart[id + 1]!; p < e; p++) if (bag[p] === x) return true;
      return false;
    };
    /** Takes ids from the merge that pass `keep`, skipping repeats, until `limit`. */
    const drain = (tier: MatchTier, keep: (id: number) => boolean): void => {
      merge.build();
      let last = -1;
      while (out.length < limit) {
        const id = merge.next();
        if (id < 0) return;
        if (id === last) continue;
        last = id;
        if (keep(id)) {
          out.push(id);
          tiers.push(tier);
        }
      }
    };

    // exact: rows of the key equal to the word, and rows whose display name is that one word
    // (two sources: up to `limit` from each, then in id order).
    const exact: number[] = [];
    if (wEx >= 0) {
      for (let p = keyStart[wEx]!, e = keyStart[wEx + 1]!; p < e && exact.length < limit; p++) exact.push(keyPostings[p]!);
    }
    if (x >= 0) {
      let taken = 0;
      for (let p = firstWordStart[x]!, e = firstWordStart[x + 1]!; p < e && taken < limit; p++) {
        const id = firstWordRows[p]!;
        if (wordCount[id] === 1 && symbolKeyOf[id] !== wEx) {
          exact.push(id);
          taken++;
        }
      }
      if (taken > 0) exact.sort((a, b) => a - b);
    }
    for (let i = 0; i < exact.length && out.length < limit; i++) {
      out.push(exact[i]!);
      tiers.push('exact');
    }
    // symbol-key prefix
    if (out.length < limit) {
      merge.reset(keyPostings);
      for (let s = wLo; s < wHi; s++) if (s !== wEx) merge.add(keyStart[s]!, keyStart[s + 1]!);
      drain('prefix', (id) => !isExact(id));
    }
    // display-name prefix
    if (out.length < limit) {
      merge.reset(firstWordRows);
      for (let t = tLo; t < tHi; t++) merge.add(firstWordStart[t]!, firstWordStart[t + 1]!);
      drain('prefix', (id) => !isExact(id) && !inKeys(id));
    }
    // the word as a whole token
    if (out.length < limit && x >= 0) {
      merge.reset(postings);
      merge.add(postingStart[x]!, postingStart[x + 1]!);
      drain('tokens', (id) => !isExact(id) && !inKeys(id) && !inFirst(id));
    }
    // the word as a token prefix
    if (out.length < limit) {
      merge.reset(postings);
      for (let t = tLo; t < tHi; t++) if (t !== x) merge.add(postingStart[t]!, postingStart[t + 1]!);
      drain('tokens', (id) => !isExact(id) && !inKeys(id) && !inFirst(id) && (x < 0 || !hasWhole(id)));
    }
    oneWordTiers = tiers;
    return out;
  }

  /** Tier 4: the first word near a symbol key, the other words as token prefixes. Appends to `hits`. */
  function fuzzy(
    words: readonly string[],
    k: number,
    hits: SearchHit[],
    limit: number,
    passes: (id: number) => boolean,
    filtered: boolean,
    matched: ArrayLike<number>,
  ): void {
    const first = words[0]!;
    const bound = fuzzyBound(first.length);
    if (bound === 0) return;
    for (let j = 1; j < k; j++) if (lo[j] === hi[j]) return;
    const range = prefixRange(symbolKeys, first[0]!);
    const found: { key: number; dist: number }[] = [];
    for (let s = range.lo; s < range.hi; s++) {
      const dist = prefixEditDistance(first, symbolKeys[s]!, bound, edit);
      if (dist > 0 && dist <= bound) found.push({ key: s, dist });
    }
    if (found.length === 0) return;
    // Nearest first; among equals, the key whose best row ranks first.
    found.sort((a, b) => a.dist - b.dist || keyPostings[keyStart[a.key]!]! - keyPostings[keyStart[b.key]!]!);
    const g = nextGen();
    for (let i = 0; i < matched.length; i++) stamp[matched[i]!] = g; // rows already shown
    for (const f of found) {
      for (let p = keyStart[f.key]!, e = keyStart[f.key + 1]!; p < e; p++) {
        const id = keyPostings[p]!;
        if (stamp[id] === g || (filtered && !passes(id))) continue;
        if (k > 1 && !restMatch(id, k)) continue;
        hits.push({ index: source[id]!, tier: 'fuzzy' });
        if (hits.length >= limit) return;
      }
    }
  }

  /** True when words 1…k-1 each prefix some token of row `id`. */
  function restMatch(id: number, k: number): boolean {
    let matched = 1;
    for (let p = bagStart[id]!, e = bagStart[id + 1]!; p < e; p++) {
      const v = bag[p]!;
      for (let j = 1; j < k; j++) if (v >= lo[j]! && v < hi[j]!) matched |= 1 << j;
    }
    return matched === (1 << k) - 1;
  }

  return { index, search };
}
