/**
 * Maps one record of a DhanHQ v2 instrument master (compact, detailed or segment-wise CSV) to the
 * shared `Instrument`. This is the one place where Dhan's master columns and their oddities meet
 * the domain type.
 *
 * Source: seeds/002, "Instrument List" (column table) and Annexure ("Exchange Segment",
 * "Instrument"); the oddities come from the real files described in shared/fixtures/README.md:
 * - `SEM_TICK_SIZE`/`TICK_SIZE` is in PAISE on equity, derivative, currency and commodity rows
 *   (HDFCBANK `5.0000` = ₹0.05, USDINR `0.2500` = ₹0.0025) but in RUPEES on index rows
 *   (NIFTY `0.0500` = ₹0.05).
 * - The time part of the expiry varies by segment (14:30, 15:30, 00:00, 20:00): only the date is kept.
 * - Lot sizes are float strings (`65.0`); index/equity rows carry `0001-01-01` or no expiry;
 *   futures carry a negative strike placeholder (`-0.01000`) and option type `XX`.
 * - Expired contracts are still listed: they are kept (see `isExpired` in shared/instruments.ts).
 * - NSE + segment `M` rows are NSE's commodity derivatives (options on commodity futures: GOLD,
 *   SILVERM, CRUDEOIL... with their own security ids, disjoint from MCX's). The annexure has no
 *   exchange segment for them, neither does the official Python client (nor a feed code), so the
 *   API cannot address them: they are skipped, counted under their own reason.
 */
import {
  derivativeNameStem,
  formatStrike,
  isDerivative,
  isIsoDate,
  isOption,
  type Exchange,
  type ExchangeSegment,
  type ExpiryCycle,
  type Instrument,
  type InstrumentType,
  type OptionType,
} from '../../../shared/instruments';
import { snapDecimals } from '../../../shared/price';
import type { DhanMasterColumns } from './instruments-columns';
import { isCurrencySegment, SEGMENT_CODE } from './segments';

/** Skip reasons, worded for a log line or a status message. */
export const SKIP = {
  fieldCount: 'wrong number of fields',
  nseCommodity: 'NSE commodity derivatives (NSE/M): no DhanHQ v2 exchange segment',
  segment: 'unknown exchange or segment',
  securityId: 'bad security id',
  duplicate: 'duplicate security id in its segment',
  instrument: 'unknown instrument type',
  typeSegment: 'instrument type does not belong to its segment',
  tradingSymbol: 'no trading symbol',
  underlying: 'no underlying symbol',
  lotSize: 'bad lot size',
  tickSize: 'bad tick size',
  tickTooFine: 'tick size below the segment minimum (a paise/rupee unit error?)',
  expiry: 'bad or missing expiry date',
  strike: 'bad strike price',
  optionType: 'bad option type',
  outsideSegment: 'row outside the requested segment',
  csvQuotes: 'CSV quoting error (a quote not closed or stray; later lines may be swallowed into it)',
} as const;

/** Repairs applied to rows that are kept, worded for a log line. */
export const ADJUST = {
  indexTick: 'index tick size 0 or missing: set to ₹0.01',
} as const;

/** The annexure instrument type named by `s` (as an interned literal), or null. */
function instrumentTypeOf(s: string): InstrumentType | null {
  switch (s) {
    case 'OPTIDX':
      return 'OPTIDX';
    case 'OPTSTK':
      return 'OPTSTK';
    case 'OPTFUT':
      return 'OPTFUT';
    case 'OPTCUR':
      return 'OPTCUR';
    case 'FUTIDX':
      return 'FUTIDX';
    case 'FUTSTK':
      return 'FUTSTK';
    case 'FUTCOM':
      return 'FUTCOM';
    case 'FUTCUR':
      return 'FUTCUR';
    case 'EQUITY':
      return 'EQUITY';
    case 'INDEX':
      return 'INDEX';
    default:
      return null;
  }
}

const TYPE_BIT: Readonly<Record<InstrumentType, number>> = {
  INDEX: 1,
  EQUITY: 2,
  FUTIDX: 4,
  OPTIDX: 8,
  FUTSTK: 16,
  OPTSTK: 32,
  FUTCOM: 64,
  OPTFUT: 128,
  FUTCUR: 256,
  OPTCUR: 512,
};

