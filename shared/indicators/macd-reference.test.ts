import { describe, expect, it } from 'vitest';
import { createMacdStream, macd } from './macd';

// Reference values for MACD(12, 26, 9) that do not come from our own code path:
// 1. closed forms of the StockCharts ChartSchool definition (EMAs seeded with the SMA of their first
//    `period` values, alpha = 2 / (period + 1); signal = 9-period EMA of the line; histogram =
//    line - signal), worked out by hand below;
// 2. an exact evaluation of the same definition in rational arithmetic (BigInt fractions, no
//    rounding at all) on a seeded pseudo-random walk, against which the float code must agree to
//    1e-9.
// (No third-party data is copied into the repository.)

/** Exact fraction n/d, d > 0. */
interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
};
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const toNumber = (a: Q): number => {
  // Scale to 1e-15 before converting, so huge numerators and denominators stay exact enough.
  const scaled = (a.n * 10n ** 15n) / a.d;
  return Number(scaled) / 1e15;
};

/** ChartSchool EMA of exact values: null until `period` values, then seeded by their SMA. */
function exactEma(values: readonly Q[], period: number): (Q | null)[] {
  const alpha = q(2n, BigInt(period + 1));
  const keep = sub(q(1n), alpha);
  const out: (Q | null)[] = [];
  let prev: Q | null = null;
  let sum = q(0n);
  values.forEach((x, i) => {
    if (i < period - 1) {
      sum = add(sum, x);
      out.push(null);
      return;
    }
    if (prev === null) prev = mul(add(sum, x), q(1n, BigInt(period)));
    else prev = add(mul(alpha, x), mul(keep, prev));
    out.push(prev);
  });
  return out;
}

/** Exact MACD(12, 26, 9) by the definition: [line, signal, histogram] per bar (null before warm-up). */
function exactMacd(values: readonly Q[]): { line: (Q | null)[]; signal: (Q | null)[]; hist: (Q | null)[] } {
  const fast = exactEma(values, 12);
  const slow = exactEma(values, 26);
  const line = values.map((_, i) => (slow[i] === null ? null : sub(fast[i]!, slow[i]!)));
  const defined = line.filter((x): x is Q => x !== null);
  const sig = exactEma(defined, 9);
  const offset = line.length - defined.length;
  const signal = line.map((_, i) => (i < offset ? null : sig[i - offset]!));
  const hist = line.map((l, i) => (l === null || signal[i] === null ? null : sub(l, signal[i]!)));
  return { line, signal, hist };
}

describe('MACD(12, 26, 9) against references outside our code', () => {
  it('a straight ramp: the line is exactly 7 × the slope from bar 25, the signal equals it, the histogram is 0', () => {
    // For x_t = a + b·t an EMA seeded with the SMA of its first n values lags the price by exactly
    // (n − 1)/2 · b from its first value on (the SMA of a ramp is its midpoint, and that lag is the
    // fixed point of EMA_t = α·x_t + (1 − α)·EMA_{t−1}). So line = (12.5 − 5.5)·b = 7b, and the
    // 9-period EMA of a constant is that constant.
    const b = 0.35;
    const ramp = Array.from({ length: 200 }, (_, t) => 1200 + b * t);
    const m = macd(ramp);
    for (let i = 0; i < 25; i++) expect(m.macd[i]).toBeNaN();
    for (let i = 25; i < ramp.length; i++) expect(m.macd[i]).toBeCloseTo(7 * b, 9);
    for (let i = 33; i < ramp.length; i++) {
      expect(m.signal[i]).toBeCloseTo(7 * b, 9);
      expect(m.histogram[i]).toBeCloseTo(0, 9);
    }
  });

  it('a step after a flat start: the line follows (B − A)·((1 − 2/27)^(k+1) − (1 − 2/13)^(k+1)) exactly', () => {
    // Flat at A until both EMAs are seeded (bar 25), then B from bar 40: at bar 40 + k each EMA is
    // B − (B − A)(1 − α)^(k+1), so the line is the difference of the two decays.
    const A = 100;
    const B = 112;
    const x = Array.from({ length: 120 }, (_, t) => (t < 40 ? A : B));
    const m = macd(x);
    for (let i = 25; i < 40; i++) expect(m.macd[i]).toBeCloseTo(0, 12);
    for (let k = 0; 40 + k < x.length; k++) {
      const expected = (B - A) * ((1 - 2 / 27) ** (k + 1) - (1 - 2 / 13) ** (k + 1));
      expect(m.macd[40 + k]).toBeCloseTo(expected, 9);
    }
    // The line peaks a few bars after the step, positive, and decays back towards 0.
    const peak = m.macd.slice(40).reduce((best, v, k) => (v > m.macd[40 + best]! ? k : best), 0);
    expect(peak).toBeGreaterThan(3);
    expect(peak).toBeLessThan(12);
    expect(Math.abs(m.macd[119]!)).toBeLessThan(0.25);
  });

  it('a seeded random walk: line, signal and histogram agree with an exact rational evaluation to 1e-9 (batch and stream)', () => {
    // Prices on a ₹0.05 grid, as the feed gives them; exact as fractions of 20.
    let seed = 20_260_221;
    const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const ticks: number[] = [];
    let p = 24_000 * 20; // NIFTY-like, in 0.05 units
    for (let i = 0; i < 160; i++) {
      p += Math.round((next() - 0.5) * 120);
      ticks.push(p);
    }
    const closes = ticks.map((t) => t / 20);
    const exact = exactMacd(ticks.map((t) => q(BigInt(t), 20n)));
    const batch = macd(closes);
    const stream = createMacdStream();
    closes.forEach((c, i) => {
      const s = stream.push(c);
      const want = [exact.line[i], exact.signal[i], exact.hist[i]] as const;
      const got = [batch.macd[i], batch.signal[i], batch.histogram[i]] as const;
      const streamed = [s.macd, s.signal, s.histogram] as const;
      for (let j = 0; j < 3; j++) {
        const w = want[j] ?? null;
        if (w === null) {
          expect(got[j], `bar ${i} field ${j}`).toBeNaN();
          expect(streamed[j], `bar ${i} field ${j} (stream)`).toBeNaN();
        } else {
          expect(Math.abs(got[j]! - toNumber(w)), `bar ${i} field ${j}`).toBeLessThan(1e-9);
          expect(Math.abs(streamed[j]! - toNumber(w)), `bar ${i} field ${j} (stream)`).toBeLessThan(1e-9);
        }
      }
    });
    // Warm-up as the definition gives it: a line from bar 25, a signal from bar 33.
    expect(exact.line.findIndex((v) => v !== null)).toBe(25);
    expect(exact.signal.findIndex((v) => v !== null)).toBe(33);
  });
});
