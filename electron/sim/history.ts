/**
 * Historical candles of the simulated market, deterministic for a seed and continuous with the
 * live price at the seam.
 *
 * History is generated backwards from the anchor (the instrument's LTP at the model's start):
 * each trading day's open follows from its close by a seeded log-normal day return, the previous
 * close from that open by a seeded overnight gap; within a day, the 1-minute path is a seeded
 * Brownian bridge (with the intraday U-shaped volatility of price-process.ts) from the open to the close (to the anchor, on the anchor's own day). Every day
 * uses its own stream (`deriveSeed(seed, "<id>|hist|<day>")`), so any range can be asked for in
 * any order and gives the same bars. After the anchor, the recorded live 1-minute bars are used.
 * Minute bars are aggregated into 1/5/15/25/60-minute candles aligned to 09:15 IST, or daily
 * candles stamped at IST midnight (as Dhan's `/charts/historical` does).
 *
 * Derivatives (futures, options) take their underlying's path through a pricing function, offset
 * so their own seam matches too. Exchange holidays are not modelled (weekdays trade).
 * Source: issue 4, "Historical candles"; seeds/002, "Historical Data" (interval set, epoch seconds).
 */

import type { Candle, CandleInterval } from '../../shared/market';
import { fromUnits, toUnits } from '../../shared/price';
import {
  DAY_MS,
  MINUTE_MS,
  OPEN_MIN,
  SESSION_MINUTES,
  isTradingDay,
  istDay,
  istMidnightMs,
  istMinuteOfDay,
  istTimeMs,
  previousTradingDay,
} from './market-hours';
import type { MinuteBar, MinuteBars } from './minute-bars';
import { sessionActivity } from './price-process';
import { createRng, deriveSeed, type Rng } from './rng';

/** The seam: the instrument's price at the model's start, epoch ms UTC and rupees. */
export interface HistoryAnchor {
  readonly timeMs: number;
  readonly price: number;
}

/** What `generateCandles` needs. */
export interface CandleRequest {
  readonly seed: number;
  /** Instrument key `segment:securityId` (names the seeded streams). */
  readonly key: string;
  readonly interval: CandleInterval;
  /** Candles starting at or after this instant (epoch ms UTC) … */
  readonly fromMs: number;
  /** … and strictly before this one. */
  readonly toMs: number;
  readonly anchor: HistoryAnchor;
  /** Annual volatility of the (underlying's) path, fraction. */
  readonly volatility: number;
  /** Tick size, rupees; every price is snapped to it. */
  readonly tickSize: number;
  /** Mean volume per minute, units (0 for indices). */
  readonly volumeScale: number;
  /** Recorded live bars (after the anchor). */
  readonly live: MinuteBars | null;
  /** Derivatives: the underlying's id and anchor, and the map from its price to this contract's. */
  /**
   * Derivatives: open interest at the anchor, units, and the lot size. History OI builds up toward
   * it (about 3 % a trading day, seeded noise), in whole lots. Omit (or 0) for no OI.
   */
  readonly oi?: { readonly anchor: number; readonly lot: number };
  readonly derive: { anchorId: string; anchor: HistoryAnchor; map: (underlying: number, timeMs: number) => number } | null;
}

const INTERVAL_MINUTES: Record<CandleInterval, number> = { '1m': 1, '5m': 5, '15m': 15, '25m': 25, '60m': 60, '1d': SESSION_MINUTES };
/** Oldest history served: ten years before the anchor. */
const MAX_YEARS_BACK = 10;

interface DayEnds {
  open: number;
  end: number;
}

interface Chain {
  /** Last history day and the minute (after 09:15) at which it ends at the anchor price. */
  readonly d0: number;
  readonly m0: number;
  readonly days: Map<number, DayEnds>;
  oldest: number;
}

const chains = new Map<string, Chain>();

/** Forgets the cached day chains (they are rebuilt on demand, identically). */
export function clearHistoryCache(): void {
  chains.clear();
}

function chainFor(seed: number, id: string, vol: number, anchor: HistoryAnchor): Chain {
  const key = `${seed}|${id}|${vol}|${anchor.timeMs}|${anchor.price}`;
  let c = chains.get(key);
  if (c) return c;
  if (chains.size > 2000) chains.clear();
  const day = istDay(anchor.timeMs);
  const minute = istMinuteOfDay(anchor.timeMs) - OPEN_MIN;
  let d0: number;
  let m0: number;
  if (isTradingDay(day) && minute > 0) {
    d0 = day;
    m0 = Math.min(SESSION_MINUTES, Math.floor(minute));
  } else {
    d0 = isTradingDay(day) ? previousTradingDay(day) : previousTradingDay(day + 1);
    m0 = SESSION_MINUTES;
  }
  c = { d0, m0, days: new Map(), oldest: d0 };
  const first = dayEnds(seed, id, vol, d0, m0, anchor.price);
  c.days.set(d0, first);
  chains.set(key, c);
  return c;
}

