/**
 * Query and field tokenisation for the instrument search (shared/search).
 *
 * Everything is compared upper-cased. A query is split on whitespace only, so a symbol typed with
 * its punctuation (`BAJAJ-AUTO`, `M&M`) stays one token and matches the symbol as a whole; instrument
 * fields are split on whitespace and, in addition, into their letter/digit runs (`BAJAJ`, `AUTO`), so
 * the parts match too (token-interner.ts, `tokenizeField`).
 *
 * Pure TypeScript: imports nothing outside shared/.
 */

/** Most query tokens looked at; further tokens are ignored (a trader's longest form has 5). */
export const MAX_QUERY_TOKENS = 8;

/** A query after normalisation. */
export interface NormalizedQuery {
  /** Upper-cased, trimmed, runs of whitespace collapsed to one space: `"NIFTY 24500 CE"`. */
  readonly whole: string;
  /** `whole` split on spaces, at most {@link MAX_QUERY_TOKENS}. Empty for a blank query. */
  readonly tokens: readonly string[];
}

/** Normalises a type-ahead query: `"  nifty  24500 ce"` → `{ whole: "NIFTY 24500 CE", tokens: [...] }`. */
export function normalizeQuery(query: string): NormalizedQuery {
  const tokens = query.toUpperCase().split(/\s+/).filter((t) => t !== '');
  if (tokens.length > MAX_QUERY_TOKENS) tokens.length = MAX_QUERY_TOKENS;
  return { whole: tokens.join(' '), tokens };
}

/** First index `i` in sorted `xs` with `xs[i] >= key` (code-unit order, as `Array.prototype.sort`). */
export function lowerBound(xs: readonly string[], key: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The half-open range `[lo, hi)` of the entries of sorted `xs` that start with `prefix`
 * (code-unit order). Empty (`lo === hi`) when none does.
 */
export function prefixRange(xs: readonly string[], prefix: string): { lo: number; hi: number } {
  const lo = lowerBound(xs, prefix);
  const hi = lowerBound(xs, prefix + '\uffff');
  return { lo, hi };
}
