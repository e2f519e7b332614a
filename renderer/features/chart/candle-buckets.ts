/**
 * Candle buckets: which candle an instant belongs to, for each chart interval.
 *
 * - Minute intervals (1, 5, 15, 25, 60) are aligned to the session open of the instant's IST day
 *   (09:15 IST for NSE/BSE, 09:00 IST for MCX), the way Dhan's intraday candles and the simulated
 *   exchange's history are stamped (09:15, 09:40, 10:05 … for 25 minutes; 09:15, 10:15 … for 60).
 *   For 1, 5 and 15 minutes this is the same as aligning to the epoch; for 25 and 60 it is not
 *   (09:15 IST is 03:45 UTC), which is why the open is the anchor.
 * - Daily candles start at IST midnight (18:30 UTC of the day before), as `shared/market.ts`
 *   `Candle.time` says.
 *
 * Every time here is epoch SECONDS UTC. Source: issue 5 ("Chart": 1, 5, 15, 25, 60 minutes and
 * daily); seeds/002 "Historical Data"; electron/sim/history.ts (09:15 alignment).
 */
import type { ExchangeSegment } from '../../../shared/instruments';
import type { CandleInterval } from '../../../shared/market';

/** IST offset from UTC, seconds (+05:30). */
export const IST_OFFSET_SEC = 19_800;
const DAY_SEC = 86_400;

/** Every interval the chart offers, in toolbar order. */
export const CHART_INTERVALS: readonly CandleInterval[] = ['1m', '5m', '15m', '25m', '60m', '1d'];

/** Length of one candle, seconds (a daily candle is a calendar day). */
export function intervalSeconds(interval: CandleInterval): number {
  switch (interval) {
    case '1m':
      return 60;
    case '5m':
      return 300;
    case '15m':
      return 900;
    case '25m':
      return 1500;
    case '60m':
      return 3600;
    case '1d':
      return DAY_SEC;
  }
}

/** Minutes after IST midnight at which the segment's session opens (MCX 09:00, others 09:15). */
export function sessionOpenMinute(segment: ExchangeSegment | null): number {
  return segment === 'MCX_COMM' ? 540 : 555;
}

/** Start of the IST calendar day holding `timeSec`, epoch seconds UTC. */
export function istDayStartSec(timeSec: number): number {
  return Math.floor((timeSec + IST_OFFSET_SEC) / DAY_SEC) * DAY_SEC - IST_OFFSET_SEC;
}

/**
 * Start of the candle of `interval` holding instant `timeSec` (epoch seconds UTC), epoch seconds UTC.
 * `openMinute` is the session open in minutes after IST midnight (see {@link sessionOpenMinute}).
 * Instants before the open fall in buckets counted back from the open (pre-open trades are rare).
 */
export function bucketStartSec(timeSec: number, interval: CandleInterval, openMinute = 555): number {
  const day = istDayStartSec(timeSec);
  if (interval === '1d') return day;
  const len = intervalSeconds(interval);
  const open = day + openMinute * 60;
  return open + Math.floor((timeSec - open) / len) * len;
}
