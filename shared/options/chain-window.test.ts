import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atmIndex, isInTheMoney, oiChange, strikeStep, strikeWindow } from './chain-window';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/dhan/rest');

/** Strikes and spot of a recorded Dhan option chain (fixtures/README.md). */
function recorded(file: string): { strikes: number[]; spot: number } {
  const body = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { data: { last_price: number; oc: Record<string, unknown> } };
  return { strikes: Object.keys(body.data.oc).map(Number).sort((a, b) => a - b), spot: body.data.last_price };
}

describe('option chain window', () => {
  it('finds the step and ATM strike of the recorded NIFTY chains', () => {
    const a = recorded('optionchain.NIFTY-IDX_I-13.exp2025-01-30.rec2025-01-28.json');
    expect(a.strikes).toHaveLength(249);
    expect(strikeStep(a.strikes)).toBe(50);
    expect(a.strikes[atmIndex(a.strikes, a.spot)]).toBe(22950); // spot 22952.95
    const b = recorded('optionchain.NIFTY-IDX_I-13.exp2025-02-06.rec2025-02-01.json');
    expect(b.strikes[atmIndex(b.strikes, b.spot)]).toBe(23500); // spot 23482.15
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
