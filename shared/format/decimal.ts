/**
 * Exact decimal rounding of a JavaScript number for display, without `toFixed`'s binary surprises.
 *
 * A number is rounded from its shortest round-trip decimal form (what `String(x)` prints), half
 * away from zero: `1.005` → `"1.01"` (where `(1.005).toFixed(2)` gives `"1.00"` because the double
 * is 1.00499999999999989...), `-2.5` at 0 decimals → `"-3"`. Exponent forms (`1e+21`, `5e-7`) are
 * expanded, so very large and very small numbers print as plain digits.
 *
 * Pure TypeScript (no Intl): the output never depends on the runtime's locale data.
 */

/** A number rounded to a fixed count of decimals, as digit strings. */
export interface DecimalParts {
  /** True when the rounded value is below zero (never true for a value that rounds to 0). */
  readonly negative: boolean;
  /** Integer digits without leading zeros (`"0"` when the integer part is zero). */
  readonly integer: string;
  /** Exactly `decimals` fraction digits (`""` for 0 decimals). */
  readonly fraction: string;
}

/**
 * Rounds a finite `value` to `decimals` fraction digits (an integer from 0 to 20), half away from
 * zero on its shortest decimal form. Throws RangeError for a non-finite value or a bad `decimals`:
 * the public formatters check first and print a dash instead.
 */
export function roundDecimal(value: number, decimals: number): DecimalParts {
  if (!Number.isFinite(value)) throw new RangeError(`roundDecimal: not a finite number: ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`roundDecimal: decimals must be an integer from 0 to 20, got ${decimals}`);
  }
  const negative = value < 0;
  const text = String(Math.abs(value));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Position of the decimal point counted in digits from the left of `digits`.
  let point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const cut = point + decimals;
  if (cut > digits.length) digits += '0'.repeat(cut - digits.length);
  let kept = digits.slice(0, cut);
  const next = digits.charCodeAt(cut); // NaN past the end
  if (next >= 53 /* '5' */) {
    kept = incrementDigits(kept);
    if (kept.length > cut) point += 1;
  }
  let integer = kept.slice(0, point).replace(/^0+(?=\d)/, '');
  if (integer === '') integer = '0';
  const fraction = kept.slice(point);
  const isZero = /^0*$/.test(integer) && /^0*$/.test(fraction);
  return { negative: negative && !isZero, integer, fraction };
}

/** Adds one to a string of decimal digits: `"0999"` → `"1000"`, `"99"` → `"100"`. */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String.fromCharCode(out[i]!.charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}

/**
 * Groups integer digits the Indian way: the last three, then pairs (`"12345678"` →
 * `"1,23,45,678"`). With `style` `'international'`, groups of three (`"12,345,678"`).
 */
export function groupDigits(integer: string, style: 'indian' | 'international' = 'indian'): string {
  if (integer.length <= 3) return integer;
  const last3 = integer.slice(-3);
  let rest = integer.slice(0, -3);
  const size = style === 'indian' ? 2 : 3;
  const groups: string[] = [];
  while (rest.length > size) {
    groups.unshift(rest.slice(-size));
    rest = rest.slice(0, -size);
  }
  groups.unshift(rest);
  return `${groups.join(',')},${last3}`;
}
