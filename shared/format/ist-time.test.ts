import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_VALUE } from './indian-number';
import {
  IST_OFFSET_MS,
  formatIstDate,
  formatIstDateTime,
  formatIstTime,
  formatIstTimeLabel,
  formatIstTimeMs,
  istDateKey,
  istMidnightMs,
  istParts,
  istWallClockMs,
  istWeekdayName,
} from './ist-time';

describe('IST times', () => {
  it('adds a fixed +05:30 to UTC', () => {
    const open = Date.UTC(2026, 10, 21, 3, 45, 0); // 09:15 IST, NSE open
    expect(formatIstTime(open)).toBe('09:15:00');
    expect(formatIstTimeLabel(open)).toBe('09:15:00 IST');
    expect(formatIstTime(Date.UTC(2026, 10, 21, 10, 0, 0))).toBe('15:30:00');
    expect(formatIstTimeMs(Date.UTC(2026, 10, 21, 3, 45, 7, 42))).toBe('09:15:07.042');
    expect(IST_OFFSET_MS).toBe(5.5 * 3600 * 1000);
  });

  it('changes the date at 18:30 UTC', () => {
    expect(istDateKey(Date.UTC(2026, 10, 20, 18, 29, 59, 999))).toBe('2026-11-20');
    expect(istDateKey(Date.UTC(2026, 10, 20, 18, 30, 0, 0))).toBe('2026-11-21');
    expect(formatIstDateTime(Date.UTC(2026, 10, 20, 18, 30))).toBe('21 Nov 2026 00:00:00');
    expect(formatIstDate(Date.UTC(2026, 11, 31, 18, 30))).toBe('01 Jan 2027');
    expect(istWeekdayName(Date.UTC(2026, 10, 21, 12))).toBe('Sat');
  });

  it('handles leap days, the epoch and instants before 1970', () => {
    expect(istDateKey(Date.UTC(2024, 1, 29, 12))).toBe('2024-02-29');
    expect(istDateKey(Date.UTC(2100, 1, 28, 18, 30))).toBe('2100-03-01'); // 2100 is not a leap year
    expect(formatIstDateTime(0)).toBe('01 Jan 1970 05:30:00');
    expect(formatIstTimeMs(-1)).toBe('05:29:59.999');
    expect(istDateKey(-IST_OFFSET_MS - 1)).toBe('1969-12-31');
    expect(istWeekdayName(0)).toBe('Thu');
  });

  it('floors fractional milliseconds', () => {
    expect(formatIstTimeMs(Date.UTC(2026, 0, 1, 0, 0, 0, 999) + 0.9)).toBe('05:30:00.999');
  });

  it('agrees with Date in UTC shifted by the offset (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e12, max: 5e12 }), (ms) => {
        const d = new Date(ms + IST_OFFSET_MS);
        const p = istParts(ms)!;
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond, p.weekday]).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
          d.getUTCMilliseconds(),
          d.getUTCDay(),
        ]);
        expect(istMidnightMs(istDateKey(ms))).toBe(Math.floor((ms + IST_OFFSET_MS) / 86_400_000) * 86_400_000 - IST_OFFSET_MS);
      }),
    );
  });

  it('turns IST dates and wall-clock times back into epoch ms', () => {
    expect(istMidnightMs('2026-11-21')).toBe(Date.UTC(2026, 10, 20, 18, 30));
    expect(istWallClockMs('2026-11-21', 9, 15)).toBe(Date.UTC(2026, 10, 21, 3, 45));
    expect(istWallClockMs('2026-11-21', 15, 30, 0)).toBe(Date.UTC(2026, 10, 21, 10, 0));
    expect(istMidnightMs('2025-02-29')).toBeNull();
    expect(istMidnightMs('2026-13-01')).toBeNull();
    expect(istMidnightMs('21-11-2026')).toBeNull();
    expect(istWallClockMs('2026-11-21', 24, 0)).toBeNull();
    expect(istWallClockMs('2026-11-21', 9, 60)).toBeNull();
  });

  it('prints a dash for missing or out-of-range instants', () => {
    for (const v of [null, undefined, Number.NaN, Infinity, 9e15]) {
      expect(formatIstTime(v)).toBe(NO_VALUE);
      expect(istDateKey(v)).toBe(NO_VALUE);
      expect(formatIstDateTime(v)).toBe(NO_VALUE);
    }
    expect(istParts(null)).toBeNull();
  });
});
