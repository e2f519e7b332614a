/**
 * Interns the upper-cased tokens of instrument fields into dense ids without creating a string
 * per token seen before: a token is hashed and compared straight from the field it sits in, so the
 * 1.3 million token occurrences of the Dhan master cost one substring per distinct token (43k),
 * not one per occurrence. Open addressing over an Int32Array, FNV-1a over UTF-16 code units.
 *
 * Case: ASCII letters are upper-cased on the fly; a token holding any non-ASCII character is
 * upper-cased with `String.prototype.toUpperCase` first (the rare slow path).
 *
 * Pure TypeScript: imports nothing outside shared/.
 */

/** FNV-1a offset basis: the hash of an empty token. */
export const FNV_OFFSET = 0x811c9dc5;

/** ASCII letter or digit. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The upper-cased tokens of fields, each with a dense id in first-seen order. */
export class TokenInterner {
  /** Distinct tokens, upper-cased, indexed by id. */
  readonly list: string[] = [];
  private hashes: Int32Array;
  private table: Int32Array;
  private mask: number;

  constructor(expected = 1 << 15) {
    let cap = 1 << 10;
    while (cap < expected * 2) cap <<= 1;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    this.hashes = new Int32Array(Math.max(16, expected));
  }

  /** Number of distinct tokens. */
  get size(): number {
    return this.list.length;
  }

  /** Id of the upper-cased `s.slice(start, end)` (a new id when first seen). */
  id(s: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      let c = s.charCodeAt(i);
      if (c >= 97 && c <= 122) c -= 32;
      else if (c >= 128) return this.idOfUpper(s.slice(start, end).toUpperCase());
      h = Math.imul(h ^ c, 16777619);
    }
    return this.idHashed(s, start, end, h);
  }

  /**
   * {@link id} when the caller already computed `h`, the FNV-1a hash (from {@link FNV_OFFSET},
   * `h = Math.imul(h ^ c, 16777619)` per unit) of the range's upper-cased units. ASCII ranges only.
   */
  idHashed(s: string, start: number, end: number, h: number): number {
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) return this.insert(slot, h, s.slice(start, end).toUpperCase());
      const id = v - 1;
      if (this.hashes[id] === h) {
        const tok = this.list[id]!;
        if (tok.length === len) {
          let i = 0;
          while (i < len) {
            let c = s.charCodeAt(start + i);
            if (c >= 97 && c <= 122) c -= 32;
            if (c !== tok.charCodeAt(i)) break;
            i++;
          }
          if (i === len) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Id of a token already upper-cased (may hold non-ASCII characters). */
  private idOfUpper(up: string): number {
    let h = FNV_OFFSET;
    for (let i = 0; i < up.length; i++) h = Math.imul(h ^ up.charCodeAt(i), 16777619);
    let slot = h & this.mask;
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) return this.insert(slot, h, up);
      if (this.hashes[v - 1] === h && this.list[v - 1] === up) return v - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(slot: number, h: number, tok: string): number {
    const id = this.list.length;
    this.list.push(tok);
    if (id === this.hashes.length) {
      const next = new Int32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[id] = h;
    this.table[slot] = id + 1;
    if (this.list.length * 2 > this.table.length) this.grow();
    return id;
  }

  private grow(): void {
    const cap = this.table.length * 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    for (let id = 0; id < this.list.length; id++) {
      let slot = this.hashes[id]! & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id + 1;
    }
  }

  /** The tokens sorted (code-unit order) and `remap[id] = sorted position`. */
  sorted(): { sorted: string[]; remap: Int32Array } {
    const sorted = this.list.slice().sort();
    const pos = new Map<string, number>();
    for (let i = 0; i < sorted.length; i++) pos.set(sorted[i]!, i);
    const remap = new Int32Array(sorted.length);
    for (let id = 0; id < this.list.length; id++) remap[id] = pos.get(this.list[id]!)!;
    return { sorted, remap };
  }
}

/** Token ids of one field, from {@link tokenizeField}. */
export interface FieldTokens {
  /** Ids of the whitespace-separated words, in order. */
  readonly words: Int32Array;
  wordCount: number;
  /** Ids of the letter/digit runs of words that hold other characters (`BAJAJ-AUTO` → BAJAJ, AUTO). */
  readonly runs: Int32Array;
  runCount: number;
}

/** Scratch for {@link tokenizeField}; fields longer than 255 words keep their first 255. */
export function newFieldTokens(): FieldTokens {
  return { words: new Int32Array(256), wordCount: 0, runs: new Int32Array(512), runCount: 0 };
}

/**
 * Tokenises one field into `out`: its whitespace words and, for a word holding characters other
 * than ASCII letters and digits, that word's letter/digit runs. Upper-cases as it goes.
 */
export function tokenizeField(s: string, interner: TokenInterner, out: FieldTokens): void {
  out.wordCount = 0;
  out.runCount = 0;
  const words = out.words;
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && s.charCodeAt(i) <= 32) i++;
    if (i >= n) break;
    const start = i;
    let plain = true;
    let ascii = true;
    // FNV-1a over the upper-cased units, as TokenInterner.id computes it.
    let h = FNV_OFFSET;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (c <= 32) break;
      if (c >= 97 && c <= 122) c -= 32;
      else if (c >= 128) ascii = false;
      if (plain && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) plain = false;
      h = Math.imul(h ^ c, 16777619);
      i++;
    }
    if (out.wordCount < words.length) {
      words[out.wordCount++] = ascii ? interner.idHashed(s, start, i, h) : interner.id(s, start, i);
    }
    if (plain) continue;
    let j = start;
    while (j < i) {
      while (j < i && !isAsciiAlnum(s.charCodeAt(j))) j++;
      const r = j;
      while (j < i && isAsciiAlnum(s.charCodeAt(j))) j++;
      if (j > r && out.runCount < out.runs.length) out.runs[out.runCount++] = interner.id(s, r, j);
    }
  }
}

