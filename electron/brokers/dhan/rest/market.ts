/**
 * DhanHQ v2 market data over REST: market quote (LTP, OHLC, full quote), historical candles
 * (daily, intraday), option chain and expiry list.
 *
 * Source: seeds/002, "Market Quote" (`POST /marketfeed/ltp|ohlc|quote`, body
 * `{ "<segment>": [securityId, …] }`, "upto 1000 instruments in single API request with rate limit
 * of 1 request per second"), "Historical Data" (`POST /charts/historical`, toDate non-inclusive;
 * `POST /charts/intraday`, intervals 1/5/15/25/60, "only 90 days of data can be polled at once"),
 * "Option Chain" (`POST /optionchain`, `POST /optionchain/expirylist`, 1 request per 3 s; the body
 * key is `UnderlyingScrip` as in the seed's sample and the recorded requests, not the parameter
 * table's misspelt `UnderlyingScri`).
 *
 * Large asks are split here, never refused: more than 1000 instruments go as several requests of
 * at most 1000 (each waits its 1-per-second turn in the limiter); an intraday range longer than 90
 * days goes as consecutive windows of at most 90 days, merged by candle time.
 */

import { bridgeError, type Result } from '../../../../shared/errors';
import type { Candle, InstrumentRef, InstrumentType, LtpQuote, OhlcQuote, OptionChain, Quote } from '../../../../shared/market';
import { DHAN_INTRADAY_INTERVALS, DHAN_INTRADAY_MAX_DAYS, DHAN_MAX_QUOTE_INSTRUMENTS } from '../limits';
import type { DhanHttp } from './http';
import { mapCandles, mapFullQuotes, mapLtpQuotes, mapOhlcQuotes, mapOptionChain, mergeCandles } from './mapping';
import { parseBody, readResult } from './result';
import {
  marketFeedSchema,
  wireCandlesSchema,
  wireExpiryListSchema,
  wireLtpEntrySchema,
  wireOhlcEntrySchema,
  wireOptionChainSchema,
  wireQuoteEntrySchema,
} from './schemas';

/** A daily-candle request. Dates are IST calendar dates `YYYY-MM-DD`; `to` is not included. */
export interface DailyCandlesRequest {
  readonly instrument: InstrumentRef;
  /** Annexure instrument type (`EQUITY`, `INDEX`, `FUTIDX`…). */
  readonly instrumentType: InstrumentType;
  readonly from: string;
  readonly to: string;
  /** Derivatives: 0 current, 1 next, 2 far expiry. */
  readonly expiryCode?: 0 | 1 | 2;
  /** Ask for open interest (F&O). */
  readonly oi?: boolean;
}

/** An intraday-candle request. Dates `YYYY-MM-DD` (IST); any span, split into 90-day windows. */
export interface IntradayCandlesRequest {
  readonly instrument: InstrumentRef;
  readonly instrumentType: InstrumentType;
  /** Minutes: 1, 5, 15, 25 or 60. */
  readonly interval: 1 | 5 | 15 | 25 | 60;
  readonly from: string;
  readonly to: string;
  readonly oi?: boolean;
}

const LTP_SCHEMA = marketFeedSchema(wireLtpEntrySchema);
const OHLC_SCHEMA = marketFeedSchema(wireOhlcEntrySchema);
const QUOTE_SCHEMA = marketFeedSchema(wireQuoteEntrySchema);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (m === null) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t).toISOString().slice(0, 10);
  return back === date ? t / DAY_MS : null;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Splits [from, to] (dates `YYYY-MM-DD`) into consecutive windows of at most `maxDays` days:
 * `[from, from+90]`, `[from+90, from+180]`, … ending at `to`. Adjacent windows share their edge
 * date so that nothing is missed whether Dhan's `toDate` is inclusive or not; the merge drops
 * the duplicate candles. Returns null when a date is not a real `YYYY-MM-DD` or `to` < `from`.
 */
