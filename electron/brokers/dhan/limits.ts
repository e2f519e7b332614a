/**
 * DhanHQ v2 rate limits and request caps: the ONE table the client and the limiter read.
 *
 * Source: seeds/000 (Introduction, "Rate Limit") and seeds/002 ("Rate Limit" table at the top,
 * "Market Quote" info box, "Historical Data" → intraday note, "Option Chain" info box and note).
 *
 * The seeds disagree on order APIs per second: 25 in seeds/000, 10 in seeds/002. We default to the
 * stricter 10/s (seeds/README.md: "default to the stricter value"); pass another table to the
 * limiter if Dhan confirms 25.
 * "Per day" windows are kept as rolling 24-hour windows, which is never looser than a calendar day.
 */

import type { RateTable, RateWindow } from '../../core/rate-limiter';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rate-limit classes of Dhan's requests. */
export type DhanLimitClass = 'order' | 'data' | 'quote' | 'optionChain' | 'nonTrading';

/**
 * Windows per class:
 * - `order` (place, modify, cancel, slicing, convert, exit all): 10/s (stricter of 25 vs 10),
 *   250/min, 1000/h, 7000/day.
 * - `data` (historical, intraday, expiry list, instrument list): 5/s, 100000/day.
 * - `quote` (`/marketfeed/ltp|ohlc|quote`): 1/s ("Unlimited" per minute/hour/day).
 * - `optionChain` (`/optionchain`): 1 per 3 s (seeds/002: "1 request per 3 second"; the page also
 *   says "one unique request every 3 seconds" for different underlyings/expiries: we take the
 *   stricter reading, one request of any kind per 3 s).
 * - `nonTrading` (order book, trades, positions, holdings, funds, margin calculator): 20/s.
 */
export const DHAN_RATE_LIMITS: Readonly<Record<DhanLimitClass, readonly RateWindow[]>> & RateTable = {
  order: [
    { limit: 10, windowMs: SECOND },
    { limit: 250, windowMs: MINUTE },
    { limit: 1000, windowMs: HOUR },
    { limit: 7000, windowMs: DAY },
  ],
  data: [
    { limit: 5, windowMs: SECOND },
    { limit: 100_000, windowMs: DAY },
  ],
  quote: [{ limit: 1, windowMs: SECOND }],
  optionChain: [{ limit: 1, windowMs: 3 * SECOND }],
  nonTrading: [{ limit: 20, windowMs: SECOND }],
};

/**
 * Margin our limiter adds to every Dhan window, ms: the server counts after network jitter, so a
 * client pacing at exactly 10/s can be seen at 11 (the simulated exchange showed bursts arriving
 * 0-195 ms apart from how they were sent).
 */
export const DHAN_WINDOW_GUARD_MS = 100;

/** Order modifications allowed per order (seeds/000 and 002: "capped at 25 modifications/order"). */
export const DHAN_MAX_MODIFICATIONS_PER_ORDER = 25;

/** Instruments per market-quote request (seeds/002, "Market Quote": "upto 1000 instruments"). */
export const DHAN_MAX_QUOTE_INSTRUMENTS = 1000;

/** Longest span of one intraday-candle request, days (seeds/002, "Intraday Historical Data" note). */
export const DHAN_INTRADAY_MAX_DAYS = 90;

/** Intraday intervals Dhan serves, minutes (seeds/002, "Intraday Historical Data"). */
export const DHAN_INTRADAY_INTERVALS: readonly number[] = [1, 5, 15, 25, 60];

/**
 * Longest correlation id we send, and its characters. The seeds give no limit ("The user/partner
 * generated id for tracking back"); we stay conservative: at most 25 characters from
 * `[A-Za-z0-9_-]`, which every broker we know accepts.
 */
export const DHAN_CORRELATION_ID_MAX = 25;

/** Characters allowed in a correlation id we send (see `DHAN_CORRELATION_ID_MAX`). */
export const DHAN_CORRELATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,25}$/;
