/**
 * The broker's intraday auto square-off schedule, as the simulated exchange applies it: at each
 * segment's square-off time the RMS cancels the segment's pending INTRADAY orders, then closes
 * every open INTRADAY position with a MARKET order (correlation id `SQROFF-…`); after that time,
 * INTRADAY orders that would open or add to a position in the segment are refused until the close.
 *
 * Source: the seeds (seeds/002) do not state square-off times. The times come from a secondary
 * source, Dhan's own knowledge base ("What is auto square off? What time does Dhan automatically
 * square off the intraday positions?", knowledge.dhan.co article 82000832236): NSE/BSE cash and
 * derivatives 3:20 PM, currency 4:45 PM, commodity 11:15 PM when MCX closes at 11:30 PM (11:45 PM
 * for an 11:55 PM close). Real closes: cash and F&O 15:30, currency 17:00, MCX 23:30/23:55 IST.
 *
 * The sim runs every segment on NSE equity hours (market-hours.ts: one session 09:15-15:30 IST),
 * so a segment's square-off is placed the same number of minutes before the sim's close as Dhan's
 * is before the segment's real close: cash and F&O 10 minutes (15:20 IST, Dhan's real time),
 * currency 15 minutes (15:15 IST in the sim; 16:45 real), commodity 15 minutes (15:15 IST in the
 * sim; 23:15 real for the 23:30 close). With `alwaysOpen` there is no close, so no square-off.
 */

import type { ExchangeSegment } from '../../../shared/instruments';
import { CLOSE_MIN, isTradingDay, istDay, istTimeMs, formatIst } from '../market-hours';

/**
 * Minutes before the segment's close at which Dhan squares off INTRADAY positions (see the file
 * comment). Segments without an entry (IDX_I: indices are not tradable) are never squared off.
 */
export const SQUARE_OFF_LEAD_MIN: Readonly<Partial<Record<ExchangeSegment, number>>> = {
  NSE_EQ: 10,
  BSE_EQ: 10,
  NSE_FNO: 10,
  BSE_FNO: 10,
  NSE_CURRENCY: 15,
  BSE_CURRENCY: 15,
  MCX_COMM: 15,
};

/** Prefix of the correlation id of every auto square-off order. */
export const SQUARE_OFF_CORRELATION_PREFIX = 'SQROFF';

/**
 * Minutes after IST midnight of the segment's square-off in the sim (see the file comment), or
 * null when the segment is never squared off.
 */
export function squareOffMinute(segment: ExchangeSegment): number | null {
  const lead = SQUARE_OFF_LEAD_MIN[segment];
  return lead === undefined ? null : CLOSE_MIN - lead;
}

/** Every distinct square-off minute, earliest first. */
const MINUTES: readonly number[] = [...new Set(Object.values(SQUARE_OFF_LEAD_MIN).map((lead) => CLOSE_MIN - lead!))].sort((a, b) => a - b);

/** The earliest square-off minute of any segment (minutes after IST midnight). */
export const EARLIEST_SQUARE_OFF_MIN: number = MINUTES[0]!;

/**
 * Epoch ms (UTC) of the next square-off instant of any segment strictly after `epochMs`, on a
 * trading day; +Infinity with `alwaysOpen` (no close, no square-off). Used to step the engine
 * exactly onto square-off times.
 */
export function nextSquareOffMs(epochMs: number, alwaysOpen = false): number {
  if (alwaysOpen) return Infinity;
  let day = istDay(epochMs);
  for (let i = 0; i < 10; i++, day++) {
    if (!isTradingDay(day)) continue;
    for (const m of MINUTES) {
      const t = istTimeMs(day, m);
      if (t > epochMs) return t;
    }
  }
  return Infinity;
}

/**
 * Correlation id of the auto square-off order of one position: `SQROFF-<yymmdd>-<security id>`
 * (at most 24 characters for a 10-digit security id, within the 25 the Dhan adapter allows).
 */
export function squareOffCorrelationId(securityId: string, epochMs: number): string {
  const ist = formatIst(epochMs); // YYYY-MM-DD HH:mm:ss
  return `${SQUARE_OFF_CORRELATION_PREFIX}-${ist.slice(2, 4)}${ist.slice(5, 7)}${ist.slice(8, 10)}-${securityId}`;
}

/** `HH:MM` of a minute of the day, for messages. */
export function clockOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