export function splitDateRange(from: string, to: string, maxDays: number = DHAN_INTRADAY_MAX_DAYS): { from: string; to: string }[] | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || b < a || !(maxDays >= 1)) return null;
  if (a === b) return [{ from, to }];
  const out: { from: string; to: string }[] = [];
  for (let s = a; s < b; s += maxDays) out.push({ from: dateOf(s), to: dateOf(Math.min(s + maxDays, b)) });
  return out;
}

function badRequest(message: string): { ok: false; error: ReturnType<typeof bridgeError> } {
  return { ok: false, error: bridgeError('BAD_REQUEST', message, false) };
}

/**
 * Groups instruments into request bodies of at most `max` instruments each:
 * `[{ NSE_EQ: [11536], NSE_FNO: [49081, 49082] }, …]`. Duplicates are sent once. Throws nothing;
 * returns an error text when a security id is not a number.
 */
export function quoteBodies(keys: readonly InstrumentRef[], max: number = DHAN_MAX_QUOTE_INSTRUMENTS): Record<string, number[]>[] | string {
  const seen = new Set<string>();
  const unique: InstrumentRef[] = [];
  for (const k of keys) {
    if (!/^\d+$/.test(k.securityId)) return `security id '${k.securityId}' is not a number`;
    const id = `${k.segment}:${k.securityId}`;
    if (!seen.has(id)) {
      seen.add(id);
      unique.push(k);
    }
  }
  const bodies: Record<string, number[]>[] = [];
  for (let i = 0; i < unique.length; i += max) {
    const body: Record<string, number[]> = {};
    for (const k of unique.slice(i, i + max)) (body[k.segment] ??= []).push(Number(k.securityId));
    bodies.push(body);
  }
  return bodies;
}

/** Market data over one `DhanHttp`. */
export class DhanMarketApi {
  constructor(private readonly http: DhanHttp) {}

  private async quotes<T>(path: string, keys: readonly InstrumentRef[], parse: (body: unknown) => Result<T[]>, signal?: AbortSignal): Promise<Result<T[]>> {
    const bodies = quoteBodies(keys);
    if (typeof bodies === 'string') return badRequest(`Market quote not sent: ${bodies}`);
    const out: T[] = [];
    for (const body of bodies) {
      const r = await this.http.send({ method: 'POST', path, body, limitClass: 'quote', signal });
      if (r.kind !== 'ok') return { ok: false, error: r.error };
      const part = parse(r.body);
      if (!part.ok) return part;
      out.push(...part.value);
    }
    return { ok: true, value: out };
  }

  /** LTP of up to any number of instruments (1000 per request, 1 request per second). */
  ltp(keys: readonly InstrumentRef[], signal?: AbortSignal): Promise<Result<LtpQuote[]>> {
    return this.quotes('/marketfeed/ltp', keys, (b) => parseBody(b, LTP_SCHEMA, (w) => mapLtpQuotes(w.data), 'LTP quote'), signal);
  }

  /** LTP and day OHLC (1000 per request, 1 request per second). */
  ohlc(keys: readonly InstrumentRef[], signal?: AbortSignal): Promise<Result<OhlcQuote[]>> {
    return this.quotes('/marketfeed/ohlc', keys, (b) => parseBody(b, OHLC_SCHEMA, (w) => mapOhlcQuotes(w.data), 'OHLC quote'), signal);
  }

  /** Full quote with 5-level depth, OI and circuit limits (1000 per request, 1 request per second). */
  quote(keys: readonly InstrumentRef[], signal?: AbortSignal): Promise<Result<Quote[]>> {
    return this.quotes('/marketfeed/quote', keys, (b) => parseBody(b, QUOTE_SCHEMA, (w) => mapFullQuotes(w.data), 'market quote'), signal);
  }

