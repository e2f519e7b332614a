import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits, roundDecimal } from './decimal';

const text = (x: number, d: number): string => {
  const p = roundDecimal(x, d);
  return `${p.negative ? '-' : ''}${p.integer}${d > 0 ? '.' : ''}${p.fraction}`;
};

describe('roundDecimal', () => {
  it('rounds half away from zero on the decimal form, not the binary one', () => {
    expect(text(1.005, 2)).toBe('1.01'); // (1.005).toFixed(2) === '1.00'
    expect(text(2.675, 2)).toBe('2.68'); // (2.675).toFixed(2) === '2.67'
    expect(text(0.005, 2)).toBe('0.01');
    expect(text(0.0049999, 2)).toBe('0.00');
    expect(text(-0.005, 2)).toBe('-0.01');
    expect(text(2.5, 0)).toBe('3');
    expect(text(-2.5, 0)).toBe('-3');
    expect(text(0.125, 2)).toBe('0.13');
  });

  it('carries through nines into a new digit', () => {
    expect(text(999.995, 2)).toBe('1000.00');
    expect(text(9.9999, 3)).toBe('10.000');
    expect(text(0.9995, 3)).toBe('1.000');
  });

  it('expands exponent forms', () => {
    expect(text(1e21, 2)).toBe('1000000000000000000000.00');
    expect(text(1.5e-7, 2)).toBe('0.00');
    expect(text(5e-7, 6)).toBe('0.000001');
    expect(text(1.2345e-5, 8)).toBe('0.00001235');
    expect(text(Number.MAX_SAFE_INTEGER, 0)).toBe('9007199254740991');
  });

  it('never prints a negative zero', () => {
    expect(roundDecimal(-0.001, 2)).toEqual({ negative: false, integer: '0', fraction: '00' });
    expect(roundDecimal(-0, 0)).toEqual({ negative: false, integer: '0', fraction: '' });
  });

  it('refuses non-finite values and bad decimals', () => {
    expect(() => roundDecimal(Number.NaN, 2)).toThrow(RangeError);
    expect(() => roundDecimal(Infinity, 2)).toThrow(RangeError);
    expect(() => roundDecimal(1, -1)).toThrow(RangeError);
    expect(() => roundDecimal(1, 1.5)).toThrow(RangeError);
  });

  it('agrees with toFixed wherever the double is not within 1e-9 of a half (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const scaled = Math.abs(x) * 10 ** d;
        const frac = scaled - Math.floor(scaled);
        fc.pre(Math.abs(frac - 0.5) > 1e-6);
        const expected = x.toFixed(d).replace(/^-(0\.?0*)$/, '$1');
        expect(text(x, d)).toBe(expected);
      }),
    );
  });
});

describe('groupDigits', () => {
  it('groups the Indian way: three, then pairs', () => {
    expect(groupDigits('1')).toBe('1');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('1000')).toBe('1,000');
    expect(groupDigits('100000')).toBe('1,00,000');
    expect(groupDigits('12345678')).toBe('1,23,45,678');
    expect(groupDigits('123456789')).toBe('12,34,56,789');
  });

  it('groups by three on request', () => {
    expect(groupDigits('12345678', 'international')).toBe('12,345,678');
    expect(groupDigits('1234', 'international')).toBe('1,234');
  });
});
