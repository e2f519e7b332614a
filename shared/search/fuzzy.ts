/**
 * Typo-tolerant matching of a typed symbol against symbol keys, for the last ranking tier.
 *
 * The measure is the prefix edit distance: the smallest optimal-string-alignment distance
 * (insertions, deletions, substitutions, transpositions of adjacent letters, each costing 1)
 * between the typed text and any prefix of the key, so `HDFCBNK` is 1 from `HDFCBANK` (a missing
 * letter), `RELAINCE` 1 from `RELIANCE` (a swap), and an unfinished `HDFCBNKX` still finds it at 2.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */

/**
 * Largest distance accepted for a typed token of `length` characters: none below 4 characters
 * (too many symbols are one edit from any 3 letters), 1 up to 6, then 2.
 */
export function fuzzyBound(length: number): number {
  if (length < 4) return 0;
  return length >= 7 ? 2 : 1;
}

/** Longest typed token the scratch rows of {@link prefixEditDistance} are sized for by default. */
const DEFAULT_CAPACITY = 64;

/** Reusable rows for {@link prefixEditDistance}; one per searcher, not shared across threads. */
export interface EditScratch {
  rows: Int32Array;
  width: number;
}

/** Scratch rows for typed tokens up to `capacity` characters (grown on demand). */
export function newEditScratch(capacity = DEFAULT_CAPACITY): EditScratch {
  const width = capacity + 4;
  return { rows: new Int32Array(width * 3), width };
}

/**
 * Prefix edit distance between `typed` and `key` (both already upper-cased), or `bound + 1` as
 * soon as it is known to exceed `bound`. Only key prefixes up to `typed.length + bound`
 * characters can be within the bound, so the work is O(typed.length × (typed.length + bound)).
 */
export function prefixEditDistance(typed: string, key: string, bound: number, scratch: EditScratch): number {
  const m = typed.length;
  const cols = Math.min(key.length, m + bound);
  if (cols + 2 > scratch.width) {
    scratch.width = cols + 4;
    scratch.rows = new Int32Array(scratch.width * 3);
  }
  const w = scratch.width;
  const rows = scratch.rows;
  // rows: [prev2 | prev | cur], each `cols + 1` wide; D[0][j] = j (skipping key letters).
  let p2 = 0;
  let p1 = w;
  let cur = 2 * w;
  for (let j = 0; j <= cols; j++) rows[p1 + j] = j;
  for (let i = 1; i <= m; i++) {
    const a = typed.charCodeAt(i - 1);
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= cols; j++) {
      const b = key.charCodeAt(j - 1);
      let d = Math.min(rows[p1 + j]! + 1, rows[cur + j - 1]! + 1, rows[p1 + j - 1]! + (a === b ? 0 : 1));
      if (i > 1 && j > 1 && a === key.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === b) {
        d = Math.min(d, rows[p2 + j - 2]! + 1);
      }
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return bound + 1;
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  let best = bound + 1;
  for (let j = 0; j <= cols; j++) if (rows[p1 + j]! < best) best = rows[p1 + j]!;
  return best;
}
