/**
 * Seeded pseudo-random numbers for the simulated exchange: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator, 128-bit state, period ≥ 2^32) seeded through splitmix32, with uniform,
 * integer and standard-normal draws. The same seed always gives the same sequence.
 *
 * Not cryptographic: it makes markets reproducible, nothing else.
 */

/** A seeded random stream. */
export interface Rng {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  nextU32(): number;
  /** Uniform integer in [0, n) for n ≥ 1. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method; the spare value is kept for the next call). */
  normal(): number;
  /** Exponential with rate 1 (mean 1). */
  exponential(): number;
  /** Poisson count with mean `lambda` ≥ 0 (Knuth for small means, normal approximation above 30). */
  poisson(lambda: number): number;
}

/** splitmix32 step: a well-mixed 32-bit hash of a 32-bit input. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, then mixed: turns names ("RELIANCE|hist|20000") into seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/**
 * A seed for an independent sub-stream named `key` under `seed`, so that adding an instrument or
 * asking for another day of history never shifts the draws of any other stream.
 */
export function deriveSeed(seed: number, key: string): number {
  return mix32((hashString(key) ^ mix32(seed >>> 0)) >>> 0);
}

/** Creates an sfc32 stream from a 32-bit seed (any number; non-integers are truncated). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  let a = mix32(s);
  let b = mix32((s = (s + 1) | 0));
  let c = mix32((s = (s + 1) | 0));
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32(); // warm up away from the seeding pattern
  let spare = 0;
  let hasSpare = false;
  const next = (): number => u32() / 4294967296;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    let v = 0;
    let q = 0;
    do {
      u = next() * 2 - 1;
      v = next() * 2 - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * f;
    hasSpare = true;
    return u * f;
  };
  return {
    next,
    nextU32: u32,
    int: (n) => Math.floor(next() * n),
    normal,
    exponential: () => -Math.log(1 - next()),
    poisson: (lambda) => {
      if (!(lambda > 0)) return 0;
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const l = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > l) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}
