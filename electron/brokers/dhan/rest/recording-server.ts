/**
 * A loopback HTTP server that records every request and answers as told: test support for the
 * Dhan REST client (and anything else that speaks HTTP to a fake broker). Listens on 127.0.0.1,
 * port 0 only.
 */

import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v2/orders/123`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body text (`''` when none). */
  readonly text: string;
  /** The body parsed as JSON, or undefined when empty or not JSON. */
  readonly json: unknown;
}

/** How to answer one request. */
export type ReplyPlan =
  | { readonly status: number; readonly body?: string | object | null; readonly contentType?: string }
  /** Never answer (the client's timeout fires). */
  | { readonly hang: true }
  /** Drop the connection without an answer (a network error for the client). */
  | { readonly destroy: true };

/** A running server. */
export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Requests whose body has fully arrived (what handlers saw). */
  readonly requests: RecordedRequest[];
  /**
   * Every request that reached the server, counted when its headers arrive: a client that times
   * out before its body is read still counts here (the "sent exactly once" checks use this).
   */
  readonly arrivals: number;
  close(): Promise<void>;
}

function reply(res: ServerResponse, plan: Extract<ReplyPlan, { status: number }>): void {
  const body = plan.body === undefined || plan.body === null ? '' : typeof plan.body === 'string' ? plan.body : JSON.stringify(plan.body);
  res.writeHead(plan.status, { 'Content-Type': plan.contentType ?? 'application/json' });
  res.end(body);
}

/** Starts a server on 127.0.0.1:0 that records each request and answers with `handler`'s plan. */
export async function startRecordingServer(handler: (req: RecordedRequest) => ReplyPlan | Promise<ReplyPlan>): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let arrivals = 0;
  const server: Server = createServer((req, res) => {
    arrivals++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, text, json };
      requests.push(rec);
      void Promise.resolve(handler(rec)).then((plan) => {
        if ('hang' in plan) return;
        if ('destroy' in plan) {
          req.socket.destroy();
          return;
        }
        reply(res, plan);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get arrivals() {
      return arrivals;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
