/**
 * The WebSocket side of the headless host: checks every upgrade (Host, Origin, token) and hands
 * each accepted socket to the core's bridge server as one connection.
 *
 * Source: issue 2 ("the same bridge over a WebSocket ... guarded by a random per-launch token ...
 * Host and Origin checked") and DESIGN.md, "The IPC contract" (same frames as Electron IPC).
 * Refusals answer HTTP 401 (token) or 403 (Host, Origin, path) on the upgrade and are logged
 * without the token.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeServer } from '../core/ipc/bridge-server';
import { hostAllowed, originAllowed, pathOfRequestTarget, tokenFromRequestTarget, tokenMatches } from './host-guard';

/** The path of the bridge endpoint. */
export const BRIDGE_PATH = '/bridge';

/** Largest WebSocket message accepted, in bytes (1 MiB, like `MAX_FRAME_CHARS` of the wire). */
export const MAX_MESSAGE_BYTES = 1 << 20;

/** Outgoing bytes queued on one socket beyond which the client is too slow and is dropped (16 MiB). */
export const MAX_BUFFERED_BYTES = 16 << 20;

/** Why an upgrade (or a bridge probe) was refused, or `null` when it may proceed. */
export interface Refusal {
  readonly status: 401 | 403;
  /** For the log and the answer body; never contains the token. */
  readonly reason: string;
}

/**
 * How Origin is checked: `required` on the WebSocket upgrade (browsers always send it there);
 * `if-present` on the plain-GET probe, because browsers send no Origin on a same-origin GET but do
 * send one on a cross-origin request, which is then refused.
 */
export type OriginRule = 'required' | 'if-present';

/**
 * Decides a bridge request: Host first (DNS rebinding), then the path, then Origin, then the
 * token (constant-time compare).
 */
export function judgeBridgeRequest(req: Pick<IncomingMessage, 'headers' | 'url'>, port: number, token: string, originRule: OriginRule = 'required'): Refusal | null {
  if (!hostAllowed(req.headers.host, port)) return { status: 403, reason: 'Host header is not this loopback host' };
  if (pathOfRequestTarget(req.url) !== BRIDGE_PATH) return { status: 403, reason: 'not the bridge path' };
  const skipOrigin = originRule === 'if-present' && req.headers.origin === undefined;
  if (!skipOrigin && !originAllowed(req.headers.origin, port)) {
    return { status: 403, reason: req.headers.origin === undefined ? 'no Origin header' : 'foreign Origin' };
  }
  const given = tokenFromRequestTarget(req.url);
  if (given === null || given === '') return { status: 401, reason: 'no launch token' };
  if (!tokenMatches(given, token)) return { status: 401, reason: 'wrong launch token' };
  return null;
}

/** Writes an HTTP refusal on a raw upgrade socket and closes it. */
function refuseUpgrade(socket: Duplex, r: Refusal): void {
  const text = r.status === 401 ? 'Unauthorized' : 'Forbidden';
  const body = `Tickdesk bridge refused: ${r.reason}.\n`;
  socket.end(
    `HTTP/1.1 ${r.status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
}

/** Options of `attachBridge`. */
export interface AttachBridgeOptions {
  readonly port: number;
  readonly token: string;
  readonly bridge: BridgeServer;
  readonly log: (line: string) => void;
}

/** The attached bridge: its open sockets and how to close them. */
export interface AttachedBridge {
  /** Number of open bridge sockets. */
  readonly openSockets: () => number;
  /** Closes every socket (1001 going away) and the WebSocket server. */
  close(): Promise<void>;
}

/** Handles `upgrade` events of `server`: refuses or connects each to the bridge server. */
export function attachBridge(server: Server, o: AttachBridgeOptions): AttachedBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: true });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = judgeBridgeRequest(req, o.port, o.token);
    if (refusal) {
      o.log(`host: refused bridge upgrade from ${req.socket.remoteAddress ?? '?'} (${refusal.status}): ${refusal.reason}`);
      refuseUpgrade(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connectSocket(ws));
  });

  const connectSocket = (ws: WebSocket) => {
    const conn = o.bridge.connect({
      transport: 'websocket',
      send(frame) {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          o.log(`host: bridge client too slow (${ws.bufferedAmount} bytes queued), dropping it`);
          ws.terminate();
          return;
        }
        ws.send(frame);
      },
    });
    ws.on('message', (data, isBinary) => {
      // Binary messages are not frames of the contract: the bridge answers MALFORMED_FRAME.
      if (isBinary) conn.receive(null);
      else {
        const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
        conn.receive(text);
      }
    });
    ws.on('error', (e) => o.log(`host: bridge socket error: ${e.message}`));
    ws.on('close', () => conn.close());
  };

  return {
    openSockets: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'Tickdesk host is shutting down');
        const forced = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 500);
        forced.unref();
        wss.close(() => {
          clearTimeout(forced);
          resolve();
        });
      }),
  };
}
