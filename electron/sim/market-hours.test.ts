import { describe, expect, it } from 'vitest';
import { formatIst, istDay, marketPhase, nextPhaseChange } from './market-hours';

// 2026-11-20 is a Friday. 03:45 UTC = 09:15 IST.
const at = (iso: string) => Date.parse(iso);

describe('NSE market hours (IST)', () => {
  it('walks a weekday through closed, pre-open, buffer, open and closed', () => {
    expect(marketPhase(at('2026-11-20T03:29:59Z'))).toBe('CLOSED'); // 08:59:59 IST
    expect(marketPhase(at('2026-11-20T03:30:00Z'))).toBe('PRE_OPEN'); // 09:00
    expect(marketPhase(at('2026-11-20T03:38:00Z'))).toBe('PRE_OPEN_BUFFER'); // 09:08
    expect(marketPhase(at('2026-11-20T03:45:00Z'))).toBe('OPEN'); // 09:15
    expect(marketPhase(at('2026-11-20T09:59:59Z'))).toBe('OPEN'); // 15:29:59
    expect(marketPhase(at('2026-11-20T10:00:00Z'))).toBe('CLOSED'); // 15:30
  });

  it('keeps weekends closed and always-open always open', () => {
    expect(marketPhase(at('2026-11-21T05:00:00Z'))).toBe('CLOSED'); // Saturday 10:30 IST
    expect(marketPhase(at('2026-11-21T05:00:00Z'), true)).toBe('OPEN');
  });

  it('finds the next boundary, skipping the weekend', () => {
    expect(nextPhaseChange(at('2026-11-20T05:00:00Z'))).toBe(at('2026-11-20T10:00:00Z'));
    expect(nextPhaseChange(at('2026-11-20T10:00:00Z'))).toBe(at('2026-11-23T03:30:00Z')); // Monday 09:00
  });

  it('formats IST times like Dhan and counts IST days from midnight IST', () => {
    expect(formatIst(at('2026-11-20T03:45:07Z'))).toBe('2026-11-20 09:15:07');
    expect(istDay(at('2026-11-20T18:29:59Z'))).toBe(istDay(at('2026-11-20T00:00:00Z')));
    expect(istDay(at('2026-11-20T18:30:00Z'))).toBe(istDay(at('2026-11-20T00:00:00Z')) + 1);
  });
});
