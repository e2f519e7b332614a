/**
 * When each exchange segment trades, in IST, for decisions that must not fire on a closed market
 * (a silent feed is only "stale" while its market is open).
 *
 * Sessions (Monday to Friday; exchange holidays are not modelled): NSE/BSE equity, F&O and indices
 * 09:00-15:40 (pre-open from 09:00, close at 15:30, a 10-minute margin for closing prints);
 * currency 09:00-17:00; MCX commodities 09:00-23:55 (MCX closes at 23:30 or 23:55 by season).
 * IST is UTC+05:30 with no daylight saving, so this is integer arithmetic, no time-zone data.
 */
import type { ExchangeSegment } from './instruments';

const IST_OFFSET_MS = 19_800_000;
const DAY_MS = 86_400_000;

/** Session window per segment: [start, end) in minutes after IST midnight. */
export const SEGMENT_SESSIONS: Readonly<Record<ExchangeSegment, readonly [number, number]>> = {
  IDX_I: [9 * 60, 15 * 60 + 40],
  NSE_EQ: [9 * 60, 15 * 60 + 40],
  NSE_FNO: [9 * 60, 15 * 60 + 40],
  BSE_EQ: [9 * 60, 15 * 60 + 40],
  BSE_FNO: [9 * 60, 15 * 60 + 40],
  NSE_CURRENCY: [9 * 60, 17 * 60],
  BSE_CURRENCY: [9 * 60, 17 * 60],
  MCX_COMM: [9 * 60, 23 * 60 + 55],
};

/** True when `segment` is inside its trading session at `epochMs` (epoch ms UTC). */
export function isSegmentInSession(segment: ExchangeSegment, epochMs: number): boolean {
  const ist = epochMs + IST_OFFSET_MS;
  const dayIndex = Math.floor(ist / DAY_MS);
  // 1970-01-01 was a Thursday: (dayIndex + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  const weekday = (((dayIndex + 4) % 7) + 7) % 7;
  if (weekday === 0 || weekday === 6) return false;
  const minute = Math.floor((ist - dayIndex * DAY_MS) / 60_000);
  const [start, end] = SEGMENT_SESSIONS[segment];
  return minute >= start && minute < end;
}

/** True when any of `segments` is in session at `epochMs`. */
export function anySegmentInSession(segments: Iterable<ExchangeSegment>, epochMs: number): boolean {
  for (const s of segments) if (isSegmentInSession(s, epochMs)) return true;
  return false;
}
