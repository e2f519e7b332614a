/**
 * Number → characters without building strings, for the ladder's hot path: quantities in Indian
 * grouping (`1,23,45,678`), written right to left into a reused char-code buffer. Equal to
 * shared/format `formatQuantity` for whole numbers (tested), which remains the path for anything
 * else (fractions, non-finite values).
 *
 * Source: issue 5, "Settings" (numbers in Indian grouping); shared/format/quantity.ts.
 */
import { formatQuantity } from '../../../shared/format';

/** A reusable buffer of char codes; `start..end` holds the text. */
export interface CharBuf {
  readonly codes: Uint16Array;
  start: number;
  end: number;
}

/** A buffer for up to `size` chars. */
export function createCharBuf(size = 40): CharBuf {
  return { codes: new Uint16Array(size), start: size, end: size };
}

const COMMA = 44;
const MINUS = 45;
const ZERO = 48;

function putString(buf: CharBuf, s: string): CharBuf {
  const n = Math.min(s.length, buf.codes.length);
  buf.end = buf.codes.length;
  buf.start = buf.end - n;
  for (let i = 0; i < n; i++) buf.codes[buf.start + i] = s.charCodeAt(i);
  return buf;
}

/**
 * Writes `q` in Indian grouping into `buf` (right-aligned at the end) and returns it: the last
 * three digits, then groups of two (`12,34,567`). Whole numbers up to 2^53 take the fast path;
 * anything else is formatted by `formatQuantity`.
 */
export function writeIndianInt(buf: CharBuf, q: number): CharBuf {
  if (!Number.isSafeInteger(q)) return putString(buf, formatQuantity(q));
  const codes = buf.codes;
  let i = codes.length;
  buf.end = i;
  let v = q < 0 ? -q : q;
  let digits = 0;
  do {
    if (digits === 3 || (digits > 3 && (digits - 3) % 2 === 0)) codes[--i] = COMMA;
    const d = v % 10;
    codes[--i] = ZERO + d;
    v = (v - d) / 10;
    digits++;
  } while (v > 0);
  if (q < 0) codes[--i] = MINUS;
  buf.start = i;
  return buf;
}

/** Writes the string `s` into `buf` (right-aligned). */
export function writeString(buf: CharBuf, s: string): CharBuf {
  return putString(buf, s);
}

/** The buffer's text (for tests and the testing hook). */
export function charBufText(buf: CharBuf): string {
  return String.fromCharCode(...buf.codes.subarray(buf.start, buf.end));
}
