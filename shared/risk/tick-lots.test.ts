import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnTick } from '../price';
import { checkLotSize, lotsToQuantity, quantityToLots } from './lots';
import { checkTickSize } from './tick-size';
import type { RiskInstrument, RiskOrder } from './types';

const reliance: RiskInstrument = { segment: 'NSE_EQ', instrumentType: 'EQUITY', tradingSymbol: 'RELIANCE', underlying: 'RELIANCE', lotSize: 1, tickSize: 0.05, freezeQuantity: null };
const niftyFut: RiskInstrument = { segment: 'NSE_FNO', instrumentType: 'FUTIDX', tradingSymbol: 'NIFTY-Nov2026-FUT', underlying: 'NIFTY', lotSize: 65, tickSize: 0.1, freezeQuantity: null };
const usdinr: RiskInstrument = { segment: 'NSE_CURRENCY', instrumentType: 'FUTCUR', tradingSymbol: 'USDINR-Nov2026-FUT', underlying: 'USDINR', lotSize: 1, tickSize: 0.0025, freezeQuantity: null };
const limit = (price: number, extra: Partial<RiskOrder> = {}): RiskOrder => ({ side: 'BUY', orderType: 'LIMIT', quantity: 1, price, ...extra });

describe('tick size', () => {
  it('names the nearest valid prices on both sides', () => {
    const [f, ...more] = checkTickSize(limit(100.07), reliance);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ code: 'TICK_SIZE', severity: 'block', field: 'price', suggestions: [100.05, 100.1] });
    expect(f!.message).toBe('Price 100.07 is not a multiple of the tick size 0.05: nearest valid prices 100.05 or 100.10');
    // Nearest first in the suggestions, the listing stays low-to-high.
    expect(checkTickSize(limit(100.09), reliance)[0]!.suggestions).toEqual([100.1, 100.05]);
  });

  it('accepts prices on the grid, including float-noisy ones', () => {
    expect(checkTickSize(limit(100.05), reliance)).toEqual([]);
    expect(checkTickSize(limit(0.1 + 0.2), { ...reliance, tickSize: 0.01 })).toEqual([]); // 0.30000000000000004
    expect(checkTickSize(limit(24512.3), niftyFut)).toEqual([]);
    expect(checkTickSize(limit(83.2425), usdinr)).toEqual([]);
  });

  it('shows 4 decimals for currency and the entered value when it has more decimals than allowed', () => {
    expect(checkTickSize(limit(83.2437), usdinr)[0]!.message).toBe(
      'Price 83.2437 is not a multiple of the tick size 0.0025: nearest valid prices 83.2425 or 83.2450',
    );
    expect(checkTickSize(limit(100.073), reliance)[0]!.message).toBe(
      'Price 100.073 is not a multiple of the tick size 0.05: nearest valid prices 100.05 or 100.10',
    );
  });

  it('offers only the price above when the one below would be 0', () => {
    const f = checkTickSize(limit(0.03), reliance)[0]!;
    expect(f.message).toBe('Price 0.03 is not a multiple of the tick size 0.05: nearest valid price 0.05');
    expect(f.suggestions).toEqual([0.05]);
  });

  it('checks the trigger of stop-loss orders, and not a trigger a LIMIT order does not use', () => {
    const sl: RiskOrder = { side: 'SELL', orderType: 'STOP_LOSS', quantity: 1, price: 99.5, triggerPrice: 99.52 };
    expect(checkTickSize(sl, reliance).map((f) => [f.field, f.message])).toEqual([
      ['triggerPrice', 'Trigger price 99.52 is not a multiple of the tick size 0.05: nearest valid prices 99.50 or 99.55'],
    ]);
    const slm: RiskOrder = { side: 'SELL', orderType: 'STOP_LOSS_MARKET', quantity: 1, price: 99.51, triggerPrice: 99.55 };
    expect(checkTickSize(slm, reliance)).toEqual([]); // SL-M has no limit price
    expect(checkTickSize(limit(100, { triggerPrice: 99.99 }), reliance)).toEqual([]);
    expect(checkTickSize({ side: 'BUY', orderType: 'MARKET', quantity: 1, price: 100.01 }, reliance)).toEqual([]);
  });

  it('leaves missing and broken numbers to the input check', () => {
    expect(checkTickSize(limit(Number.NaN), reliance)).toEqual([]);
    expect(checkTickSize(limit(-1), reliance)).toEqual([]);
    expect(checkTickSize(limit(100.07), { ...reliance, tickSize: 0 })).toEqual([]);
  });

  it('every suggestion is on the grid and brackets the price (property)', () => {
    const ticks = fc.constantFrom(0.01, 0.05, 0.1, 0.5, 1, 5, 0.0025);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), ticks, (p, tick) => {
        const fs = checkTickSize(limit(p), { ...usdinr, tickSize: tick });
        if (isOnTick(p, tick)) expect(fs).toEqual([]);
        else {
          for (const s of fs[0]!.suggestions) expect(isOnTick(s, tick)).toBe(true);
          const [lo, hi] = [...fs[0]!.suggestions].sort((a, b) => a - b);
          if (hi !== undefined) expect(lo! < p && p < hi).toBe(true);
        }
      }),
    );
  });
});

describe('lot size', () => {
  const q = (quantity: number): RiskOrder => ({ side: 'BUY', orderType: 'MARKET', quantity });

  it('refuses a quantity that is not whole lots, naming the nearest lots', () => {
    const f = checkLotSize(q(80), niftyFut)[0]!;
    expect(f.message).toBe('Quantity 80 is not a multiple of the lot size 65: nearest valid quantities 65 (1 lot) or 130 (2 lots)');
    expect(f.suggestions).toEqual([65, 130]);
    expect(checkLotSize(q(120), niftyFut)[0]!.suggestions).toEqual([130, 65]);
  });

  it('below one lot offers one lot only', () => {
    const f = checkLotSize(q(1), niftyFut)[0]!;
    expect(f.message).toBe('Quantity 1 is not a multiple of the lot size 65: nearest valid quantity 65 (1 lot)');
  });

  it('accepts whole lots and anything for lot size 1', () => {
    expect(checkLotSize(q(65), niftyFut)).toEqual([]);
    expect(checkLotSize(q(65 * 1000), niftyFut)).toEqual([]);
    expect(checkLotSize(q(7), reliance)).toEqual([]);
  });

  it('converts lots and units', () => {
    expect(lotsToQuantity(2, 75)).toBe(150);
    expect(lotsToQuantity(0, 75)).toBeNull();
    expect(lotsToQuantity(1.5, 75)).toBeNull();
    expect(lotsToQuantity(2 ** 52, 75)).toBeNull();
    expect(quantityToLots(150, 75)).toBe(2);
    expect(quantityToLots(80, 75)).toBeNull();
    expect(quantityToLots(150, 0)).toBeNull();
  });
});
