/**
 * The renderer's `Bridge`, built once over any `ClientPort` (Electron preload or WebSocket).
 *
 * Source: DESIGN.md, "The IPC contract". Requests resolve with `Result` (errors as data; a link that
 * closes with requests in flight answers them `NETWORK`). Open streams are sent again when the port
 * reopens, so a WebSocket reconnect is invisible to the panels.
 */
import { bridgeError, type BridgeError, type Result } from '../errors';
import type {
  Bridge,
  ConnectionState,
  Disposer,
  RequestArgs,
  RequestChannel,
  RequestResult,
  StreamArgs,
  StreamChannel,
  StreamPayload,
  TransportName,
} from './contract';
import { parseServerFrame, type ClientFrame } from './wire';

/** A text-frame link to the core. `state` changes are reported through `onState`. */
export interface ClientPort {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): Disposer;
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Disposer;
}

interface OpenStream {
  readonly ch: string;
  readonly args: unknown;
  readonly onEvent: (payload: never) => void;
  readonly onError: ((error: BridgeError) => void) | undefined;
}

/** Counters a status bar or test can read. */
export interface ClientStats {
  /** Frames from the core that were not valid envelopes, dropped. */
  readonly malformedFrames: number;
  /** Last frame time, epoch ms (from the client's clock), or 0. */
  readonly lastFrameAtMs: number;
}

/** Builds a `Bridge` over `port`. `now` is injectable for tests. */
export function createBridge(
  port: ClientPort,
  transport: TransportName,
  now: () => number = () => Date.now(),
): Bridge & { readonly stats: ClientStats } {
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const streams = new Map<number, OpenStream>();
  const listeners = new Set<(s: ConnectionState) => void>();
  const stats = { malformedFrames: 0, lastFrameAtMs: 0 };

  const send = (f: ClientFrame): boolean => {
    if (port.state !== 'open') return false;
    port.send(JSON.stringify(f));
    return true;
  };

  port.onFrame((text) => {
    stats.lastFrameAtMs = now();
    const f = parseServerFrame(text);
    if (f === null) {
      stats.malformedFrames++;
      return;
    }
    if (f.t === 'res') {
      const resolve = pending.get(f.id);
      if (!resolve) return;
      pending.delete(f.id);
      resolve(f.ok ? { ok: true, value: f.value } : { ok: false, error: f.error });
    } else if (f.t === 'ev') {
      streams.get(f.id)?.onEvent(f.payload as never);
    } else if (f.t === 'end') {
      const s = streams.get(f.id);
      streams.delete(f.id);
      s?.onError?.(f.error);
    } else if (f.id !== null) {
      // An `err` for one of ours: a request the core could not read, or a stream it refused.
      const resolve = pending.get(f.id);
      if (resolve) {
        pending.delete(f.id);
        resolve({ ok: false, error: f.error });
      }
      const s = streams.get(f.id);
      if (s) {
        streams.delete(f.id);
        s.onError?.(f.error);
      }
    }
  });

  port.onState((state) => {
    if (state === 'open') {
      for (const [id, s] of streams) send({ t: 'sub', id, ch: s.ch, args: s.args });
    } else if (state === 'closed') {
      const lost = bridgeError('NETWORK', 'The link to the Tickdesk core closed before it answered.', true);
      for (const resolve of pending.values()) resolve({ ok: false, error: lost });
      pending.clear();
    }
    for (const l of listeners) l(state);
  });

  const bridge: Bridge & { readonly stats: ClientStats } = {
    transport,
    stats,
    get connection() {
      return port.state;
    },
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<Result<RequestResult<C>>> {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        if (!send({ t: 'req', id, ch: channel, args })) {
          pending.delete(id);
          resolve({ ok: false, error: bridgeError('NETWORK', 'Not connected to the Tickdesk core.', true) });
        }
      });
    },
    subscribe<S extends StreamChannel>(
      stream: S,
      args: StreamArgs<S>,
      onEvent: (payload: StreamPayload<S>) => void,
      onError?: (error: BridgeError) => void,
    ): Disposer {
      const id = nextId++;
      streams.set(id, { ch: stream, args, onEvent: onEvent as (p: never) => void, onError });
      send({ t: 'sub', id, ch: stream, args });
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        if (streams.delete(id)) send({ t: 'unsub', id });
      };
    },
  };
  return bridge;
}
