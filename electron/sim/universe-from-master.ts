/**
 * Builds the simulated exchange's universe from a Dhan instrument master (compact or detailed CSV,
 * gzip or not), so that every instrument in it is quotable and tradable on the sim.
 *
 * Source: issue 4, "Universe" (any Dhan master passed with `--instruments`); seeds/002 "Instrument
 * List" (columns, parsed by electron/brokers/dhan/instruments.ts); fixtures/README.md (the compact
 * master carries no underlying security id, so underlyings are found by symbol here).
 *
 * Rules (all deterministic; no randomness beyond a hash of the symbol):
 * - Underlyings. Index derivatives → the IDX_I row of the same symbol (aliases below for names that
 *   differ, e.g. NIFTYNXT50 → "NIFTY NEXT 50"); stock derivatives → the cash row (BSE_EQ for BSE
 *   F&O when present, else NSE_EQ). Derivatives whose underlying is not in the file (commodities,
 *   currencies, a stock missing from the cash segment) get ONE synthetic spot per (segment,
 *   symbol): an IDX_I `INDEX` row named `<SYMBOL> SPOT`, id 2,000,000,000 + n, quotable, not
 *   tradable (IDX_I because the model looks underlyings up in IDX_I, NSE_EQ and BSE_EQ only, in an
 *   order that depends on the derivative: market-model.ts `underlyingOf`). A BSE stock derivative
 *   links to its BSE_EQ row only when NSE_EQ has no row with the same id (the model would take
 *   that one first).
 * - Starting prices. An underlying with options starts at the median strike of its options (listed
 *   strikes sit around the money, so this lands near the real level of the file's date); otherwise
 *   a few well-known indices use a fixed level, and the rest a log-uniform price from a hash of the
 *   symbol (stocks ₹30…₹3,000, indices 1,000…60,000, commodities 100…10,000, currencies 1…150).
 *   Futures and options start wherever the model's carry / Black-Scholes puts them off that price.
 * - Volatility by kind: index 14 %, stock 20…40 % (hash), commodity 25 %, currency 6 %, VIX 80 %.
 * - Security ids are unique per segment only (4,428 ids repeat across segments in the 2026-02
 *   master); the model keys instruments by segment and id, so ids are kept as they are.
 * - "As of" time: when the file's NSE F&O contracts have all expired before `nowMs` (an old file),
 *   the universe starts on the trading day before the earliest NSE F&O expiry at the current IST
 *   time of day, so its derivatives are alive; otherwise at `nowMs`.
 */

import type { Instrument } from '../../shared/instruments';
import { readDhanMaster } from '../brokers/dhan/instruments';
import { istDay, istMidnightMs, istTimeMs, previousTradingDay, DAY_MS } from './market-hours';
import { hashString } from './rng';
import type { SimInstrumentSpec } from './sim-instrument';

/** First id of the synthetic spot rows (fits the feed's u32 security id). */
export const SYNTHETIC_ID_BASE = 2_000_000_000;

/** The universe and what was done to build it. */
export interface MasterUniverse {
  /** Instruments for `createSimExchange`, underlyings first. */
  readonly instruments: readonly SimInstrumentSpec[];
  /** Simulated start time, epoch ms UTC (see "As of" in the file comment). */
  readonly startTimeMs: number;
  /** Rows taken from the master. */
  readonly fromMaster: number;
  /** Synthetic spot rows added for derivatives without an underlying in the file. */
  readonly synthetic: number;
  /** Security ids that another segment of the file also uses. */
  readonly sharedIds: number;
}

/** Options of `universeFromInstruments`. */
export interface MasterUniverseOptions {
  /** Wall-clock now, epoch ms UTC (default Date.now()). */
  readonly nowMs?: number;
}

/** Index symbols of the derivatives' `underlying` column → the IDX_I trading symbol. */
const INDEX_ALIASES: Readonly<Record<string, string>> = {
  NIFTYNXT50: 'NIFTY NEXT 50',
  SENSEX50: 'SNSX50',
};

/** Levels of a few indices without options in a file (rupees, late 2025). */
const INDEX_LEVELS: Readonly<Record<string, number>> = {
  NIFTY: 25_900,
  BANKNIFTY: 58_000,
  FINNIFTY: 27_500,
  MIDCPNIFTY: 13_500,
  'NIFTY NEXT 50': 68_000,
  SENSEX: 84_500,
  BANKEX: 64_000,
  'INDIA VIX': 13,
};

const isOption = (t: string) => t === 'OPTIDX' || t === 'OPTSTK' || t === 'OPTFUT' || t === 'OPTCUR';
const isFuture = (t: string) => t === 'FUTIDX' || t === 'FUTSTK' || t === 'FUTCOM' || t === 'FUTCUR';

