/**
 * Shared helpers for benchmark modules (`*.bench.ts`, run by `npm run bench`).
 */

/** One printed figure. `unit` examples: `packets/s`, `ticks/s`, `ms`. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** What a bench module exports. */
export interface BenchModule {
  run(): Promise<BenchFigure[]>;
}

/**
 * Runs `body(n)` (which must do `n` units of work) repeatedly for about `ms` milliseconds after a
 * warm-up, and returns the best rate seen over `rounds` rounds, in units per second.
 */
export function rate(body: (n: number) => void, n: number, rounds = 5, warmup = 2): number {
  for (let i = 0; i < warmup; i++) body(n);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    body(n);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, n / s);
  }
  return Math.round(best);
}

/** The p-th percentile (0…100) of `xs` (sorted copy; nearest rank). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
