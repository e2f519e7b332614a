/**
 * The simulated exchange's data REST endpoints (DhanHQ v2): market quote (LTP, OHLC, full quote),
 * historical daily and intraday candles, option chain and expiry list, and the instrument lists.
 *
 * Source: seeds/002 "Market Quote" (body `{ "<segment>": [ids] }`, up to 1000 instruments),
 * "Historical Data" (`POST /charts/historical` with `toDate` not included; `POST /charts/intraday`,
 * intervals 1/5/15/25/60), "Option Chain" (`UnderlyingScrip`, `UnderlyingSeg`, `Expiry`; strike keys
 * with 6 decimals), "Instrument List" (compact and detailed CSV columns, segment-wise
 * `GET /instrument/{segment}`; tick size in paise except index rows: fixtures/README.md).
 * Answer shapes follow the recorded bodies in fixtures/dhan/rest/.
 *
 * Decisions: an intraday `toDate` given as a bare date covers that whole day (the REST client's
 * 90-day windows share their edge dates); a bare daily `toDate` is excluded, as the seed says.
 * Unknown instruments in a quote request are left out of the answer; more than 1000 → DH-905.
 */

import type { CandleInterval } from '../../../shared/market';
import { underlyingOfTradingSymbol } from '../../brokers/dhan/instruments-map';
import { SEGMENT_CODE, SEGMENT_MASTER_CODE } from '../../brokers/dhan/segments';
import { IST_OFFSET_MS } from '../market-hours';
import type { SimInstrumentSpec } from '../sim-instrument';
import { refOf } from './sim-market';
import { wireCandles, wireLtp, wireOhlc, wireQuote } from './dhan-wire-format';
import { dataError, inputError, numberField, objectBody, ok, textField, type RestAnswer, type RestContext } from './rest-types';

/** Most instruments in one market-quote request (seeds/002). */
export const MAX_QUOTE_INSTRUMENTS = 1000;

type QuoteKind = 'ltp' | 'ohlc' | 'quote';

