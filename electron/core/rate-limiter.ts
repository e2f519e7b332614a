/**
 * Broker-neutral request rate limiter: several sliding windows per class of request.
 *
 * Model: each class keeps the times of its last grants (a ring as long as its largest window's
 * limit). A request may go at time T when, for every window (limit L, length W), the L-th most
 * recent grant is at or before T − W. Every grant is *reserved* at its T when it is decided, in
 * arrival order, so waiting reads form a FIFO queue without a separate queue structure.
 *
 * Policy (DESIGN.md, "Money rules"; issue 3):
 * - Reads (`acquire(cls)`) wait their turn, however long (an AbortSignal may give up; the reserved
 *   slot then stays used, which only errs on the safe side).
 * - Order-changing requests (`acquire(cls, { orderChange: true })`) are never queued blindly: if
 *   the next free slot is within `orderMaxWaitMs` (default 1000 ms) the slot is reserved and the
 *   caller waits for it; otherwise the request is refused at once with RATE_LIMITED (not retryable)
 *   BEFORE anything is sent, saying when the next slot opens. Nothing here ever re-sends anything.
 *
 * Time comes from an injectable clock so tests drive it with fake timers.
 */

import { bridgeError, type Result } from '../../shared/errors';

/** One window: at most `limit` requests in any `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Limits per class name (e.g. `order`, `data`, `quote`). An empty list means unlimited. */
export type RateTable = Readonly<Record<string, readonly RateWindow[]>>;

/** The clock the limiter reads and sleeps on. Defaults to `Date.now` and the global timers. */
export interface LimiterClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of `RateLimiter`. */
export interface RateLimiterOptions {
  readonly clock?: LimiterClock;
  /** Longest an order-changing request may wait for a slot before it is refused, ms. Default 1000. */
  readonly orderMaxWaitMs?: number;
  /**
   * Safety margin added to every window, ms (default 0). The broker counts on its own clock, after
   * network jitter: a client pacing at exactly the limit can be seen over it. A guard of 100 ms
   * makes "10 per second" "10 per 1.1 s" on our side.
   */
  readonly windowGuardMs?: number;
}

/** Options of one `acquire`. */
export interface AcquireOptions {
  /** True for place/modify/cancel and the like: bounded wait, then refusal (see the module doc). */
  readonly orderChange?: boolean;
  /** Gives up waiting (reads only; order changes wait at most `orderMaxWaitMs`). */
  readonly signal?: AbortSignal;
}

/** The default clock: reads the globals at call time, so vitest fake timers apply. */
export const systemClock: LimiterClock = {
  now: () => Date.now(),
  setTimeout: (cb, ms) => setTimeout(cb, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Grant times of one class, oldest first, in a ring of fixed capacity. */
class GrantLog {
  private readonly times: Float64Array;
  private start = 0;
  private count = 0;
  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
  }
  /** The k-th most recent grant (k = 1 is the latest), or -Infinity when there are fewer. */
  recent(k: number): number {
    if (k > this.count) return -Infinity;
    return this.times[(this.start + this.count - k) % this.times.length]!;
  }
  push(t: number): void {
    const cap = this.times.length;
    if (this.count < cap) {
      this.times[(this.start + this.count) % cap] = t;
      this.count += 1;
    } else {
      this.times[this.start] = t;
      this.start = (this.start + 1) % cap;
    }
  }
}

interface ClassState {
  readonly windows: readonly RateWindow[];
  readonly log: GrantLog;
}

/**
 * Sliding-window limiter over a table of classes. Unknown class names are an error (a typo must
 * not silently disable a limit).
 */
export class RateLimiter {
  private readonly classes = new Map<string, ClassState>();
  private readonly clock: LimiterClock;
  private readonly orderMaxWaitMs: number;
  private readonly guardMs: number;

  constructor(table: RateTable, options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.orderMaxWaitMs = options.orderMaxWaitMs ?? 1000;
    this.guardMs = options.windowGuardMs ?? 0;
    if (!(this.guardMs >= 0)) throw new RangeError('windowGuardMs must be >= 0');
    for (const [name, windows] of Object.entries(table)) {
      for (const w of windows) {
        if (!(w.limit >= 1) || !(w.windowMs > 0)) throw new RangeError(`rate window for ${name} is not positive`);
      }
      const capacity = windows.reduce((m, w) => Math.max(m, w.limit), 1);
      this.classes.set(name, { windows, log: new GrantLog(capacity) });
    }
  }

  private state(cls: string): ClassState {
    const s = this.classes.get(cls);
    if (s === undefined) throw new RangeError(`unknown rate-limit class '${cls}'`);
    return s;
  }

  /** Earliest time (epoch ms on the limiter's clock) a new request of `cls` could be granted. */
  nextSlotAt(cls: string): number {
    const { windows, log } = this.state(cls);
    let t = Math.max(this.clock.now(), log.recent(1));
    for (const w of windows) t = Math.max(t, log.recent(w.limit) + w.windowMs + this.guardMs);
    return t;
  }

  /** Grants at once when a slot is free now; never waits, never reserves a future slot. */
  tryAcquire(cls: string): boolean {
    const now = this.clock.now();
    if (this.nextSlotAt(cls) > now) return false;
    this.state(cls).log.push(now);
    return true;
  }

  /**
   * Waits for a slot of `cls` and takes it. Resolves `{ ok: true }` when the request may be sent,
   * or `{ ok: false }` with RATE_LIMITED (an order change whose slot is further than
   * `orderMaxWaitMs`; not retryable) or NETWORK "aborted" (the caller's signal fired while waiting).
   * Never rejects. Throws RangeError synchronously for an unknown class.
   */
  acquire(cls: string, options: AcquireOptions = {}): Promise<Result<void>> {
    const now = this.clock.now();
    const at = this.nextSlotAt(cls);
    const wait = at - now;
    if (options.orderChange === true && wait > this.orderMaxWaitMs) {
      const seconds = Math.ceil(wait / 100) / 10;
      return Promise.resolve({
        ok: false,
        error: bridgeError(
          'RATE_LIMITED',
          `Not sent: the ${cls} rate limit is reached; the next slot opens in ${seconds} s. Orders are never queued or retried automatically.`,
          false,
        ),
      });
    }
    if (options.signal?.aborted === true) {
      return Promise.resolve({ ok: false, error: bridgeError('NETWORK', 'Request aborted before it was sent', false) });
    }
    this.state(cls).log.push(at);
    if (wait <= 0) return Promise.resolve({ ok: true, value: undefined });
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.clock.clearTimeout(handle);
        resolve({ ok: false, error: bridgeError('NETWORK', 'Request aborted while waiting for a rate-limit slot', false) });
      };
      const handle = this.clock.setTimeout(() => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ ok: true, value: undefined });
      }, wait);
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Counts uses per key against a cap, e.g. Dhan's 25 modifications per order. `take` refuses the
 * use past the cap (returns false) and does not count it.
 */
export class PerKeyCap {
  private readonly used = new Map<string, number>();
  constructor(private readonly cap: number) {}
  /** Uses so far for `key`. */
  count(key: string): number {
    return this.used.get(key) ?? 0;
  }
  /** Takes one use for `key`; false when the cap is already reached. */
  take(key: string): boolean {
    const n = this.count(key);
    if (n >= this.cap) return false;
    this.used.set(key, n + 1);
    return true;
  }
  /** Forgets `key` (an order that reached a final status). */
  forget(key: string): void {
    this.used.delete(key);
  }
}
