/**
 * The seeded market: every instrument's fair price, book, trades, LTP, day statistics and OI,
 * advanced only by `step(realDtMs)` (no timers inside; the caller owns the clock). Simulated time
 * runs `speed` times faster than the real milliseconds passed in.
 *
 * - Stocks and stand-alone indices: correlated GBM (price-process.ts); indices with constituents in
 *   the universe follow them (weighted, normalised to the index's start value).
 * - Futures: underlying × exp((r − q)·T) plus an OU basis of a few ticks.
 * - Options: Black-Scholes off the live underlying with the volatility surface of option-model.ts,
 *   so LTP, IV and greeks move together with the underlying.
 * - Books: 200 levels per side (book-model.ts), created lazily when first read or traded against.
 * - Trades arrive as a Poisson stream per instrument, hit the book and print ticks (LTP, LTQ, LTT,
 *   volume, ATP); derivatives' OI moves with each trade (opening vs closing trades).
 * - Market hours: NSE in IST (market-hours.ts) or always open. Prices move only while OPEN; an
 *   overnight gap is applied at each pre-open, which also rolls the day statistics.
 * - An instrument coming alive (at start or later) takes its day statistics (open, high, low,
 *   volume, ATP, previous close, OI range) from the seeded history of the day (history.ts), so the
 *   quote agrees with the candles the same model serves.
 *
 * Same seed, same instruments, same start time and the same sequence of `step` calls and orders
 * give the same ticks (see `eagerBookLimit` for very large universes). Source: issue 4, "Market
 * model".
 */

import { fromUnits, roundToTick, toUnits } from '../../shared/price';
import type { Candle, CandleInterval, DepthLevel, InstrumentRef, OptionChain, OptionChainLeg, Quote } from '../../shared/market';
import type { OrderSide } from '../../shared/orders';
import { BOOK_LEVELS, SimBook, type BookShape } from './book-model';
import { generateCandles, historyDayEnd, historyDaySummary, historyStartPrice, type HistoryAnchor, type HistorySource } from './history';
import { istDay, istMinuteOfDay, istTimeMs, isTradingDay, marketPhase, nextPhaseChange, previousTradingDay, CLOSE_MIN, OPEN_MIN, type MarketPhase } from './market-hours';
import { MinuteBars } from './minute-bars';
import { atmVol, bsGreeks, bsPrice, defaultSurface, smilePricer, surfaceVol, type OptionGreeks, type VolSurface } from './option-model';
import { CALENDAR_YEAR_MS, logReturn, ouStep, overnightGap, sessionActivity } from './price-process';
import { createRng, deriveSeed, type Rng } from './rng';
import type { SimInstrumentSpec } from './sim-instrument';

/** Options of `createMarketModel`. */
export interface MarketModelOptions {
  /** Seed of every random stream (32-bit integer). */
  readonly seed: number;
  readonly instruments: readonly SimInstrumentSpec[];
  /** Simulated time at start, epoch ms UTC. */
  readonly startTimeMs: number;
  /** Simulated ms per real ms passed to `step` (default 1). */
  readonly speed?: number;
  /** Every instant is OPEN (demos, tests at any hour). */
  readonly alwaysOpen?: boolean;
  /** Risk-free rate, continuous per year (default 0.065). */
  readonly riskFreeRate?: number;
  /** Longest internal sub-step of simulated time, ms (default 1000). */
  readonly maxStepMs?: number;
  /**
   * Live 1-minute bars kept per instrument (default 3 sessions + 1 hour). Memory grows with
   * instruments × capacity × ~80 bytes; lower it for a universe of a whole scrip master.
   */
  readonly liveBarCapacity?: number;
  /**
   * Universes of at most this many instruments (default 5000) get every book built at start.
   * Larger universes build a book when an order first trades against it; until then trades print
   * at the fair-value top of book, and reads (`top`, `depth`, `quote`, `optionChain`) answer from
   * a preview book built afresh around the fair value and never kept, so reading never changes the
   * tape: the same seed gives the same ticks whatever is read.
   */
  readonly eagerBookLimit?: number;
}

/** A trade print or index update, as the feed publishes it. Prices rupees, times epoch ms UTC. */
export interface SimTick {
  readonly key: InstrumentRef;
  readonly ltp: number;
  /** Last traded quantity, units (0 for index updates). */
  readonly ltq: number;
  readonly lttMs: number;
  /** Day volume, units. */
  readonly volume: number;
  /** Day average traded price, rupees. */
  readonly atp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Previous session's close, rupees. */
  readonly close: number;
  /** Open interest (derivatives), units; 0 otherwise. */
  readonly oi: number;
  /** Side of the aggressor, or null for index updates. */
  readonly aggressor: OrderSide | null;
}

/** Top of the book and LTP, rupees (NaN for a missing side). */
export interface MarketTop {
  readonly bid: number;
  readonly ask: number;
  readonly ltp: number;
}

/** One fill taken from the book, rupees and units. */
export interface BookFill {
  readonly price: number;
  readonly quantity: number;
}

/** Option analytics at the current instant; the same numbers the chain prints. */
export interface OptionAnalytics {
  /** Underlying fair value used for pricing, rupees (unrounded). */
  readonly underlyingPrice: number;
  /** Underlying LTP, rupees. */
  readonly underlyingLtp: number;
  readonly strike: number;
  /** Time to expiry, years (calendar). */
  readonly t: number;
  readonly r: number;
  readonly q: number;
  /** Model volatility, fraction per year. */
  readonly iv: number;
  /** Theoretical price and greeks (theta per day, vega per vol point). */
  readonly greeks: OptionGreeks;
  /** Theoretical price rounded to the tick grid, rupees: what the book is centred on. */
  readonly markPrice: number;
}

