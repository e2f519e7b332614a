import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market';
import { HistoryService } from './history-service';
import type { InstrumentCatalog } from './instrument-catalog';
import type { SessionManager } from './session-manager';
import type { TaskBoard } from './task-board';

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
  const tasks = { report: () => {} } as unknown as TaskBoard;
  return { service: new HistoryService({ sessions, catalog, tasks, now: () => WALL }), asked };
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