function dayRng(seed: number, id: string, day: number): Rng {
  return createRng(deriveSeed(seed, `${id}|hist|${day}`));
}

/** Open of a day from its end price (at minute `m` after 09:15). */
function dayEnds(seed: number, id: string, vol: number, day: number, m: number, end: number): DayEnds {
  const rng = dayRng(seed, id, day);
  const tau = m / SESSION_MINUTES / 252;
  const r = -0.5 * vol * vol * tau + vol * Math.sqrt(tau) * rng.normal();
  return { open: end * Math.exp(-r), end };
}

/** Ends of `day` (a trading day ≤ d0), extending the chain backwards as needed. */
function ends(seed: number, id: string, vol: number, c: Chain, day: number): DayEnds {
  while (c.oldest > day) {
    const cur = c.days.get(c.oldest)!;
    const rng = dayRng(seed, id, c.oldest);
    rng.normal(); // the day return, drawn in dayEnds
    const gap = 0.3 * vol * Math.sqrt(1 / 252) * rng.normal();
    const prev = previousTradingDay(c.oldest);
    c.days.set(prev, dayEnds(seed, id, vol, prev, SESSION_MINUTES, cur.open * Math.exp(-gap)));
    c.oldest = prev;
  }
  return c.days.get(day)!;
}

/**
 * The minute path of one history day: prices at minutes 0..m after 09:15 IST (unrounded), a
 * Brownian bridge in log space from the day's open to its end, plus a per-minute excursion factor
 * for highs and lows.
 */
function dayPath(seed: number, id: string, vol: number, day: number, m: number, e: DayEnds): { p: Float64Array; ex: Float64Array } {
  const rng = dayRng(seed, id, day);
  rng.normal();
  rng.normal(); // the day return and the gap
  const sMin = vol * Math.sqrt(1 / (252 * SESSION_MINUTES));
  const w = new Float64Array(m + 1);
  for (let k = 1; k <= m; k++) w[k] = w[k - 1]! + sMin * sessionActivity(k - 1) * rng.normal();
  const lo = Math.log(e.open);
  const le = Math.log(e.end);
  const p = new Float64Array(m + 1);
  const ex = new Float64Array(m);
  for (let k = 0; k <= m; k++) {
    const f = m === 0 ? 1 : k / m;
    p[k] = Math.exp(lo + f * (le - lo) + w[k]! - f * w[m]!);
  }
  p[m] = e.end;
  for (let k = 0; k < m; k++) ex[k] = Math.abs(rng.normal()) * sMin * 0.6;
  return { p, ex };
}

/** History OI at `timeMs` (see `CandleRequest.oi`); 0 when the request carries none. */
function oiAt(req: CandleRequest, timeMs: number, rng: Rng): number {
  const o = req.oi;
  if (!o || !(o.anchor > 0)) return 0;
  const daysBack = Math.max(0, (req.anchor.timeMs - timeMs) / DAY_MS) * (5 / 7);
  const lots = (o.anchor / o.lot) * Math.exp(-0.03 * daysBack) * (1 + 0.002 * rng.normal());
  return Math.max(1, Math.round(lots)) * o.lot;
}

function snapper(tickSize: number): (x: number) => number {
  const t = toUnits(tickSize);
  return (x) => fromUnits(Math.max(1, Math.round(toUnits(x) / t)) * t);
}

