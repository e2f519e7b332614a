/**
 * Routes one HTTP request of the simulated exchange to its DhanHQ v2 handler, after the header
 * check Dhan applies.
 *
 * Source: seeds/002 (headers `access-token` and `client-id`; every path below under `/v2`),
 * fixtures/dhan/rest/error.DH-901.http401.json (wrong or missing credentials → HTTP 401 with the
 * DH-901 envelope, exactly that text). Unknown paths answer 404 with a DH-905 envelope naming the
 * path. The compact and detailed master CSVs are served without credentials at
 * `/api-data/api-scrip-master.csv` and `/api-data/api-scrip-master-detailed.csv` (the paths of
 * images.dhan.co, which takes none). Rate limits (rate-limits.ts) are checked after the
 * credentials: a request over a limit gets HTTP 429 DH-904 and is not served.
 */

import { compactMasterCsv, candles, detailedMaster, expiryList, marketQuote, optionChain, segmentList } from './rest-market';
import {
  cancelOrder,
  convertPosition,
  exitAll,
  fundLimit,
  getByCorrelationId,
  getOrder,
  holdings,
  marginCalculator,
  modifyOrder,
  multiMarginCalculator,
  orderBook,
  placeOrder,
  positions,
  sliceOrder,
  trades,
} from './rest-orders';
import { limitClassOf, rateLimitAnswer } from './rate-limits';
import { dhanError, type RestAnswer, type RestContext } from './rest-types';

/** One request as the router needs it. */
export interface RestRequest {
  readonly method: string;
  /** Path without the query (`/v2/orders/112000000001`). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or undefined when none was sent. */
  readonly body: unknown;
}

/** The credentials the sim accepts. */
export interface RestCredentials {
  readonly clientId: string;
  readonly token: string;
}

const DH901 = (): RestAnswer =>
  dhanError(401, 'DH-901', 'Invalid_Authentication', 'Client ID or user generated access token is invalid or expired.');

function header(h: RestRequest['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Serves one request. Never throws: a handler that fails answers DH-908 (HTTP 500). */
export function routeRest(ctx: RestContext, creds: RestCredentials, req: RestRequest): RestAnswer {
  if (req.method === 'GET' && req.path === '/api-data/api-scrip-master.csv') {
    return { status: 200, body: compactMasterCsv(ctx.market.catalogue()), contentType: 'text/csv' };
  }
  if (req.method === 'GET' && req.path === '/api-data/api-scrip-master-detailed.csv') return detailedMaster(ctx);
  if (!req.path.startsWith('/v2/')) return dhanError(404, 'DH-905', 'Input_Exception', `No such API: ${req.method} ${req.path}`);
  if (header(req.headers, 'access-token') !== creds.token || header(req.headers, 'client-id') !== creds.clientId) return DH901();
  const parts = req.path.slice(4).split('/').map((p) => decodeURIComponent(p));
  if (ctx.limiter && !ctx.limiter.admit(limitClassOf(req.method, parts))) return rateLimitAnswer();
  try {
    return dispatch(ctx, req.method, parts, req.body) ?? dhanError(404, 'DH-905', 'Input_Exception', `No such API: ${req.method} ${req.path}`);
  } catch (e) {
    return dhanError(500, 'DH-908', 'Internal_Server_Error', `Simulated exchange failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function dispatch(ctx: RestContext, method: string, p: readonly string[], body: unknown): RestAnswer | null {
  const [a, b, c] = p;
  const n = p.length;
  switch (`${method} ${a}`) {
    case 'POST orders':
      if (n === 1) return placeOrder(ctx, body);
      if (n === 2 && b === 'slicing') return sliceOrder(ctx, body);
      return null;
    case 'GET orders':
      if (n === 1) return orderBook(ctx);
      if (n === 2) return getOrder(ctx, b!);
      if (n === 3 && b === 'external') return getByCorrelationId(ctx, c!);
      return null;
    case 'PUT orders':
      return n === 2 ? modifyOrder(ctx, b!, body) : null;
    case 'DELETE orders':
      return n === 2 ? cancelOrder(ctx, b!) : null;
    case 'GET trades':
      return n === 1 ? trades(ctx) : n === 2 ? trades(ctx, b!) : null;
    case 'GET positions':
      return n === 1 ? positions(ctx) : null;
    case 'DELETE positions':
      return n === 1 ? exitAll(ctx) : null;
    case 'POST positions':
      return n === 2 && b === 'convert' ? convertPosition(ctx, body) : null;
    case 'GET holdings':
      return n === 1 ? holdings(ctx) : null;
    case 'GET fundlimit':
      return n === 1 ? fundLimit(ctx) : null;
    case 'POST margincalculator':
      return n === 1 ? marginCalculator(ctx, body) : n === 2 && b === 'multi' ? multiMarginCalculator(ctx, body) : null;
    case 'POST marketfeed':
      return n === 2 && (b === 'ltp' || b === 'ohlc' || b === 'quote') ? marketQuote(ctx, b, body) : null;
    case 'POST charts':
      return n === 2 && (b === 'historical' || b === 'intraday') ? candles(ctx, b === 'intraday', body) : null;
    case 'POST optionchain':
      return n === 1 ? optionChain(ctx, body) : n === 2 && b === 'expirylist' ? expiryList(ctx, body) : null;
    case 'GET instrument':
      return n === 2 ? segmentList(ctx, b!) : null;
    default:
      return null;
  }
}
