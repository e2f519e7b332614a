/**
 * Reconnect delays: exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS
 * Architecture Blog, 2015): the delay before attempt n is uniform in [0, min(cap, base * 2^n)).
 * Full jitter spreads reconnecting clients so a restarted host is not hit by all of them at once.
 */

/** Backoff parameters, in milliseconds. */
export interface BackoffPolicy {
  /** Ceiling of the first delay, ms. */
  readonly baseMs: number;
  /** Largest ceiling any delay may have, ms. */
  readonly capMs: number;
}

/** The renderer's default: first retry within 0.5 s, never more than 15 s apart. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000 };

/**
 * Delay in ms before reconnect attempt `attempt` (0 for the first retry). `random` returns a number
 * in [0, 1) (Math.random by default; injectable for tests). Never negative, never above `capMs`.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity for large n; min() with the cap keeps it finite.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n, 52));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