/** `POST /marketfeed/{ltp|ohlc|quote}`. */
export function marketQuote(ctx: RestContext, kind: QuoteKind, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const wanted: { seg: string; id: string; key: string }[] = [];
  let count = 0;
  for (const [seg, ids] of Object.entries(b)) {
    if (!(seg in SEGMENT_CODE)) return inputError(`Unknown exchange segment ${seg}`);
    if (!Array.isArray(ids)) return inputError(`${seg} must be a list of security ids`);
    count += ids.length;
    for (const raw of ids) {
      const id = textField(raw);
      if (id === undefined) return inputError(`${seg}: security id ${JSON.stringify(raw)} is not a number`);
      const key = ctx.market.keyOf(seg, id);
      if (key !== undefined) wanted.push({ seg, id, key });
    }
  }
  if (count > MAX_QUOTE_INSTRUMENTS) return inputError(`Up to ${MAX_QUOTE_INSTRUMENTS} instruments per request; got ${count}`);
  ctx.market.ensure(wanted.map((w) => w.key));
  const data: Record<string, Record<string, unknown>> = {};
  for (const w of wanted) {
    const q = ctx.market.model.quote(refOf(w.key), kind === 'quote' ? 5 : 0);
    (data[w.seg] ??= {})[w.id] = kind === 'ltp' ? wireLtp(q) : kind === 'ohlc' ? wireOhlc(q) : wireQuote(q);
  }
  return ok({ data, status: 'success' });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** IST wall-clock text → epoch ms UTC, and whether a time was given; null when malformed. */
export function parseIstInput(text: string): { ms: number; hasTime: boolean } | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`) return null;
  return { ms: utc - IST_OFFSET_MS, hasTime: m[4] !== undefined };
}

const INTERVALS: Readonly<Record<string, CandleInterval>> = { '1': '1m', '5': '5m', '15': '15m', '25': '25m', '60': '60m' };
const DAY_MS = 86_400_000;

/** `POST /charts/historical` (daily) and `POST /charts/intraday`. */
export function candles(ctx: RestContext, intraday: boolean, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const seg = textField(b['exchangeSegment']);
  const id = textField(b['securityId']);
  if (seg === undefined || id === undefined) return inputError('securityId and exchangeSegment are required');
  const key = ctx.market.keyOf(seg, id);
  if (key === undefined) return dataError(`Invalid SecurityId: ${id} is not an instrument of ${seg}`);
  const from = parseIstInput(textField(b['fromDate']) ?? '');
  const to = parseIstInput(textField(b['toDate']) ?? '');
  if (!from || !to) return inputError('fromDate and toDate must be YYYY-MM-DD (or YYYY-MM-DD HH:mm:ss)');
  let interval: CandleInterval = '1d';
  let toMs = to.ms;
  if (intraday) {
    const iv = INTERVALS[textField(b['interval']) ?? ''];
    if (!iv) return inputError('interval must be one of 1, 5, 15, 25, 60');
    interval = iv;
    if (!to.hasTime) toMs += DAY_MS;
  }
  if (toMs <= from.ms) return ok(wireCandles([], b['oi'] === true));
  ctx.market.ensure([key]);
  const list = ctx.market.model.candles(refOf(key), interval, from.ms, toMs);
  return ok(wireCandles(list, b['oi'] === true));
}

function underlyingKey(ctx: RestContext, b: Record<string, unknown>): string | RestAnswer {
  const seg = textField(b['UnderlyingSeg']);
  const scrip = numberField(b['UnderlyingScrip']);
  if (seg === undefined || scrip === undefined) return inputError('UnderlyingScrip and UnderlyingSeg are required');
  const key = ctx.market.keyOf(seg, String(scrip));
  if (key === undefined) return dataError(`Invalid SecurityId: ${scrip} is not an instrument of ${seg}`);
  return key;
}

/** `POST /optionchain/expirylist`. */
export function expiryList(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const key = underlyingKey(ctx, b);
  if (typeof key !== 'string') return key;
  return ok({ data: ctx.market.expiries(key), status: 'success' });
}

/** `POST /optionchain`: the chain of one expiry (seeds/002 "Option Chain" leg keys). */
export function optionChain(ctx: RestContext, body: unknown): RestAnswer {
  const b = objectBody(body);
  if (typeof b === 'string') return inputError(b);
  const key = underlyingKey(ctx, b);
  if (typeof key !== 'string') return key;
  const expiry = textField(b['Expiry']) ?? '';
  const options = ctx.market.optionKeys(key, expiry);
  if (options.length === 0) return dataError(`Invalid Expiry Date: no options of ${key} expire on ${expiry}`);
  ctx.market.ensure([key, ...options]);
  const chain = ctx.market.model.optionChain(refOf(key), expiry);
  const leg = (l: NonNullable<(typeof chain.rows)[number]['call']>) => ({
    average_price: l.atp ?? 0,
    greeks: { delta: round(l.greeks.delta, 5), theta: round(l.greeks.theta, 5), gamma: round(l.greeks.gamma, 5), vega: round(l.greeks.vega, 5) },
    implied_volatility: l.iv,
    last_price: l.ltp,
    oi: l.oi,
    previous_close_price: l.previousClose,
    previous_oi: l.previousOi,
    previous_volume: l.previousVolume,
    security_id: Number(l.securityId ?? 0),
    top_ask_price: l.askPrice,
    top_ask_quantity: l.askQuantity,
    top_bid_price: l.bidPrice,
    top_bid_quantity: l.bidQuantity,
    volume: l.volume,
  });
  const oc: Record<string, unknown> = {};
  for (const row of chain.rows) {
    const entry: Record<string, unknown> = {};
    if (row.call) entry['ce'] = leg(row.call);
    if (row.put) entry['pe'] = leg(row.put);
    oc[row.strike.toFixed(6)] = entry;
  }
  return ok({ data: { last_price: chain.spot, oc }, status: 'success' });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}


function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `W` when the contract expires more than a week before its month ends (a weekly), else `M`. */
function expiryFlag(expiry: string | null): string {
  if (expiry === null) return 'NA';
  const [y, m, d] = expiry.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 7)).getUTCMonth() === m - 1 ? 'W' : 'M';
}

function tickCell(s: SimInstrumentSpec): string {
  // the master writes tick sizes in paise, except on index rows (fixtures/README.md)
  return s.instrumentType === 'INDEX' ? String(s.tickSize) : (s.tickSize * 100).toFixed(4).replace(/\.?0+$/, '');
}

/** The instruments as a compact master CSV (seeds/002 "Instrument List" compact columns). */
export function compactMasterCsv(specs: readonly SimInstrumentSpec[]): string {
  const head = 'SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME';
  const lines = [head];
  for (const s of specs) {
    const [exch, seg] = SEGMENT_MASTER_CODE[s.segment] ?? ['NSE', 'E'];
    lines.push(
      [
        exch,
        seg,
        s.securityId,
        s.instrumentType,
        0,
        csvCell(s.tradingSymbol),
        `${s.lotSize}.0`,
        csvCell(s.tradingSymbol),
        s.expiry ? `${s.expiry} 14:30:00` : '0001-01-01',
        s.strike ?? -0.01,
        s.optionType ?? 'XX',
        tickCell(s),
        expiryFlag(s.expiry),
        s.instrumentType,
        s.instrumentType === 'EQUITY' ? 'EQ' : 'NA',
        csvCell(s.tradingSymbol),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The detailed master's columns, in the real file's order (fixtures/dhan/api-scrip-master-detailed.
 * NSE_EQ+IDX.2026-04.csv header, 31 columns; seeds/002 "Instrument List", "Column Description").
 */
export const DETAILED_MASTER_HEADER =
  'EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,UNDERLYING_SYMBOL,SYMBOL_NAME,DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,EXPIRY_FLAG,BRACKET_FLAG,COVER_FLAG,ASM_GSM_FLAG,ASM_GSM_CATEGORY,BUY_SELL_INDICATOR,BUY_CO_MIN_MARGIN_PER,BUY_CO_SL_RANGE_MAX_PERC,BUY_CO_SL_RANGE_MIN_PERC,BUY_BO_MIN_MARGIN_PER,BUY_BO_PROFIT_RANGE_MAX_PERC,BUY_BO_PROFIT_RANGE_MIN_PERC,MTF_LEVERAGE,SM_UPPER_LIMIT,SM_LOWER_LIMIT';

/** The exchange's instrument type column (`SEM_EXCH_INSTRUMENT_TYPE` / `INSTRUMENT_TYPE`) as real rows write it. */
function exchangeInstrumentType(s: SimInstrumentSpec): string {
  if (s.instrumentType === 'EQUITY') return 'ES';
  if (s.instrumentType === 'INDEX') return 'INDEX';
  return s.optionType !== null ? 'OP' : 'FUT';
}

/**
 * The instruments as a detailed master CSV: every segment (`/api-data/api-scrip-master-detailed.csv`)
 * or only `segment` (`GET /instrument/{segment}`, which has the same columns).
 *
 * Cells follow the real rows (fixture above; NIFTY index row `NSE,I,13,NA,INDEX,13,NIFTY,...`):
 * cash and index rows carry their trading symbol in UNDERLYING_SYMBOL (an index names itself as
 * its underlying), F&O rows carry the trading symbol (`NIFTY-Nov2026-26000-CE`) in SYMBOL_NAME and
 * the underlying's symbol in UNDERLYING_SYMBOL; tick size in paise except on index rows; lot size
 * and expiry date written plainly (`65`, `2026-11-24`). The sim knows no ISIN, long company name,
 * circuit limits or bracket/cover flags: ISIN is `NA`, SYMBOL_NAME and DISPLAY_NAME of cash rows
 * are the trading symbol (as in the sim's compact master), the limits 0 and the flags `N`.
 * MTF_LEVERAGE is the sim's own (equity 4 = 1 / 25 % margin, matching/margin.ts; else 0).
 */
export function detailedMasterCsv(specs: readonly SimInstrumentSpec[], segment?: string): string {
  const lines = [DETAILED_MASTER_HEADER];
  for (const s of specs) {
    if (segment !== undefined && s.segment !== segment) continue;
    const [exch, seg] = SEGMENT_MASTER_CODE[s.segment] ?? ['NSE', 'E'];
    const derivative = s.expiry !== null;
    const cash = s.instrumentType === 'EQUITY' || s.instrumentType === 'INDEX';
    const underlyingSymbol = derivative
      ? underlyingOfTradingSymbol(s.tradingSymbol, s.optionType !== null) || (s.tradingSymbol.split('-')[0] ?? s.tradingSymbol)
      : s.tradingSymbol;
    lines.push(
      [
        exch,
        seg,
        s.securityId,
        'NA',
        s.instrumentType,
        s.instrumentType === 'INDEX' ? s.securityId : (s.underlyingSecurityId ?? ''),
        csvCell(underlyingSymbol),
        csvCell(s.tradingSymbol),
        csvCell(s.tradingSymbol),
        exchangeInstrumentType(s),
        s.instrumentType === 'EQUITY' ? 'EQ' : 'NA',
        s.lotSize,
        s.expiry ?? (s.instrumentType === 'INDEX' ? '0001-01-01' : ''),
        s.strike ?? (cash ? '' : -0.01),
        s.optionType ?? (s.instrumentType === 'EQUITY' ? '' : 'XX'),
        tickCell(s),
        s.instrumentType === 'INDEX' ? 'N' : expiryFlag(s.expiry),
        'N',
        'N',
        'N',
        'NA',
        'A',
        0,
        0,
        0,
        0,
        0,
        0,
        s.instrumentType === 'EQUITY' ? 4 : 0,
        0,
        0,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `GET /instrument/{segment}`. */
export function segmentList(ctx: RestContext, segment: string): RestAnswer {
  if (!(segment in SEGMENT_CODE)) return inputError(`Unknown exchange segment ${segment}`);
  return { status: 200, body: detailedMasterCsv(ctx.market.catalogue(), segment), contentType: 'text/csv' };
}

/** `GET /api-data/api-scrip-master-detailed.csv`: the whole universe with the detailed columns. */
export function detailedMaster(ctx: RestContext): RestAnswer {
  return { status: 200, body: detailedMasterCsv(ctx.market.catalogue()), contentType: 'text/csv' };
}
