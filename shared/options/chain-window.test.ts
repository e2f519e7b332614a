import { describe, expect, it } from 'vitest';
import { atmIndex, isInTheMoney, oiChange, strikeStep, strikeWindow } from './chain-window';

// shared/ may not read files: the recorded chains themselves are checked in
// electron/core/services/option-chain-window.fixtures.test.ts.

/** Strikes `from`…`to` every `step`, rupees. */
const ladder = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

describe('option chain window', () => {
  it('finds the step and ATM strike of a NIFTY chain shaped like the recorded one (17600…30000 by 50, spot float32 22952.94921875)', () => {
    const strikes = ladder(17_600, 30_000, 50);
    expect(strikes).toHaveLength(249);
    expect(strikeStep(strikes)).toBe(50);
    expect(strikes[atmIndex(strikes, 22952.94921875)]).toBe(22950);
    expect(strikes[atmIndex(strikes, 23482.150390625)]).toBe(23500);
  });

  it('takes the most frequent gap as the step (mixed 50/100 chains), the smaller on a tie', () => {
    expect(strikeStep([24000, 24100, 24200, 24250, 24300, 24350, 24400, 24500])).toBe(50);
    expect(strikeStep([100, 200, 250])).toBe(50);
    expect(strikeStep([2.5, 5, 7.5, 10])).toBe(2.5);
    expect(strikeStep([24000])).toBeNull();
  });

  it('picks the nearest strike, the higher one halfway, clamped at the ends', () => {
    const s = [100, 150, 200, 250];
    expect(atmIndex(s, 174.99)).toBe(1);
    expect(atmIndex(s, 175)).toBe(2);
    expect(atmIndex(s, 200)).toBe(2);
    expect(atmIndex(s, 10)).toBe(0);
    expect(atmIndex(s, 9999)).toBe(3);
    expect(atmIndex(s, 0)).toBe(-1);
    expect(atmIndex([], 100)).toBe(-1);
  });

  it('shows 2n+1 rows around ATM, shifted inward at the ends', () => {
    expect(strikeWindow(41, 20, 5)).toEqual({ from: 15, to: 26 });
    expect(strikeWindow(41, 2, 5)).toEqual({ from: 0, to: 11 });
    expect(strikeWindow(41, 39, 5)).toEqual({ from: 30, to: 41 });
    expect(strikeWindow(7, 3, 10)).toEqual({ from: 0, to: 7 });
    expect(strikeWindow(41, 20, Infinity)).toEqual({ from: 0, to: 41 });
    expect(strikeWindow(41, -1, 2)).toEqual({ from: 18, to: 23 });
    expect(strikeWindow(0, 0, 5)).toEqual({ from: 0, to: 0 });
  });

  it('shades calls below and puts above the LTP as in the money', () => {
    expect(isInTheMoney('CE', 24000, 24020.5)).toBe(true);
    expect(isInTheMoney('PE', 24000, 24020.5)).toBe(false);
    expect(isInTheMoney('CE', 24050, 24020.5)).toBe(false);
    expect(isInTheMoney('PE', 24050, 24020.5)).toBe(true);
    expect(isInTheMoney('CE', 24000, 24000)).toBe(false);
    expect(isInTheMoney('PE', 24000, 24000)).toBe(false);
  });

  it('gives the OI change since the previous day', () => {
    expect(oiChange(3_786_445, 402_220)).toBe(3_384_225); // seeds/002 sample, 25650 CE
    expect(oiChange(100, 250)).toBe(-150);
    expect(oiChange(100, null)).toBeNull();
  });
});
