/**
 * DhanHQ v2 REST rate limits enforced by the simulated exchange, so the app's limiter can be tested
 * against a server that says no: a request over a limit is answered HTTP 429 with the DH-904
 * envelope, word for word as recorded in fixtures/dhan/rest/error.DH-904.http429.json.
 *
 * The limits are the client's own table (electron/brokers/dhan/limits.ts `DHAN_RATE_LIMITS`,
 * seeds/000 and seeds/002 "Rate Limit": order APIs 10/s, 250/min, 1000/h, 7000/day; data 5/s; quote
 * 1/s; option chain 1 per 3 s; others 20/s). Windows slide over real time (not simulated time:
 * `--speed` does not change them). A refused request does not count. Each window forgives
 * `toleranceMs` (default half the window, at most 500 ms) so that a client pacing exactly at the
 * limit is not refused for the skew between when it sends and when we read: measured here, the
 * first burst of ten requests (each opening a new HTTP connection) reached the server 0-195 ms
 * after being sent while later ones on warm connections arrived at once, so the app's limiter (which grants exactly 10 per second) would otherwise see an
 * 11th request land inside our window. Real Dhan counts at its end too: a client is safer with a
 * margin of its own.
 *
 * Which classes are enforced: `orders` (default: place, modify, cancel, slicing, convert, exit all),
 * `all`, or `off`.
 */

import type { DhanLimitClass } from '../../brokers/dhan/limits';
import { DHAN_RATE_LIMITS } from '../../brokers/dhan/limits';
import { dhanError, type RestAnswer } from './rest-types';

/** What the sim enforces (see the file comment). */
export type SimRateLimitMode = 'orders' | 'all' | 'off';

/** The DH-904 answer (HTTP 429), as Dhan sends it. */
export function rateLimitAnswer(): RestAnswer {
  return dhanError(429, 'DH-904', 'Input_Exception', 'Too many requests on server from single user breaching rate limits. Try throttling API calls.');
}

/**
 * The limit class of a REST request (method and `/v2` path parts), as the client classifies it
 * (electron/brokers/dhan/rest/*.ts `limitClass`); null for paths without a limit.
 */
export function limitClassOf(method: string, parts: readonly string[]): DhanLimitClass | null {
  const [a, b] = parts;
  if (a === 'orders') return method === 'GET' ? 'nonTrading' : 'order';
  if (a === 'positions') return method === 'GET' ? 'nonTrading' : 'order';
  if (a === 'marketfeed') return 'quote';
  if (a === 'optionchain') return b === 'expirylist' ? 'data' : 'optionChain';
  if (a === 'charts' || a === 'instrument') return 'data';
  if (a === 'trades' || a === 'holdings' || a === 'fundlimit' || a === 'margincalculator') return 'nonTrading';
  return null;
}

/** Sliding-window counters per limit class. */
export class SimRateLimiter {
  private readonly stamps = new Map<DhanLimitClass, number[]>();
  /** Requests refused so far. */
  refused = 0;

  constructor(
    private readonly mode: SimRateLimitMode = 'orders',
    private readonly now: () => number = () => performance.now(),
    private readonly toleranceMs: (windowMs: number) => number = (w) => Math.min(500, w * 0.5),
  ) {}

  /** True when a request of `cls` may be served now (and counts it); false: answer DH-904. */
  admit(cls: DhanLimitClass | null): boolean {
    if (cls === null || this.mode === 'off' || (this.mode === 'orders' && cls !== 'order')) return true;
    const windows = DHAN_RATE_LIMITS[cls];
    const t = this.now();
    const list = this.stamps.get(cls) ?? [];
    const longest = Math.max(...windows.map((w) => w.windowMs));
    let drop = 0;
    while (drop < list.length && list[drop]! <= t - longest) drop++;
    if (drop > 0) list.splice(0, drop);
    for (const w of windows) {
      const since = t - (w.windowMs - this.toleranceMs(w.windowMs));
      let n = 0;
      for (let i = list.length - 1; i >= 0 && list[i]! > since; i--) n++;
      if (n >= w.limit) {
        this.refused++;
        return false;
      }
    }
    list.push(t);
    this.stamps.set(cls, list);
    return true;
  }
}
