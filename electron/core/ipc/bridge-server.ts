/**
 * The core side of the bridge, shared by both transports (Electron IPC and loopback WebSocket).
 *
 * Source: DESIGN.md, "The IPC contract". A transport calls `server.connect(sink)` for each renderer
 * and feeds it every text frame it receives; the server parses the envelope (`shared/ipc/wire.ts`),
 * validates arguments with zod (`schemas.ts`), runs the handler and sends the answer back through
 * `sink.send`. Nothing a client sends can throw out of `receive`: malformed frames get an `err`
 * frame, bad arguments a `BAD_REQUEST` result, handler failures an `INTERNAL` result (or the
 * handler's own `BridgeFault`). Closing a connection disposes every stream it opened.
 */
import { bridgeError, BridgeFault, type BridgeError } from '../../../shared/errors';
import type {
  Disposer,
  RequestArgs,
  RequestChannel,
  RequestResult,
  StreamArgs,
  StreamChannel,
  StreamPayload,
  TransportName,
} from '../../../shared/ipc/contract';
import { parseClientFrame, type ServerFrame } from '../../../shared/ipc/wire';
import { describeIssues, requestSchemas, streamSchemas } from './schemas';

/** What a handler knows of its caller. */
export interface CallContext {
  readonly transport: TransportName;
  /** Connection number, unique per server, for logs. */
  readonly connectionId: number;
}

/** One async function per request channel. Throw `BridgeFault` to choose the error code. */
export type RequestHandlers = {
  [C in RequestChannel]: (args: RequestArgs<C>, ctx: CallContext) => Promise<RequestResult<C>> | RequestResult<C>;
};

/**
 * One function per stream: start emitting, return the disposer. `end(error)` ends the stream from
 * the core side.
 */
export type StreamHandlers = {
  [S in StreamChannel]: (
    args: StreamArgs<S>,
    emit: (payload: StreamPayload<S>) => void,
    ctx: CallContext,
    end: (error: BridgeError) => void,
  ) => Disposer;
};

/** Where a connection's answers go: the transport's send. */
export interface ConnectionSink {
  readonly transport: TransportName;
  send(frame: string): void;
}

/** A live connection: feed it frames, close it when the transport closes. */
export interface BridgeConnection {
  receive(frame: unknown): void;
  close(): void;
}

/** Counters for tests and the status bar. */
export interface BridgeServerStats {
  connections: number;
  malformedFrames: number;
  badRequests: number;
  handlerFailures: number;
}

export interface BridgeServer {
  connect(sink: ConnectionSink): BridgeConnection;
  readonly stats: Readonly<BridgeServerStats>;
}

/** Most streams one connection may hold open at once. */
export const MAX_STREAMS_PER_CONNECTION = 256;

/** Builds the server. `log` receives one line per handler failure (never arguments: they may hold secrets). */
export function createBridgeServer(
  requests: RequestHandlers,
  streams: StreamHandlers,
  log: (line: string) => void = () => {},
): BridgeServer {
  const stats: BridgeServerStats = { connections: 0, malformedFrames: 0, badRequests: 0, handlerFailures: 0 };
  let nextConnection = 1;

  const toError = (e: unknown, ch: string): BridgeError => {
    if (e instanceof BridgeFault) return e.error;
    stats.handlerFailures++;
    const why = e instanceof Error ? e.message : String(e);
    log(`bridge: handler for ${ch} failed: ${why}`);
    return bridgeError('INTERNAL', `Tickdesk failed to handle ${ch}: ${why}`);
  };

  return {
    stats,
    connect(sink) {
      const ctx: CallContext = { transport: sink.transport, connectionId: nextConnection++ };
      const open = new Map<number, Disposer>();
      let closed = false;
      stats.connections++;

      const send = (f: ServerFrame) => {
        if (!closed) sink.send(JSON.stringify(f));
      };

      const handleRequest = async (id: number, ch: string, raw: unknown) => {
        if (!Object.hasOwn(requestSchemas, ch)) {
          send({ t: 'res', id, ok: false, error: bridgeError('UNKNOWN_CHANNEL', `No request channel named ${JSON.stringify(ch)}.`) });
          return;
        }
        const channel = ch as RequestChannel;
        const parsed = requestSchemas[channel].safeParse(raw);
        if (!parsed.success) {
          stats.badRequests++;
          send({ t: 'res', id, ok: false, error: bridgeError('BAD_REQUEST', `Bad arguments for ${ch}: ${describeIssues(parsed.error)}`) });
          return;
        }
        try {
          const handler = requests[channel] as (a: unknown, c: CallContext) => unknown;
          const value = await handler(parsed.data, ctx);
          send({ t: 'res', id, ok: true, value: value === undefined ? null : value });
        } catch (e) {
          send({ t: 'res', id, ok: false, error: toError(e, ch) });
        }
      };

      const handleSubscribe = (id: number, ch: string, raw: unknown) => {
        if (open.has(id)) {
          send({ t: 'end', id, error: bridgeError('BAD_REQUEST', `Stream id ${id} is already open.`) });
          return;
        }
        if (!Object.hasOwn(streamSchemas, ch)) {
          send({ t: 'end', id, error: bridgeError('UNKNOWN_CHANNEL', `No stream named ${JSON.stringify(ch)}.`) });
          return;
        }
        if (open.size >= MAX_STREAMS_PER_CONNECTION) {
          send({ t: 'end', id, error: bridgeError('BAD_REQUEST', `At most ${MAX_STREAMS_PER_CONNECTION} streams per connection.`) });
          return;
        }
        const stream = ch as StreamChannel;
        const parsed = streamSchemas[stream].safeParse(raw);
        if (!parsed.success) {
          stats.badRequests++;
          send({ t: 'end', id, error: bridgeError('BAD_REQUEST', `Bad arguments for stream ${ch}: ${describeIssues(parsed.error)}`) });
          return;
        }
        let ended = false;
        const end = (error: BridgeError) => {
          if (ended) return;
          ended = true;
          const d = open.get(id);
          open.delete(id);
          d?.();
          send({ t: 'end', id, error });
        };
        try {
          const start = streams[stream] as (a: unknown, emit: (p: unknown) => void, c: CallContext, end: (e: BridgeError) => void) => Disposer;
          // Register before starting so an `emit` inside start is delivered and an early `end` is honoured.
          open.set(id, () => {});
          const dispose = start(parsed.data, (payload) => {
            if (!ended && open.has(id)) send({ t: 'ev', id, payload });
          }, ctx, end);
          if (ended) dispose();
          else open.set(id, dispose);
        } catch (e) {
          open.delete(id);
          send({ t: 'end', id, error: toError(e, ch) });
        }
      };

      return {
        receive(frame) {
          if (closed) return;
          const p = parseClientFrame(frame);
          if (!p.ok) {
            stats.malformedFrames++;
            send({ t: 'err', id: p.id, error: bridgeError('MALFORMED_FRAME', `Malformed frame: ${p.reason}.`) });
            return;
          }
          const f = p.frame;
          if (f.t === 'req') void handleRequest(f.id, f.ch, f.args);
          else if (f.t === 'sub') handleSubscribe(f.id, f.ch, f.args);
          else {
            const d = open.get(f.id);
            open.delete(f.id);
            d?.();
          }
        },
        close() {
          if (closed) return;
          closed = true;
          stats.connections--;
          for (const d of open.values()) d();
          open.clear();
        },
      };
    },
  };
}
