/**
 * The headless host: the same core as the Electron app, behind a loopback HTTP + WebSocket server
 * that serves the built renderer and the bridge. Used by `npm run web`, by `npm start` where the
 * Electron binary is missing, and by the end-to-end tests.
 *
 * Source: issue 2 ("The headless host") and DESIGN.md, "Data flow" / "Commands". Binds 127.0.0.1
 * only; every HTTP request and upgrade must carry `Host: 127.0.0.1:PORT` or `localhost:PORT`
 * (DNS-rebinding guard); the bridge needs the per-launch token and the app's own Origin.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { SessionState, createCoreHandlers } from '../core/app-core';
import { NO_DESKTOP_NOTICES } from '../core/desktop-notices';
import { createBridgeServer } from '../core/ipc/bridge-server';
import { dataDir as defaultDataDir } from '../core/paths';
import { createTradingServices, type TradingServicesHandle } from '../core/services/trading-services';
import type { SimSessionOptions } from '../core/services/session-manager';
import { createHeadlessVault } from '../core/vault';
import { REPO_ROOT, readAppVersion } from './app-version';
import { hostAllowed, newLaunchToken, pathOfRequestTarget } from './host-guard';
import { securityHeaders } from './security-headers';
import { sendText, serveStatic } from './static-files';
import { BRIDGE_PATH, attachBridge, judgeBridgeRequest } from './ws-bridge';

/** Options of `startHeadlessHost`. */
export interface HeadlessHostOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** One line per notable event (refusals, failures). Never receives the token. Default: silent. */
  readonly log?: (line: string) => void;
  /** Built renderer directory. Default: `<repo>/dist/renderer`. */
  readonly rendererDir?: string;
  /** Where the vault, settings and prefs files live. Default: `dataDir()` (`$TICKDESK_HOME` or `~/.tickdesk`). */
  readonly dataDir?: string;
  /**
   * The built-in simulated exchange, started by default so the page shows a live market: seed,
   * always open (default TRUE here: the headless host serves demos and end-to-end tests at any
   * hour; `alwaysOpen: false` or `TICKDESK_SIM_ALWAYS_OPEN=0` gives NSE hours), a Dhan master as
   * its universe (`instrumentsFile`), speed.
   */
  readonly sim?: SimSessionOptions;
}

/** A running headless host. */
export interface HeadlessHost {
  /** The URL to open: `http://127.0.0.1:PORT/?token=TOKEN`. Contains the token: print it, never log it. */
  readonly url: string;
  readonly port: number;
  /** The per-launch token (base64url, 256 bits). */
  readonly token: string;
  /** The trading services (session, market data, orders...), for tests and tools. */
  readonly trading: TradingServicesHandle;
  /** Closes every bridge socket, the HTTP server, then the trading services (sim, feed, workers). */
  close(): Promise<void>;
}

/**
 * Starts the host. Resolves once it listens; rejects when the port cannot be bound (for example
 * `EADDRINUSE`) or is not an integer in 0…65535.
 */
export async function startHeadlessHost(opts: HeadlessHostOptions = {}): Promise<HeadlessHost> {
  const requestedPort = opts.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new RangeError(`port must be an integer in 0…65535, got ${String(requestedPort)}`);
  }
  const log = opts.log ?? (() => {});
  const rendererDir = resolve(opts.rendererDir ?? join(REPO_ROOT, 'dist', 'renderer'));
  const token = newLaunchToken();

  const session = new SessionState({
    broker: 'sim',
    mode: 'SIM',
    state: 'disconnected',
    detail: 'simulated exchange not started',
    tokenExpiresAtMs: null,
  });
  const dir = opts.dataDir ?? defaultDataDir();
  const vault = createHeadlessVault(dir, log);
  const trading = createTradingServices({
    dataDir: dir,
    session,
    log,
    readCredential: async (broker) => vault.read(broker),
    sim: { alwaysOpen: true, ...opts.sim },
  });
  // No desktop notifications from a headless host: `app.notify` answers shown:false and the page
  // uses the browser's Notification API when permitted, else its toast.
  const { requests, streams } = createCoreHandlers({ version: readAppVersion(), host: 'headless', vault, session, trading, notifications: NO_DESKTOP_NOTICES });
  const bridge = createBridgeServer(requests, streams, log);

  // Known once listening; requests cannot arrive before that.
  let port = 0;
  let headers: Readonly<Record<string, string>> = {};

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, port)) {
      log(`host: refused HTTP request from ${req.socket.remoteAddress ?? '?'} (403): Host header is not this loopback host`);
      sendText(res, 403, 'Refused: this server answers only to 127.0.0.1 or localhost on its own port.', headers);
      return;
    }
    const path = pathOfRequestTarget(req.url);
    if (path === BRIDGE_PATH) {
      // A plain GET of the bridge path tells the page why its upgrade failed (browsers hide the
      // status of a refused WebSocket): 401 for a missing or wrong token, 426 for a good one.
      const refusal = judgeBridgeRequest(req, port, token, 'if-present');
      if (refusal) sendText(res, refusal.status, `Tickdesk bridge refused: ${refusal.reason}.`, headers);
      else sendText(res, 426, 'Use a WebSocket upgrade on this path.', headers, { Upgrade: 'websocket' });
      return;
    }
    serveStatic(req, res, path, { root: rendererDir, headers }).catch((e: unknown) => {
      log(`host: static file failure: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.', headers);
      else res.destroy();
    });
  };

  const server = createServer(onRequest);
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    const onError = (e: Error) => {
      void trading.close();
      fail(e);
    };
    server.once('error', onError);
    server.listen({ host: '127.0.0.1', port: requestedPort, exclusive: true }, () => {
      server.off('error', onError);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = securityHeaders(port);
  server.on('error', (e) => log(`host: server error: ${e.message}`));
  const attached = attachBridge(server, { port, token, bridge, log });

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    trading,
    close() {
      closing ??= (async () => {
        await attached.close();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        await trading.close();
      })();
      return closing;
    },
  };
}
