import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng';

describe('rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 100 }, () => a.next());
    const xb = Array.from({ length: 100 }, () => b.next());
    const xc = Array.from({ length: 100 }, () => c.next());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws normals with mean near 0 and variance near 1', () => {
    const r = createRng(7);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(0.03);
  });

  it('draws Poisson counts with the requested mean', () => {
    const r = createRng(9);
    for (const lambda of [0.3, 4, 50]) {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += r.poisson(lambda);
      expect(Math.abs(s / 20_000 - lambda)).toBeLessThan(lambda * 0.05 + 0.02);
    }
  });

  it('derives independent sub-seeds by name', () => {
    expect(deriveSeed(1, 'NIFTY')).toBe(deriveSeed(1, 'NIFTY'));
    expect(deriveSeed(1, 'NIFTY')).not.toBe(deriveSeed(1, 'BANKNIFTY'));
    expect(deriveSeed(1, 'NIFTY')).not.toBe(deriveSeed(2, 'NIFTY'));
  });
});
