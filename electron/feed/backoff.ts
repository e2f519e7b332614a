/**
 * Reconnect delays: exponential backoff with FULL jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter": `sleep = random_between(0, min(cap, base * 2 ** attempt))`). Full jitter
 * spreads the reconnects of many sockets (5 per user, and every user after a broker outage) instead
 * of having them hit the server in step. Pure; the random source is injected.
 */

/** Backoff settings, in milliseconds. */
export interface BackoffOptions {
  /** The ceiling of the first retry's window (attempt 0). */
  readonly baseMs: number;
  /** The largest window, however many attempts have failed. */
  readonly capMs: number;
}

/** Defaults for the Dhan feed: first retry within 0.5 s, never wait more than 30 s. */
export const FEED_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 for the first retry after a drop), in ms:
 * `random() * min(capMs, baseMs * 2^attempt)`, where `random()` returns a number in [0, 1).
 * Throws `RangeError` for a negative or non-integer attempt.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`backoff attempt must be a non-negative integer, got ${attempt}`);
  const window = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 52));
  const r = random();
  return Math.floor(window * Math.min(Math.max(r, 0), 1));
}
