import { describe, expect, it } from 'vitest';
import { RoundRobinUpdates } from './update-budget';

const p = (time: number, value: number) => ({ time, value });

describe('RoundRobinUpdates', () => {
  it('serves at most the budget per take, round-robin, so every series gets its turn', () => {
    const q = new RoundRobinUpdates<string, { time: number; value: number }>();
    for (let frame = 0; frame < 3; frame++) for (const k of ['vol', 'sma', 'rsi']) q.set(k, p(60, frame));
    expect(q.take(1).map(([k]) => k)).toEqual(['vol']);
    for (const k of ['vol', 'sma', 'rsi']) q.set(k, p(60, 9));
    expect(q.take(1).map(([k]) => k)).toEqual(['sma']);
    expect(q.take(1).map(([k]) => k)).toEqual(['rsi']);
    expect(q.take(1).map(([k]) => k)).toEqual(['vol']);
    expect(q.pending).toBe(false);
    expect(q.take(5)).toEqual([]);
  });

  it('keeps the last point per time and hands a closing candle before the new one', () => {
    const q = new RoundRobinUpdates<string, { time: number; value: number }>();
    q.set('sma', p(60, 1));
    q.set('sma', p(120, 5));
    q.set('sma', p(60, 2));
    q.set('sma', p(120, 6));
    expect(q.take(2)).toEqual([['sma', [p(60, 2), p(120, 6)]]]);
  });

  it('skips series with nothing waiting and forgets dropped ones', () => {
    const q = new RoundRobinUpdates<string, { time: number; value: number }>();
    q.set('a', p(1, 1));
    q.set('b', p(1, 1));
    q.set('c', p(1, 1));
    expect(q.take(1).map(([k]) => k)).toEqual(['a']);
    q.drop('b');
    q.set('a', p(2, 2));
    expect(q.take(2).map(([k]) => k)).toEqual(['c', 'a']);
    q.set('a', p(3, 3));
    q.clear();
    expect(q.pending).toBe(false);
  });
});
