import { describe, expect, it } from 'vitest';
import { limitClassOf, SimRateLimiter } from './rate-limits';

/** The sim's REST rate limiter on a hand-moved clock (ms), tolerance 0 unless said. */
describe('SimRateLimiter', () => {
  it('allows 10 order requests per second, 250 per minute; a refusal does not count', () => {
    let t = 0;
    const l = new SimRateLimiter('orders', () => t, () => 0);
    const burst = Array.from({ length: 12 }, () => l.admit('order'));
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(l.refused).toBe(2);
    t = 999;
    expect(l.admit('order')).toBe(false);
    t = 1000; // the first ten leave the one-second window
    expect(Array.from({ length: 11 }, () => l.admit('order')).filter(Boolean)).toHaveLength(10);
    // 24 more seconds at 10/s: 250 in the minute, then the minute window says no
    for (let s = 2; s <= 24; s++) {
      t = s * 1000;
      for (let i = 0; i < 10; i++) l.admit('order');
    }
    t = 25_000;
    expect(Array.from({ length: 10 }, () => l.admit('order')).filter(Boolean)).toHaveLength(0);
    t = 60_000; // second 0's ten have left the minute
    expect(Array.from({ length: 11 }, () => l.admit('order')).filter(Boolean)).toHaveLength(10);
  });

  it('enforces only order APIs by default, every class with `all`, none with `off`', () => {
    const t = 0;
    const orders = new SimRateLimiter('orders', () => t, () => 0);
    expect(Array.from({ length: 5 }, () => orders.admit('quote')).every(Boolean)).toBe(true);
    const all = new SimRateLimiter('all', () => t, () => 0);
    expect(Array.from({ length: 3 }, () => all.admit('quote'))).toEqual([true, false, false]);
    expect(Array.from({ length: 2 }, () => all.admit('optionChain'))).toEqual([true, false]);
    const off = new SimRateLimiter('off', () => t, () => 0);
    expect(Array.from({ length: 50 }, () => off.admit('order')).every(Boolean)).toBe(true);
  });

  it('forgives the tolerance at the end of a window', () => {
    let t = 0;
    const l = new SimRateLimiter('orders', () => t, () => 100);
    for (let i = 0; i < 10; i++) l.admit('order');
    t = 899;
    expect(l.admit('order')).toBe(false);
    t = 901;
    expect(l.admit('order')).toBe(true);
  });

  it('classifies paths as the client does', () => {
    expect(limitClassOf('POST', ['orders'])).toBe('order');
    expect(limitClassOf('PUT', ['orders', '1'])).toBe('order');
    expect(limitClassOf('POST', ['positions', 'convert'])).toBe('order');
    expect(limitClassOf('DELETE', ['positions'])).toBe('order');
    expect(limitClassOf('GET', ['orders', 'external', 'x'])).toBe('nonTrading');
    expect(limitClassOf('GET', ['holdings'])).toBe('nonTrading');
    expect(limitClassOf('POST', ['marketfeed', 'ltp'])).toBe('quote');
    expect(limitClassOf('POST', ['optionchain'])).toBe('optionChain');
    expect(limitClassOf('POST', ['optionchain', 'expirylist'])).toBe('data');
    expect(limitClassOf('POST', ['charts', 'intraday'])).toBe('data');
  });
});
