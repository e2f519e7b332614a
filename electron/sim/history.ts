/**
 * Historical candles of the simulated market, deterministic for a seed and continuous with the
 * live price at the seam.
 *
 * The anchor is the instrument's price when it came alive. Stocks and stand-alone indices carry a
 * reference close (`HistoryAnchor.reference`, the spec's `initialPrice`): the trading day of the
 * anchor opens from it by a seeded overnight gap and walks forward minute by minute (the U-shaped
 * intraday volatility of price-process.ts); its minutes before the anchor are history and its
 * value at the anchor is the live start price, so that day's bars do not depend on when the
 * instrument came alive. Days before are generated backwards: each day's open follows from its
 * close by a seeded log-normal day return, the previous close from that open by a seeded overnight
 * gap, and the 1-minute path is a seeded Brownian bridge from the open to the close. Without a
 * reference (composite indices) the anchor's own day is such a bridge ending at the anchor. Every
 * day uses its own stream (`deriveSeed(seed, "<id>|hist|<day>")`), so any range can be asked for
 * in any order and gives the same bars. After the anchor, the recorded live 1-minute bars are used.
 * Minute bars are aggregated into 1/5/15/25/60-minute candles aligned to 09:15 IST, or daily
 * candles stamped at IST midnight (as Dhan's `/charts/historical` does).
 *
 * Derivatives (futures, options) take their underlying's path through a pricing function, offset
 * so their own seam matches too; one added after its underlying (the sim materialises instruments
 * lazily) maps the underlying's recorded live minutes between the two anchors the same way, so its
 * chart has no hole. `historyDaySummary` sums one day's minute bars up (the day statistics of an
 * instrument that comes alive mid-session) and `historyDayEnd` gives a day's close, OI and volume.
 * Exchange holidays are not modelled (weekdays trade).
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
  tradingDayOnOrAfter,
} from './market-hours';
import type { MinuteBar, MinuteBars } from './minute-bars';
import { sessionActivity } from './price-process';
import { createRng, deriveSeed, hashString, mix32, type Rng } from './rng';

/**
 * The seam: the instrument's price when it came alive, epoch ms UTC and rupees (what its live
 * price starts from and its last history bar closes at).
 */
export interface HistoryAnchor {
  readonly timeMs: number;
  readonly price: number;
  /**
   * The close (rupees) of the session before the trading day of `timeMs` (that day itself when
   * `timeMs` falls on a weekend or holiday: the next trading day's previous session). With it the
   * history is drawn forward: that trading day opens from this close by a seeded overnight gap and
   * walks a seeded full-session path, of which the minutes before `timeMs` are history, so the same
   * instrument coming alive at 09:20 or at 13:00 has the same day (open, first bars) and `price`
   * must be `historyStartPrice` snapped to the tick. Without it the history is a bridge backwards
   * from `price` at `timeMs` (composite indices, whose price at the seam is set by their
   * constituents).
   */
  readonly reference?: number;
  /**
   * Derivatives: the underlying's price at this instant, rupees (default: the underlying's own
   * anchor price, right when both were added together).
   */
  readonly underlyingPrice?: number;
}

/** What the history of one instrument is generated from (a `CandleRequest` without its range). */
export interface HistorySource {
  readonly seed: number;
  /** Instrument key `segment:securityId` (names the seeded streams). */
  readonly key: string;
  readonly anchor: HistoryAnchor;
  /** Annual volatility of the (underlying's) path, fraction. */
  readonly volatility: number;
  /** Tick size, rupees; every price is snapped to it. */
  readonly tickSize: number;
  /** Mean volume per minute, units (0 for indices). */
  readonly volumeScale: number;
  /**
   * Derivatives: open interest at the anchor, units, and the lot size. History OI builds up toward
   * it (about 3 % a trading day, seeded noise), in whole lots. Omit (or 0) for no OI.
   */
  readonly oi?: { readonly anchor: number; readonly lot: number };
  /**
   * Derivatives: the underlying's id and anchor, the map from its price at a time to this
   * contract's, and the underlying's recorded live bars. A contract added after its underlying
   * takes the underlying's live minutes between the two anchors through `map` (so its chart has no
   * hole and its day statistics cover the whole day).
   */
  readonly derive: {
    readonly anchorId: string;
    readonly anchor: HistoryAnchor;
    readonly map: (underlying: number, timeMs: number) => number;
    /** The same map with the instant fixed (cheaper for several prices at one instant). */
    readonly mapAt?: (timeMs: number) => (underlying: number) => number;
    readonly live?: MinuteBars | null;
  } | null;
}

