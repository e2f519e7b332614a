import { describe, expect, it } from 'vitest';
import { CRORE, LAKH, formatIndianCompact } from './compact';
import { NO_VALUE, formatIndianNumber, formatRupees } from './indian-number';

describe('formatIndianNumber / formatRupees', () => {
  it('groups lakhs and crores and keeps two decimals', () => {
    expect(formatRupees(12345678.5)).toBe('₹1,23,45,678.50');
    expect(formatIndianNumber(12345678.5)).toBe('1,23,45,678.50');
    expect(formatIndianNumber(100000)).toBe('1,00,000.00');
    expect(formatIndianNumber(99999.999)).toBe('1,00,000.00');
    expect(formatIndianNumber(999)).toBe('999.00');
    expect(formatIndianNumber(0)).toBe('0.00');
  });

  it('puts the minus before the rupee sign', () => {
    expect(formatRupees(-123456)).toBe('-₹1,23,456.00');
    expect(formatIndianNumber(-1234.567)).toBe('-1,234.57');
    expect(formatRupees(-0.004)).toBe('₹0.00');
  });

  it('rounds at the paisa boundary on the decimal form', () => {
    expect(formatRupees(0.005)).toBe('₹0.01');
    expect(formatRupees(1.005)).toBe('₹1.01');
    expect(formatRupees(0.0049)).toBe('₹0.00');
    expect(formatRupees(-0.005)).toBe('-₹0.01');
  });

  it('prints very large numbers in full', () => {
    expect(formatRupees(1e21)).toBe('₹1,00,00,00,00,00,00,00,00,00,000.00');
    expect(formatIndianNumber(Number.MAX_SAFE_INTEGER, 0)).toBe('9,00,71,99,25,47,40,991');
  });

  it('honours the decimals argument', () => {
    expect(formatIndianNumber(1234.5678, 0)).toBe('1,235');
    expect(formatIndianNumber(1234.5678, 4)).toBe('1,234.5678');
    expect(formatIndianNumber(83.2425, 4)).toBe('83.2425');
  });

  it('prints a dash for missing, non-finite or bad arguments', () => {
    for (const v of [null, undefined, Number.NaN, Infinity, -Infinity]) {
      expect(formatIndianNumber(v)).toBe(NO_VALUE);
      expect(formatRupees(v)).toBe(NO_VALUE);
    }
    expect(formatIndianNumber(1, -1)).toBe(NO_VALUE);
    expect(formatIndianNumber(1, 2.5)).toBe(NO_VALUE);
  });
});

describe('formatIndianCompact', () => {
  it('uses crores and lakhs with three significant digits', () => {
    expect(formatIndianCompact(12_345_678)).toBe('1.23 Cr');
    expect(formatIndianCompact(4_560_000)).toBe('45.6 L');
    expect(formatIndianCompact(456_000)).toBe('4.56 L');
    expect(formatIndianCompact(123 * CRORE)).toBe('123 Cr');
    expect(formatIndianCompact(LAKH)).toBe('1.00 L');
    expect(formatIndianCompact(CRORE)).toBe('1.00 Cr');
    expect(formatIndianCompact(1_234.5 * CRORE)).toBe('1,235 Cr');
    expect(formatIndianCompact(1e12)).toBe('1,00,000 Cr');
  });

  it('prints values below a lakh in full', () => {
    expect(formatIndianCompact(99_999)).toBe('99,999');
    expect(formatIndianCompact(99_999.4)).toBe('99,999');
    expect(formatIndianCompact(-98_765)).toBe('-98,765');
    expect(formatIndianCompact(1234.56, { smallDecimals: 2 })).toBe('1,234.56');
    expect(formatIndianCompact(0)).toBe('0');
  });

  it('moves up a unit when rounding reaches it', () => {
    expect(formatIndianCompact(99_999.5)).toBe('1.00 L');
    expect(formatIndianCompact(9_995_000)).toBe('1.00 Cr'); // 99.95 L rounds to 100 L
    expect(formatIndianCompact(9_994_999)).toBe('99.9 L');
    expect(formatIndianCompact(9_999_999)).toBe('1.00 Cr');
    expect(formatIndianCompact(99_950_000)).toBe('10.0 Cr'); // 9.995 Cr
    expect(formatIndianCompact(99_940_000)).toBe('9.99 Cr');
    expect(formatIndianCompact(999_500)).toBe('10.0 L');
  });

  it('keeps the sign of negative amounts', () => {
    expect(formatIndianCompact(-45_600_000)).toBe('-4.56 Cr');
    expect(formatIndianCompact(-123_456)).toBe('-1.23 L');
  });

  it('prints a dash for missing values', () => {
    expect(formatIndianCompact(null)).toBe(NO_VALUE);
    expect(formatIndianCompact(Number.NaN)).toBe(NO_VALUE);
    expect(formatIndianCompact(1, { smallDecimals: -1 })).toBe(NO_VALUE);
  });
});
