import { describe, expect, it } from 'vitest';
import type { HistoryReply } from '../../../shared/ipc/contract';
import type { Candle } from '../../../shared/market';
import { loadInitial, type HistoryInvoke } from './history-loader';

/** A fake core holding `total` one-minute candles ending before `end`, answering like market.history. */
function fakeHistory(total: number, end = 1_800_000_000, failAt = -1) {
  const all: Candle[] = Array.from({ length: total }, (_, i) => ({ time: end - (total - i) * 60, open: 1, high: 1, low: 1, close: 1, volume: i }));
  const calls: { toSec?: number; count?: number }[] = [];
  const invoke: HistoryInvoke = async (_c, args) => {
    calls.push({ toSec: args.toSec, count: args.count });
    if (calls.length - 1 === failAt) return { ok: false, error: { code: 'NETWORK', message: 'down', retryable: true } };
    const to = args.toSec ?? end;
    const before = all.filter((c) => c.time < to);
    const count = args.count ?? 2000;
    const out = before.slice(-count);
    const reply: HistoryReply = { key: args.key, interval: args.interval, candles: out, hasMore: before.length > out.length };
    return { ok: true, value: reply };
  };
  return { invoke, calls, all };
}

describe('loadInitial', () => {
  it('loads the newest chunk, then older chunks ending at the oldest loaded candle, up to the target', async () => {
    const f = fakeHistory(12_000);
    const seen: { n: number; first: boolean; done: number; total: number }[] = [];
    const r = await loadInitial(f.invoke, 'NSE_EQ:2885', '1m', (c, first, p) => seen.push({ n: c.length, first, ...p }), () => false, 5000, 2000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.candles).toHaveLength(5000);
    expect(r.value.candles).toEqual(f.all.slice(-5000));
    expect(r.value.hasMore).toBe(true);
    expect(f.calls).toEqual([
      { toSec: undefined, count: 2000 },
      { toSec: f.all[10_000]!.time, count: 2000 },
      { toSec: f.all[8000]!.time, count: 1000 },
    ]);
    expect(seen).toEqual([
      { n: 2000, first: true, done: 2000, total: 5000 },
      { n: 2000, first: false, done: 4000, total: 5000 },
      { n: 1000, first: false, done: 5000, total: 5000 },
    ]);
  });

  it('stops when the core has no more, and reports the true total', async () => {
    const f = fakeHistory(3000);
    const totals: number[] = [];
    const r = await loadInitial(f.invoke, 'NSE_EQ:2885', '5m', (_c, _f, p) => totals.push(p.total), () => false, 5000, 2000);
    expect(r.ok && r.value.candles.length).toBe(3000);
    expect(r.ok && r.value.hasMore).toBe(false);
    expect(totals.at(-1)).toBe(3000);
  });

  it('returns the error of a failed first chunk, and keeps what loaded when a later chunk fails', async () => {
    const bad = fakeHistory(100, undefined, 0);
    const r1 = await loadInitial(bad.invoke, 'NSE_EQ:2885', '1m', () => {}, () => false);
    expect(r1).toEqual({ ok: false, error: { code: 'NETWORK', message: 'down', retryable: true } });
    const later = fakeHistory(10_000, undefined, 1);
    const r2 = await loadInitial(later.invoke, 'NSE_EQ:2885', '1m', () => {}, () => false, 5000, 2000);
    expect(r2.ok && r2.value.candles.length).toBe(2000);
    expect(r2.ok && r2.value.error?.code).toBe('NETWORK');
  });

  it('stops between chunks once cancelled', async () => {
    const f = fakeHistory(10_000);
    let cancel = false;
    await loadInitial(f.invoke, 'NSE_EQ:2885', '1m', () => (cancel = true), () => cancel, 5000, 2000);
    expect(f.calls).toHaveLength(2);
  });
});
