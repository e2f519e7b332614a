/**
 * The DhanHQ v2 REST client: one transport (`DhanHttp`: base URL, headers, limiter, timeouts,
 * redacted logs) and the APIs by concern over it.
 *
 * Source: seeds/000 and 002 (see each API file). Usage:
 * `const dhan = createDhanRestClient({ credentials: { clientId, accessToken } })`, then
 * `dhan.orders.place(…)`, `dhan.portfolio.positions()`, `dhan.market.intraday(…)`…
 */

import { DhanHttp, type DhanHttpOptions } from './http';
import { DhanInstrumentListApi, type DhanInstrumentListOptions } from './instrument-list';
import { DhanMarketApi } from './market';
import { DhanOrdersApi, type DhanOrdersOptions } from './orders';
import { DhanPortfolioApi } from './portfolio';

/** Everything `createDhanRestClient` takes. */
export interface DhanRestClientOptions extends DhanHttpOptions, DhanOrdersOptions, DhanInstrumentListOptions {}

/** The client: the transport and one object per concern. */
export interface DhanRestClient {
  readonly http: DhanHttp;
  readonly orders: DhanOrdersApi;
  readonly portfolio: DhanPortfolioApi;
  readonly market: DhanMarketApi;
  readonly instruments: DhanInstrumentListApi;
}

/** Builds a client. Share one per account so its rate limiter sees every request. */
export function createDhanRestClient(options: DhanRestClientOptions): DhanRestClient {
  const http = new DhanHttp(options);
  return {
    http,
    orders: new DhanOrdersApi(http, options),
    portfolio: new DhanPortfolioApi(http),
    market: new DhanMarketApi(http),
    instruments: new DhanInstrumentListApi(http, options),
  };
}
