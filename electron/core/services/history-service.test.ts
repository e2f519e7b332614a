import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/ipc/contract';
import type { Candle } from '../../../shared/market';
import { HistoryService } from './history-service';
import type { InstrumentCatalog } from './instrument-catalog';
import type { SessionManager } from './session-manager';
import { TaskBoard } from './task-board';

/**
 * The newest window of `market.history` is asked for on the session's clock: the simulated
 * exchange's own time on a SIM session (loaded with an old master it runs on that master's day),
 * the wall clock otherwise.
 */

const WALL = Date.parse('2026-11-21T06:00:00Z');
const SIM_NOW = Date.parse('2026-02-09T08:00:00Z'); // 13:30 IST on the master's trading day
const MINUTE = 60_000;

/** Intraday answers as the broker would give them: one-minute candles up to `upToMs` inside the asked dates. */
function fixture(sim: boolean) {
  const asked: { from: string; to: string }[] = [];
  const upToMs = sim ? SIM_NOW : WALL;
  const intraday = async (a: { from: string; to: string }) => {
    asked.push({ from: a.from, to: a.to });
    const fromMs = Date.parse(`${a.from}T00:00:00+05:30`);
    const toMs = Math.min(upToMs, Date.parse(`${a.to}T00:00:00+05:30`));
    const candles: Candle[] = [];
    for (let t = Math.max(fromMs, upToMs - 300 * MINUTE); t < toMs; t += MINUTE) candles.push({ time: t / 1000, open: 1, high: 1, low: 1, close: 1, volume: 1 });
    return { ok: true as const, value: candles };
  };
  const session = {
    adapter: { rest: { market: { intraday } } },
    mode: sim ? 'SIM' : 'LIVE',
    sim: sim ? { market: { model: { now: () => SIM_NOW } } } : null,
  };
  const sessions = { current: session, noteError: () => {} } as unknown as SessionManager;
  const catalog = {
    one: async () => ({ segment: 'NSE_EQ', securityId: '2885', instrumentType: 'EQUITY', displayName: 'Reliance Industries' }),
  } as unknown as InstrumentCatalog;
  return { service: new HistoryService({ sessions, catalog, tasks: new TaskBoard(), now: () => WALL }), asked };
}

describe('history: the newest window', () => {
  it("is asked for on the simulated exchange's clock on a SIM session", async () => {
    const { service, asked } = fixture(true);
    const r = await service.history({ key: 'NSE_EQ:2885', interval: '1m', count: 100 });
    expect(r.candles).toHaveLength(100);
    expect(r.candles.at(-1)!.time * 1000).toBe(SIM_NOW - MINUTE);
    expect(asked[0]!.to).toBe('2026-02-10');
  });

  it('is asked for on the wall clock on a live session', async () => {
    const { service, asked } = fixture(false);
    const r = await service.history({ key: 'NSE_EQ:2885', interval: '1m', count: 100 });
    expect(r.candles.at(-1)!.time * 1000).toBe(WALL - MINUTE);
    expect(asked[0]!.to).toBe('2026-11-22');
  });
});

describe('history: progress on the task board', () => {
  /** A broker whose n-th answer holds `sizes[n]` one-minute candles ending a minute before WALL. */
  function widening(sizes: readonly number[], fail?: { code: 'NETWORK'; message: string; retryable: boolean }) {
    let call = 0;
    const intraday = async () => {
      const n = sizes[Math.min(call++, sizes.length - 1)]!;
      if (fail !== undefined && call > 1) return { ok: false as const, error: fail };
      const candles: Candle[] = [];
      for (let i = n; i >= 1; i--) candles.push({ time: (WALL - i * MINUTE) / 1000, open: 1, high: 1, low: 1, close: 1, volume: 1 });
      return { ok: true as const, value: candles };
    };
    const errors: unknown[] = [];
    const sessions = { current: { adapter: { rest: { market: { intraday } } }, mode: 'LIVE', sim: null }, noteError: (e: unknown) => void errors.push(e) } as unknown as SessionManager;
    const catalog = { one: async () => ({ segment: 'NSE_EQ', securityId: '2885', instrumentType: 'EQUITY', displayName: 'Reliance Industries' }) } as unknown as InstrumentCatalog;
    const board = new TaskBoard();
    const seen: TaskProgress[] = [];
    board.subscribe((t) => void seen.push(t));
    return { service: new HistoryService({ sessions, catalog, tasks: board, now: () => WALL }), board, seen, errors };
  }

  it('shows a task that appears, rises with each wider window, and finishes', async () => {
    const { service, board, seen } = widening([120, 260, 900]);
    const r = await service.history({ key: 'NSE_EQ:2885', interval: '1m', count: 500 });
    expect(r.candles).toHaveLength(500);
    expect(r.hasMore).toBe(true);
    expect(new Set(seen.map((t) => t.id))).toEqual(new Set(['history-1']));
    expect(seen.map((t) => [t.state, t.done, t.total])).toEqual([
      ['running', 0, 500],
      ['running', 120, 500],
      ['running', 260, 500],
      ['running', 500, 500],
      ['done', 500, 500],
    ]);
    expect(seen.every((t) => t.label === 'Loading Reliance Industries 1m history')).toBe(true);
    expect(seen[1]!.detail).toMatch(/^\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
    expect(board.get('history-1')).toMatchObject({ state: 'done', detail: '500 candles' });
    // A second load is a new task.
    await service.history({ key: 'NSE_EQ:2885', interval: '1m', count: 100 });
    expect(board.get('history-2')).toMatchObject({ state: 'done', done: 100, total: 100 });
  });

  it('marks the task failed with the broker error when a window cannot be read', async () => {
    const { service, board, errors } = widening([50], { code: 'NETWORK', message: 'Dhan POST /charts/intraday: network error: socket hang up', retryable: true });
    await expect(service.history({ key: 'NSE_EQ:2885', interval: '1m', count: 500 })).rejects.toMatchObject({ error: { code: 'NETWORK' } });
    expect(board.get('history-1')).toMatchObject({ state: 'failed', detail: 'Dhan POST /charts/intraday: network error: socket hang up' });
    expect(errors).toHaveLength(1);
  });
});