/** Which instrument types each segment lists (annexure: Exchange Segment x Instrument), as TYPE_BIT masks. */
const TYPES_OF_SEGMENT: Readonly<Record<ExchangeSegment, number>> = {
  IDX_I: TYPE_BIT.INDEX,
  NSE_EQ: TYPE_BIT.EQUITY,
  BSE_EQ: TYPE_BIT.EQUITY,
  NSE_FNO: TYPE_BIT.FUTIDX | TYPE_BIT.OPTIDX | TYPE_BIT.FUTSTK | TYPE_BIT.OPTSTK,
  BSE_FNO: TYPE_BIT.FUTIDX | TYPE_BIT.OPTIDX | TYPE_BIT.FUTSTK | TYPE_BIT.OPTSTK,
  NSE_CURRENCY: TYPE_BIT.FUTCUR | TYPE_BIT.OPTCUR,
  BSE_CURRENCY: TYPE_BIT.FUTCUR | TYPE_BIT.OPTCUR,
  // MCX lists index futures/options (MCXBULLDEX...) beside commodity futures and options on them.
  MCX_COMM: TYPE_BIT.FUTCOM | TYPE_BIT.OPTFUT | TYPE_BIT.FUTIDX | TYPE_BIT.OPTIDX,
};

/** The exchange of each segment (IDX_I has two: its rows keep the one the master gives). */
const EXCHANGE_OF: Readonly<Record<ExchangeSegment, Exchange | undefined>> = {
  IDX_I: undefined,
  NSE_EQ: 'NSE',
  NSE_FNO: 'NSE',
  NSE_CURRENCY: 'NSE',
  BSE_EQ: 'BSE',
  BSE_FNO: 'BSE',
  BSE_CURRENCY: 'BSE',
  MCX_COMM: 'MCX',
};

/**
 * Dhan segment of a master row's (exchange, segment letter); the string `nse-commodity` for NSE/M,
 * null when unknown. Source: seeds/002 column table (C currency, D derivatives, E equity,
 * M commodity; I index, as the files show) and Annexure "Exchange Segment".
 */
export function dhanSegmentOf(exch: string, seg: string): ExchangeSegment | 'nse-commodity' | null {
  switch (seg) {
    case 'E':
      return exch === 'NSE' ? 'NSE_EQ' : exch === 'BSE' ? 'BSE_EQ' : null;
    case 'D':
      return exch === 'NSE' ? 'NSE_FNO' : exch === 'BSE' ? 'BSE_FNO' : null;
    case 'C':
      return exch === 'NSE' ? 'NSE_CURRENCY' : exch === 'BSE' ? 'BSE_CURRENCY' : null;
    case 'M':
      return exch === 'MCX' ? 'MCX_COMM' : exch === 'NSE' ? 'nse-commodity' : null;
    case 'I':
      return exch === 'NSE' || exch === 'BSE' ? 'IDX_I' : null;
    default:
      return null;
  }
}

function expiryCycleOf(flag: string): ExpiryCycle | null {
  switch (flag) {
    case 'W':
      return 'WEEKLY';
    case 'M':
      return 'MONTHLY';
    case 'Q':
      return 'QUARTERLY';
    case 'H':
      return 'HALF_YEARLY';
    default:
      return null;
  }
}

/**
 * A decimal number as the masters write it (`65.0`, `-0.01000`, `5`, and E-notation such as the
 * lot size `1.0E7` of some BSE debt rows); NaN for anything else (empty, `abc`, `0x10`, `Infinity`).
 */
export function parseDecimal(s: string): number {
  // Fast path for the common shape [-]digits[.digits], exact: the digits as one integer (< 2^53)
  // divided by a power of ten is the correctly rounded double, the same as Number(s).
  const n = s.length;
  let i = 0;
  let neg = false;
  if (n > 0 && s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let v = 0;
  let scale = 1;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
      if (dot) scale *= 10;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i === n && digits > 0 && digits <= 15) return (neg ? -v : v) / scale;
  return parseDecimalSlow(s);
}

/** Everything else the fast path leaves: E-notation, surrounding spaces, long digit strings. */
function parseDecimalSlow(s: string): number {
  const t = s.trim();
  const c = t.charCodeAt(0);
  // First character must be a digit, '-' or '.'; this rules out '', 'NA', 'Infinity'.
  if (!((c >= 48 && c <= 57) || c === 45 || c === 46)) return NaN;
  if (t.length > 1 && (t.charCodeAt(1) | 32) === 120) return NaN; // 0x / 0X
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Value of a security id written as 1 to 10 decimal digits and at most 2^32 - 1 (the feed's u32); -1 otherwise. */
function securityIdValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 10) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v <= 0xffff_ffff ? v : -1;
}

/**
 * A set of security ids for one segment: a bitmap for ids below 2^24 (2 MB at most, grown on
 * demand; real ids are below 2 million), a Set above.
 */
