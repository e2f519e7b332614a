import { describe, expect, it } from 'vitest';
import { formatPercentChange, formatSignedNumber, percentChange } from './change';
import { NO_VALUE } from './indian-number';
import { formatPrice, formatSegmentPrice } from './price';
import { formatLots, formatQuantity, formatQuantityWithLots } from './quantity';

describe('formatPrice', () => {
  it('prints 2 decimals, or 4 for currency segments', () => {
    expect(formatPrice(24512.3, 2)).toBe('24,512.30');
    expect(formatPrice(1650.4, 2, { grouping: false })).toBe('1650.40');
    expect(formatPrice(83.2425, 4)).toBe('83.2425');
    expect(formatSegmentPrice(83.25, 'NSE_CURRENCY')).toBe('83.2500');
    expect(formatSegmentPrice(83.25, 'BSE_CURRENCY')).toBe('83.2500');
    expect(formatSegmentPrice(83.25, 'NSE_FNO')).toBe('83.25');
    expect(formatSegmentPrice(123456.05, 'NSE_EQ')).toBe('1,23,456.05');
  });

  it('rounds wire floats to the displayed decimals', () => {
    expect(formatPrice(247.8000030517578, 2)).toBe('247.80');
    expect(formatPrice(0.005, 2)).toBe('0.01');
    expect(formatPrice(83.24245, 4)).toBe('83.2425');
    expect(formatPrice(-12.345, 2)).toBe('-12.35');
  });

  it('prints a dash for a missing price or unsupported decimals', () => {
    expect(formatPrice(null, 2)).toBe(NO_VALUE);
    expect(formatPrice(Number.NaN, 4)).toBe(NO_VALUE);
    expect(formatPrice(1, 3 as 2)).toBe(NO_VALUE);
  });
});

describe('quantities and lots', () => {
  it('groups units without decimals', () => {
    expect(formatQuantity(123456)).toBe('1,23,456');
    expect(formatQuantity(0)).toBe('0');
    expect(formatQuantity(-1800)).toBe('-1,800');
    expect(formatQuantity(1.5)).toBe('1.50');
    expect(formatQuantity(undefined)).toBe(NO_VALUE);
  });

  it('counts lots and says when a quantity is not whole lots', () => {
    expect(formatLots(150, 75)).toBe('2 lots');
    expect(formatLots(75, 75)).toBe('1 lot');
    expect(formatLots(0, 75)).toBe('0 lots');
    expect(formatLots(80, 75)).toBe('1 lot + 5');
    expect(formatLots(20, 75)).toBe('20 (less than 1 lot of 75)');
    expect(formatLots(-150, 75)).toBe('-2 lots');
    expect(formatLots(150_000, 15)).toBe('10,000 lots');
    expect(formatLots(150, 0)).toBe(NO_VALUE);
    expect(formatLots(150, 2.5)).toBe(NO_VALUE);
    expect(formatLots(1.5, 75)).toBe(NO_VALUE);
  });

  it('shows units and lots together for F&O, units alone for lot size 1', () => {
    expect(formatQuantityWithLots(150, 75)).toBe('150 (2 lots)');
    expect(formatQuantityWithLots(1800, 75)).toBe('1,800 (24 lots)');
    expect(formatQuantityWithLots(1500, 1)).toBe('1,500');
    expect(formatQuantityWithLots(150, null)).toBe('150');
  });
});

describe('signed changes', () => {
  it('puts a sign on non-zero changes only', () => {
    expect(formatSignedNumber(12.345)).toBe('+12.35');
    expect(formatSignedNumber(-1234.5)).toBe('-1,234.50');
    expect(formatSignedNumber(0)).toBe('0.00');
    expect(formatSignedNumber(-0.001)).toBe('0.00');
    expect(formatSignedNumber(0.005)).toBe('+0.01');
    expect(formatSignedNumber(123456.7, 1)).toBe('+1,23,456.7');
  });

  it('formats percentage change with sign and percent sign', () => {
    expect(formatPercentChange(1.234)).toBe('+1.23%');
    expect(formatPercentChange(-0.005)).toBe('-0.01%');
    expect(formatPercentChange(0.004)).toBe('0.00%');
    expect(formatPercentChange(-0.004)).toBe('0.00%');
    expect(formatPercentChange(250)).toBe('+250.00%');
    expect(formatPercentChange(-12.3456, 1)).toBe('-12.3%');
    expect(formatPercentChange(null)).toBe(NO_VALUE);
    expect(formatPercentChange(1, -2)).toBe(NO_VALUE);
  });

  it('computes percentage change and refuses a zero base', () => {
    expect(percentChange(101, 100)).toBeCloseTo(1, 12);
    expect(percentChange(95, 100)).toBeCloseTo(-5, 12);
    expect(percentChange(-5, -10)).toBeCloseTo(50, 12);
    expect(percentChange(100, 0)).toBeNull();
    expect(percentChange(null, 100)).toBeNull();
    expect(percentChange(100, Number.NaN)).toBeNull();
  });
});