/**
 * Memory of the last field given to {@link tokenizeFieldAfter}: where its words end and how many
 * runs the words up to each one produced.
 */
export interface FieldMemo {
  last: string;
  readonly wordEnd: Int32Array;
  readonly runEnd: Int32Array;
}

/** A fresh {@link FieldMemo} (for one {@link FieldTokens} scratch, used for nothing else). */
export function newFieldMemo(): FieldMemo {
  return { last: '', wordEnd: new Int32Array(256), runEnd: new Int32Array(256) };
}

/**
 * {@link tokenizeField} for a run of similar fields (the display names of one underlying's
 * contracts, `NIFTY 30 MAR 31250 CE`, `NIFTY 30 MAR 31250 PE`...): the whole words `s` shares with
 * the previous field given with the same `out` and `memo` keep their ids, and only the rest of `s`
 * is hashed. Same result as {@link tokenizeField}.
 */
export function tokenizeFieldAfter(s: string, interner: TokenInterner, out: FieldTokens, memo: FieldMemo): void {
  const prev = memo.last;
  const n = s.length;
  const limit = Math.min(n, prev.length);
  let common = 0;
  while (common < limit && s.charCodeAt(common) === prev.charCodeAt(common)) common++;
  // Previous words lying wholly in the common prefix and ending where a word of `s` ends too.
  let keep = 0;
  const prevWords = out.wordCount;
  while (keep < prevWords) {
    const end = memo.wordEnd[keep]!;
    if (end > common || (end < n && s.charCodeAt(end) > 32)) break;
    keep++;
  }
  const words = out.words;
  let i = 0;
  if (keep > 0) {
    out.wordCount = keep;
    out.runCount = memo.runEnd[keep - 1]!;
    i = memo.wordEnd[keep - 1]!;
  } else {
    out.wordCount = 0;
    out.runCount = 0;
  }
  memo.last = s;
  while (i < n) {
    while (i < n && s.charCodeAt(i) <= 32) i++;
    if (i >= n) break;
    const start = i;
    let plain = true;
    let ascii = true;
    let h = FNV_OFFSET;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (c <= 32) break;
      if (c >= 97 && c <= 122) c -= 32;
      else if (c >= 128) ascii = false;
      if (plain && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) plain = false;
      h = Math.imul(h ^ c, 16777619);
      i++;
    }
    const room = out.wordCount < words.length;
    if (room) words[out.wordCount] = ascii ? interner.idHashed(s, start, i, h) : interner.id(s, start, i);
    if (!plain) {
      let j = start;
      while (j < i) {
        while (j < i && !isAsciiAlnum(s.charCodeAt(j))) j++;
        const r = j;
        while (j < i && isAsciiAlnum(s.charCodeAt(j))) j++;
        if (j > r && out.runCount < out.runs.length) out.runs[out.runCount++] = interner.id(s, r, j);
      }
    }
    if (room) {
      memo.wordEnd[out.wordCount] = i;
      memo.runEnd[out.wordCount] = out.runCount;
      out.wordCount++;
    } else memo.last = ''; // past the scratch's 255 words: not reusable
  }
}