class IdSet {
  private bits = new Uint8Array(1 << 14);
  private big: Set<number> | null = null;

  /** Adds `id`; false when it was already there. */
  add(id: number): boolean {
    if (id >= 1 << 24) {
      this.big ??= new Set();
      if (this.big.has(id)) return false;
      this.big.add(id);
      return true;
    }
    const byte = id >>> 3;
    if (byte >= this.bits.length) {
      let size = this.bits.length;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (id & 7);
    if ((this.bits[byte]! & mask) !== 0) return false;
    this.bits[byte]! |= mask;
    return true;
  }
}

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/**
 * Underlying symbol read from a Dhan derivative trading symbol: the part before the date (and the
 * strike and CE/PE for options): `NIFTY-Mar2026-31250-CE` → `NIFTY`, `BAJAJ-AUTO-Feb2026-FUT` →
 * `BAJAJ-AUTO`, `KAPAS-27Feb2026-FUT` → `KAPAS`. Empty string when the shape does not fit.
 */
export function underlyingOfTradingSymbol(ts: string, option: boolean): string {
  let end = ts.length;
  for (let k = option ? 3 : 2; k > 0; k--) {
    do end--;
    while (end > 0 && ts.charCodeAt(end) !== 45);
    if (end <= 0) return '';
  }
  // The part after `end` must be the date: optional day digits, a month like `Mar`, a 4-digit year.
  const stop = ts.indexOf('-', end + 1);
  const n = stop - end - 1;
  if (n < 7 || n > 9) return '';
  const m = stop - 7; // month's first letter
  for (let i = end + 1; i < m; i++) if (!isDigitAt(ts, i)) return '';
  if (!isUpperAt(ts, m) || !isLowerAt(ts, m + 1) || !isLowerAt(ts, m + 2)) return '';
  for (let i = m + 3; i < stop; i++) if (!isDigitAt(ts, i)) return '';
  return ts.slice(0, end);
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isUpperAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 65 && c <= 90;
}

function isLowerAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 97 && c <= 122;
}

/**
 * Field `i` of `row` without surrounding whitespace, '' when the column is absent. A field that
 * starts and ends with a printable ASCII character (nearly every one) is returned as it is, without
 * a call to `String.prototype.trim` (twelve calls a row on 273k rows).
 */
function trimmedField(row: readonly string[], i: number): string {
  if (i < 0) return '';
  const s = row[i];
  if (s === undefined) return '';
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? s : s.trim();
}

/** Counts of what the mapper dropped or repaired, by reason, with the first data-row number seen. */
export interface MapStats {
  readonly reasons: Record<string, number>;
  readonly firstRow: Record<string, number>;
  readonly adjusted: Record<string, number>;
  skipped: number;
}

/** Counts one skipped row under `reason`, remembering the first row number seen for it. */
export function countSkip(stats: MapStats, reason: string, rowNo: number): void {
  stats.skipped++;
  const n = stats.reasons[reason];
  if (n === undefined) {
    stats.reasons[reason] = 1;
    stats.firstRow[reason] = rowNo;
  } else stats.reasons[reason] = n + 1;
}

/** A fresh, empty {@link MapStats}. */
export function newMapStats(): MapStats {
  return { reasons: {}, firstRow: {}, adjusted: {}, skipped: 0 };
}

/**
 * A string pool: returns one shared string per distinct value. Rows come grouped, so the last
 * value is compared before the pool is looked up.
 */
function interner(): (s: string) => string {
  const pool = new Map<string, string>();
  let lastIn = '';
  let lastOut = '';
  return (s) => {
    if (s === lastIn) return lastOut;
    let hit = pool.get(s);
    if (hit === undefined) pool.set(s, (hit = s));
    lastIn = s;
    lastOut = hit;
    return hit;
  };
}

/** Options of {@link createRowMapper}. */
export interface RowMapperOptions {
  /** Keep only rows of this segment (segment-wise endpoint); others are skipped with a reason. */
  readonly onlySegment?: ExchangeSegment;
  /** Year of "today" in IST: derivative display names show the year of expiries in other years. */
  readonly referenceYear?: number;
}

/**
 * Builds the record → `Instrument` mapper for one file. The returned function maps the record
 * `row` (fields as strings, `rowNo` its 1-based data-row number) and returns the instrument, or
 * null after counting the reason in `stats`. Never throws on bad data.
 */
