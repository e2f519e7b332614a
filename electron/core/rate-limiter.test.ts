import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PerKeyCap, RateLimiter, type LimiterClock } from './rate-limiter';
import { DHAN_RATE_LIMITS, DHAN_MAX_MODIFICATIONS_PER_ORDER } from '../brokers/dhan/limits';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-20T04:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RateLimiter with the Dhan table', () => {
  it('lets 10 orders through in one second and refuses the 11th past the bound without sending', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS, { orderMaxWaitMs: 0 });
    for (let i = 0; i < 10; i++) {
      expect((await limiter.acquire('order', { orderChange: true })).ok).toBe(true);
    }
    const r = await limiter.acquire('order', { orderChange: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RATE_LIMITED');
      expect(r.error.retryable).toBe(false);
      expect(r.error.message).toContain('1 s');
    }
    vi.advanceTimersByTime(1000);
    expect((await limiter.acquire('order', { orderChange: true })).ok).toBe(true);
  });

  it('lets an order change wait for a slot within the bound', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS, { orderMaxWaitMs: 1000 });
    for (let i = 0; i < 10; i++) await limiter.acquire('order', { orderChange: true });
    vi.advanceTimersByTime(400);
    let done = false;
    const p = limiter.acquire('order', { orderChange: true }).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(599);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect((await p).ok).toBe(true);
  });

  it('applies the per-minute window: 250 orders, then refusal for the rest of the minute', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS, { orderMaxWaitMs: 1000 });
    let granted = 0;
    for (let s = 0; s < 30; s++) {
      for (let i = 0; i < 10; i++) if ((await limiter.acquire('order', { orderChange: true })).ok) granted++;
      vi.advanceTimersByTime(1000);
    }
    expect(granted).toBe(250);
    expect(limiter.nextSlotAt('order') - Date.now()).toBe(60_000 - 30_000);
  });

  it('queues reads FIFO at 1 per second for quotes', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS);
    const order: number[] = [];
    const ps = [0, 1, 2, 3].map((i) => limiter.acquire('quote').then((r) => {
      expect(r.ok).toBe(true);
      order.push(i);
    }));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toEqual([0, 1, 2, 3]);
    await Promise.all(ps);
  });

  it('spaces option-chain requests 3 s apart', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS);
    await limiter.acquire('optionChain');
    expect(limiter.nextSlotAt('optionChain') - Date.now()).toBe(3000);
    expect(limiter.tryAcquire('optionChain')).toBe(false);
    vi.advanceTimersByTime(3000);
    expect(limiter.tryAcquire('optionChain')).toBe(true);
  });

  it('gives up a queued read when its signal aborts', async () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS);
    await limiter.acquire('quote');
    const ac = new AbortController();
    const p = limiter.acquire('quote', { signal: ac.signal });
    ac.abort();
    const r = await p;
    expect(r.ok).toBe(false);
  });

  it('rejects unknown classes loudly', () => {
    const limiter = new RateLimiter(DHAN_RATE_LIMITS);
    expect(() => limiter.acquire('ordr')).toThrow(RangeError);
  });

  it('uses an injected clock', async () => {
    let now = 1000;
    const clock: LimiterClock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const limiter = new RateLimiter({ x: [{ limit: 2, windowMs: 100 }] }, { clock });
    expect(limiter.tryAcquire('x')).toBe(true);
    expect(limiter.tryAcquire('x')).toBe(true);
    expect(limiter.tryAcquire('x')).toBe(false);
    now = 1100;
    expect(limiter.tryAcquire('x')).toBe(true);
  });
});

describe('PerKeyCap', () => {
  it('allows 25 modifications per order, then refuses', () => {
    const cap = new PerKeyCap(DHAN_MAX_MODIFICATIONS_PER_ORDER);
    for (let i = 0; i < 25; i++) expect(cap.take('A')).toBe(true);
    expect(cap.take('A')).toBe(false);
    expect(cap.count('A')).toBe(25);
    expect(cap.take('B')).toBe(true);
    cap.forget('A');
    expect(cap.take('A')).toBe(true);
  });
});

describe('window guard', () => {
  it('keeps a safety margin on every window so the broker never sees the limit exceeded', () => {
    let now = 1_000_000;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const plain = new RateLimiter({ order: [{ limit: 2, windowMs: 1000 }] }, { clock });
    const guarded = new RateLimiter({ order: [{ limit: 2, windowMs: 1000 }] }, { clock, windowGuardMs: 100 });
    for (const l of [plain, guarded]) {
      expect(l.tryAcquire('order')).toBe(true);
      expect(l.tryAcquire('order')).toBe(true);
      expect(l.tryAcquire('order')).toBe(false);
    }
    now += 1000;
    expect(plain.tryAcquire('order')).toBe(true);
    expect(guarded.tryAcquire('order')).toBe(false);
    expect(guarded.nextSlotAt('order')).toBe(1_000_000 + 1100);
    now += 100;
    expect(guarded.tryAcquire('order')).toBe(true);
    expect(() => new RateLimiter({}, { windowGuardMs: -1 })).toThrow(RangeError);
  });
});