  /** Daily candles (`POST /charts/historical`), oldest first, times epoch seconds UTC. */
  async daily(req: DailyCandlesRequest, signal?: AbortSignal): Promise<Result<Candle[]>> {
    if (dayNumber(req.from) === null || dayNumber(req.to) === null) return badRequest(`Daily candles: dates must be YYYY-MM-DD (got ${req.from}, ${req.to})`);
    const body: Record<string, unknown> = {
      securityId: req.instrument.securityId,
      exchangeSegment: req.instrument.segment,
      instrument: req.instrumentType,
      fromDate: req.from,
      toDate: req.to,
    };
    if (req.expiryCode !== undefined) body['expiryCode'] = req.expiryCode;
    if (req.oi === true) body['oi'] = true;
    const r = await this.http.send({ method: 'POST', path: '/charts/historical', body, limitClass: 'data', signal });
    return readResult(r, wireCandlesSchema, (w) => mapCandles(w, req.instrument.segment), 'daily candles');
  }

  /**
   * Intraday candles (`POST /charts/intraday`), any span: split into windows of at most 90 days,
   * fetched in order through the limiter (5/s), merged by time. One failed window fails the call.
   */
  async intraday(req: IntradayCandlesRequest, signal?: AbortSignal): Promise<Result<Candle[]>> {
    if (!DHAN_INTRADAY_INTERVALS.includes(req.interval)) return badRequest(`Intraday candles: interval ${req.interval} is not one of 1, 5, 15, 25, 60`);
    const windows = splitDateRange(req.from, req.to);
    if (windows === null) return badRequest(`Intraday candles: dates must be YYYY-MM-DD with from <= to (got ${req.from}, ${req.to})`);
    const parts: Candle[][] = [];
    for (const w of windows) {
      const body: Record<string, unknown> = {
        securityId: req.instrument.securityId,
        exchangeSegment: req.instrument.segment,
        instrument: req.instrumentType,
        interval: String(req.interval),
        fromDate: w.from,
        toDate: w.to,
      };
      if (req.oi === true) body['oi'] = true;
      const r = await this.http.send({ method: 'POST', path: '/charts/intraday', body, limitClass: 'data', signal });
      const part = readResult(r, wireCandlesSchema, (x) => mapCandles(x, req.instrument.segment), `intraday candles ${w.from}…${w.to}`);
      if (!part.ok) return part;
      parts.push(part.value);
    }
    return { ok: true, value: mergeCandles(parts) };
  }

  /** Option chain of `underlying` for `expiry` (`YYYY-MM-DD`), strikes ascending (1 request per 3 s). */
  async optionChain(underlying: InstrumentRef, expiry: string, signal?: AbortSignal): Promise<Result<OptionChain>> {
    if (dayNumber(expiry) === null) return badRequest(`Option chain: expiry must be YYYY-MM-DD (got ${expiry})`);
    if (!/^\d+$/.test(underlying.securityId)) return badRequest(`Option chain: security id '${underlying.securityId}' is not a number`);
    const body = { UnderlyingScrip: Number(underlying.securityId), UnderlyingSeg: underlying.segment, Expiry: expiry };
    const r = await this.http.send({ method: 'POST', path: '/optionchain', body, limitClass: 'optionChain', signal });
    return readResult(r, wireOptionChainSchema, (w) => mapOptionChain(w, underlying, expiry), 'option chain');
  }

  /** Active expiries of `underlying`, `YYYY-MM-DD`, as Dhan lists them (ascending). */
  async expiries(underlying: InstrumentRef, signal?: AbortSignal): Promise<Result<string[]>> {
    if (!/^\d+$/.test(underlying.securityId)) return badRequest(`Expiry list: security id '${underlying.securityId}' is not a number`);
    const body = { UnderlyingScrip: Number(underlying.securityId), UnderlyingSeg: underlying.segment };
    const r = await this.http.send({ method: 'POST', path: '/optionchain/expirylist', body, limitClass: 'data', signal });
    return readResult(r, wireExpiryListSchema, (w) => [...w.data], 'expiry list');
  }
}
