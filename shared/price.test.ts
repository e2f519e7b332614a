import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnTick, PRICE_SCALE, roundToTick, snapDecimals } from './price';

describe('price grid', () => {
  it('snaps float32 wire values to paise and to 4 decimals for currency', () => {
    expect(snapDecimals(247.8000030517578)).toBe(247.8);
    expect(snapDecimals(Math.fround(1650.45))).toBe(1650.45);
    expect(snapDecimals(Math.fround(83.2425), 4)).toBe(83.2425);
    expect(snapDecimals(Number.NaN)).toBeNaN();
  });

  it('rounds a price within half a ₹0.0001 unit of a tick midpoint as its 4-decimal value (663.49995 is 663.5000)', () => {
    expect(roundToTick(663.49995, 1)).toBe(664);
    expect(roundToTick(663.4999, 1)).toBe(663);
  });

  it('rounds to the tick grid in each direction', () => {
    expect(roundToTick(100.07, 0.05)).toBe(100.05);
    expect(roundToTick(100.08, 0.05)).toBe(100.1);
    expect(roundToTick(100.07, 0.05, 'up')).toBe(100.1);
    expect(roundToTick(100.09, 0.05, 'down')).toBe(100.05);
    expect(roundToTick(83.2437, 0.0025)).toBe(83.2425);
    expect(() => roundToTick(1, 0)).toThrow(RangeError);
  });

  it('always lands on the grid (property)', () => {
    const ticks = fc.constantFrom(0.01, 0.05, 0.1, 0.5, 1, 5, 0.0025);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), ticks, (p, t) => {
        const r = roundToTick(p, t);
        expect(isOnTick(r, t)).toBe(true);
        // Prices are first quantised to the ₹0.0001 unit (PRICE_SCALE), so a price that sits within
        // half a unit of a tick's midpoint may round either way: half a unit of slack, no more.
        expect(Math.abs(r - p)).toBeLessThanOrEqual(t / 2 + 0.5 / PRICE_SCALE + 1e-9);
      }),
    );
  });
});
