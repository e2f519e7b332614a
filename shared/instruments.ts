/**
 * The broker-neutral instrument model: one tradable (or watch-only) contract as the workstation
 * sees it, whatever master it came from (Dhan compact/detailed CSV, Kite instruments dump).
 *
 * Vocabulary: exchange segments use the DhanHQ v2 annexure names (seeds/002, Annexure, "Exchange
 * Segment"), instrument types the annexure's "Instrument" list. Kite's NFO/BFO/CDS/BCD/MCX map onto
 * them in its own adapter. Prices are rupees (snapped: 2 decimals, 4 for currency segments), dates
 * are IST calendar dates written `YYYY-MM-DD`.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */

/** Exchanges the workstation trades on. */
export type Exchange = 'NSE' | 'BSE' | 'MCX';

/**
 * Exchange segment, named as in the DhanHQ v2 annexure (seeds/002, "Exchange Segment"). The same
 * union as `DhanSegment` in electron/brokers/dhan/segments.ts; kept here so that shared/ and the
 * renderer can name segments without importing electron/.
 */
export type ExchangeSegment =
  | 'IDX_I'
  | 'NSE_EQ'
  | 'NSE_FNO'
  | 'NSE_CURRENCY'
  | 'BSE_EQ'
  | 'MCX_COMM'
  | 'BSE_CURRENCY'
  | 'BSE_FNO';

/** Every exchange segment, in the annexure's order. */
export const EXCHANGE_SEGMENTS: readonly ExchangeSegment[] = [
  'IDX_I',
  'NSE_EQ',
  'NSE_FNO',
  'NSE_CURRENCY',
  'BSE_EQ',
  'MCX_COMM',
  'BSE_CURRENCY',
  'BSE_FNO',
];

/**
 * Instrument type (seeds/002, Annexure, "Instrument"): INDEX, EQUITY, futures and options of an
 * index (FUTIDX/OPTIDX), of a stock (FUTSTK/OPTSTK), of a commodity (FUTCOM, and OPTFUT = options
 * on commodity futures) and of a currency pair (FUTCUR/OPTCUR).
 */
export type InstrumentType =
  | 'INDEX'
  | 'EQUITY'
  | 'FUTIDX'
  | 'OPTIDX'
  | 'FUTSTK'
  | 'OPTSTK'
  | 'FUTCOM'
  | 'OPTFUT'
  | 'FUTCUR'
  | 'OPTCUR';

/** Every instrument type, in the annexure's order. */
export const INSTRUMENT_TYPES: readonly InstrumentType[] = [
  'INDEX',
  'FUTIDX',
  'OPTIDX',
  'EQUITY',
  'FUTSTK',
  'OPTSTK',
  'FUTCOM',
  'OPTFUT',
  'FUTCUR',
  'OPTCUR',
];

/** Option type: call (CE) or put (PE). */
export type OptionType = 'CE' | 'PE';

/** How often a contract series expires (Dhan `EXPIRY_FLAG` W, M, Q, H). */
export type ExpiryCycle = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY';

/**
 * One instrument. Immutable; one object per (segment, security id).
 *
 * Units: `tickSize` and `strike` are rupees (never paise), `lotSize` and `freezeQuantity` are units
 * of the underlying (shares, or lots for MCX where Dhan's lot is 1), `expiry` is the IST calendar
 * date of expiry (the exchange's expiry time is dropped).
 */