type Role = 'underlying' | 'composite' | 'future' | 'option' | 'index';

interface InstState {
  readonly spec: SimInstrumentSpec;
  readonly key: InstrumentRef;
  readonly role: Role;
  readonly rng: Rng;
  readonly tickUnits: number;
  readonly tick: number;
  readonly lot: number;
  readonly expiryMs: number;
  readonly q: number;
  readonly tradeRate: number;
  readonly tradeLots: number;
  readonly shape: BookShape;
  underlying: InstState | null;
  constituents: { s: InstState; w: number; base: number }[];
  surface: VolSurface | null;
  logP: number;
  fair: number;
  basis: number;
  book: SimBook | null;
  ltp: number;
  ltq: number;
  lttMs: number;
  volume: number;
  turnover: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  oi: number;
  prevOi: number;
  oiHigh: number;
  oiLow: number;
  prevVolume: number;
  /** Live 1-minute bars, created at the first print. */
  bars: MinuteBars | null;
  /** Model epoch at which an option's (lazily computed) fair value was last computed. */
  fairEpoch: number;
  /** Read-only book of an instrument without a real book (see `eagerBookLimit`), and its epoch. */
  preview: SimBook | null;
  previewEpoch: number;
}

/**
 * How the model's readers name an instrument: `{ segment, securityId }`, or a bare security id,
 * which means the first instrument with that id in universe order (Dhan ids repeat across
 * segments, e.g. 25 is BANKNIFTY in IDX_I and ADANIENT in NSE_EQ: pass the segment then).
 */
export type InstrumentArg = InstrumentRef | string;

/** Map key of an instrument: `NSE_EQ:2885`. */
export function refKey(ref: InstrumentRef): string {
  return `${ref.segment}:${ref.securityId}`;
}

/** Epoch ms of 15:30 IST on `YYYY-MM-DD`. */
export function expiryMsOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  return istTimeMs(day, CLOSE_MIN);
}

function roleOf(s: SimInstrumentSpec): Role {
  switch (s.instrumentType) {
    case 'INDEX':
      return s.constituents && s.constituents.length > 0 ? 'composite' : 'index';
    case 'FUTIDX':
    case 'FUTSTK':
    case 'FUTCOM':
    case 'FUTCUR':
      return 'future';
    case 'OPTIDX':
    case 'OPTSTK':
    case 'OPTFUT':
    case 'OPTCUR':
      return 'option';
    default:
      return 'underlying';
  }
}

const ROLE_ORDER: Record<Role, number> = { underlying: 0, index: 0, composite: 1, future: 2, option: 3 };

/** The simulated market. Create with `createMarketModel`. */
export class MarketModel {
  private readonly states: InstState[] = [];
  /** States by `segment:securityId` (Dhan security ids are unique per segment only). */
  private readonly byKey = new Map<string, InstState>();
  /** States by bare security id: the first instrument with that id in universe order. */
  private readonly byId = new Map<string, InstState>();
  /** Every instrument spec, in the order given (construction, then `addInstruments`). */
  private readonly universe: SimInstrumentSpec[] = [];
  private readonly marketRng: Rng;
  private readonly listeners = new Set<(t: SimTick) => void>();
  private readonly phaseListeners = new Set<(phase: MarketPhase, atMs: number) => void>();
  private nowMs: number;
  private phase: MarketPhase;
  readonly speed: number;
  readonly alwaysOpen: boolean;
  readonly r: number;
  private readonly maxStepMs: number;
  private readonly historyAnchors = new Map<string, HistoryAnchor>();
  /** Intraday activity factor of the current step (volatility and trade rate multiplier). */
  private activity = 1;
  /** Exceptions thrown by tick listeners (caught and counted). */
  listenerErrors = 0;
  /** Bumped whenever time or the underlyings move: options' cached fair values go stale. */
  private epoch = 0;
  private readonly liveBarCapacity: number;

  constructor(private readonly options: MarketModelOptions) {
    this.nowMs = options.startTimeMs;
    this.speed = options.speed ?? 1;
    this.alwaysOpen = options.alwaysOpen ?? false;
    this.r = options.riskFreeRate ?? 0.065;
    this.maxStepMs = options.maxStepMs ?? 1000;
    this.liveBarCapacity = options.liveBarCapacity ?? 3 * 375 + 60;
    this.phase = marketPhase(this.nowMs, this.alwaysOpen);
    this.marketRng = createRng(deriveSeed(options.seed, '#market'));
    this.universe.push(...options.instruments);
    this.addStates(options.instruments, true);
  }

  /**
   * Adds instruments to the running market at the current simulated time: each starts where its
   * seeded history, walked from its `initialPrice` (the previous close), is now (derivatives at
   * their carry / Black-Scholes value off the live underlying), with that history's day statistics
   * (see `seedDayStatistics`). Underlyings and constituents must already be in the model
   * or in the same batch. Other instruments' random streams are untouched, so the same calls in the
   * same order reproduce the same market. Throws (adding nothing) on a duplicate or a missing
   * underlying.
   */
  addInstruments(specs: readonly SimInstrumentSpec[]): void {
    this.addStates(specs, false);
    this.universe.push(...specs);
  }