function hashUnit(text: string): number {
  return hashString(text) / 4_294_967_296;
}

function logUniform(text: string, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + hashUnit(text) * (Math.log(hi) - Math.log(lo)));
}

function snapUp(price: number, tick: number): number {
  const n = Math.max(1, Math.round(price / tick));
  return Number((n * tick).toFixed(4));
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

function familyOf(segment: string): 'commodity' | 'currency' | 'other' {
  if (segment === 'MCX_COMM') return 'commodity';
  if (segment === 'NSE_CURRENCY' || segment === 'BSE_CURRENCY') return 'currency';
  return 'other';
}

/**
 * Builds the universe from parsed master rows (see the file comment for every rule). Runs in
 * O(rows); the 2026-02 compact master (228k instruments kept) takes well under a second.
 */
export function universeFromInstruments(rows: readonly Instrument[], options: MasterUniverseOptions = {}): MasterUniverse {
  const nowMs = options.nowMs ?? Date.now();
  const segmentsOfId = new Map<string, string>();
  const shared = new Set<string>();
  const nseEqIds = new Set<string>();
  for (const r of rows) {
    const s = segmentsOfId.get(r.securityId);
    if (s === undefined) segmentsOfId.set(r.securityId, r.segment);
    else if (s !== r.segment) shared.add(r.securityId);
    if (r.segment === 'NSE_EQ') nseEqIds.add(r.securityId);
  }
  const keyOf = (r: { segment: string; securityId: string }): string => `${r.segment}:${r.securityId}`;

  const indexBySymbol = new Map<string, Instrument>();
  const cashBySymbol = new Map<string, Instrument>();
  for (const r of rows) {
    if (r.instrumentType === 'INDEX') {
      const k = `${r.exchange}:${r.tradingSymbol.toUpperCase()}`;
      if (!indexBySymbol.has(k)) indexBySymbol.set(k, r);
    } else if (r.instrumentType === 'EQUITY') {
      const k = `${r.segment}:${r.tradingSymbol.toUpperCase()}`;
      if (!cashBySymbol.has(k)) cashBySymbol.set(k, r);
    }
  }

  // underlying of every derivative: a master row, or a synthetic spot
  const synthetic = new Map<string, SimInstrumentSpec>();
  const underlyingKey = new Map<Instrument, string>();
  const strikesOf = new Map<string, number[]>();
  const findUnderlying = (r: Instrument): string => {
    const sym = r.underlying.toUpperCase();
    if (r.instrumentType === 'FUTIDX' || r.instrumentType === 'OPTIDX') {
      const name = INDEX_ALIASES[sym] ?? sym;
      const idx = indexBySymbol.get(`${r.exchange}:${name}`) ?? indexBySymbol.get(`NSE:${name}`) ?? indexBySymbol.get(`BSE:${name}`);
      if (idx) return keyOf(idx);
    } else if (r.instrumentType === 'FUTSTK' || r.instrumentType === 'OPTSTK') {
      const nse = cashBySymbol.get(`NSE_EQ:${sym}`);
      if (nse) return keyOf(nse);
      const bse = cashBySymbol.get(`BSE_EQ:${sym}`);
      if (bse && !nseEqIds.has(bse.securityId)) return keyOf(bse);
    }
    const sk = `${r.segment}:${sym}`;
    let spot = synthetic.get(sk);
    if (!spot) {
      const id = String(SYNTHETIC_ID_BASE + synthetic.size);
      spot = {
        segment: 'IDX_I',
        securityId: id,
        tradingSymbol: `${sym} SPOT`,
        instrumentType: 'INDEX',
        lotSize: 1,
        tickSize: r.tickSize,
        expiry: null,
        strike: null,
        optionType: null,
        underlyingSecurityId: null,
        initialPrice: 0,
        volatility: 0,
      };
      synthetic.set(sk, spot);
    }
    return keyOf(spot);
  };
  for (const r of rows) {
    if (!isOption(r.instrumentType) && !isFuture(r.instrumentType)) continue;
    const u = findUnderlying(r);
    underlyingKey.set(r, u);
    if (isOption(r.instrumentType) && r.strike !== null && r.strike > 0) {
      const list = strikesOf.get(u) ?? [];
      list.push(r.strike);
      strikesOf.set(u, list);
    }
  }

  const priceOf = (key: string, symbol: string, kind: 'index' | 'stock' | 'commodity' | 'currency', tick: number): number => {
    const strikes = strikesOf.get(key);
    if (strikes && strikes.length > 0) return snapUp(median(strikes), tick);
    const level = INDEX_LEVELS[symbol.toUpperCase()];
    if (kind === 'index' && level !== undefined) return level;
    const [lo, hi] = kind === 'stock' ? [30, 3000] : kind === 'index' ? [1000, 60_000] : kind === 'commodity' ? [100, 10_000] : [1, 150];
    return snapUp(logUniform(`${key}|${symbol}`, lo, hi), tick);
  };
  const volOf = (symbol: string, kind: 'index' | 'stock' | 'commodity' | 'currency'): number => {
    if (symbol.toUpperCase() === 'INDIA VIX') return 0.8;
    if (kind === 'index') return 0.14;
    if (kind === 'commodity') return 0.25;
    if (kind === 'currency') return 0.06;
    return Math.round((0.2 + 0.2 * hashUnit(symbol)) * 100) / 100;
  };

  const underlyings: SimInstrumentSpec[] = [];
  const derivatives: SimInstrumentSpec[] = [];
  const priceByKey = new Map<string, number>();
  for (const r of rows) {
    if (isOption(r.instrumentType) || isFuture(r.instrumentType)) continue;
    const key = keyOf(r);
    const fam = familyOf(r.segment);
    const kind = r.instrumentType === 'INDEX' ? 'index' : fam === 'other' ? 'stock' : fam;
    const initialPrice = priceOf(key, r.tradingSymbol, kind, r.tickSize);
    priceByKey.set(key, initialPrice);
    underlyings.push({
      segment: r.segment,
      securityId: r.securityId,
      tradingSymbol: r.tradingSymbol,
      instrumentType: r.instrumentType,
      lotSize: r.lotSize,
      tickSize: r.tickSize,
      expiry: null,
      strike: null,
      optionType: null,
      underlyingSecurityId: null,
      initialPrice,
      volatility: volOf(r.tradingSymbol, kind),
    });
  }
  for (const [sk, s] of synthetic) {
    const fam = familyOf(sk.slice(0, sk.indexOf(':')));
    const kind = fam === 'other' ? 'index' : fam;
    const symbol = s.tradingSymbol.replace(/ SPOT$/, '');
    const initialPrice = priceOf(keyOf(s), symbol, kind, s.tickSize);
    priceByKey.set(keyOf(s), initialPrice);
    underlyings.push({ ...s, initialPrice, volatility: volOf(symbol, kind) });
  }
  for (const r of rows) {
    if (!isOption(r.instrumentType) && !isFuture(r.instrumentType)) continue;
    const u = underlyingKey.get(r)!;
    const up = priceByKey.get(u) ?? 100;
    const fam = familyOf(r.segment);
    derivatives.push({
      segment: r.segment,
      securityId: r.securityId,
      tradingSymbol: r.tradingSymbol,
      instrumentType: r.instrumentType,
      lotSize: r.lotSize,
      tickSize: r.tickSize,
      expiry: r.expiry,
      strike: r.strike,
      optionType: r.optionType,
      underlyingSecurityId: u.slice(u.indexOf(':') + 1),
      initialPrice: up,
      volatility: fam === 'commodity' ? 0.25 : fam === 'currency' ? 0.06 : 0.14,
      initialOi: r.lotSize * (200 + Math.floor(hashUnit(`${r.segment}:${r.securityId}|oi`) * 5000)),
    });
  }
  return {
    instruments: [...underlyings, ...derivatives],
    startTimeMs: asOfTime(rows, nowMs),
    fromMaster: rows.length,
    synthetic: synthetic.size,
    sharedIds: shared.size,
  };
}

/** Start time: `nowMs`, or the trading day before the earliest NSE F&O expiry when all are past. */
function asOfTime(rows: readonly Instrument[], nowMs: number): number {
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const r of rows) {
    if (r.segment !== 'NSE_FNO' || r.expiry === null) continue;
    if (earliest === null || r.expiry < earliest) earliest = r.expiry;
    if (latest === null || r.expiry > latest) latest = r.expiry;
  }
  if (earliest === null) return nowMs;
  const [y, m, d] = earliest.split('-').map(Number) as [number, number, number];
  const expiryDay = Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
  if (expiryDay >= istDay(nowMs)) return nowMs;
  const day = previousTradingDay(expiryDay);
  const timeOfDay = nowMs - istMidnightMs(istDay(nowMs));
  return istTimeMs(day, 0) + timeOfDay;
}

/**
 * Reads a master file (`.csv` or `.csv.gz`, compact or detailed) and builds the universe. Rejects
 * with an Error naming the file when it cannot be read or is not a Dhan master.
 */
export async function loadMasterUniverse(path: string, options: MasterUniverseOptions = {}): Promise<MasterUniverse> {
  const parsed = await readDhanMaster(path);
  if (!parsed.ok) throw new Error(`--instruments ${path}: ${parsed.error.message}`);
  return universeFromInstruments(parsed.value.instruments, options);
}