/** What `generateCandles` needs. */
export interface CandleRequest extends HistorySource {
  readonly interval: CandleInterval;
  /** Candles starting at or after this instant (epoch ms UTC) … */
  readonly fromMs: number;
  /** … and strictly before this one. */
  readonly toMs: number;
  /** Recorded live bars (after the anchor). */
  readonly live: MinuteBars | null;
}

const INTERVAL_MINUTES: Record<CandleInterval, number> = { '1m': 1, '5m': 5, '15m': 15, '25m': 25, '60m': 60, '1d': SESSION_MINUTES };
/** Oldest history served: ten years before the anchor. */
const MAX_YEARS_BACK = 10;

interface DayEnds {
  open: number;
  end: number;
}

interface Chain {
  /** Last history day and the number of its minutes (after 09:15) before the anchor. */
  readonly d0: number;
  readonly m0: number;
  /**
   * Forward chains (anchored at a reference close): the day that walks forward from it (its
   * minutes before the anchor are history); NaN for chains bridged backwards from the anchor.
   */
  readonly forwardDay: number;
  readonly days: Map<number, DayEnds>;
  oldest: number;
}

const chains = new Map<string, Chain>();

/** Forgets the cached day chains and paths (they are rebuilt on demand, identically). */
export function clearHistoryCache(): void {
  chains.clear();
  paths.length = 0;
}

