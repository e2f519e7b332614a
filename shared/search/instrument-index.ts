/**
 * The instrument search index: the whole master (273k rows on Dhan's compact file) packed into
 * typed arrays so that a keystroke costs integer comparisons, not string work over every row.
 *
 * Layout (ids below are "internal ids": positions in the static order of static-rank.ts, so every
 * posting list, walked in ascending id order, is already in result order):
 * - `tokens`: every distinct upper-cased token of the searchable fields, sorted (code-unit order),
 *   so the tokens starting with a typed prefix are one contiguous range `[lo, hi)` of token ids,
 *   found by binary search;
 * - `postingStart`/`postings`: for each token id, the internal ids holding it (CSR, ascending);
 *   `postingStart[hi] - postingStart[lo]` is the size of a prefix range's union bound in O(1);
 * - `bagStart`/`bag`: for each internal id, its token ids; the first `wordCount[id]` entries are the
 *   words of its display name in order (`NIFTY`, `27`, `NOV`, `24500`, `CE`), used to tell a
 *   display-name prefix from a scattered token match; "token matches a prefix" is then
 *   `lo <= tokenId < hi`;
 * - `symbolKeys`: sorted distinct symbol keys (the trading symbol of cash and index rows, the
 *   underlying symbol of derivatives) with `symbolKeyOf[id]` and the reverse lists
 *   `keyStart`/`keyPostings`, for the exact and prefix tiers and the fuzzy pass.
 *
 * Tokens of a row: its display name's words and their letter/digit runs, its underlying symbol,
 * and for cash and index rows also the trading symbol (whole and runs) and the long name's words.
 * A derivative's exchange trading symbol (`NIFTY-Nov2026-24500-CE`) is not tokenised: its parts
 * are the display name's.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import {
  EXCHANGE_SEGMENTS,
  INSTRUMENT_TYPES,
  istDateOf,
  type ExchangeSegment,
  type InstrumentType,
} from '../instruments';
import { dayNumber, staticOrder, type RankFields } from './static-rank';
import { newFieldMemo, newFieldTokens, TokenInterner, tokenizeField, tokenizeFieldAfter } from './token-interner';

/**
 * What the index reads of an instrument; shared `Instrument` satisfies it. Strings as in the
 * master (any case); `expiry` an IST date `YYYY-MM-DD` or null; `strike` in rupees.
 */
export interface SearchableInstrument extends RankFields {
  readonly securityId: string;
  readonly underlying: string;
  readonly displayName: string;
  readonly name: string | null;
}

/** The built index (read-only after {@link buildInstrumentIndex}). See the file comment for the layout. */
export interface InstrumentIndex {
  /** Number of instruments. */
  readonly size: number;
  /** The IST date (`YYYY-MM-DD`) the index took as today when ranking expired contracts. */
  readonly today: string;
  /** Internal id → position of the instrument in the array given to {@link buildInstrumentIndex}. */
  readonly source: Int32Array;
  /** Sorted distinct tokens. */
  readonly tokens: readonly string[];
  /** CSR offsets into `postings`, length `tokens.length + 1`. */
  readonly postingStart: Int32Array;
  /** Internal ids per token, ascending. */
  readonly postings: Int32Array;
  /** CSR offsets into `bag`, length `size + 1`. */
  readonly bagStart: Int32Array;
  /** Token ids per internal id; the first `wordCount[id]` are the display name's words in order. */
  readonly bag: Int32Array;
  readonly wordCount: Uint8Array;
  /** Sorted distinct symbol keys (cash/index: trading symbol; derivatives: underlying), upper-cased. */
  readonly symbolKeys: readonly string[];
  /** Internal id → index into `symbolKeys`. */
  readonly symbolKeyOf: Int32Array;
  /** CSR offsets into `keyPostings`, length `symbolKeys.length + 1`. */
  readonly keyStart: Int32Array;
  /** Internal ids per symbol key, ascending. */
  readonly keyPostings: Int32Array;
  /** Internal id → token id of its display name's first word (`tokens.length` when it has none). */
  readonly firstWord: Int32Array;
  /**
   * Rows grouped by the first word of their display name: CSR offsets per token id (length
   * `tokens.length + 2`; rows without words sit in the last group) into `firstWordRows`
   * (ascending ids per group). A word's prefix range gives the display-prefix candidates at once.
   */
  readonly firstWordStart: Int32Array;
  readonly firstWordRows: Int32Array;
  /** Internal id → index into `EXCHANGE_SEGMENTS`. */
  readonly segmentCode: Uint8Array;
  /** Internal id → index into `INSTRUMENT_TYPES`. */
  readonly typeCode: Uint8Array;
  /** Internal id → 1 when the contract expired before `today`. */
  readonly expired: Uint8Array;
}

