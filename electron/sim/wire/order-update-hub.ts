/**
 * The order-update socket of the simulated exchange (`/orderupdate`): login with MsgCode 42, then
 * one `order_alert` JSON message per order event of the matching engine (every status change,
 * modification and fill).
 *
 * Source: seeds/002 "Live Order Update" (login `{ LoginReq: { MsgCode: 42, ClientId, Token },
 * UserType: "SELF" }`; messages `{ Data: {…}, Type: "order_alert" }`), the client
 * electron/brokers/dhan/order-updates.ts (what it parses). The seed does not say how a refused
 * login is answered; the sim sends `{ Type: "error", errorCode: 808, errorMessage }` (the data-API
 * code for bad credentials, which the client treats as an authentication failure) and closes with
 * 1008. A socket that sends no valid login within `loginTimeoutMs` is closed the same way.
 */

import type { WebSocket } from 'ws';
import type { EngineEvent } from '../matching/types';
import { wireOrderAlert } from './dhan-wire-format';
import type { SimMarket } from './sim-market';

interface Session {
  readonly ws: WebSocket;
  loggedIn: boolean;
  timer: NodeJS.Timeout | null;
}

/** See the file comment. */
export class OrderUpdateHub {
  private readonly sessions = new Set<Session>();
  private readonly off: () => void;

  constructor(
    private readonly market: SimMarket,
    private readonly creds: { readonly clientId: string; readonly token: string },
    private readonly loginTimeoutMs = 10_000,
  ) {
    this.off = market.engine.onEvent((e) => this.onEvent(e));
  }

  /** Adds a socket; it must log in first. */
  attach(ws: WebSocket): void {
    const s: Session = { ws, loggedIn: false, timer: null };
    s.timer = setTimeout(() => this.refuse(s, 'no login message received'), this.loginTimeoutMs);
    this.sessions.add(s);
    ws.on('message', (data, isBinary) => {
      if (isBinary || s.loggedIn) return;
      let login: Record<string, unknown> | null = null;
      try {
        const m = JSON.parse(String(data)) as Record<string, unknown>;
        login = m?.['LoginReq'] !== null && typeof m?.['LoginReq'] === 'object' ? (m['LoginReq'] as Record<string, unknown>) : null;
      } catch {
        login = null;
      }
      if (login && Number(login['MsgCode']) === 42 && login['ClientId'] === this.creds.clientId && login['Token'] === this.creds.token) {
        s.loggedIn = true;
        if (s.timer) clearTimeout(s.timer);
        s.timer = null;
        return;
      }
      this.refuse(s, 'Authentication Failed - Client ID or Access Token invalid');
    });
    const gone = () => {
      if (s.timer) clearTimeout(s.timer);
      this.sessions.delete(s);
    };
    ws.on('close', gone);
    ws.on('error', gone);
  }

  private refuse(s: Session, message: string): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    this.sessions.delete(s);
    s.ws.send(JSON.stringify({ Type: 'error', errorCode: 808, errorMessage: message }));
    s.ws.close(1008, 'authentication failed');
  }

  private onEvent(e: EngineEvent): void {
    if (e.kind !== 'order' || this.sessions.size === 0) return;
    const ref = e.order.instrument;
    const model = this.market.model;
    const refLtp = model.instrument(ref) ? model.ltp(ref) : 0;
    const spec = this.market.spec(`${ref.segment}:${ref.securityId}`);
    const text = JSON.stringify(wireOrderAlert(e.order, this.creds.clientId, spec, e.fill, refLtp));
    for (const s of this.sessions) if (s.loggedIn) s.ws.send(text);
  }

  /** Logged-in sockets. */
  loggedIn(): number {
    let n = 0;
    for (const s of this.sessions) if (s.loggedIn) n++;
    return n;
  }

  /** Stops listening to the engine and closes every socket. */
  dispose(): void {
    this.off();
    for (const s of this.sessions) {
      if (s.timer) clearTimeout(s.timer);
      s.ws.terminate();
    }
    this.sessions.clear();
  }
}
