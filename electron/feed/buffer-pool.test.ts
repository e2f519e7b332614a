import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool';

describe('BufferPool', () => {
  it('reuses a returned buffer that fits and allocates only when none does', () => {
    const pool = new BufferPool();
    const a = pool.take(3000);
    expect(a.byteLength).toBe(4096);
    pool.give(a);
    expect(pool.take(4000)).toBe(a);
    expect(pool.allocated).toBe(1);
    pool.give(a);
    const big = pool.take(5000);
    expect(big).not.toBe(a);
    expect(big.byteLength).toBe(8192);
    expect(pool.allocated).toBe(2);
  });

  it('hands out the smallest buffer that fits', () => {
    const pool = new BufferPool();
    const small = pool.take(1000);
    const large = pool.take(100_000);
    pool.give(large);
    pool.give(small);
    expect(pool.take(500)).toBe(small);
    expect(pool.take(500)).toBe(large); // the only one left still fits: no allocation
    expect(pool.allocated).toBe(2);
  });

  it('ignores detached buffers and keeps the largest when full', () => {
    const pool = new BufferPool(2);
    const detached = new ArrayBuffer(64);
    structuredClone(detached, { transfer: [detached] });
    pool.give(detached);
    expect(pool.size).toBe(0);
    pool.give(new ArrayBuffer(1024));
    pool.give(new ArrayBuffer(2048));
    pool.give(new ArrayBuffer(4096));
    expect(pool.size).toBe(2);
    expect(pool.take(3000).byteLength).toBe(4096);
    expect(pool.take(2000).byteLength).toBe(2048);
  });
});
