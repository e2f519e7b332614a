import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market';
import { applyNewest, mergeOlder, nearNewestEdge, nearOldestEdge } from './bar-window';

const bar = (time: number, close = time): Candle => ({ time, open: close, high: close, low: close, close, volume: 1 });
const bars = (from: number, n: number, step = 60) => Array.from({ length: n }, (_, i) => bar(from + i * step));

describe('mergeOlder', () => {
  it('puts an older chunk in front and keeps the window when under the cap', () => {
    const w = bars(6000, 5);
    const r = mergeOlder(w, bars(5700, 5));
    expect(r.bars.map((b) => b.time)).toEqual([5700, 5760, 5820, 5880, 5940, 6000, 6060, 6120, 6180, 6240]);
    expect(r).toMatchObject({ added: 5, trimmedNewest: 0 });
  });

  it("drops chunk bars that overlap the window (the window's bars win) and unsorted or duplicate ones", () => {
    const w = [bar(600, 999), bar(660)];
    const chunk = [bar(480), bar(540), bar(540), bar(500), bar(600, 1), bar(660, 1)];
    const r = mergeOlder(w, chunk);
    expect(r.bars.map((b) => [b.time, b.close])).toEqual([
      [480, 480],
      [540, 540],
      [600, 999],
      [660, 660],
    ]);
    expect(r.added).toBe(2);
  });

  it('cuts the newest end down to the cap', () => {
    const w = bars(10_000, 8);
    const r = mergeOlder(w, bars(10_000 - 5 * 60, 5), 10);
    expect(r.bars).toHaveLength(10);
    expect(r.trimmedNewest).toBe(3);
    expect(r.bars[0]!.time).toBe(10_000 - 300);
    expect(r.bars[9]!.time).toBe(10_000 + 4 * 60);
  });

  it('into an empty window takes the chunk as it is', () => {
    const r = mergeOlder([], bars(0, 3));
    expect(r.bars.map((b) => b.time)).toEqual([0, 60, 120]);
  });
});

describe('applyNewest', () => {
  it('replaces the newest bar with the same time, appends a newer one, ignores an older one', () => {
    const w = bars(0, 3);
    expect(applyNewest(w, bar(120, 5))).toEqual({ kind: 'update', trimmedOldest: 0 });
    expect(w.map((b) => b.close)).toEqual([0, 60, 5]);
    expect(applyNewest(w, bar(180))).toEqual({ kind: 'update', trimmedOldest: 0 });
    expect(w).toHaveLength(4);
    expect(applyNewest(w, bar(60, 7))).toEqual({ kind: 'ignored', trimmedOldest: 0 });
    expect(w[1]!.close).toBe(60);
  });

  it('cuts the oldest end down to the cap once the slack is used up', () => {
    const w = bars(0, 12);
    expect(applyNewest(w, bar(12 * 60), 10, 3).kind).toBe('update');
    expect(w).toHaveLength(13);
    const r = applyNewest(w, bar(13 * 60), 10, 3);
    expect(r).toEqual({ kind: 'reset', trimmedOldest: 4 });
    expect(w).toHaveLength(10);
    expect(w[0]!.time).toBe(4 * 60);
    expect(w[9]!.time).toBe(13 * 60);
  });
});

describe('edges', () => {
  it('asks for older bars near the left edge and spots the live edge on the right', () => {
    expect(nearOldestEdge(10, 50)).toBe(true);
    expect(nearOldestEdge(-3, 50)).toBe(true);
    expect(nearOldestEdge(120, 50)).toBe(false);
    expect(nearNewestEdge(99.5, 100)).toBe(true);
    expect(nearNewestEdge(80, 100)).toBe(false);
  });
});