  private addStates(specs: readonly SimInstrumentSpec[], atStart: boolean): void {
    const added: InstState[] = [];
    const seen = new Set<string>();
    for (const spec of specs) {
      const key = refKey(spec);
      if (this.byKey.has(key) || seen.has(key)) throw new Error(`duplicate instrument ${key}`);
      seen.add(key);
      added.push(this.makeState(spec));
    }
    const fresh = new Map(added.map((st) => [refKey(st.key), st]));
    for (const st of added) this.link(st, fresh);
    for (const st of added) {
      this.byKey.set(refKey(st.key), st);
      if (!this.byId.has(st.key.securityId)) this.byId.set(st.key.securityId, st);
    }
    added.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
    this.states.push(...added);
    this.states.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]); // stable: earlier ones keep their order
    this.epoch++;
    for (const st of added) this.initialPrice(st);
    const eager = this.states.length <= (this.options.eagerBookLimit ?? 5000);
    for (const st of atStart ? this.states : added) if (eager && st.role !== 'index' && st.role !== 'composite') this.ensureBook(st);
  }

  private makeState(spec: SimInstrumentSpec): InstState {
    const role = roleOf(spec);
    const rng = createRng(deriveSeed(this.options.seed, `${spec.segment}:${spec.securityId}`));
    const tickUnits = toUnits(spec.tickSize);
    if (!(tickUnits > 0)) throw new Error(`${spec.tradingSymbol}: bad tick size ${spec.tickSize}`);
    const lot = Math.max(1, spec.lotSize);
    const defaultRate = role === 'underlying' ? 2 : role === 'future' ? 3 : role === 'option' ? 1 : 0;
    const tradeRate = role === 'index' || role === 'composite' ? 0 : spec.tradesPerSecond ?? defaultRate;
    const tradeLots = spec.tradeLots ?? (lot === 1 ? Math.max(5, Math.round(200_000 / Math.max(spec.initialPrice, 1) / 5)) : 3);
    const levelQuantity = tradeLots * lot * 4;
    return {
      spec,
      key: { segment: spec.segment, securityId: spec.securityId },
      role,
      rng,
      tickUnits,
      tick: fromUnits(tickUnits),
      lot,
      expiryMs: spec.expiry ? expiryMsOf(spec.expiry) : Infinity,
      q: spec.dividendYield ?? 0,
      tradeRate,
      tradeLots,
      shape: {
        lotSize: lot,
        levelQuantity,
        orderQuantity: Math.max(lot, (tradeLots * lot) / 2),
        spreadTicks: role === 'option' ? 2 : 1,
        // quote updates per second: 40 for cash and futures; options get theirs in link()
        quoteRate: 40,
      },
      underlying: null,
      constituents: [],
      surface: null,
      logP: Math.log(Math.max(spec.initialPrice, 1e-6)),
      fair: spec.initialPrice,
      basis: 0,
      book: null,
      ltp: 0,
      ltq: 0,
      lttMs: this.nowMs,
      volume: 0,
      turnover: 0,
      open: 0,
      high: 0,
      low: 0,
      prevClose: 0,
      oi: spec.initialOi ?? 0,
      prevOi: spec.initialOi ?? 0,
      oiHigh: spec.initialOi ?? 0,
      oiLow: spec.initialOi ?? 0,
      prevVolume: 0,
      bars: null,
      fairEpoch: -1,
      preview: null,
      previewEpoch: -1,
    };
  }

  private link(st: InstState, fresh: ReadonlyMap<string, InstState>): void {
    if (st.role === 'future' || st.role === 'option') {
      const u = st.spec.underlyingSecurityId ? this.underlyingOf(st, fresh) : undefined;
      if (!u) throw new Error(`${st.spec.tradingSymbol}: underlying ${st.spec.underlyingSecurityId ?? '(none)'} is not in the universe`);
      if (u.role === 'future' || u.role === 'option') throw new Error(`${st.spec.tradingSymbol}: underlying must be a stock or an index`);
      st.underlying = u;
      if (st.role === 'option') {
        st.surface = defaultSurface(u.spec.volatility);
        // far strikes re-quote less: 4…40 updates/s by activity at the start price
        const m = Math.abs(Math.log((st.spec.strike ?? u.spec.initialPrice) / Math.max(u.spec.initialPrice, 1e-9)));
        (st as { shape: BookShape }).shape = { ...st.shape, quoteRate: 4 + 36 * Math.min(1, Math.exp(-m * 25)) };
      }
    }
    if (st.role === 'composite') {
      const parts = (st.spec.constituents ?? []).flatMap((c) => {
        const key = refKey({ segment: c.segment ?? 'NSE_EQ', securityId: c.securityId });
        const s = fresh.get(key) ?? this.byKey.get(key);
        // normalised to the constituent's price when the index joins (its start price at construction)
        return s && s.role === 'underlying' && c.weight > 0 ? [{ s, w: c.weight, base: s.fair }] : [];
      });
      const total = parts.reduce((a, p) => a + p.w, 0);
      if (parts.length === 0) (st as { role: Role }).role = 'index';
      else st.constituents = parts.map((p) => ({ ...p, w: p.w / total }));
    }
  }

  /**
   * The underlying of a derivative: the non-derivative instrument with its underlying security id,
   * preferring the index segment for index derivatives and the cash segments for stock ones.
   */
  private underlyingOf(st: InstState, fresh: ReadonlyMap<string, InstState>): InstState | undefined {
    const id = st.spec.underlyingSecurityId;
    const indexFirst = st.spec.instrumentType === 'FUTIDX' || st.spec.instrumentType === 'OPTIDX';
    const order = indexFirst ? (['IDX_I', 'NSE_EQ', 'BSE_EQ'] as const) : (['NSE_EQ', 'BSE_EQ', 'IDX_I'] as const);
    for (const segment of order) {
      const key = refKey({ segment, securityId: id ?? '' });
      const u = fresh.get(key) ?? this.byKey.get(key);
      if (u) return u;
    }
    return undefined;
  }

  /**
   * Price, history anchor and day statistics of an instrument coming alive now. Stocks and
   * stand-alone indices start where their seeded history has walked to from `initialPrice` (the
   * previous session's close, see `HistoryAnchor.reference`); derivatives at their value off the
   * live underlying; composite indices at their constituents' weighted value.
   */
  private initialPrice(st: InstState): void {
    const key = refKey(st.key);
    const forward = st.role === 'underlying' || st.role === 'index';
    if (forward) st.logP = Math.log(historyStartPrice(this.options.seed, key, st.spec.volatility, st.spec.initialPrice, this.nowMs));
    this.updateFair(st, 0);
    const ltp = this.snap(st, st.fair);
    st.ltp = ltp;
    const u = st.underlying;
    const anchor: HistoryAnchor = forward
      ? { timeMs: this.nowMs, price: ltp, reference: st.spec.initialPrice }
      : u
        ? { timeMs: this.nowMs, price: ltp, underlyingPrice: u.ltp }
        : { timeMs: this.nowMs, price: ltp };
    this.historyAnchors.set(key, anchor);
    this.seedDayStatistics(st);
  }

  /**
   * The IST day whose statistics an instrument coming alive now starts from: today while OPEN
   * (always-open markets too), the last finished session while CLOSED (today after 15:30, else the
   * trading day before), none in pre-open (the day has rolled and nothing has traded yet).
   */
  private statisticsDay(): number | null {
    const today = istDay(this.nowMs);
    if (this.phase === 'OPEN') return today;
    if (this.phase !== 'CLOSED') return null;
    return isTradingDay(today) && istMinuteOfDay(this.nowMs) >= CLOSE_MIN ? today : previousTradingDay(today);
  }

  /**
   * Day statistics of an instrument that comes alive now (at construction or `addInstruments`),
   * taken from the same seeded history its candles are drawn from, so the quote and the chart
   * agree: open, high, low, volume and turnover (ATP) of the statistics day's minute bars, OI day
   * high/low over them and the live OI, previous close, OI and volume from the session before.
   * Without history that day (pre-open, 09:15 sharp, weekends when always open) the previous close
   * is the LTP (the last history close) and, while OPEN, the day opens at the LTP.
   */
  private seedDayStatistics(st: InstState): void {
    const src = this.historySource(st);
    const day = this.statisticsDay();
    const sum = day === null ? null : historyDaySummary(src, day);
    if (day === null || sum === null) {
      st.prevClose = st.spec.previousClose ?? st.ltp;
      if (this.phase === 'OPEN') st.open = st.high = st.low = st.ltp;
      return;
    }
    st.open = sum.open;
    st.high = Math.max(sum.high, st.ltp);
    st.low = Math.min(sum.low, st.ltp);
    st.volume = sum.volume;
    st.turnover = sum.turnover;
    // the last history trade: within the last bar, before now
    st.lttMs = Math.min(this.nowMs, sum.lastBarMs + 59_000);
    // previous volume and OI only matter to derivatives (option chain, prev-close packet)
    const prev = historyDayEnd(src, previousTradingDay(day), st.role === 'future' || st.role === 'option');
    st.prevClose = st.spec.previousClose ?? prev?.close ?? sum.open;
    st.prevVolume = prev?.volume ?? 0;
    if (sum.oiClose > 0) {
      st.oiHigh = Math.max(sum.oiHigh, st.oi);
      st.oiLow = Math.min(sum.oiLow, st.oi);
      if (prev && prev.oi > 0) st.prevOi = prev.oi;
    }
  }

  private snap(st: InstState, price: number): number {
    return fromUnits(Math.max(1, Math.round(toUnits(price) / st.tickUnits)) * st.tickUnits);
  }

  private ticksOf(st: InstState, price: number): number {
    return Math.round(toUnits(price) / st.tickUnits);
  }

  private priceOfTicks(st: InstState, ticks: number): number {
    return fromUnits(ticks * st.tickUnits);
  }

  private yearsToExpiry(st: InstState): number {
    return Math.max(0, (st.expiryMs - this.nowMs) / CALENDAR_YEAR_MS);
  }

  /** Recomputes the fair value of a derived instrument, or moves an underlying by `dtMs`. */
  private updateFair(st: InstState, dtMs: number, zMarket = 0): void {
    switch (st.role) {
      case 'underlying':
      case 'index':
        if (dtMs > 0) {
          const beta = st.role === 'index' ? 0.95 : 0.55;
          st.logP += logReturn(0.08, st.spec.volatility * this.activity, beta, dtMs, zMarket, st.rng);
        }
        st.fair = Math.exp(st.logP);
        return;
      case 'composite': {
        let v = 0;
        for (const c of st.constituents) v += (c.w * c.s.fair) / c.base;
        st.fair = st.spec.initialPrice * v;
        return;
      }
      case 'future': {
        const u = st.underlying!;
        const t = this.yearsToExpiry(st);
        if (dtMs > 0) st.basis = ouStep(st.basis, dtMs, 120_000, 1.5, st.rng);
        st.fair = u.fair * Math.exp((this.r - u.q) * t) + st.basis * st.tick;
        return;
      }
      case 'option':
        this.fairOf(st);
        return;
    }
  }

  /** Fair value now; options are priced lazily (only when traded against or read). */
  private fairOf(st: InstState): number {
    if (st.role === 'option' && st.fairEpoch !== this.epoch) {
      st.fair = Math.max(st.tick, this.analyticsOf(st).greeks.price);
      st.fairEpoch = this.epoch;
    }
    return st.fair;
  }

  private analyticsOf(st: InstState): OptionAnalytics {
    const u = st.underlying!;
    const t = Math.max(this.yearsToExpiry(st), 60_000 / CALENDAR_YEAR_MS);
    const strike = st.spec.strike ?? u.fair;
    const forward = u.fair * Math.exp((this.r - u.q) * t);
    const iv = surfaceVol(st.surface!, forward, strike, t);
    const type = st.spec.optionType === 'PE' ? 'PUT' : 'CALL';
    const greeks = bsGreeks({ spot: u.fair, strike, t, r: this.r, q: u.q, sigma: iv, type });
    return {
      underlyingPrice: u.fair,
      underlyingLtp: u.ltp,
      strike,
      t,
      r: this.r,
      q: u.q,
      iv,
      greeks,
      markPrice: this.snap(st, Math.max(st.tick, greeks.price)),
    };
  }

  /**
   * The book to READ: the real one when it exists, else a preview built around the fair value now
   * (the book's seeded profile, redrawn each simulated second) that is cached for this epoch only
   * and never traded against, so reads leave the market's random streams and books untouched.
   */
  private readBook(st: InstState): SimBook {
    if (st.book) return st.book;
    if (st.preview === null || st.previewEpoch !== this.epoch) {
      // a new seeded shape each simulated second, so a watched preview book is not a frozen ladder
      st.preview = new SimBook(st.shape, createRng(deriveSeed(this.options.seed, `${refKey(st.key)}#preview#${Math.floor(this.nowMs / 1000)}`)));
      st.preview.reset(toUnits(this.fairOf(st)) / st.tickUnits);
      st.previewEpoch = this.epoch;
    }
    return st.preview;
  }

  private ensureBook(st: InstState): SimBook {
    if (!st.book) {
      st.book = new SimBook(st.shape, createRng(deriveSeed(this.options.seed, `${refKey(st.key)}#book`)));
      st.book.reset(toUnits(this.fairOf(st)) / st.tickUnits);
      st.preview = null;
    }
    return st.book;
  }

  // ---------------------------------------------------------------- time

  /** Simulated time now, epoch ms UTC. */
  now(): number {
    return this.nowMs;
  }

  /** Market phase now. */
  marketPhase(): MarketPhase {
    return this.phase;
  }

  /**
   * Advances simulated time by `realDtMs × speed` ms, in sub-steps of at most `maxStepMs` that land
   * exactly on session boundaries. Emits ticks to listeners as trades print.
   */
  step(realDtMs: number): void {
    if (!(realDtMs > 0)) return;
    this.advanceTo(this.nowMs + realDtMs * this.speed);
  }

  /** Advances simulated time to `targetMs` (epoch ms UTC); no-op when it is not later than now. */
  advanceTo(targetMs: number): void {
    while (this.nowMs < targetMs) {
      const boundary = nextPhaseChange(this.nowMs, this.alwaysOpen);
      const next = Math.min(targetMs, this.nowMs + this.maxStepMs, boundary);
      const dt = next - this.nowMs;
      if (this.phase === 'OPEN') this.simulate(dt);
      this.nowMs = next;
      this.epoch++;
      const phase = marketPhase(this.nowMs, this.alwaysOpen);
      if (phase !== this.phase) this.enterPhase(phase);
    }
  }

  private enterPhase(phase: MarketPhase): void {
    const prev = this.phase;
    this.phase = phase;
    if (phase === 'PRE_OPEN' || (phase === 'OPEN' && prev === 'CLOSED')) this.rollDay();
    if (phase === 'OPEN') for (const st of this.states) st.open = st.high = st.low = st.ltp;
    for (const l of this.phaseListeners) {
      try {
        l(phase, this.nowMs);
      } catch {
        this.listenerErrors++;
      }
    }
  }

  /**
   * Listens to market phase changes (PRE_OPEN, PRE_OPEN_BUFFER, OPEN, CLOSED; none with `alwaysOpen`), called with
   * the new phase and its start (epoch ms UTC) during `step`; returns a function that stops
   * listening.
   */
  onPhaseChange(listener: (phase: MarketPhase, atMs: number) => void): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  /** New session: overnight gap, previous close/OI/volume from the last session, day stats reset. */
  private rollDay(): void {
    const zm = this.marketRng.normal();
    for (const st of this.states) {
      st.prevClose = st.ltp;
      st.prevOi = st.oi;
      st.prevVolume = st.volume;
      st.volume = 0;
      st.turnover = 0;
      st.oiHigh = st.oiLow = st.oi;
      if (st.role === 'underlying' || st.role === 'index') st.logP += overnightGap(st.spec.volatility, st.rng) + 0.3 * st.spec.volatility * Math.sqrt(1 / 252) * zm;
      this.epoch++;
      this.updateFair(st, 0);
      st.ltp = this.snap(st, this.fairOf(st));
      st.open = st.high = st.low = 0;
      if (st.book) st.book.reset(toUnits(this.fairOf(st)) / st.tickUnits);
    }
  }

  private simulate(dtMs: number): void {
    this.activity = sessionActivity(istMinuteOfDay(this.nowMs) - OPEN_MIN);
    const zm = this.marketRng.normal();
    // pass 1: every price moves (options are priced lazily from their underlying)
    for (const st of this.states) if (st.role !== 'option') this.updateFair(st, dtMs, zm);
    this.epoch++;
    // pass 2: index prints, books, trades
    for (const st of this.states) {
      if (st.role === 'index' || st.role === 'composite') {
        const ltp = this.snap(st, st.fair);
        if (ltp !== st.ltp) this.print(st, ltp, 0, this.nowMs + dtMs, null);
        continue;
      }
      if (this.nowMs >= st.expiryMs) continue;
      let rate = st.tradeRate;
      if (st.role === 'option' && st.spec.tradesPerSecond === undefined) {
        const m = Math.abs(Math.log((st.spec.strike ?? st.underlying!.fair) / st.underlying!.fair));
        rate *= Math.exp(-m * 25) * 2 + 0.05;
      }
      const n = st.rng.poisson((rate * this.activity * dtMs) / 1000);
      if (!st.book && n === 0) continue;
      const fairTicks = toUnits(this.fairOf(st)) / st.tickUnits;
      if (st.book) {
        st.book.recenter(fairTicks);
        st.book.churn(dtMs);
      }
      for (let k = 0; k < n; k++) this.randomTrade(st, fairTicks, this.nowMs + (dtMs * (k + 1)) / (n + 1));
    }
  }

  private randomTrade(st: InstState, fairTicks: number, timeMs: number): void {
    const book = st.book;
    const bid = book ? book.bestBid() : Math.floor(fairTicks);
    const ask = book ? book.bestAsk() : Math.floor(fairTicks) + 1;
    const mid = Number.isNaN(bid) || Number.isNaN(ask) ? fairTicks : (bid + ask) / 2;
    const pBuy = 0.5 + 0.3 * Math.tanh((fairTicks - mid) * 2);
    const side: OrderSide = st.rng.next() < pBuy ? 'BUY' : 'SELL';
    const lots = 1 + Math.floor(st.rng.exponential() * Math.max(0, st.tradeLots - 1));
    let qty = lots * st.lot;
    let ticks: number;
    if (book) {
      const fills = book.take(side, qty, null);
      if (fills.length === 0) return;
      qty = fills.reduce((a, f) => a + f.quantity, 0);
      ticks = fills[fills.length - 1]!.ticks;
    } else {
      ticks = side === 'BUY' ? ask : bid;
    }
    if (ticks < 1) return;
    if (st.role === 'future' || st.role === 'option') this.moveOi(st, qty);
    this.print(st, this.priceOfTicks(st, ticks), qty, timeMs, side);
  }

  /** OI drift: a trade opens new contracts slightly more often early in a contract's life. */
  private moveOi(st: InstState, qty: number): void {
    const daysLeft = (st.expiryMs - this.nowMs) / 86_400_000;
    const pOpen = daysLeft > 3 ? 0.53 : 0.46;
    const u = st.rng.next();
    if (u < pOpen) st.oi += qty;
    else if (u < pOpen + 0.3) st.oi = Math.max(0, st.oi - qty);
    // else: one side opens, the other closes: OI unchanged
    if (st.oi > st.oiHigh) st.oiHigh = st.oi;
    if (st.oi < st.oiLow) st.oiLow = st.oi;
  }

  private print(st: InstState, price: number, qty: number, timeMs: number, side: OrderSide | null): void {
    st.ltp = price;
    st.ltq = qty;
    st.lttMs = timeMs;
    st.volume += qty;
    st.turnover += price * qty;
    if (st.open === 0) st.open = st.high = st.low = price;
    if (price > st.high) st.high = price;
    if (price < st.low) st.low = price;
    (st.bars ??= new MinuteBars(this.liveBarCapacity)).record(timeMs, price, qty, st.oi);
    if (this.listeners.size === 0) return;
    const tick: SimTick = {
      key: st.key,
      ltp: price,
      ltq: qty,
      lttMs: timeMs,
      volume: st.volume,
      atp: st.volume > 0 ? Math.round((st.turnover / st.volume) * 100) / 100 : price,
      open: st.open,
      high: st.high,
      low: st.low,
      close: st.prevClose,
      oi: st.oi,
      aggressor: side,
    };
    for (const l of this.listeners) {
      try {
        l(tick);
      } catch {
        this.listenerErrors++; // a failing listener never breaks the market or the other listeners
      }
    }
  }

  // ---------------------------------------------------------------- reading

  /** Listens to every tick; returns a function that stops listening. */
  onTick(listener: (t: SimTick) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The instrument spec by security id, or undefined. */
  instrument(ref: InstrumentArg): SimInstrumentSpec | undefined {
    return (typeof ref === 'string' ? this.byId.get(ref) : this.byKey.get(refKey(ref)))?.spec;
  }

  /** Every instrument spec, in the order given (construction, then `addInstruments`). */
  instruments(): readonly SimInstrumentSpec[] {
    return this.universe;
  }

  private state(ref: InstrumentArg): InstState {
    const st = typeof ref === 'string' ? this.byId.get(ref) : this.byKey.get(refKey(ref));
    if (!st) throw new RangeError(`unknown instrument ${typeof ref === 'string' ? ref : refKey(ref)}`);
    return st;
  }

  /** LTP, rupees. Throws RangeError for an unknown security id. */
  ltp(ref: InstrumentArg): number {
    return this.state(ref).ltp;
  }

  /** Unrounded fair value, rupees (what the price process says now). */
  fairValue(ref: InstrumentArg): number {
    return this.fairOf(this.state(ref));
  }

  /** Best bid/ask and LTP, rupees. A read: never creates a book (see `eagerBookLimit`). */
  top(ref: InstrumentArg): MarketTop {
    const st = this.state(ref);
    if (st.role === 'index' || st.role === 'composite') return { bid: NaN, ask: NaN, ltp: st.ltp };
    const b = this.readBook(st);
    const bid = b.bestBid();
    const ask = b.bestAsk();
    return { bid: Number.isNaN(bid) ? NaN : this.priceOfTicks(st, bid), ask: Number.isNaN(ask) ? NaN : this.priceOfTicks(st, ask), ltp: st.ltp };
  }

  /**
   * Up to `levels` (≤ 200) non-empty depth levels per side, best first, rupees and units; every
   * price is at least one tick. A read: never creates a book.
   */
  depth(ref: InstrumentArg, levels = 5): { bids: DepthLevel[]; asks: DepthLevel[] } {
    const st = this.state(ref);
    const n = Math.min(BOOK_LEVELS, Math.max(0, levels));
    if (st.role === 'index' || st.role === 'composite' || n === 0) return { bids: [], asks: [] };
    const b = this.readBook(st);
    const conv = (l: { ticks: number; quantity: number; orders: number }): DepthLevel => ({
      price: this.priceOfTicks(st, l.ticks),
      quantity: l.quantity,
      orders: l.orders,
    });
    return { bids: b.levels('bid', n).map(conv), asks: b.levels('ask', n).map(conv) };
  }

  /**
   * An outside aggressor (the matching engine) takes up to `quantity` units at prices no worse than
   * `limitPrice` (rupees; null for any). The fills leave the book and print one tick (LTP = the
   * last fill's price, LTQ = the total). Returns the fills, best first.
   */
  takeLiquidity(ref: InstrumentArg, side: OrderSide, quantity: number, limitPrice: number | null): BookFill[] {
    const st = this.state(ref);
    if (st.role === 'index' || st.role === 'composite' || quantity <= 0) return [];
    const b = this.ensureBook(st);
    const limit = limitPrice === null ? null : side === 'BUY' ? Math.floor(toUnits(limitPrice) / st.tickUnits) : Math.ceil(toUnits(limitPrice) / st.tickUnits);
    const fills = b.take(side, quantity, limit);
    if (fills.length === 0) return [];
    const total = fills.reduce((a, f) => a + f.quantity, 0);
    if (st.role === 'future' || st.role === 'option') this.moveOi(st, total);
    this.print(st, this.priceOfTicks(st, fills[fills.length - 1]!.ticks), total, this.nowMs, side);
    return fills.map((f) => ({ price: this.priceOfTicks(st, f.ticks), quantity: f.quantity }));
  }

  /** A full quote in the shared shape with `levels` depth levels per side (default 5). A read. */
  quote(ref: InstrumentArg, levels = 5): Quote {
    const st = this.state(ref);
    const d = this.depth(ref, levels);
    const band = st.prevClose > 0 ? st.prevClose : st.ltp;
    const book = st.book ?? (levels > 0 && st.role !== 'index' && st.role !== 'composite' ? this.readBook(st) : null);
    const totals = book ? [book.total('bid'), book.total('ask')] : [st.shape.levelQuantity * BOOK_LEVELS, st.shape.levelQuantity * BOOK_LEVELS];
    const isIndex = st.role === 'index' || st.role === 'composite';
    return {
      key: st.key,
      ltp: st.ltp,
      open: st.open,
      high: st.high,
      low: st.low,
      close: st.prevClose,
      ltq: st.ltq,
      lttMs: st.volume > 0 || isIndex ? st.lttMs : null,
      atp: st.volume > 0 ? Math.round((st.turnover / st.volume) * 100) / 100 : 0,
      volume: st.volume,
      totalBuyQuantity: isIndex ? 0 : totals[0]!,
      totalSellQuantity: isIndex ? 0 : totals[1]!,
      netChange: Math.round((st.ltp - st.prevClose) * 100) / 100,
      oi: st.oi,
      oiDayHigh: st.oiHigh,
      oiDayLow: st.oiLow,
      lowerCircuit: isIndex ? 0 : roundToTick(band * 0.8, st.tick, 'up'),
      upperCircuit: isIndex ? 0 : roundToTick(band * 1.2, st.tick, 'down'),
      bids: d.bids,
      asks: d.asks,
    };
  }

  /**
   * Open interest at the end of the previous session (at start: the spec's `initialOi`), units; 0
   * for instruments without OI. What the feed's prev-close packet carries (seeds/002 "Prev Close").
   * Throws RangeError for an unknown instrument.
   */
  previousOi(ref: InstrumentArg): number {
    return this.state(ref).prevOi;
  }

  /** Option analytics now (model IV, greeks, theoretical and mark price). Throws for a non-option. */
  optionAnalytics(ref: InstrumentArg): OptionAnalytics {
    const st = this.state(ref);
    if (st.role !== 'option') throw new RangeError(`${st.spec.tradingSymbol} is not an option`);
    return this.analyticsOf(st);
  }

  /** At-the-money volatility of an option's underlying surface for its expiry, fraction per year. */
  atmVolatility(ref: InstrumentArg): number {
    const st = this.state(ref);
    if (st.role !== 'option') throw new RangeError(`${st.spec.tradingSymbol} is not an option`);
    return atmVol(st.surface!, this.yearsToExpiry(st));
  }

  /** Expiry dates (`YYYY-MM-DD`, ascending) of the options on an underlying. */
  expiries(underlying: InstrumentArg): string[] {
    const u = this.state(underlying);
    const set = new Set<string>();
    for (const st of this.states) if (st.role === 'option' && st.underlying === u && st.spec.expiry) set.add(st.spec.expiry);
    return [...set].sort();
  }

  /**
   * The option chain of `underlyingId` for `expiry` in the shared shape: IV in percent, greeks at
   * the current underlying, LTP the last trade (or the mark price before the first trade).
   */
  optionChain(underlying: InstrumentArg, expiry: string): OptionChain {
    const u = this.state(underlying);
    const rows = new Map<number, { call: OptionChainLeg | null; put: OptionChainLeg | null }>();
    for (const st of this.states) {
      if (st.role !== 'option' || st.underlying !== u || st.spec.expiry !== expiry) continue;
      const a = this.analyticsOf(st);
      const top = this.top(st.key);
      const d = this.depth(st.key, 1);
      const leg: OptionChainLeg = {
        securityId: st.key.securityId,
        ltp: st.volume > 0 ? st.ltp : a.markPrice,
        atp: st.volume > 0 ? Math.round((st.turnover / st.volume) * 100) / 100 : null,
        previousClose: st.prevClose,
        iv: a.iv * 100,
        greeks: { delta: a.greeks.delta, gamma: a.greeks.gamma, theta: a.greeks.theta, vega: a.greeks.vega },
        oi: st.oi,
        previousOi: st.prevOi,
        volume: st.volume,
        previousVolume: st.prevVolume,
        bidPrice: Number.isNaN(top.bid) ? 0 : top.bid,
        bidQuantity: d.bids[0]?.quantity ?? 0,
        askPrice: Number.isNaN(top.ask) ? 0 : top.ask,
        askQuantity: d.asks[0]?.quantity ?? 0,
      };
      const k = st.spec.strike ?? 0;
      const row = rows.get(k) ?? { call: null, put: null };
      if (st.spec.optionType === 'PE') row.put = leg;
      else row.call = leg;
      rows.set(k, row);
    }
    return {
      underlying: u.key,
      expiry,
      spot: u.ltp,
      rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([strike, r]) => ({ strike, call: r.call, put: r.put })),
    };
  }

  /**
   * Candles of `interval` with start times in [fromMs, toMs) (epoch ms UTC): seeded history before
   * the model's start, recorded live bars after it, continuous at the seam (the last historical
   * close is the start LTP). Derivatives are derived from their underlying's history.
   */
  candles(ref: InstrumentArg, interval: CandleInterval, fromMs: number, toMs: number): Candle[] {
    const st = this.state(ref);
    return generateCandles({ ...this.historySource(st), interval, fromMs, toMs, live: st.bars });
  }

  /** What an instrument's history is drawn from (candles and the day statistics at its start). */
  private historySource(st: InstState): HistorySource {
    return {
      seed: this.options.seed,
      key: refKey(st.key),
      anchor: this.historyAnchors.get(refKey(st.key))!,
      volatility: st.underlying ? st.underlying.spec.volatility : st.spec.volatility,
      tickSize: st.tick,
      volumeScale: st.role === 'index' || st.role === 'composite' ? 0 : st.tradeLots * st.lot * Math.max(st.tradeRate, 0.2) * 60,
      oi: st.role === 'future' || st.role === 'option' ? { anchor: st.spec.initialOi ?? 0, lot: st.lot } : undefined,
      derive: st.role === 'option' || st.role === 'future' ? this.deriver(st) : null,
    };
  }

  /**
   * For derivatives: maps the underlying's historical price at a time to this contract's price;
   * carries the underlying's live bars (the minutes between its start and this contract's).
   */
  private deriver(st: InstState): NonNullable<HistorySource['derive']> {
    const u = st.underlying!;
    return {
      anchorId: refKey(u.key),
      anchor: this.historyAnchors.get(refKey(u.key))!,
      live: u.bars,
      map: (s, timeMs) => {
        const t = Math.max(0, (st.expiryMs - timeMs) / CALENDAR_YEAR_MS);
        if (st.role === 'future') return s * Math.exp((this.r - u.q) * t);
        const strike = st.spec.strike ?? s;
        const sigma = surfaceVol(st.surface!, s * Math.exp((this.r - u.q) * t), strike, Math.max(t, 1e-6));
        return Math.max(st.tick, bsPrice({ spot: s, strike, t, r: this.r, q: u.q, sigma, type: st.spec.optionType === 'PE' ? 'PUT' : 'CALL' }));
      },
      // the same prices with the instant's discounting and ATM volatility computed once
      ...(st.role === 'option' && st.spec.strike !== null
        ? {
            mapAt: (timeMs: number) => {
              const t = Math.max(0, (st.expiryMs - timeMs) / CALENDAR_YEAR_MS);
              const price = smilePricer(st.surface!, st.spec.strike!, t, this.r, u.q, st.spec.optionType === 'PE' ? 'PUT' : 'CALL');
              return (s: number) => Math.max(st.tick, price(s));
            },
          }
        : {}),
    };
  }
}

/** Builds a market model; throws when an instrument is malformed (bad tick, missing underlying). */
export function createMarketModel(options: MarketModelOptions): MarketModel {
  return new MarketModel(options);
}