export interface Instrument {
  /** NSE, BSE or MCX. Index rows carry the exchange that publishes the index. */
  readonly exchange: Exchange;
  /** Segment to address the instrument with (orders, quotes, feed subscriptions). */
  readonly segment: ExchangeSegment;
  /** Security id exactly as on the wire (a decimal string, e.g. `"1333"`). Unique per segment only. */
  readonly securityId: string;
  /** The same security id as a number (the binary feed's u32). */
  readonly securityIdNum: number;
  /** The exchange trading symbol as the master writes it: `HDFCBANK`, `NIFTY-Mar2026-31250-CE`. */
  readonly tradingSymbol: string;
  /** Underlying symbol: `NIFTY` for NIFTY options; for cash and index rows the trading symbol itself. */
  readonly underlying: string;
  /** Security id of the underlying (in its own segment) when the master gives it, else null. */
  readonly underlyingSecurityId: string | null;
  /**
   * Name as traders read it. Cash and index rows: the broker's display name (`HDFC Bank`,
   * `Nifty 50`). Derivatives: {@link formatDerivativeName} (`NIFTY 27 NOV 24500 CE`).
   */
  readonly displayName: string;
  /** Long (legal) name for cash and index rows (`HDFC BANK LTD`); null for derivatives. */
  readonly name: string | null;
  readonly instrumentType: InstrumentType;
  /** Exchange series (`EQ`, `BE`, `W1`, MCX `1`/`2`...), null when the master gives none. */
  readonly series: string | null;
  /** Lot size, an integer >= 1. */
  readonly lotSize: number;
  /** Tick size in rupees, > 0 (₹0.05 for HDFCBANK, ₹0.0025 for USDINR futures). */
  readonly tickSize: number;
  /** Expiry as an IST calendar date `YYYY-MM-DD`; null for cash and index rows. */
  readonly expiry: string | null;
  /** Expiry cycle of a derivative series when known, else null. */
  readonly expiryCycle: ExpiryCycle | null;
  /** Strike in rupees for options, else null. */
  readonly strike: number | null;
  /** CE/PE for options, else null. */
  readonly optionType: OptionType | null;
  /** ISIN when the master gives a well-formed one, else null. */
  readonly isin: string | null;
  /** Freeze quantity (largest single order the exchange accepts) when known, else null. */
  readonly freezeQuantity: number | null;
}

/** The key of an instrument in maps and over IPC: `"NSE_EQ:1333"`. */
export type InstrumentKey = `${ExchangeSegment}:${string}`;

/** Builds the key of (segment, security id): `instrumentKey('NSE_EQ', '1333')` → `"NSE_EQ:1333"`. */
export function instrumentKey(segment: ExchangeSegment, securityId: string | number): InstrumentKey {
  return `${segment}:${securityId}`;
}

/** The key of an instrument: `keyOf(hdfcBank)` → `"NSE_EQ:1333"`. */
export function keyOf(instrument: Pick<Instrument, 'segment' | 'securityId'>): InstrumentKey {
  return instrumentKey(instrument.segment, instrument.securityId);
}

/** Splits an instrument key; null when the segment is unknown or the security id is not decimal digits. */
export function parseInstrumentKey(key: string): { segment: ExchangeSegment; securityId: string } | null {
  const i = key.indexOf(':');
  if (i < 0) return null;
  const segment = key.slice(0, i);
  const securityId = key.slice(i + 1);
  if (!(EXCHANGE_SEGMENTS as readonly string[]).includes(segment)) return null;
  if (!/^\d+$/.test(securityId)) return null;
  return { segment: segment as ExchangeSegment, securityId };
}

/** True for futures and options. */
export function isDerivative(type: InstrumentType): boolean {
  return type !== 'INDEX' && type !== 'EQUITY';
}

/** True for options (OPTIDX, OPTSTK, OPTFUT, OPTCUR). */
export function isOption(type: InstrumentType): boolean {
  return type === 'OPTIDX' || type === 'OPTSTK' || type === 'OPTFUT' || type === 'OPTCUR';
}

/** True for futures (FUTIDX, FUTSTK, FUTCOM, FUTCUR). */
export function isFuture(type: InstrumentType): boolean {
  return type === 'FUTIDX' || type === 'FUTSTK' || type === 'FUTCOM' || type === 'FUTCUR';
}

/** True for the currency segments, whose prices carry 4 decimals (seeds/002, live market feed). */
export function isCurrencySegmentName(segment: ExchangeSegment): boolean {
  return segment === 'NSE_CURRENCY' || segment === 'BSE_CURRENCY';
}

/** Decimals of a price in `segment`: 4 for currency segments, 2 otherwise. */
export function priceDecimals(segment: ExchangeSegment): 2 | 4 {
  return isCurrencySegmentName(segment) ? 4 : 2;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `s` is a real calendar date written `YYYY-MM-DD` with a year from 1900 to 2999
 * (`0001-01-01`, the masters' "no expiry" placeholder, is false).
 */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1]!;
}

