/**
 * A loopback Dhan feed server for tests (127.0.0.1, port 0): serves the market feed at `/`, 20-level
 * depth at `/twentydepth` and 200-level depth at `/twohundreddepth`; parses and checks every JSON
 * request against seeds/002 ("Live Market Feed" / "Full Market Depth" request structure) and keeps,
 * per connection, what that connection is subscribed to, so tests can compare it with the wanted set.
 * Not used by the app.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dhanFeedUrl, localFeedBases, type DhanFeedBases, type DhanFeedSocketKind } from '../brokers/dhan/feed-urls';

const KIND_BY_PATH: Readonly<Record<string, DhanFeedSocketKind>> = { '/': 'feed', '/twentydepth': 'depth20', '/twohundreddepth': 'depth200' };
const MODE_BY_CODE: Readonly<Record<number, string>> = { 15: 'ticker', 16: 'ticker', 17: 'quote', 18: 'quote', 21: 'full', 22: 'full', 23: 'depth', 24: 'depth' };

/** One accepted connection as the server sees it. */
export interface TestFeedConnection {
  readonly kind: DhanFeedSocketKind;
  readonly socket: WebSocket;
  readonly token: string | null;
  readonly clientId: string | null;
  /** Every request received, parsed. */
  readonly requests: unknown[];
  /** `mode|SEGMENT:id` subscribed now on this connection. */
  readonly subscribed: Set<string>;
  /** Requests that broke a rule of the seed, in words. */
  readonly violations: string[];
  /** Subscribe requests for something already subscribed on this connection. */
  duplicates: number;
  closed: boolean;
}

/** The server. */
export class TestFeedServer {
  readonly connections: TestFeedConnection[] = [];
  /** While true, new WebSocket handshakes are refused with HTTP {@link refuseStatus}. */
  refuseNew = false;
  refuseStatus = 503;
  /** Handshakes refused so far. */
  refused = 0;
  private readonly wss: WebSocketServer;
  private readonly waiters = new Set<() => void>();

  private constructor(wss: WebSocketServer) {
    this.wss = wss;
    wss.on('connection', (socket, req) => {
      const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
      const conn: TestFeedConnection = {
        kind: KIND_BY_PATH[url.pathname] ?? 'feed',
        socket,
        token: url.searchParams.get('token'),
        clientId: url.searchParams.get('clientId'),
        requests: [],
        subscribed: new Set(),
        violations: [],
        duplicates: 0,
        closed: false,
      };
      this.connections.push(conn);
      socket.on('message', (data, isBinary) => {
        if (isBinary) conn.violations.push('binary request');
        else this.request(conn, String(data));
        this.wake();
      });
      socket.on('close', () => {
        conn.closed = true;
        this.wake();
      });
      socket.on('error', () => {});
      this.wake();
    });
  }

  /** Starts a server on 127.0.0.1:0. */
  static async start(): Promise<TestFeedServer> {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, cb) => {
        if (!server.refuseNew) return cb(true);
        server.refused++;
        cb(false, server.refuseStatus, 'refused by test');
        server.wake();
      },
    });
    const server = new TestFeedServer(wss);
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return server;
  }

  /** Bases pointing at this server. */
  get bases(): DhanFeedBases {
    return localFeedBases(`ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`);
  }

  /** A URL of this server (for direct socket tests). */
  url(kind: DhanFeedSocketKind, token = 'tok', clientId = '1000000001'): string {
    return dhanFeedUrl(kind, { clientId, accessToken: token }, this.bases);
  }

  /** Open connections. */
  open(kind?: DhanFeedSocketKind): TestFeedConnection[] {
    return this.connections.filter((c) => !c.closed && (kind === undefined || c.kind === kind));
  }

  /** Resolves when `predicate` holds (checked after every server event and every 5 ms); rejects after `ms`. */
  async until(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(check);
        resolve();
      };
      // Server events wake the check at once; the poll catches state the server cannot see.
      const poll = setInterval(check, 5);
      const timer = setTimeout(() => {
        clearInterval(poll);
        this.waiters.delete(check);
        reject(new Error(`test server: timed out waiting for ${what}`));
      }, ms);
      this.waiters.add(check);
    });
  }

  /** Re-checks waiters (call after changing state the server cannot see). */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Closes the server and every connection. */
  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private request(conn: TestFeedConnection, text: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(text) as Record<string, unknown>;
    } catch {
      conn.violations.push(`not JSON: ${text.slice(0, 40)}`);
      return;
    }
    conn.requests.push(msg);
    const code = msg['RequestCode'];
    if (code === 12) return;
    if (typeof code !== 'number' || MODE_BY_CODE[code] === undefined) {
      conn.violations.push(`unknown RequestCode ${String(code)}`);
      return;
    }
    const subscribe = code % 2 === 1;
    if (conn.kind === 'feed' && code >= 23) conn.violations.push(`depth code ${code} on the market feed`);
    if (conn.kind !== 'feed' && code < 23) conn.violations.push(`feed code ${code} on a depth socket`);
    let list: { ExchangeSegment?: unknown; SecurityId?: unknown }[];
    if (conn.kind === 'depth200') {
      list = [{ ExchangeSegment: msg['ExchangeSegment'], SecurityId: msg['SecurityId'] }];
      if ('InstrumentList' in msg) conn.violations.push('200-level request with InstrumentList');
    } else {
      const count = msg['InstrumentCount'];
      const raw = msg['InstrumentList'];
      if (!Array.isArray(raw)) {
        conn.violations.push('InstrumentList missing');
        return;
      }
      list = raw as typeof list;
      const max = conn.kind === 'feed' ? 100 : 50;
      if (count !== list.length) conn.violations.push(`InstrumentCount ${String(count)} but ${list.length} listed`);
      if (list.length === 0 || list.length > max) conn.violations.push(`${list.length} instruments in one message (max ${max})`);
    }
    for (const i of list) {
      if (typeof i.ExchangeSegment !== 'string' || typeof i.SecurityId !== 'string') {
        conn.violations.push('ExchangeSegment and SecurityId must be strings');
        continue;
      }
      const key = `${MODE_BY_CODE[code]}|${i.ExchangeSegment}:${i.SecurityId}`;
      if (subscribe) {
        if (conn.subscribed.has(key)) conn.duplicates++;
        conn.subscribed.add(key);
      } else if (!conn.subscribed.delete(key)) {
        conn.violations.push(`unsubscribe of ${key}, which is not subscribed`);
      }
    }
  }
}
