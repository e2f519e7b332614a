/**
 * The simulated exchange's wire server: DhanHQ v2 REST under `/v2` and the four WebSockets (`/`
 * market feed, `/twentydepth`, `/twohundreddepth`, `/orderupdate`) on ONE port bound to 127.0.0.1,
 * over the exchange core (market model + matching engine, via SimMarket).
 *
 * Source: issue 4 "Serving"; seeds/002 (every endpoint; socket URLs `?version=2&token&clientId&
 * authType=2`); feed-urls.ts `localFeedBases` (the paths a client uses against one origin).
 *
 * Time: the model advances in fixed steps of `stepMs` real ms (× `speed` simulated ms each), so the
 * same seed gives the same ticks whatever the timer's jitter; after each step the feed is flushed
 * (coalesced per connection, see feed-hub.ts). A timer runs the steps that are due (at most 20 per
 * turn; a backlog beyond that is dropped rather than spiralling). With `manualClock` there is no
 * timer and time moves only with `advance` (deterministic tests).
 *
 * Sockets with a wrong token/client id are accepted, sent the disconnect packet (807/808, see
 * connection-limits.ts) and closed. Tokens never reach the log: nothing here logs a URL.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeDepthPacket } from '../../brokers/dhan/depth-codec';
import { encodeFeedPacket } from '../../brokers/dhan/feed-codec';
import { defaultUniverse } from '../default-universe';
import type { SimInstrumentSpec } from '../sim-instrument';
import { loadMasterUniverse } from '../universe-from-master';
import { ConnectionRegistry, socketAuthFailure } from './connection-limits';
import { DepthHub } from './depth-hub';
import { FeedHub } from './feed-hub';
import { OrderUpdateHub } from './order-update-hub';
import { SimRateLimiter, type SimRateLimitMode } from './rate-limits';
import { routeRest, type RestCredentials } from './rest-router';
import { SimMarket } from './sim-market';

/** Credentials the sim accepts when none are given. */
export const SIM_DEFAULT_CLIENT_ID = '1000000001';
export const SIM_DEFAULT_TOKEN = 'tickdesk-sim-token';

/** Options of `startSimExchange`. */
export interface SimExchangeServerOptions {
  /** TCP port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /** Seed of the market (default 1). */
  readonly seed?: number;
  /** Simulated ms per real ms (default 1). */
  readonly speed?: number;
  /** Market always open (demos, tests at any hour). */
  readonly alwaysOpen?: boolean;
  /** Path of a Dhan master CSV (compact or detailed, `.gz` too) to use as the universe. */
  readonly instruments?: string;
  /** Instruments to use instead (tests); ignored when `instruments` is given. */
  readonly universe?: readonly SimInstrumentSpec[];
  readonly clientId?: string;
  readonly token?: string;
  /** Simulated start, epoch ms UTC (default now, or the master's date for an old master). */
  readonly startTimeMs?: number;
  /** Real ms per model step (default 100). */
  readonly stepMs?: number;
  /** No timer; time moves only with `advance`. */
  readonly manualClock?: boolean;
  /** Opening cash limit, rupees. */
  readonly startOfDayLimit?: number;
  /**
   * A catalogue up to this size is live from the start (SimMarket `eagerLimit`, default 20,000);
   * larger ones materialise instruments when first subscribed, quoted or traded.
   */
  readonly eagerLimit?: number;
  /** Feed connections above this `bufferedAmount` (bytes) are skipped until they drain. */
  readonly highWaterBytes?: number;
  /**
   * REST rate limits answered with DH-904 (rate-limits.ts): `orders` (default) enforces the order
   * APIs' 10/s, 250/min, 1000/h, 7000/day; `all` every class of electron/brokers/dhan/limits.ts;
   * `off` none.
   */
  readonly rateLimits?: SimRateLimitMode;
  /** One line per notable event (start, bad requests); never carries a token. */
  readonly log?: (line: string) => void;
}

