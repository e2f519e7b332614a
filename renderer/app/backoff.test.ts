import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('reconnect backoff with full jitter', () => {
  const policy = { baseMs: 500, capMs: 15_000 };

  it('spans [0, base * 2^n) and doubles the ceiling per attempt until the cap', () => {
    const top = 0.999999;
    expect(backoffDelayMs(0, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(0, policy, () => top)).toBe(499);
    expect(backoffDelayMs(1, policy, () => top)).toBe(999);
    expect(backoffDelayMs(3, policy, () => top)).toBe(3999);
    expect(backoffDelayMs(5, policy, () => top)).toBe(14_999);
    expect(backoffDelayMs(6, policy, () => top)).toBe(14_999);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(1000);
  });

  it('stays within [0, cap] for any attempt and any random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), fc.double({ min: -1, max: 2, noNaN: true }), (attempt, r) => {
        const d = backoffDelayMs(attempt, policy, () => r);
        return Number.isInteger(d) && d >= 0 && d <= policy.capMs;
      }),
    );
  });
});
