/**
 * NSE market hours in IST (UTC+05:30, no daylight saving), as pure functions of an epoch time.
 *
 * Sessions (NSE equity and F&O, normal market): pre-open order entry 09:00-09:08, order matching
 * and buffer 09:08-09:15, continuous trading 09:15-15:30. Weekends are closed. Exchange holidays
 * are not modelled (every weekday is a trading day); `alwaysOpen` makes every instant OPEN for
 * demos and tests that run at any hour.
 */

/** Milliseconds in one minute / one day; IST offset from UTC in ms. */
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const IST_OFFSET_MS = 330 * MINUTE_MS;

/** Minutes after IST midnight of the session boundaries. */
export const PRE_OPEN_START_MIN = 9 * 60; // 09:00
export const PRE_OPEN_END_MIN = 9 * 60 + 8; // 09:08
export const OPEN_MIN = 9 * 60 + 15; // 09:15
export const CLOSE_MIN = 15 * 60 + 30; // 15:30
/** Trading minutes in one continuous session (375). */
export const SESSION_MINUTES = CLOSE_MIN - OPEN_MIN;

/**
 * Phase of the market at an instant:
 * - `PRE_OPEN`: 09:00-09:08, orders are accepted and rest without matching;
 * - `PRE_OPEN_BUFFER`: 09:08-09:15, order entry is closed and nothing matches yet;
 * - `OPEN`: 09:15-15:30 continuous matching;
 * - `CLOSED`: otherwise (and all weekend). Only after-market orders (AMO) are accepted.
 */
export type MarketPhase = 'PRE_OPEN' | 'PRE_OPEN_BUFFER' | 'OPEN' | 'CLOSED';

/** IST calendar day number (days since 1970-01-01 IST) of an epoch time in ms (UTC). */
export function istDay(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS);
}

/** Minutes after IST midnight (fractional) of an epoch time in ms. */
export function istMinuteOfDay(epochMs: number): number {
  return ((epochMs + IST_OFFSET_MS) - istDay(epochMs) * DAY_MS) / MINUTE_MS;
}

/** Epoch ms (UTC) of IST midnight that starts IST day `day`. */
export function istMidnightMs(day: number): number {
  return day * DAY_MS - IST_OFFSET_MS;
}

/** Epoch ms of `minute` minutes after IST midnight on IST day `day`. */
export function istTimeMs(day: number, minute: number): number {
  return istMidnightMs(day) + minute * MINUTE_MS;
}

/** True when IST day `day` is a weekday (holidays are not modelled). */
export function isTradingDay(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The trading day strictly before `day`. */
export function previousTradingDay(day: number): number {
  let d = day - 1;
  while (!isTradingDay(d)) d--;
  return d;
}

/** The trading day on or after `day`. */
export function tradingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isTradingDay(d)) d++;
  return d;
}

/** Market phase at `epochMs` (UTC ms), or always `OPEN` when `alwaysOpen`. */
export function marketPhase(epochMs: number, alwaysOpen = false): MarketPhase {
  if (alwaysOpen) return 'OPEN';
  const day = istDay(epochMs);
  if (!isTradingDay(day)) return 'CLOSED';
  const m = istMinuteOfDay(epochMs);
  if (m < PRE_OPEN_START_MIN) return 'CLOSED';
  if (m < PRE_OPEN_END_MIN) return 'PRE_OPEN';
  if (m < OPEN_MIN) return 'PRE_OPEN_BUFFER';
  if (m < CLOSE_MIN) return 'OPEN';
  return 'CLOSED';
}

/**
 * Epoch ms of the next instant strictly after `epochMs` at which the phase changes (never for
 * `alwaysOpen`: returns +Infinity). Used to step the model and the matching engine exactly onto
 * session boundaries.
 */
export function nextPhaseChange(epochMs: number, alwaysOpen = false): number {
  if (alwaysOpen) return Infinity;
  let day = istDay(epochMs);
  for (let i = 0; i < 10; i++, day++) {
    if (!isTradingDay(day)) continue;
    for (const m of [PRE_OPEN_START_MIN, PRE_OPEN_END_MIN, OPEN_MIN, CLOSE_MIN]) {
      const t = istTimeMs(day, m);
      if (t > epochMs) return t;
    }
  }
  return Infinity;
}

/** Formats an epoch ms as Dhan's IST time string `YYYY-MM-DD HH:mm:ss` (seeds/002, order book). */
export function formatIst(epochMs: number): string {
  const d = new Date(epochMs + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())}`;
}