/** A running sim. */
export interface SimExchangeHandle {
  /** `http://127.0.0.1:N` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:N/v2`: the REST client's base URL. */
  readonly restBaseUrl: string;
  /** `ws://127.0.0.1:N`: origin of the sockets (feed-urls.ts `localFeedBases(wsBase)`). */
  readonly wsBase: string;
  /** `ws://127.0.0.1:N/orderupdate` */
  readonly orderUpdateUrl: string;
  /** The instruments as a compact master CSV (the REST client's `compactUrl`). */
  readonly instrumentListUrl: string;
  /** The instruments as a detailed master CSV (the REST client's `detailedUrl`). */
  readonly detailedInstrumentListUrl: string;
  readonly clientId: string;
  readonly token: string;
  readonly port: number;
  /** The exchange core (tests, the app's in-process use). */
  readonly market: SimMarket;
  /** Open sockets: market feed, depth (20 and 200) and logged-in order-update sessions. */
  connections(): { readonly feed: number; readonly depth: number; readonly orderUpdates: number };
  /** Runs the model steps covering `realMs` of real time now, flushing the sockets after each. */
  advance(realMs: number): void;
  /** Stops the timer, closes every socket and the server. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_STEPS_PER_TURN = 20;
/** WebSocket ping interval, ms (seeds/002: the server pings every 10 s). */
const PING_INTERVAL_MS = 10_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes an answer; an `undefined` body is sent empty (Dhan's 202 for a position conversion). */
function reply(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = body === undefined ? '' : typeof body === 'string' && contentType !== 'application/json' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Starts the simulated exchange on 127.0.0.1. Rejects when the master file cannot be read or the
 * port is taken.
 */
export async function startSimExchange(opts: SimExchangeServerOptions = {}): Promise<SimExchangeHandle> {
  const log = opts.log ?? (() => {});
  const creds: RestCredentials = { clientId: opts.clientId ?? SIM_DEFAULT_CLIENT_ID, token: opts.token ?? SIM_DEFAULT_TOKEN };
  let catalogue: readonly SimInstrumentSpec[];
  let startTimeMs = opts.startTimeMs ?? Date.now();
  if (opts.instruments !== undefined) {
    const u = await loadMasterUniverse(opts.instruments, { nowMs: startTimeMs });
    catalogue = u.instruments;
    if (opts.startTimeMs === undefined) startTimeMs = u.startTimeMs;
    log(`sim: ${u.fromMaster} instruments from ${opts.instruments} (+${u.synthetic} synthetic spots, ${u.sharedIds} ids shared by two segments)`);
  } else {
    catalogue = opts.universe ?? defaultUniverse(startTimeMs);
  }
  const market = new SimMarket({
    seed: opts.seed ?? 1,
    catalogue,
    startTimeMs,
    speed: opts.speed ?? 1,
    alwaysOpen: opts.alwaysOpen ?? false,
    ...(opts.startOfDayLimit !== undefined ? { startOfDayLimit: opts.startOfDayLimit } : {}),
    ...(opts.eagerLimit !== undefined ? { eagerLimit: opts.eagerLimit } : {}),
  });
  const ctx = { market, clientId: creds.clientId, limiter: new SimRateLimiter(opts.rateLimits ?? 'orders') };
  const feed = new FeedHub(market, opts.highWaterBytes);
  const depth = new DepthHub(market, opts.highWaterBytes);
  const orders = new OrderUpdateHub(market, creds);
  const registry = new ConnectionRegistry();
  feed.onDrop = (c) => registry.release(c.clientId, c);
  depth.onDrop = (c) => registry.release(c.clientId, c);

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        const text = await readBody(req);
        body = text.trim() === '' ? undefined : JSON.parse(text);
      } catch (e) {
        reply(res, 400, { errorType: 'Input_Exception', errorCode: 'DH-905', errorMessage: `Request body is not valid JSON (${(e as Error).message})` });
        return;
      }
      const answer = routeRest(ctx, creds, { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });
      reply(res, answer.status, answer.body, answer.contentType);
    })().catch((e: unknown) => {
      log(`sim: request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) reply(res, 500, { errorType: 'Internal_Server_Error', errorCode: 'DH-908', errorMessage: 'Simulated exchange failed' });
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const kinds = new Set(['/', '/twentydepth', '/twohundreddepth', '/orderupdate']);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!kinds.has(url.pathname)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (url.pathname === '/orderupdate') {
        orders.attach(ws);
        return;
      }
      const levels = url.pathname === '/twentydepth' ? 20 : url.pathname === '/twohundreddepth' ? 200 : null;
      const failure = socketAuthFailure(url.searchParams, creds);
      if (failure !== null) {
        const packet =
          levels === null
            ? encodeFeedPacket({ kind: 'disconnect', segment: null, securityId: 0, reason: failure })
            : encodeDepthPacket({ kind: 'disconnect', segment: null, securityId: 0, reason: failure }, levels);
        ws.send(packet, () => ws.close(1008, 'authentication failed'));
        return;
      }
      const conn = levels === null ? feed.attach(ws, creds.clientId) : depth.attach(ws, creds.clientId, levels);
      registry.admit(creds.clientId, conn);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const stepMs = opts.stepMs ?? 100;
  const runStep = () => {
    market.step(stepMs);
    feed.flush();
    depth.flush();
  };
  let timer: NodeJS.Timeout | null = null;
  if (opts.manualClock !== true) {
    let base = performance.now();
    let done = 0;
    timer = setInterval(() => {
      const due = Math.floor((performance.now() - base) / stepMs);
      let n = 0;
      while (done < due && n < MAX_STEPS_PER_TURN) {
        runStep();
        done++;
        n++;
      }
      if (done < due) {
        base = performance.now();
        done = 0;
      }
    }, stepMs);
  }
  // Dhan's servers ping every 10 s (seeds/002 "Live Market Feed"); so does the sim.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.ping();
  }, PING_INTERVAL_MS);
  pinger.unref();
  let carry = 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`sim: listening on ${baseUrl}`);
  return {
    baseUrl,
    restBaseUrl: `${baseUrl}/v2`,
    wsBase: `ws://127.0.0.1:${port}`,
    orderUpdateUrl: `ws://127.0.0.1:${port}/orderupdate`,
    instrumentListUrl: `${baseUrl}/api-data/api-scrip-master.csv`,
    detailedInstrumentListUrl: `${baseUrl}/api-data/api-scrip-master-detailed.csv`,
    clientId: creds.clientId,
    token: creds.token,
    port,
    market,
    connections: () => ({ feed: feed.connections().length, depth: depth.connections().length, orderUpdates: orders.loggedIn() }),
    advance(realMs: number) {
      feed.materialise();
      carry += realMs;
      while (carry >= stepMs) {
        carry -= stepMs;
        runStep();
      }
    },
    async close() {
      if (timer) clearInterval(timer);
      clearInterval(pinger);
      feed.dispose();
      orders.dispose();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      market.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