/** Options of {@link buildInstrumentIndex}. */
export interface BuildIndexOptions {
  /** Today as an IST date `YYYY-MM-DD` (expired contracts rank last). Defaults to the current IST date. */
  readonly today?: string;
}

const SEGMENT_CODE = new Map<ExchangeSegment, number>(EXCHANGE_SEGMENTS.map((s, i) => [s, i]));
const TYPE_CODE = new Map<InstrumentType, number>(INSTRUMENT_TYPES.map((t, i) => [t, i]));

/** A growable Int32 list. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** `YYYY-MM-DD` as the number yyyymmdd (a cache key), or -1 when the text has another shape. */
function compactDate(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return -1;
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** CSR lists of ids, `start[g]…start[g+1]` per group, from each id's group (ids ascending within a group). */
function groupIds(groupOf: Int32Array, groups: number): { start: Int32Array; ids: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < groupOf.length; i++) start[groupOf[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const ids = new Int32Array(groupOf.length);
  const cursor = start.slice(0, groups);
  for (let i = 0; i < groupOf.length; i++) ids[cursor[groupOf[i]!]!++] = i;
  return { start, ids };
}

/**
 * Builds the search index over `instruments` (the whole master: 228k instruments from the 273k-row
 * Dhan compact file). Synchronous and CPU-bound (a few hundred ms on the full master): run it off
 * the UI thread (the core's instrument worker, electron/core/services/instrument-worker.ts). Never throws on odd rows: a missing
 * or malformed expiry ranks as day 0, an unknown segment or instrument type gets code 255 (and
 * then matches no segment or type filter).
 */
export function buildInstrumentIndex(
  instruments: readonly SearchableInstrument[],
  options: BuildIndexOptions = {},
): InstrumentIndex {
  const n = instruments.length;
  const today = options.today ?? istDateOf(Date.now());
  const todayDay = dayNumber(today);

  // Pass 1, input order: expiry days, symbol keys, option series.
  const keys = new TokenInterner(1 << 15);
  const keyOfInput = new Int32Array(n);
  const expiryDay = new Int32Array(n);
  const series = new Int32Array(n).fill(-1);
  const dayCache = new Map<number, number>(); // yyyymmdd → day number
  // Option series per symbol key: [segment * 65536 + day, series id] pairs (a key has few expiries).
  const seriesOfKey: (number[] | undefined)[] = [];
  let seriesCount = 0;
  // Contracts come grouped by underlying and expiry (often the very same string objects): the last
  // key and expiry are compared before any hashing.
  let lastKey = '';
  let lastK = -1;
  let lastExpiry = '';
  let lastDay = 0;
  for (let i = 0; i < n; i++) {
    const it = instruments[i]!;
    const e = it.expiry;
    const key = e === null ? it.tradingSymbol : it.underlying;
    const k = lastK >= 0 && key === lastKey ? lastK : keys.id(key, 0, key.length);
    lastKey = key;
    lastK = k;
    keyOfInput[i] = k;
    if (e === null) continue;
    let d: number | undefined;
    if (e === lastExpiry) d = lastDay;
    else {
      const ymd = compactDate(e);
      d = ymd < 0 ? dayNumber(e) : dayCache.get(ymd);
      if (d === undefined) {
        d = dayNumber(e);
        dayCache.set(ymd, d);
      }
      lastExpiry = e;
      lastDay = d;
    }
    expiryDay[i] = d;
    if (it.optionType !== null && it.strike !== null) {
      const sd = (SEGMENT_CODE.get(it.segment) ?? 15) * 65_536 + d;
      let list = seriesOfKey[k];
      if (list === undefined) seriesOfKey[k] = list = [];
      let s = -1;
      for (let j = 0; j < list.length; j += 2) {
        if (list[j] === sd) {
          s = list[j + 1]!;
          break;
        }
      }
      if (s < 0) {
        s = seriesCount++;
        list.push(sd, s);
      }
      series[i] = s;
    }
  }
  const source = staticOrder(instruments, todayDay, expiryDay, series);

  // Pass 2, input order (objects and their strings read sequentially): token bags (display words
  // first, in order) and codes per input row.
  const tokens = new TokenInterner(1 << 16);
  const field = newFieldTokens();
  const display = newFieldTokens(); // display names only: tokenizeFieldAfter reuses its last words
  const displayMemo = newFieldMemo();
  const inBag = new IntList(n * 7);
  const inStart = new Int32Array(n + 1);
  const inWords = new Uint8Array(n);
  const inSegment = new Uint8Array(n);
  const inType = new Uint8Array(n);
  const inExpired = new Uint8Array(n);
  const repeats = new Uint8Array(n); // 1: the display name repeats a word (`USDINR 26 FEB 26 CE`)
  let rowStart = 0;
  const addUnique = (ids: Int32Array, count: number): void => {
    for (let q = 0; q < count; q++) {
      const id = ids[q]!;
      const d = inBag.data;
      let k = rowStart;
      while (k < inBag.length && d[k] !== id) k++;
      if (k === inBag.length) inBag.push(id);
    }
  };
  const addField = (s: string): void => {
    tokenizeField(s, tokens, field);
    addUnique(field.words, field.wordCount);
    addUnique(field.runs, field.runCount);
  };
  let lastSegment = '';
  let lastSegmentCode = 255;
  let lastType = '';
  let lastTypeCode = 255;
  // A derivative's underlying is tokenised once per symbol key (206k contracts, 18k keys).
  const underlyingTokens: (Int32Array | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const it = instruments[i]!;
    rowStart = inBag.length;
    inStart[i] = rowStart;
    tokenizeFieldAfter(it.displayName, tokens, display, displayMemo);
    for (let q = 0; q < display.wordCount; q++) {
      const id = display.words[q]!;
      for (let j = 0; j < q; j++) if (display.words[j] === id) repeats[i] = 1;
      inBag.push(id);
    }
    inWords[i] = display.wordCount;
    addUnique(display.runs, display.runCount);
    if (it.expiry === null) {
      addField(it.underlying);
      if (it.tradingSymbol !== it.underlying) addField(it.tradingSymbol);
      if (it.name !== null) addField(it.name);
    } else {
      const k = keyOfInput[i]!;
      let ut = underlyingTokens[k];
      if (ut === undefined) {
        tokenizeField(it.underlying, tokens, field);
        ut = new Int32Array(field.wordCount + field.runCount);
        ut.set(field.words.subarray(0, field.wordCount));
        ut.set(field.runs.subarray(0, field.runCount), field.wordCount);
        underlyingTokens[k] = ut;
      }
      addUnique(ut, ut.length);
      if (expiryDay[i]! < todayDay) inExpired[i] = 1;
    }
    if (it.segment !== lastSegment) {
      lastSegment = it.segment;
      lastSegmentCode = SEGMENT_CODE.get(it.segment) ?? 255;
    }
    if (it.instrumentType !== lastType) {
      lastType = it.instrumentType;
      lastTypeCode = TYPE_CODE.get(it.instrumentType) ?? 255;
    }
    inSegment[i] = lastSegmentCode;
    inType[i] = lastTypeCode;
  }
  inStart[n] = inBag.length;

  // Into static order.
  const bagData = new Int32Array(inBag.length);
  const bagStart = new Int32Array(n + 1);
  const wordCount = new Uint8Array(n);
  const keyOfTmp = new Int32Array(n);
  const segmentCode = new Uint8Array(n);
  const typeCode = new Uint8Array(n);
  const expired = new Uint8Array(n);
  const rowRepeats = new Uint8Array(n);
  let fill = 0;
  const inData = inBag.data;
  for (let r = 0; r < n; r++) {
    const at = source[r]!;
    bagStart[r] = fill;
    // A plain loop: two subarray views per row would be 456k short-lived objects.
    for (let p = inStart[at]!, to = inStart[at + 1]!; p < to; p++) bagData[fill++] = inData[p]!;
    wordCount[r] = inWords[at]!;
    keyOfTmp[r] = keyOfInput[at]!;
    segmentCode[r] = inSegment[at]!;
    typeCode[r] = inType[at]!;
    rowRepeats[r] = repeats[at]!;
    expired[r] = inExpired[at]!;
  }
  bagStart[n] = fill;

  // Token ids to sorted order, then the posting lists (ascending internal ids, a row once per token;
  // only display words can repeat within a row).
  const tok = tokens.sorted();
  for (let p = 0; p < bagData.length; p++) bagData[p] = tok.remap[bagData[p]!]!;
  const postingStart = new Int32Array(tok.sorted.length + 1);
  const isRepeat = (p: number, from: number): boolean => {
    const v = bagData[p];
    for (let j = from; j < p; j++) if (bagData[j] === v) return true;
    return false;
  };
  for (let r = 0; r < n; r++) {
    const from = bagStart[r]!;
    const check = rowRepeats[r] === 1;
    for (let p = from, to = bagStart[r + 1]!; p < to; p++) if (!check || !isRepeat(p, from)) postingStart[bagData[p]! + 1]!++;
  }
  for (let t = 0; t < tok.sorted.length; t++) postingStart[t + 1]! += postingStart[t]!;
  const postings = new Int32Array(postingStart[tok.sorted.length]!);
  const cursor = postingStart.slice(0, tok.sorted.length);
  for (let r = 0; r < n; r++) {
    const from = bagStart[r]!;
    const check = rowRepeats[r] === 1;
    for (let p = from, to = bagStart[r + 1]!; p < to; p++) if (!check || !isRepeat(p, from)) postings[cursor[bagData[p]!]!++] = r;
  }

  const key = keys.sorted();
  const symbolKeyOf = new Int32Array(n);
  for (let r = 0; r < n; r++) symbolKeyOf[r] = key.remap[keyOfTmp[r]!]!;
  const byKey = groupIds(symbolKeyOf, key.sorted.length);
  const firstWord = new Int32Array(n);
  for (let r = 0; r < n; r++) firstWord[r] = wordCount[r]! > 0 ? bagData[bagStart[r]!]! : tok.sorted.length;
  const byFirstWord = groupIds(firstWord, tok.sorted.length + 1);

  return {
    size: n,
    today,
    source,
    tokens: tok.sorted,
    postingStart,
    postings,
    bagStart,
    bag: bagData,
    wordCount,
    symbolKeys: key.sorted,
    symbolKeyOf,
    keyStart: byKey.start,
    keyPostings: byKey.ids,
    firstWord,
    firstWordStart: byFirstWord.start,
    firstWordRows: byFirstWord.ids,
    segmentCode,
    typeCode,
    expired,
  };
}