export function createRowMapper(
  cols: DhanMasterColumns,
  stats: MapStats,
  options: RowMapperOptions = {},
): (row: readonly string[], rowNo: number) => Instrument | null {
  const compact = cols.format === 'compact';
  const seen = new Map<ExchangeSegment, IdSet>();
  // Few distinct values repeat on 100k+ rows (underlyings, expiry dates, series): keep one string
  // of each, so the instruments hold shared strings (less memory, less GC on 273k rows).
  const internUnderlying = interner();
  const internSeries = interner();
  const internDate = interner();
  let stemUnderlying = '';
  let stemExpiry = '';
  let stemWithDay = false;
  let stem = '';
  const ceTails = new Map<number, string>();
  const peTails = new Map<number, string>();
  const expiries = new Map<string, string>();
  let lastExpiryRaw: string | null = null; // null: nothing cached yet ('' is a value: no expiry)
  let lastExpiry = '';
  const { onlySegment, referenceYear } = options;

  const skip = (reason: string, rowNo: number): null => {
    countSkip(stats, reason, rowNo);
    return null;
  };
  const at = (row: readonly string[], i: number): string => (i < 0 ? '' : (row[i] ?? ''));
  const fieldAt = trimmedField;

  return (row, rowNo) => {
    if (row.length !== cols.width) return skip(SKIP.fieldCount, rowNo);

    const exch = fieldAt(row, cols.exchId);
    const seg = dhanSegmentOf(exch, fieldAt(row, cols.segment));
    if (seg === 'nse-commodity') return skip(SKIP.nseCommodity, rowNo);
    if (seg === null) return skip(SKIP.segment, rowNo);
    if (onlySegment !== undefined && seg !== onlySegment) return skip(SKIP.outsideSegment, rowNo);

    let securityId = fieldAt(row, cols.securityId);
    const securityIdNum = securityIdValue(securityId);
    if (securityIdNum < 0) return skip(SKIP.securityId, rowNo);
    // One spelling per id (`01333` → `1333`), so keys match the feed's numeric ids.
    if (securityId.length > 1 && securityId.charCodeAt(0) === 48) securityId = String(securityIdNum);

    const instrumentType = instrumentTypeOf(fieldAt(row, cols.instrument));
    if (instrumentType === null) return skip(SKIP.instrument, rowNo);
    if ((TYPES_OF_SEGMENT[seg] & TYPE_BIT[instrumentType]) === 0) return skip(SKIP.typeSegment, rowNo);
    const derivative = isDerivative(instrumentType);
    const option = isOption(instrumentType);

    // Lot size: a float string; must be a whole number of units.
    const lotSize = parseDecimal(at(row, cols.lotSize));
    if (!(lotSize >= 1) || !Number.isInteger(lotSize)) return skip(SKIP.lotSize, rowNo);

    // Tick size: paise except on index rows (rupees). Below one paisa (₹0.0001 in currency
    // segments) would be a unit error: such rows are refused rather than traded on a x100 grid.
    const currency = isCurrencySegment(SEGMENT_CODE[seg]);
    const tickField = at(row, cols.tickSize);
    let tickSize: number;
    if (instrumentType === 'INDEX') {
      const tickRaw = tickField.trim() === '' ? 0 : parseDecimal(tickField);
      if (Number.isNaN(tickRaw) || tickRaw < 0) return skip(SKIP.tickSize, rowNo);
      if (tickRaw === 0) {
        stats.adjusted[ADJUST.indexTick] = (stats.adjusted[ADJUST.indexTick] ?? 0) + 1;
        tickSize = 0.01;
      } else tickSize = snapDecimals(tickRaw, 4);
    } else {
      const tickRaw = parseDecimal(tickField);
      if (!(tickRaw > 0)) return skip(SKIP.tickSize, rowNo);
      tickSize = snapDecimals(tickRaw / 100, 4);
    }
    if (tickSize < (currency ? 0.0001 : 0.01)) return skip(SKIP.tickTooFine, rowNo);

    let expiry: string | null = null;
    let strike: number | null = null;
    let optionType: OptionType | null = null;
    if (derivative) {
      // Dates repeat across thousands of rows: validate and cut each distinct raw value once.
      const raw = at(row, cols.expiryDate);
      if (raw === lastExpiryRaw) expiry = lastExpiry;
      else {
        let date = expiries.get(raw);
        if (date === undefined) {
          date = raw.trim().slice(0, 10);
          if (!isIsoDate(date)) return skip(SKIP.expiry, rowNo);
          date = internDate(date);
          expiries.set(raw, date);
        }
        lastExpiryRaw = raw;
        lastExpiry = expiry = date;
      }
      if (option) {
        const ot = fieldAt(row, cols.optionType);
        if (ot === 'CE') optionType = 'CE';
        else if (ot === 'PE') optionType = 'PE';
        else return skip(SKIP.optionType, rowNo);
        // Snapped first: a strike that rounds to 0 (say 0.001) is as bad as a missing one.
        strike = snapDecimals(parseDecimal(at(row, cols.strikePrice)), currency ? 4 : 2);
        if (!(strike > 0)) return skip(SKIP.strike, rowNo);
      }
    }

    // Symbols. Compact: SEM_TRADING_SYMBOL, underlying read from it. Detailed: cash and index rows
    // carry the trading symbol in UNDERLYING_SYMBOL and the long name in SYMBOL_NAME; F&O rows
    // carry the trading symbol (NIFTY-Sep2026-29150-CE) in SYMBOL_NAME.
    // SYMBOL_NAME / SM_SYMBOL_NAME: read where used (compact derivatives never use it).
    const symbolName = compact && derivative ? '' : fieldAt(row, cols.symbolName);
    let tradingSymbol: string;
    let underlying: string;
    if (compact) {
      tradingSymbol = fieldAt(row, cols.tradingSymbol);
      underlying = derivative ? underlyingOfTradingSymbol(tradingSymbol, option) : tradingSymbol;
      if (underlying === '' && derivative) {
        // Fall back on the display name's first word (`NIFTY 30 MAR 31250 CALL`).
        const disp = fieldAt(row, cols.displayName);
        const sp = disp.indexOf(' ');
        underlying = sp > 0 ? disp.slice(0, sp) : '';
      }
    } else {
      const us = fieldAt(row, cols.underlyingSymbol);
      tradingSymbol = derivative ? symbolName : us !== '' ? us : symbolName;
      underlying = derivative ? (us !== '' ? us : underlyingOfTradingSymbol(symbolName, option)) : tradingSymbol;
    }
    if (tradingSymbol === '') return skip(SKIP.tradingSymbol, rowNo);
    if (underlying === '') return skip(SKIP.underlying, rowNo);
    if (derivative) underlying = internUnderlying(underlying);

    // Duplicates (same security id twice in one segment): the first row wins.
    let ids = seen.get(seg);
    if (ids === undefined) seen.set(seg, (ids = new IdSet()));
    if (!ids.add(securityIdNum)) return skip(SKIP.duplicate, rowNo);

    const expiryCycle = derivative ? expiryCycleOf(fieldAt(row, cols.expiryFlag)) : null;
    const seriesRaw = fieldAt(row, cols.series);
    const series = instrumentType === 'INDEX' || seriesRaw === '' || seriesRaw === 'NA' ? null : internSeries(seriesRaw);
    const isinRaw = fieldAt(row, cols.isin);
    const usid = fieldAt(row, cols.underlyingSecurityId);
    const freeze = cols.freezeQty < 0 ? NaN : parseDecimal(at(row, cols.freezeQty));

    let displayName: string;
    let name: string | null;
    if (derivative) {
      // Same as formatDerivativeName (shared/instruments.ts), with the stem (`NIFTY 30 MAR`) shared
      // by consecutive rows of one underlying and expiry.
      const withDay = option || expiryCycle === 'WEEKLY';
      if (underlying !== stemUnderlying || expiry !== stemExpiry || withDay !== stemWithDay) {
        stemUnderlying = underlying;
        stemExpiry = expiry!;
        stemWithDay = withDay;
        stem = derivativeNameStem(underlying, expiry!, withDay, referenceYear);
      }
      if (option) {
        // The tail (` 31250 CE`) repeats across expiries and underlyings: one string per strike and side.
        const tails = optionType === 'CE' ? ceTails : peTails;
        let tail = tails.get(strike!);
        if (tail === undefined) tails.set(strike!, (tail = ' ' + formatStrike(strike!) + ' ' + optionType));
        displayName = stem + tail;
      } else displayName = stem + ' FUT';
      name = null;
    } else {
      const disp = fieldAt(row, cols.displayName);
      displayName = disp !== '' ? disp : tradingSymbol;
      name = symbolName !== '' ? symbolName : null;
    }

    return {
      exchange: EXCHANGE_OF[seg] ?? (exch === 'BSE' ? 'BSE' : 'NSE'),
      segment: seg,
      securityId,
      securityIdNum,
      tradingSymbol,
      underlying,
      underlyingSecurityId: securityIdValue(usid) >= 0 ? usid : null,
      displayName,
      name,
      instrumentType,
      series,
      lotSize,
      tickSize,
      expiry,
      expiryCycle,
      strike,
      optionType,
      isin: isinRaw.length === 12 && ISIN.test(isinRaw) ? isinRaw : null,
      freezeQuantity: freeze >= 1 && Number.isInteger(freeze) ? freeze : null,
    };
  };
}