function chainFor(seed: number, id: string, vol: number, anchor: HistoryAnchor): Chain {
  // a forward chain does not depend on the seam price (it produces it)
  const key = anchor.reference !== undefined ? `${seed}|${id}|${vol}|${anchor.timeMs}|ref ${anchor.reference}` : `${seed}|${id}|${vol}|${anchor.timeMs}|${anchor.price}`;
  let c = chains.get(key);
  if (c) return c;
  if (chains.size > 2000) chains.clear();
  const day = istDay(anchor.timeMs);
  const minute = istMinuteOfDay(anchor.timeMs) - OPEN_MIN;
  if (anchor.reference !== undefined) {
    // forward: the reference closes the session before day f; day f walks until the anchor
    const f = tradingDayOnOrAfter(day);
    const mf = f === day ? Math.min(SESSION_MINUTES, Math.max(0, Math.floor(minute))) : 0;
    const ref = previousTradingDay(f);
    c = { d0: mf > 0 ? f : ref, m0: mf > 0 ? mf : SESSION_MINUTES, forwardDay: f, days: new Map(), oldest: ref };
    c.days.set(ref, dayEnds(seed, id, vol, ref, SESSION_MINUTES, anchor.reference));
  } else {
    let d0: number;
    let m0: number;
    if (isTradingDay(day) && minute > 0) {
      d0 = day;
      m0 = Math.min(SESSION_MINUTES, Math.floor(minute));
    } else {
      d0 = isTradingDay(day) ? previousTradingDay(day) : previousTradingDay(day + 1);
      m0 = SESSION_MINUTES;
    }
    c = { d0, m0, forwardDay: NaN, days: new Map(), oldest: d0 };
    c.days.set(d0, dayEnds(seed, id, vol, d0, m0, anchor.price));
  }
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

/**
 * The path of trading day `day` walked forward from the previous session's close for its first
 * `m` minutes: the day's stream (`<id>|hist|<day>`) gives the day return (drawn, unused here), the
 * overnight gap to the open (the draw `ends` reads backwards), then per minute one step of the
 * log price (the session's U-shaped volatility) and one excursion. Minute k's draws do not depend
 * on `m`, so the first bars are the same whenever the instrument comes alive that day.
 */
function forwardPath(seed: number, id: string, vol: number, day: number, m: number, previousClose: number): DayPath {
  const hit = cachedPath(seed, id, vol, day, m, previousClose, FORWARD);
  if (hit) return hit;
  const rng = dayRng(seed, id, day);
  rng.normal(); // the day return (a bridged day's)
  const gap = 0.3 * vol * Math.sqrt(1 / 252) * rng.normal();
  const sMin = vol * Math.sqrt(1 / (252 * SESSION_MINUTES));
  const lp = new Float64Array(m + 1);
  const ex = new Float64Array(m);
  lp[0] = Math.log(previousClose) + gap;
  for (let k = 0; k < m; k++) {
    const s = sMin * ACTIVITY[k]!;
    lp[k + 1] = lp[k]! + s * rng.normal() - 0.5 * s * s;
    ex[k] = excursion(sMin, rng);
  }
  return rememberPath(seed, id, vol, day, m, previousClose, FORWARD, { lp, ex });
}

/**
 * The unrounded price at which an instrument with a forward history (see
 * `HistoryAnchor.reference`) comes alive at `timeMs`: its path's value at the start of the current
 * minute of the session, the day's close after 15:30, the reference before 09:16 and on days
 * without a session.
 */
export function historyStartPrice(seed: number, key: string, volatility: number, reference: number, timeMs: number): number {
  const c = chainFor(seed, key, volatility, { timeMs, price: reference, reference });
  if (c.d0 !== c.forwardDay) return reference; // no minute of the day yet
  return Math.exp(forwardPath(seed, key, volatility, c.d0, c.m0, reference).lp[c.m0]!);
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
 * One history day's path: log prices at minutes 0..m after 09:15 IST (unrounded rupees) and each
 * minute's excursion (log units) of its high above and its low below its open and close.
 */
interface DayPath {
  readonly lp: Float64Array;
  readonly ex: Float64Array;
}

/** Marks a cached forward path (a bridged day's end price is never 0). */
const FORWARD = 0;

/** The few most recent day paths (an underlying's is shared by all its derivatives). */
const paths: { seed: number; id: string; vol: number; day: number; m: number; a: number; b: number; path: DayPath }[] = [];

function cachedPath(seed: number, id: string, vol: number, day: number, m: number, a: number, b: number): DayPath | undefined {
  for (const x of paths) if (x.day === day && x.m === m && x.a === a && x.b === b && x.id === id && x.seed === seed && x.vol === vol) return x.path;
  return undefined;
}

function rememberPath(seed: number, id: string, vol: number, day: number, m: number, a: number, b: number, path: DayPath): DayPath {
  if (paths.length >= 4) paths.pop();
  paths.unshift({ seed, id, vol, day, m, a, b, path });
  return path;
}

/** `sessionActivity` at each whole minute of the session (the path's volatility profile). */
const ACTIVITY = Float64Array.from({ length: SESSION_MINUTES }, (_, k) => sessionActivity(k));

/** How far a minute's high and low reach beyond its open and close, log units (one uniform draw). */
function excursion(sMin: number, rng: Rng): number {
  return rng.next() * sMin * 0.96;
}

/**
 * The minute path of one bridged history day: a Brownian bridge in log space from the day's open
 * to its end over m minutes after 09:15 IST, and the excursions.
 */
function dayPath(seed: number, id: string, vol: number, day: number, m: number, e: DayEnds): DayPath {
  const hit = cachedPath(seed, id, vol, day, m, e.open, e.end);
  if (hit) return hit;
  const rng = dayRng(seed, id, day);
  rng.normal();
  rng.normal(); // the day return and the gap
  const sMin = vol * Math.sqrt(1 / (252 * SESSION_MINUTES));
  const w = new Float64Array(m + 1);
  for (let k = 1; k <= m; k++) w[k] = w[k - 1]! + sMin * ACTIVITY[k - 1]! * rng.normal();
  const lo = Math.log(e.open);
  const le = Math.log(e.end);
  const lp = new Float64Array(m + 1);
  const ex = new Float64Array(m);
  for (let k = 0; k <= m; k++) {
    const f = m === 0 ? 1 : k / m;
    lp[k] = lo + f * (le - lo) + w[k]! - f * w[m]!;
  }
  lp[m] = le;
  for (let k = 0; k < m; k++) ex[k] = excursion(sMin, rng);
  return rememberPath(seed, id, vol, day, m, e.open, e.end, { lp, ex });
}

/**
 * History OI at the end of the bar starting at `barMs` (see `HistorySource.oi`), 0 when the source
 * carries none. Its noise is a hash of the bar (±0.35 %), not a stream draw, so any bar's OI (the
 * previous session's closing OI) costs one evaluation.
 */
function oiAt(ctx: Context, barMs: number): number {
  const src = ctx.src;
  const o = src.oi;
  if (!o || !(o.anchor > 0)) return 0;
  const timeMs = barMs + MINUTE_MS;
  const daysBack = Math.max(0, (src.anchor.timeMs - timeMs) / DAY_MS) * (5 / 7);
  const noise = mix32(ctx.keyHash ^ mix32((src.seed ^ Math.floor(barMs / MINUTE_MS)) >>> 0)) / 4294967296 - 0.5;
  const lots = (o.anchor / o.lot) * Math.exp(-0.03 * daysBack) * (1 + 0.007 * noise);
  return Math.max(1, Math.round(lots)) * o.lot;
}

/** The U-shaped volume profile of the session by minute after 09:15 (busy open, busier close). */
const VOLUME_SHAPE = Float64Array.from({ length: SESSION_MINUTES }, (_, k) => 1 + 1.5 * Math.exp(-k / 30) + Math.exp(-(SESSION_MINUTES - k) / 30));

/**
 * Seeded volume of the bar at minute `k` after 09:15, units: the session's shape times a uniform
 * noise of mean 1 (one draw unless volume-less).
 */
function barVolume(src: HistorySource, k: number, rng: Rng): number {
  if (!(src.volumeScale > 0)) return 0;
  // bars outside the session (always-open markets) take the nearest session minute's shape
  const u = VOLUME_SHAPE[Math.min(SESSION_MINUTES - 1, Math.max(0, k))]!;
  return Math.round(src.volumeScale * u * 0.6 * (0.4 + 1.2 * rng.next()));
}

/** Rounds rupees to the nearest tick (at least one tick); one rounding, on the hot path of history. */
function snapper(tickSize: number): (x: number) => number {
  const t = toUnits(tickSize);
  const perRupee = 1 / fromUnits(t);
  return (x) => fromUnits(Math.max(1, Math.round(x * perRupee)) * t);
}

const identity = (s: number): number => s;

/** Everything about one source that does not depend on the day: built once per request. */
interface Context {
  readonly src: HistorySource;
  /** Id, anchor and chain of the path (the underlying's for derivatives). */
  readonly baseId: string;
  readonly chain: Chain;
  readonly snap: (x: number) => number;
  /** Price of this instrument from the path price at a time (identity for non-derivatives). */
  readonly value: (s: number, timeMs: number) => number;
  /** `value` with the time fixed. */
  readonly valueAt: (timeMs: number) => (s: number) => number;
  /** Derivatives added after their underlying: its live bars between the two anchors. */
  readonly bridge: readonly MinuteBar[];
  /** Start of the bar that closes at the anchor price (the seam), epoch ms, or NaN. */
  readonly seamMs: number;
  /** `hashString(src.key)`: salts the per-bar OI noise. */
  readonly keyHash: number;
}

function contextOf(src: HistorySource): Context {
  const d = src.derive;
  const baseId = d ? d.anchorId : src.key;
  const chain = chainFor(src.seed, baseId, src.volatility, d ? d.anchor : src.anchor);
  let value: (s: number, timeMs: number) => number = (s) => s;
  let valueAt: (timeMs: number) => (s: number) => number = () => identity;
  let bridge: readonly MinuteBar[] = [];
  if (d) {
    const map = d.map;
    const mapAt = d.mapAt;
    // offset so that this contract's own seam closes exactly at its anchor price
    const offset = src.anchor.price - map(src.anchor.underlyingPrice ?? d.anchor.price, src.anchor.timeMs);
    value = (s, t) => map(s, t) + offset;
    valueAt = mapAt
      ? (t) => {
          const f = mapAt(t);
          return (s) => f(s) + offset;
        }
      : (t) => (s) => map(s, t) + offset;
    const from = d.anchor.timeMs - (d.anchor.timeMs % MINUTE_MS);
    const to = src.anchor.timeMs - (src.anchor.timeMs % MINUTE_MS);
    if (d.live && to > from) bridge = d.live.range(from, to);
  }
  const seamMs = bridge.length > 0 ? bridge[bridge.length - 1]!.startMs : chain.m0 > 0 ? istTimeMs(chain.d0, OPEN_MIN) + (chain.m0 - 1) * MINUTE_MS : NaN;
  return { src, baseId, chain, snap: snapper(src.tickSize), value, valueAt, bridge, seamMs, keyHash: hashString(src.key) };
}

/** Receives one history minute bar: start epoch ms UTC, prices rupees, volume and OI units. */
type BarSink = (startMs: number, open: number, high: number, low: number, close: number, volume: number, oi: number) => void;

/**
 * Signed elasticity of a derivative's price to its underlying's (d ln V / d ln S) at one instant
 * and underlying price, by a central difference: about 1 for futures, above 1 for calls, below −1
 * for puts, larger away from the money. 1 when it cannot be told (prices at the tick floor).
 */
function elasticity(f: (s: number) => number, s: number): number {
  const h = 0.002;
  const up = f(s * Math.exp(h));
  const dn = f(s * Math.exp(-h));
  const e = (Math.log(up) - Math.log(dn)) / (2 * h);
  return Number.isFinite(e) && e !== 0 ? Math.max(-60, Math.min(60, e)) : 1;
}

/**
 * The history minute bars of IST day `day`, oldest first, into `sink`: the seeded path (trading
 * days up to the path's anchor day), then a derivative's bridge bars of that day. Nothing when the
 * day has neither. A derivative prices each bar's open and close off the underlying's; its high and
 * low reach beyond them by the underlying's excursion times the day's elasticity (one pricing per
 * minute instead of three: the wicks are cosmetic, the candles and `historyDaySummary` agree).
 */
function emitDay(ctx: Context, day: number, sink: BarSink): void {
  const { src, chain: c, snap, valueAt } = ctx;
  const m = isTradingDay(day) && day <= c.d0 ? (day === c.d0 ? c.m0 : SESSION_MINUTES) : 0;
  const dayStart = istMidnightMs(day);
  let b0 = 0;
  while (b0 < ctx.bridge.length && ctx.bridge[b0]!.startMs < dayStart) b0++;
  let b1 = b0;
  while (b1 < ctx.bridge.length && ctx.bridge[b1]!.startMs < dayStart + DAY_MS) b1++;
  if (m <= 0 && b1 === b0) return;
  const openMs = istTimeMs(day, OPEN_MIN);
  const vrng = createRng(deriveSeed(src.seed, `${src.key}|vol|${day}`));
  const derived = src.derive !== null;
  const path = m > 0 ? pathOf(ctx, day, m) : null;
  let omega = 1;
  if (derived) {
    const t0 = path ? openMs : ctx.bridge[b0]!.startMs;
    omega = elasticity(valueAt(t0), path ? Math.exp(path.lp[0]!) : ctx.bridge[b0]!.open);
  }
  const w = Math.abs(omega);
  if (path) {
    const { lp, ex } = path;
    let vo = valueAt(openMs)(Math.exp(lp[0]!));
    for (let k = 0; k < m; k++) {
      const t = openMs + k * MINUTE_MS;
      const vc = valueAt(t + MINUTE_MS)(Math.exp(lp[k + 1]!)); // also the next bar's open: priced once
      const so = snap(vo);
      const sc = t === ctx.seamMs ? src.anchor.price : snap(vc);
      let a: number;
      let b: number;
      if (derived) {
        a = Math.max(vo, vc) * Math.exp(w * ex[k]!);
        b = Math.min(vo, vc) * Math.exp(-w * ex[k]!);
      } else {
        // (the same expressions as quickSummary's, which relies on them)
        a = Math.exp(Math.max(lp[k]!, lp[k + 1]!) + ex[k]!);
        b = Math.exp(Math.min(lp[k]!, lp[k + 1]!) - ex[k]!);
      }
      vo = vc;
      const v = barVolume(src, k, vrng);
      sink(t, so, Math.max(snap(a), so, sc), Math.min(snap(b), so, sc), sc, v, oiAt(ctx, t));
    }
  }
  let pricerMs = NaN;
  let pricer: (s: number) => number = identity;
  const priceAt = (ms: number): ((s: number) => number) => {
    if (ms !== pricerMs) {
      pricer = valueAt(ms);
      pricerMs = ms;
    }
    return pricer;
  };
  for (let i = b0; i < b1; i++) {
    const u = ctx.bridge[i]!;
    const t = u.startMs;
    const vo = priceAt(t)(u.open);
    const vc = priceAt(t + MINUTE_MS)(u.close);
    const so = snap(vo);
    const sc = t === ctx.seamMs ? src.anchor.price : snap(vc);
    // the underlying's reach beyond its open/close, log units; a put's high comes from its low
    const upU = Math.log(u.high / Math.max(u.open, u.close));
    const dnU = Math.log(Math.min(u.open, u.close) / u.low);
    const a = Math.max(vo, vc) * Math.exp(w * (omega >= 0 ? upU : dnU));
    const b = Math.min(vo, vc) * Math.exp(-w * (omega >= 0 ? dnU : upU));
    const v = barVolume(src, Math.floor((t - openMs) / MINUTE_MS), vrng);
    sink(t, so, Math.max(snap(a), so, sc), Math.min(snap(b), so, sc), sc, v, oiAt(ctx, t));
  }
}

/** The path of `day` (a trading day ≤ the chain's d0), forward or bridged, `m` minutes long. */
function pathOf(ctx: Context, day: number, m: number): DayPath {
  const { src, chain: c } = ctx;
  return day === c.forwardDay
    ? forwardPath(src.seed, ctx.baseId, src.volatility, day, m, ends(src.seed, ctx.baseId, src.volatility, c, previousTradingDay(day)).end)
    : dayPath(src.seed, ctx.baseId, src.volatility, day, m, ends(src.seed, ctx.baseId, src.volatility, c, day));
}

/** History minute bars of `day` (empty when the day has none: after the anchor, not a trading day). */
function historyMinutes(ctx: Context, day: number): MinuteBar[] {
  const bars: MinuteBar[] = [];
  emitDay(ctx, day, (startMs, open, high, low, close, volume, oi) => bars.push({ startMs, open, high, low, close, volume, oi }));
  return bars;
}

/**
 * One day of history summed up: what the day's 1-minute (or daily) candles say. Prices rupees,
 * volume and OI units, times epoch ms UTC.
 */
export interface HistoryDaySummary {
  /** First bar's open, highest high, lowest low, last bar's close. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Sum of the bars' volumes. */
  readonly volume: number;
  /**
   * Sum over the bars of close × volume, rupees × units (closes unrounded for cash instruments):
   * candles carry no turnover, so turnover / volume is the day's ATP as the volume-weighted
   * average of the minutes' closes.
   */
  readonly turnover: number;
  /** Highest, lowest and last bar's OI (0 without OI). */
  readonly oiHigh: number;
  readonly oiLow: number;
  readonly oiClose: number;
  /** Start of the day's last bar. */
  readonly lastBarMs: number;
}

/**
 * The history of IST day `day` summed up in one 1-minute pass without building candles (the same
 * bars `generateCandles` aggregates, so any interval's candles of that day agree with it), or null
 * when the history has no bar that day (after the anchor, weekends, before 09:16 on the anchor's
 * day). Cost: one pass over at most 375 minutes; for cash instruments and indices a pass over the
 * log path without rounding (`quickSummary`), a derivative prices each minute once.
 */
export function historyDaySummary(src: HistorySource, day: number): HistoryDaySummary | null {
  const ctx = contextOf(src);
  if (src.derive === null && !(src.oi && src.oi.anchor > 0)) return quickSummary(ctx, day);
  let n = 0;
  let open = 0;
  let high = -Infinity;
  let low = Infinity;
  let close = 0;
  let volume = 0;
  let turnover = 0;
  let oiHigh = 0;
  let oiLow = Infinity;
  let oiClose = 0;
  let lastBarMs = NaN;
  emitDay(ctx, day, (t, o, h, l, c, v, oi) => {
    if (n++ === 0) open = o;
    if (h > high) high = h;
    if (l < low) low = l;
    close = c;
    volume += v;
    turnover += c * v;
    if (oi > oiHigh) oiHigh = oi;
    if (oi < oiLow) oiLow = oi;
    oiClose = oi;
    lastBarMs = t;
  });
  if (n === 0) return null;
  return { open, high, low, close, volume, turnover, oiHigh, oiLow: oiLow === Infinity ? 0 : oiLow, oiClose, lastBarMs };
}

/**
 * `historyDaySummary` of a cash instrument or index (no bridge bars, no OI): the snapped high of a
 * day is the snap of the highest unrounded high (snapping and exp are monotone), so the pass keeps
 * the extreme log values and rounds once. Same draws, same expressions as `emitDay`.
 */
function quickSummary(ctx: Context, day: number): HistoryDaySummary | null {
  const { src, chain: c, snap } = ctx;
  const m = isTradingDay(day) && day <= c.d0 ? (day === c.d0 ? c.m0 : SESSION_MINUTES) : 0;
  if (m <= 0) return null;
  const { lp, ex } = pathOf(ctx, day, m);
  const openMs = istTimeMs(day, OPEN_MIN);
  const vrng = createRng(deriveSeed(src.seed, `${src.key}|vol|${day}`));
  let hi = -Infinity;
  let lo = Infinity;
  let volume = 0;
  let turnover = 0;
  for (let k = 0; k < m; k++) {
    const l0 = lp[k]!;
    const l1 = lp[k + 1]!;
    const up = Math.max(l0, l1) + ex[k]!;
    const dn = Math.min(l0, l1) - ex[k]!;
    if (up > hi) hi = up;
    if (dn < lo) lo = dn;
    const v = barVolume(src, k, vrng);
    volume += v;
    if (v > 0) turnover += Math.exp(l1) * v;
  }
  const lastBarMs = openMs + (m - 1) * MINUTE_MS;
  const open = snap(Math.exp(lp[0]!));
  const close = lastBarMs === ctx.seamMs ? src.anchor.price : snap(Math.exp(lp[m]!));
  const high = Math.max(snap(Math.exp(hi)), open, close);
  const low = Math.min(snap(Math.exp(lo)), open, close);
  return { open, high, low, close, volume, turnover, oiHigh: 0, oiLow: 0, oiClose: 0, lastBarMs };
}

/** How a history day ended: its last bar's close (rupees) and OI, and the day's volume (units). */
export interface HistoryDayEnd {
  readonly close: number;
  readonly oi: number;
  readonly volume: number;
}

/**
 * Close, closing OI and volume of IST day `day` in the history, or null when it has no bar. A
 * whole day before the path's anchor day is answered in closed form (the close is the path's end
 * price; volume and OI need only their own seeded draws, taken when `withFlow`, else both are 0);
 * other days take `historyDaySummary`.
 */
export function historyDayEnd(src: HistorySource, day: number, withFlow = true): HistoryDayEnd | null {
  const ctx = contextOf(src);
  const dayStart = istMidnightMs(day);
  const bridged = ctx.bridge.some((b) => b.startMs >= dayStart && b.startMs < dayStart + DAY_MS);
  if (!isTradingDay(day) || day >= ctx.chain.d0 || bridged) {
    const s = historyDaySummary(src, day);
    return s && { close: s.close, oi: s.oiClose, volume: s.volume };
  }
  const e = ends(src.seed, ctx.baseId, src.volatility, ctx.chain, day);
  const openMs = istTimeMs(day, OPEN_MIN);
  const vrng = createRng(deriveSeed(src.seed, `${src.key}|vol|${day}`));
  let volume = 0;
  // the same draws, in the same order, as emitDay's bars
  for (let k = 0; withFlow && k < SESSION_MINUTES; k++) volume += barVolume(src, k, vrng);
  const oi = withFlow ? oiAt(ctx, openMs + (SESSION_MINUTES - 1) * MINUTE_MS) : 0;
  return { close: ctx.snap(ctx.value(e.end, openMs + SESSION_MINUTES * MINUTE_MS)), oi, volume };
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
  const ctx = contextOf(req);
  for (let day = firstDay; day <= lastDay; day++) {
    const hist = historyMinutes(ctx, day);
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