/** Decimal value of s[from, to) when all are digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The IST calendar date (`YYYY-MM-DD`) of an instant given in epoch milliseconds (UTC). */
export function istDateOf(epochMs: number): string {
  return new Date(epochMs + 5.5 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * True when the contract has expired by the IST date `todayIst` (`YYYY-MM-DD`): its expiry date
 * is before today. A contract is still live on its expiry day. Cash and index rows never expire.
 */
export function isExpired(instrument: Pick<Instrument, 'expiry'>, todayIst: string): boolean {
  return instrument.expiry !== null && instrument.expiry < todayIst;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A strike written the way traders say it: `24500`, `104.75`, `82.5` (at most 4 decimals, no trailing zeros). */
export function formatStrike(strike: number): string {
  if (Number.isInteger(strike)) return String(strike);
  return String(Math.round(strike * 10_000) / 10_000);
}

/** What {@link formatDerivativeName} needs of a contract. */
export interface DerivativeNameParts {
  readonly underlying: string;
  readonly instrumentType: InstrumentType;
  /** `YYYY-MM-DD`. */
  readonly expiry: string;
  readonly expiryCycle: ExpiryCycle | null;
  /** Rupees; ignored for futures. */
  readonly strike: number | null;
  readonly optionType: OptionType | null;
}

/**
 * Names a derivative the way Indian traders say it (and as Dhan's own display names do, with CE/PE
 * instead of CALL/PUT):
 * - options: `NIFTY 27 NOV 24500 CE` (underlying, expiry day, month, strike, CE/PE);
 * - monthly (or longer-cycle) futures: `NIFTY NOV FUT`; weekly futures keep the day: `USDINR 07 NOV FUT`.
 * The year is added after the month (`SENSEX 27 JUN 2030 90000 PE`) when `referenceYear` is given
 * and the expiry falls in another year, so long-dated contracts do not read like near ones.
 * Returns `underlying` alone when `expiry` is not a `YYYY-MM-DD` date.
 */
export function formatDerivativeName(parts: DerivativeNameParts, referenceYear?: number): string {
  const option = isOption(parts.instrumentType) && parts.strike !== null && parts.optionType !== null;
  const stem = derivativeNameStem(parts.underlying, parts.expiry, option || parts.expiryCycle === 'WEEKLY', referenceYear);
  if (stem === parts.underlying) return stem;
  return stem + (option ? ' ' + formatStrike(parts.strike!) + ' ' + parts.optionType : ' FUT');
}

/**
 * The part of a derivative's name before the strike (or `FUT`): `NIFTY 27 NOV` with the day,
 * `NIFTY NOV` without, `SENSEX 27 JUN 2030` when `referenceYear` is given and differs from the
 * expiry's year. Returns `underlying` alone when `expiry` is not `YYYY-MM-DD`. Exposed so that a
 * master parser can reuse one stem for the hundreds of strikes of one expiry.
 */
export function derivativeNameStem(underlying: string, expiry: string, withDay: boolean, referenceYear?: number): string {
  if (expiry.length !== 10) return underlying;
  // Month and year read from the character codes: this runs on ~250k rows of a master.
  const month = MONTHS[(expiry.charCodeAt(5) - 48) * 10 + (expiry.charCodeAt(6) - 48) - 1];
  if (month === undefined) return underlying;
  const monthYear =
    referenceYear !== undefined && digits(expiry, 0, 4) !== referenceYear ? month + ' ' + expiry.slice(0, 4) : month;
  return withDay ? underlying + ' ' + expiry.slice(8, 10) + ' ' + monthYear : underlying + ' ' + monthYear;
}

/**
 * The label traders read first: the exchange symbol for cash and index rows (`RELIANCE`, `NIFTY`),
 * the spoken contract name for derivatives (`NIFTY 27 NOV 24500 CE`).
 */
export function tradingLabel(i: Pick<Instrument, 'instrumentType' | 'tradingSymbol' | 'displayName'>): string {
  return isDerivative(i.instrumentType) ? i.displayName : i.tradingSymbol;
}

/** The company or index name shown beside {@link tradingLabel} when it says more (`Reliance Industries`), else ''. */
export function secondaryLabel(i: Pick<Instrument, 'instrumentType' | 'tradingSymbol' | 'displayName'>): string {
  if (isDerivative(i.instrumentType)) return '';
  return i.displayName.toUpperCase() === i.tradingSymbol.toUpperCase() ? '' : i.displayName;
}