/** History minute bars of `day` (empty when the day is after the anchor or not a trading day). */
function historyMinutes(req: CandleRequest, day: number): MinuteBar[] {
  const base = req.derive ? { id: req.derive.anchorId, anchor: req.derive.anchor } : { id: req.key, anchor: req.anchor };
  const c = chainFor(req.seed, base.id, req.volatility, base.anchor);
  if (!isTradingDay(day) || day > c.d0) return [];
  const m = day === c.d0 ? c.m0 : SESSION_MINUTES;
  if (m <= 0) return [];
  const e = ends(req.seed, base.id, req.volatility, c, day);
  const { p, ex } = dayPath(req.seed, base.id, req.volatility, day, m, e);
  const snap = snapper(req.tickSize);
  const openMs = istTimeMs(day, OPEN_MIN);
  const vrng = createRng(deriveSeed(req.seed, `${req.key}|vol|${day}`));
  let value: (s: number, k: number) => number = (s) => s;
  if (req.derive) {
    const map = req.derive.map;
    // offset so that this contract's own seam closes exactly at its anchor price
    const offset = req.anchor.price - map(req.derive.anchor.price, req.anchor.timeMs);
    value = (s, k) => map(s, openMs + k * MINUTE_MS) + offset;
  }
  const bars: MinuteBar[] = [];
  for (let k = 0; k < m; k++) {
    const o = value(p[k]!, k);
    const cl = k === m - 1 && day === c.d0 && !req.derive ? req.anchor.price : value(p[k + 1]!, k + 1);
    const up = Math.max(p[k]!, p[k + 1]!) * Math.exp(ex[k]!);
    const dn = Math.min(p[k]!, p[k + 1]!) * Math.exp(-ex[k]!);
    const a = value(up, k);
    const b = value(dn, k);
    const so = snap(o);
    const sc = day === c.d0 && k === m - 1 ? req.anchor.price : snap(cl);
    const u = 1 + 1.5 * Math.exp(-k / 30) + Math.exp(-(SESSION_MINUTES - k) / 30);
    const v = req.volumeScale > 0 ? Math.round(req.volumeScale * u * 0.6 * Math.exp(0.5 * vrng.normal() - 0.125)) : 0;
    bars.push({
      startMs: openMs + k * MINUTE_MS,
      open: so,
      close: sc,
      high: Math.max(snap(Math.max(a, b)), so, sc),
      low: Math.min(snap(Math.min(a, b)), so, sc),
      volume: v,
      oi: oiAt(req, openMs + (k + 1) * MINUTE_MS, vrng),
    });
  }
  return bars;
}

function aggregate(bars: readonly MinuteBar[], groupStart: (ms: number) => number, keep: (start: number) => boolean): Candle[] {
  const out: Candle[] = [];
  let cur: { time: number; open: number; high: number; low: number; close: number; volume: number; oi: number } | null = null;
  for (const b of bars) {
    const g = groupStart(b.startMs);
    if (!cur || cur.time !== g) {
      if (cur && keep(cur.time)) out.push(toCandle(cur));
      cur = { time: g, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, oi: b.oi };
    } else {
      if (b.high > cur.high) cur.high = b.high;
      if (b.low < cur.low) cur.low = b.low;
      cur.close = b.close;
      cur.volume += b.volume;
      cur.oi = b.oi;
    }
  }
  if (cur && keep(cur.time)) out.push(toCandle(cur));
  return out;
}

function toCandle(c: { time: number; open: number; high: number; low: number; close: number; volume: number; oi: number }): Candle {
  const base = { time: Math.floor(c.time / 1000), open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
  return c.oi > 0 ? { ...base, oi: c.oi } : base;
}

/**
 * Candles of one instrument whose start lies in [fromMs, toMs) (epoch ms UTC). Daily candles start
 * at IST midnight and `fromMs` is taken back to its IST midnight for them. An empty or reversed
 * range gives []; an unknown interval throws RangeError.
 */
export function generateCandles(req: CandleRequest): Candle[] {
  if (!(req.toMs > req.fromMs)) return [];
  const n = INTERVAL_MINUTES[req.interval];
  if (n === undefined) throw new RangeError(`unknown interval ${String(req.interval)}`);
  const earliest = req.anchor.timeMs - MAX_YEARS_BACK * 365 * DAY_MS;
  const from = Math.max(req.fromMs, earliest);
  const firstDay = istDay(from);
  const lastDay = istDay(req.toMs - 1);
  const out: Candle[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const hist = historyMinutes(req, day);
    const dayStart = istMidnightMs(day);
    const liveBars = req.live ? req.live.range(Math.max(dayStart, req.anchor.timeMs - (req.anchor.timeMs % MINUTE_MS)), dayStart + DAY_MS) : [];
    const bars = hist.length > 0 && liveBars.length > 0 ? [...hist.filter((b) => b.startMs < liveBars[0]!.startMs), ...liveBars] : hist.length > 0 ? hist : liveBars;
    if (bars.length === 0) continue;
    if (req.interval === '1d') {
      if (dayStart >= req.toMs) continue; // the day's candle starts at IST midnight: [day(from), to)
      out.push(...aggregate(bars, () => dayStart, () => true));
    } else {
      const open = istTimeMs(day, OPEN_MIN);
      const span = n * MINUTE_MS;
      out.push(...aggregate(bars, (ms) => open + Math.floor((ms - open) / span) * span, (t) => t >= from && t < req.toMs));
    }
  }
  return out;
}
