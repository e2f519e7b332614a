/**
 * Times and dates in IST (India Standard Time) from epoch milliseconds UTC.
 *
 * IST is a fixed UTC+05:30 with no daylight saving (it has not changed since 1945), so it is
 * computed here with integer arithmetic: nothing depends on the runtime's time zone, on `Intl`, or on
 * the availability of time-zone data (Electron's renderer, a Node built with small-icu, a CI box set
 * to UTC all print the same strings). The calendar conversion is the proleptic Gregorian
 * days-from-civil algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 *
 * Source: issue 5, "Settings" (times in IST); issue 3 (LTT converted to true UTC at the decoder, so
 * every time reaching here is true epoch UTC).
 */

import { NO_VALUE } from './indian-number';

/** The IST offset from UTC, milliseconds (+05:30). */
export const IST_OFFSET_MS = 19_800_000;

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The IST wall-clock fields of an instant. */
export interface IstParts {
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  /** 1-31. */
  readonly day: number;
  /** 0-23. */
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0-999 (a fractional epoch is floored to the millisecond). */
  readonly millisecond: number;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly weekday: number;
}

/**
 * IST wall-clock fields of `epochMs` (epoch milliseconds UTC; before 1970 works too). Null for a
 * missing or non-finite value, or one beyond ±8.64e15 ms (the range of a JavaScript Date).
 */
export function istParts(epochMs: number | null | undefined): IstParts | null {
  if (epochMs === null || epochMs === undefined || !Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return null;
  const local = Math.floor(epochMs) + IST_OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const msOfDay = local - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    weekday: (((days + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/** Year, month (1-12), day of the date `days` after 1970-01-01 (proleptic Gregorian). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days from 1970-01-01 to the given proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function year4(y: number): string {
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return String(y);
}

/** `HH:mm:ss` in IST: `formatIstTime(Date.UTC(2026, 10, 21, 3, 45, 0))` → `"09:15:00"`. */
export function formatIstTime(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** `HH:mm:ss IST`, for places where the zone must be spelt out (status bar, exports). */
export function formatIstTimeLabel(epochMs: number | null | undefined): string {
  const t = formatIstTime(epochMs);
  return t === NO_VALUE ? t : `${t} IST`;
}

/** `HH:mm:ss.SSS` in IST, for the order/trade book and logs where order matters within a second. */
export function formatIstTimeMs(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}.${pad3(p.millisecond)}`;
}

/**
 * The IST calendar date of an instant as `YYYY-MM-DD` (the form of shared/instruments.ts expiry
 * dates): 2026-11-20T18:30:00Z is `"2026-11-21"` in IST. {@link NO_VALUE} for a missing value.
 */
export function istDateKey(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : `${year4(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The IST date as traders read it: `"21 Nov 2026"`. */
export function formatIstDate(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : `${pad2(p.day)} ${MONTHS[p.month - 1]} ${year4(p.year)}`;
}

/** Date and time in IST: `"21 Nov 2026 09:15:00"`. */
export function formatIstDateTime(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : `${formatIstDate(epochMs)} ${formatIstTime(epochMs)}`;
}

/** Short weekday name of the IST date (`"Sat"`), for expiry and session displays. */
export function istWeekdayName(epochMs: number | null | undefined): string {
  const p = istParts(epochMs);
  return p === null ? NO_VALUE : WEEKDAYS[p.weekday]!;
}

/**
 * Epoch milliseconds UTC of IST midnight starting the date `YYYY-MM-DD` (e.g. `"2026-11-21"` →
 * 2026-11-20T18:30:00Z). Null when the text is not a `YYYY-MM-DD` date with a real month and day.
 */
export function istMidnightMs(dateKey: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateKey);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) * DAY_MS - IST_OFFSET_MS;
}

/**
 * Epoch milliseconds UTC of an IST wall-clock time on an IST date: `istWallClockMs("2026-11-21",
 * 9, 15)` → 2026-11-21T03:45:00Z (NSE's open). Null for a bad date or fields out of range.
 */
export function istWallClockMs(dateKey: string, hour: number, minute: number, second = 0): number | null {
  const midnight = istMidnightMs(dateKey);
  if (midnight === null) return null;
  const ok = (v: number, max: number): boolean => Number.isInteger(v) && v >= 0 && v < max;
  if (!ok(hour, 24) || !ok(minute, 60) || !ok(second, 60)) return null;
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
