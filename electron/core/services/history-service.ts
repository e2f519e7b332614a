/**
 * `market.history`: candles from Dhan's historical endpoints (daily `POST /charts/historical`,
 * intraday `POST /charts/intraday` at 1/5/15/25/60 minutes), in chunks: at most `count` candles
 * ending before `toSec`, oldest first, with `hasMore` when older candles exist. Scrolling back
 * asks again with the first candle's time.
 *
 * The date window is sized from the count (375 trading minutes a day, weekends and holidays
 * allowed for) and widened up to three times when it returns too few candles, never beyond the
 * look-back cap (intraday 5 years as Dhan serves, daily 25 years). `hasMore` is true when the
 * window held at least `count` candles (older ones are likely); false when even the widest window
 * held fewer. Progress of each load goes to
 * the task board.
 *
 * Source: seeds/002 "Historical Data"; issue 5 ("older history loads in chunks as the user scrolls
 * back"; "Every long task shows progress"). Times epoch seconds UTC; dates IST.
 */
import { BridgeFault, bridgeError } from '../../../shared/errors';
import { istDateOf, type InstrumentKey } from '../../../shared/instruments';
import type { HistoryReply } from '../../../shared/ipc/contract';
import type { Candle, CandleInterval } from '../../../shared/market';
import type { InstrumentCatalog } from './instrument-catalog';
import type { SessionManager } from './session-manager';
import type { TaskBoard } from './task-board';

const DAY_MS = 86_400_000;
const MINUTES: Readonly<Record<Exclude<CandleInterval, '1d'>, 1 | 5 | 15 | 25 | 60>> = { '1m': 1, '5m': 5, '15m': 15, '25m': 25, '60m': 60 };
const MAX_LOOKBACK_DAYS = { intraday: 5 * 366, daily: 25 * 366 };

/** See the file comment. */
export class HistoryService {
  private seq = 0;
  constructor(private readonly o: { readonly sessions: SessionManager; readonly catalog: InstrumentCatalog; readonly tasks: TaskBoard; readonly now?: () => number }) {}

  /**
   * `market.history`: at most `count` (default 2000) candles ending before `toSec` (epoch s UTC,
   * default now: the simulated exchange's clock on a SIM session), oldest first. Throws `BridgeFault` NOT_FOUND for an instrument not in the master,
   * or the broker's error.
   */
  async history(args: { readonly key: InstrumentKey; readonly interval: CandleInterval; readonly toSec?: number; readonly count?: number }): Promise<HistoryReply> {
    const s = this.o.sessions.current;
    if (s === null) throw new BridgeFault(bridgeError('NETWORK', 'No trading session is connected.', true));
    const instrument = await this.o.catalog.one(args.key);
    if (instrument === null) throw new BridgeFault(bridgeError('NOT_FOUND', `No instrument ${args.key} in the loaded master.`));
    // The simulated exchange keeps its own clock (loaded with an old master it runs on that master's
    // trading day): "now" is its time, or the newest window would lie after every candle it has.
    const nowMs = s.sim !== null ? s.sim.market.model.now() : (this.o.now ?? Date.now)();
    const toMs = args.toSec !== undefined ? args.toSec * 1000 : nowMs;
    const count = args.count ?? 2000;
    const intraday = args.interval !== '1d';
    const perDay = intraday ? 375 / MINUTES[args.interval as Exclude<CandleInterval, '1d'>] : 1;
    let days = Math.ceil((count / perDay) * 1.6) + 4;
    const cap = intraday ? MAX_LOOKBACK_DAYS.intraday : MAX_LOOKBACK_DAYS.daily;
    const taskId = `history-${++this.seq}`;
    const label = `Loading ${instrument.displayName} ${args.interval} history`;
    this.o.tasks.report({ id: taskId, label, state: 'running', done: 0, total: count, detail: '' });
    let candles: Candle[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      days = Math.min(days, cap);
      const from = istDateOf(toMs - days * DAY_MS);
      const to = istDateOf(toMs + DAY_MS);
      const ref = { segment: instrument.segment, securityId: instrument.securityId };
      const r = intraday
        ? await s.adapter.rest.market.intraday({ instrument: ref, instrumentType: instrument.instrumentType, interval: MINUTES[args.interval as Exclude<CandleInterval, '1d'>], from, to })
        : await s.adapter.rest.market.daily({ instrument: ref, instrumentType: instrument.instrumentType, from, to });
      if (!r.ok) {
        this.o.sessions.noteError(r.error);
        this.o.tasks.report({ id: taskId, label, state: 'failed', done: 0, total: count, detail: r.error.message });
        throw new BridgeFault(r.error);
      }
      candles = r.value.filter((c) => c.time * 1000 < toMs);
      this.o.tasks.report({ id: taskId, label, state: 'running', done: Math.min(count, candles.length), total: count, detail: `${from} to ${to}` });
      if (candles.length >= count || days >= cap) break;
      days *= 2;
    }
    const out = candles.slice(-count);
    this.o.tasks.report({ id: taskId, label, state: 'done', done: out.length, total: count, detail: `${out.length} candles` });
    return { key: args.key, interval: args.interval, candles: out, hasMore: candles.length >= count };
  }
}
