import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const opts = { baseMs: 100, capMs: 1000 };

describe('backoffDelay (full jitter)', () => {
  it('draws from [0, base * 2^attempt) and caps the window', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 10, 80].map((a) => backoffDelay(a, opts, top))).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('can retry at once (the whole window is jittered, not only a part of it)', () => {
    expect(backoffDelay(7, opts, () => 0)).toBe(0);
    expect(backoffDelay(2, opts, () => 0.5)).toBe(200);
  });

  it('clamps a misbehaving random source into the window', () => {
    expect(backoffDelay(0, opts, () => 7)).toBe(100);
    expect(backoffDelay(0, opts, () => -1)).toBe(0);
  });

  it('rejects a negative attempt', () => {
    expect(() => backoffDelay(-1, opts, Math.random)).toThrow(RangeError);
  });
});
