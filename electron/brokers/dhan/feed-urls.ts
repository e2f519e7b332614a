/**
 * DhanHQ v2 WebSocket URLs for the live market feed and the 20/200-level full market depth.
 *
 * Source: seeds/002, "Live Market Feed" → "Establishing Connection"
 * (`wss://api-feed.dhan.co?version=2&token=…&clientId=…&authType=2`) and "Full Market Depth" →
 * "Establishing Connection" (`wss://depth-api-feed.dhan.co/twentydepth?token=…&clientId=…&authType=2`,
 * `wss://full-depth-api.dhan.co/twohundreddepth?token=…&clientId=…&authType=2`; no `version` there).
 * The official Python client (dhan-oss/DhanHQ-py `fulldepth.py`) connects the 200-level socket to
 * `wss://full-depth-api.dhan.co/` without the path; we follow the seed, and the base is configurable.
 *
 * Every URL built here carries the access token: log it only through `redactUrl`.
 */

/** Which of the three Dhan market-data sockets. */
export type DhanFeedSocketKind = 'feed' | 'depth20' | 'depth200';

/** Base URLs (scheme, host and path, no query) of the three sockets. */
export interface DhanFeedBases {
  readonly feed: string;
  readonly depth20: string;
  readonly depth200: string;
}

/** The production endpoints from seeds/002. */
export const DHAN_FEED_BASES: DhanFeedBases = {
  feed: 'wss://api-feed.dhan.co',
  depth20: 'wss://depth-api-feed.dhan.co/twentydepth',
  depth200: 'wss://full-depth-api.dhan.co/twohundreddepth',
};

/**
 * Bases for a server that serves all three sockets on one origin at `/`, `/twentydepth` and
 * `/twohundreddepth` (the simulated exchange, test servers): `origin` such as `ws://127.0.0.1:4100`.
 */
export function localFeedBases(origin: string): DhanFeedBases {
  const o = origin.replace(/\/+$/, '');
  return { feed: `${o}/`, depth20: `${o}/twentydepth`, depth200: `${o}/twohundreddepth` };
}

/** The credentials every Dhan socket URL carries. */
export interface DhanFeedCredentials {
  /** Dhan client id (`clientId` query parameter). */
  readonly clientId: string;
  /** Access token (`token` query parameter). Secret: never log, never send to the renderer. */
  readonly accessToken: string;
}

/**
 * Builds the URL of one socket: the base plus `version=2` (market feed only), `token`, `clientId`
 * and `authType=2`, in the seed's order, percent-encoded. Throws `Error` when `clientId` or
 * `accessToken` is empty (a socket without them would only be refused by the server).
 */
export function dhanFeedUrl(
  kind: DhanFeedSocketKind,
  creds: DhanFeedCredentials,
  bases: DhanFeedBases = DHAN_FEED_BASES,
): string {
  if (creds.clientId === '' || creds.accessToken === '') {
    throw new Error('Dhan feed URL needs a client id and an access token');
  }
  const params = new URLSearchParams();
  if (kind === 'feed') params.set('version', '2');
  params.set('token', creds.accessToken);
  params.set('clientId', creds.clientId);
  params.set('authType', '2');
  const base = bases[kind];
  return `${base}${base.includes('?') ? '&' : '?'}${params.toString()}`;
}
