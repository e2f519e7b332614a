import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsGreeks, bsPrice, defaultSurface, impliedVol, normCdf, smilePricer, surfaceVol, type BsInputs } from './option-model';

describe('option model', () => {
  it('normCdf matches known values', () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 14);
    expect(normCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
  });

  it('smilePricer gives bsPrice on the smile at every spot, expiry and side', () => {
    const surface = defaultSurface(0.14);
    fc.assert(
      fc.property(
        fc.double({ min: 18_000, max: 34_000, noNaN: true }),
        fc.integer({ min: 400, max: 680 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.constantFrom('CALL' as const, 'PUT' as const),
        (spot, k, t, type) => {
          const strike = k * 50;
          const r = 0.065;
          const q = 0.012;
          const sigma = surfaceVol(surface, spot * Math.exp((r - q) * t), strike, Math.max(t, 1e-6));
          const want = bsPrice({ spot, strike, t, r, q, sigma, type });
          expect(Math.abs(smilePricer(surface, strike, t, r, q, type)(spot) - want)).toBeLessThan(1e-9 * Math.max(1, want));
        },
      ),
    );
  });

  it('prices a textbook option (Hull 15.6: S=42 K=40 r=10% σ=20% T=0.5 → C≈4.76, P≈0.81)', () => {
    const p: BsInputs = { spot: 42, strike: 40, t: 0.5, r: 0.1, q: 0, sigma: 0.2, type: 'CALL' };
    expect(bsPrice(p)).toBeCloseTo(4.7594, 3);
    expect(bsPrice({ ...p, type: 'PUT' })).toBeCloseTo(0.8086, 3);
  });

  it('keeps put-call parity, delta signs and greeks consistent with finite differences', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 60_000, noNaN: true }),
        fc.double({ min: 0.7, max: 1.3, noNaN: true }),
        fc.double({ min: 2 / 365, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.8, noNaN: true }),
        (spot, m, t, sigma) => {
          const base = { spot, strike: spot * m, t, r: 0.065, q: 0.01, sigma };
          const c = bsGreeks({ ...base, type: 'CALL' });
          const p = bsGreeks({ ...base, type: 'PUT' });
          const parity = spot * Math.exp(-base.q * t) - base.strike * Math.exp(-base.r * t);
          expect(Math.abs(c.price - p.price - parity)).toBeLessThan(1e-8 * spot);
          expect(c.delta).toBeGreaterThanOrEqual(0);
          expect(c.delta).toBeLessThanOrEqual(1);
          expect(p.delta).toBeLessThanOrEqual(0);
          expect(p.delta).toBeGreaterThanOrEqual(-1);
          const h = spot * 1e-4;
          const fd = (bsPrice({ ...base, spot: spot + h, type: 'CALL' }) - bsPrice({ ...base, spot: spot - h, type: 'CALL' })) / (2 * h);
          expect(Math.abs(fd - c.delta)).toBeLessThan(1e-5);
          const fv = bsPrice({ ...base, sigma: sigma + 0.0001, type: 'PUT' }) - bsPrice({ ...base, sigma: sigma - 0.0001, type: 'PUT' });
          expect(Math.abs(fv / 0.02 - p.vega)).toBeLessThan(1e-6 * spot + 1e-9);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('recovers the volatility from the price', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.85, max: 1.15, noNaN: true }),
        fc.double({ min: 3 / 365, max: 0.5, noNaN: true }),
        fc.double({ min: 0.06, max: 0.6, noNaN: true }),
        fc.constantFrom<'CALL' | 'PUT'>('CALL', 'PUT'),
        (m, t, sigma, type) => {
          const inputs = { spot: 24_000, strike: 24_000 * m, t, r: 0.065, q: 0, type };
          const price = bsPrice({ ...inputs, sigma });
          // where the price hardly depends on volatility (far from the money, days left), it is not identifiable
          if (price < 0.01 || bsGreeks({ ...inputs, sigma }).vega < 1e-4) return;
          expect(impliedVol(price, inputs)).toBeCloseTo(sigma, 5);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('refuses a price below intrinsic value', () => {
    expect(impliedVol(1, { spot: 110, strike: 100, t: 0.1, r: 0, q: 0, type: 'CALL' })).toBeNaN();
  });

  it('has a negative skew and a term structure', () => {
    const s = defaultSurface(0.14);
    const t = 7 / 365;
    expect(surfaceVol(s, 24_000, 23_000, t)).toBeGreaterThan(surfaceVol(s, 24_000, 24_000, t));
    expect(surfaceVol(s, 24_000, 24_000, t)).toBeGreaterThan(surfaceVol(s, 24_000, 24_000, 0.5));
  });
});
