import { describe, expect, it } from 'vitest';
import { anySegmentInSession, isSegmentInSession } from './trading-sessions';

/** Epoch ms of an IST wall-clock time (IST = UTC+05:30). */
const ist = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi) - 19_800_000;

describe('trading sessions in IST', () => {
  it('knows the equity session on a weekday, with its edges', () => {
    // 2026-11-20 is a Friday.
    expect(isSegmentInSession('NSE_EQ', ist(2026, 11, 20, 8, 59))).toBe(false);
    expect(isSegmentInSession('NSE_EQ', ist(2026, 11, 20, 9, 0))).toBe(true);
    expect(isSegmentInSession('NSE_FNO', ist(2026, 11, 20, 15, 39))).toBe(true);
    expect(isSegmentInSession('NSE_FNO', ist(2026, 11, 20, 15, 40))).toBe(false);
  });

  it('keeps currency and MCX open later, and every segment closed at weekends', () => {
    expect(isSegmentInSession('NSE_CURRENCY', ist(2026, 11, 20, 16, 30))).toBe(true);
    expect(isSegmentInSession('MCX_COMM', ist(2026, 11, 20, 23, 0))).toBe(true);
    expect(isSegmentInSession('NSE_EQ', ist(2026, 11, 20, 23, 0))).toBe(false);
    // 2026-11-21 Saturday, 2026-11-22 Sunday.
    expect(isSegmentInSession('MCX_COMM', ist(2026, 11, 21, 11, 0))).toBe(false);
    expect(isSegmentInSession('NSE_EQ', ist(2026, 11, 22, 11, 0))).toBe(false);
  });

  it('uses the IST date, not the UTC one, near midnight', () => {
    // Monday 2026-11-23 00:30 IST is Sunday 19:00 UTC: MCX is closed (Monday, before 09:00).
    expect(isSegmentInSession('MCX_COMM', ist(2026, 11, 23, 0, 30))).toBe(false);
    // Friday 2026-11-20 23:50 IST is 18:20 UTC the same day: MCX open.
    expect(isSegmentInSession('MCX_COMM', ist(2026, 11, 20, 23, 50))).toBe(true);
  });

  it('is open when any subscribed segment is', () => {
    const evening = ist(2026, 11, 20, 18, 0);
    expect(anySegmentInSession(['NSE_EQ', 'NSE_FNO'], evening)).toBe(false);
    expect(anySegmentInSession(['NSE_EQ', 'MCX_COMM'], evening)).toBe(true);
    expect(anySegmentInSession([], evening)).toBe(false);
  });
});
