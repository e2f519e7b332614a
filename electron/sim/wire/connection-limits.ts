/**
 * Dhan's market-data WebSocket limits as the simulated exchange enforces them, and the
 * authentication of a socket URL.
 *
 * Source: seeds/002 "Live Market Feed": "up to 5 WebSocket connections per user", "up to 5000
 * instruments on a single connection", "up to 100 instruments in a single JSON message"; "Feed
 * Disconnect": "If more than 5 websockets are established, then the first socket will be
 * disconnected with 805 with every additional connection"; "Full Market Depth": 20-level up to 50
 * instruments per connection, 200-level one instrument per connection; Annexure "Data API Error":
 * 804 "Requested number of instruments exceeds limit", 805 too many requests or connections,
 * 807 access token expired, 808 authentication failed (client id or token invalid).
 *
 * Which code for a bad URL: a right client id with a wrong token gets 807 (the usual case: a stale
 * token), anything else 808. The five connections are counted per client id across the feed and both
 * depth endpoints (the order-update socket is not a market-data socket and is not counted).
 */

/** Limits, as in seeds/002. */
export const SIM_FEED_LIMITS = {
  maxConnections: 5,
  instrumentsPerFeedSocket: 5000,
  instrumentsPerMessage: 100,
  instrumentsPerDepth20Socket: 50,
  instrumentsPerDepth200Socket: 1,
} as const;

/** Disconnect reason codes (seeds/002 Annexure "Data API Error"). */
export const DisconnectReason = {
  INSTRUMENT_LIMIT: 804,
  TOO_MANY_CONNECTIONS: 805,
  TOKEN_EXPIRED: 807,
  AUTH_FAILED: 808,
} as const;

/**
 * Checks a socket URL's `token` and `clientId` query parameters: null when right, else the
 * disconnect reason (807 wrong token for the right client, 808 otherwise).
 */
export function socketAuthFailure(query: URLSearchParams, creds: { readonly clientId: string; readonly token: string }): number | null {
  const clientId = query.get('clientId');
  const token = query.get('token');
  if (clientId === creds.clientId && token === creds.token) return null;
  if (clientId === creds.clientId && token !== null && token !== '') return DisconnectReason.TOKEN_EXPIRED;
  return DisconnectReason.AUTH_FAILED;
}

/** A connection the registry can evict. */
export interface LimitedConnection {
  /** Sends the disconnect packet with `reason` and closes. */
  evict(reason: number): void;
}

/** Market-data connections per client id, oldest first; the oldest is evicted past the limit. */
export class ConnectionRegistry {
  private readonly byClient = new Map<string, LimitedConnection[]>();

  constructor(private readonly max: number = SIM_FEED_LIMITS.maxConnections) {}

  /** Registers a new connection; evicts (805) the oldest ones while over the limit. */
  admit(clientId: string, conn: LimitedConnection): void {
    const list = this.byClient.get(clientId) ?? [];
    list.push(conn);
    this.byClient.set(clientId, list);
    while (list.length > this.max) list.shift()!.evict(DisconnectReason.TOO_MANY_CONNECTIONS);
  }

  /** Forgets a closed connection. */
  release(clientId: string, conn: LimitedConnection): void {
    const list = this.byClient.get(clientId);
    if (!list) return;
    const i = list.indexOf(conn);
    if (i >= 0) list.splice(i, 1);
  }

  /** Open connections of a client id. */
  count(clientId: string): number {
    return this.byClient.get(clientId)?.length ?? 0;
  }
}
