import { describe, expect, it } from 'vitest';
import { barWidth, nextScale, niceCeil } from './bar-scale';

describe('bar scale', () => {
  it('rounds up to 1, 2 or 5 × 10^n', () => {
    expect([0, 1, 1.5, 3, 7, 10, 11, 19_999, 20_000, 20_001, 460_000].map(niceCeil)).toEqual([1, 1, 2, 5, 10, 10, 20, 20_000, 20_000, 50_000, 500_000]);
  });

  it('grows at once, holds while the largest quantity stays above a quarter, then shrinks', () => {
    let s = nextScale(0, 38_000);
    expect(s).toBe(50_000);
    s = nextScale(s, 41_000);
    expect(s).toBe(50_000);
    s = nextScale(s, 60_000);
    expect(s).toBe(100_000);
    s = nextScale(s, 26_000);
    expect(s).toBe(100_000);
    s = nextScale(s, 24_000);
    expect(s).toBe(50_000);
  });

  it('bar widths are whole px, proportional, at least 1 px for any quantity and capped at the column', () => {
    expect(barWidth(25_000, 50_000, 80)).toBe(40);
    expect(barWidth(1, 50_000, 80)).toBe(1);
    expect(barWidth(0, 50_000, 80)).toBe(0);
    expect(barWidth(90_000, 50_000, 80)).toBe(80);
    expect(barWidth(10, 0, 80)).toBe(0);
  });
});
