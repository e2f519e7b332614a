import { describe, expect, it } from 'vitest';
import { NSE_INDEX_FREEZE_QUANTITIES, checkFreezeQuantity, freezeQuantityFor, maxSliceQuantity, sliceQuantity } from './freeze';
import type { RiskInstrument, RiskOrder } from './types';

const niftyOpt: RiskInstrument = { segment: 'NSE_FNO', instrumentType: 'OPTIDX', tradingSymbol: 'NIFTY-Nov2026-24500-CE', underlying: 'NIFTY', lotSize: 65, tickSize: 0.05, freezeQuantity: null };
const bankNifty: RiskInstrument = { ...niftyOpt, tradingSymbol: 'BANKNIFTY-Nov2026-FUT', instrumentType: 'FUTIDX', underlying: 'BANKNIFTY', lotSize: 30 };
const reliance: RiskInstrument = { segment: 'NSE_EQ', instrumentType: 'EQUITY', tradingSymbol: 'RELIANCE', underlying: 'RELIANCE', lotSize: 1, tickSize: 0.05, freezeQuantity: null };
const buy = (quantity: number): RiskOrder => ({ side: 'BUY', orderType: 'MARKET', quantity });
const T = NSE_INDEX_FREEZE_QUANTITIES;

describe('freeze quantity', () => {
  it('uses the instrument row first, then the table by underlying for derivatives only', () => {
    expect(freezeQuantityFor(niftyOpt, T)).toBe(1800);
    expect(freezeQuantityFor(bankNifty, T)).toBe(600);
    expect(freezeQuantityFor({ ...niftyOpt, freezeQuantity: 1300 }, T)).toBe(1300);
    expect(freezeQuantityFor(reliance, { RELIANCE: 10 })).toBeNull(); // cash: the table is for derivatives
    expect(freezeQuantityFor({ ...niftyOpt, underlying: 'SENSEX' }, T)).toBeNull();
    expect(freezeQuantityFor({ ...niftyOpt, underlying: 'constructor' }, T)).toBeNull(); // not the prototype's
  });

  it('a slice is the freeze quantity rounded down to whole lots', () => {
    expect(maxSliceQuantity(1800, 65)).toBe(1755);
    expect(maxSliceQuantity(1800, 75)).toBe(1800);
    expect(maxSliceQuantity(600, 30)).toBe(600);
    expect(maxSliceQuantity(50, 65)).toBeNull();
  });

  it('slices full slices first, then the remainder', () => {
    expect(sliceQuantity(4000, 1755)).toEqual([1755, 1755, 490]);
    expect(sliceQuantity(3510, 1755)).toEqual([1755, 1755]);
    expect(sliceQuantity(100, 1755)).toEqual([100]);
    expect(sliceQuantity(0, 1755)).toEqual([]);
  });

  it('passes an order at exactly the freeze quantity and slices one lot above it', () => {
    expect(checkFreezeQuantity(buy(600), bankNifty, T, 'SLICE')).toEqual({ findings: [], slices: [600] });
    const above = checkFreezeQuantity(buy(630), bankNifty, T, 'SLICE');
    expect(above.slices).toEqual([600, 30]);
    expect(above.findings).toEqual([
      {
        code: 'FREEZE_SLICED',
        severity: 'info',
        field: 'quantity',
        message: 'Quantity 630 is above the freeze quantity 600 of BANKNIFTY: it will be sent as 2 orders (600 + 30)',
        suggestions: [],
      },
    ]);
  });

  it('keeps every slice whole lots when the freeze quantity is not', () => {
    const r = checkFreezeQuantity(buy(65 * 60), niftyOpt, T, 'SLICE');
    expect(r.slices).toEqual([1755, 1755, 390]);
    expect(r.slices.every((s) => s % 65 === 0)).toBe(true);
    expect(r.slices.reduce((a, b) => a + b, 0)).toBe(3900);
  });

  it('summarises many slices', () => {
    const r = checkFreezeQuantity(buy(600 * 12 + 90), bankNifty, T, 'SLICE');
    expect(r.slices.length).toBe(13);
    expect(r.findings[0]!.message).toBe('Quantity 7,290 is above the freeze quantity 600 of BANKNIFTY: it will be sent as 13 orders (600 × 12 + 90)');
  });

  it('refuses instead when slicing is off', () => {
    const r = checkFreezeQuantity(buy(1820), niftyOpt, T, 'REFUSE');
    expect(r.slices).toEqual([]);
    expect(r.findings[0]).toMatchObject({ code: 'FREEZE_QUANTITY', severity: 'block', suggestions: [1755] });
    expect(r.findings[0]!.message).toBe('Quantity 1,820 is above the freeze quantity 1,800 of NIFTY: place at most 1,755 per order (2 orders), or turn on slicing');
  });

  it('refuses when not even one lot fits under the freeze quantity (bad data)', () => {
    const r = checkFreezeQuantity(buy(130), { ...niftyOpt, freezeQuantity: 50 }, T, 'SLICE');
    expect(r.slices).toEqual([]);
    expect(r.findings[0]).toMatchObject({ code: 'FREEZE_QUANTITY', severity: 'block' });
  });

  it('has no opinion on cash equity or a bad quantity', () => {
    expect(checkFreezeQuantity(buy(1_000_000), reliance, T, 'SLICE')).toEqual({ findings: [], slices: [1_000_000] });
    expect(checkFreezeQuantity(buy(-5), niftyOpt, T, 'SLICE')).toEqual({ findings: [], slices: [] });
  });
});
