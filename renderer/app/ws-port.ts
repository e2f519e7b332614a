/**
 * A `ClientPort` over a browser WebSocket to the headless host's bridge, with reconnects.
 *
 * Source: issue 2 (web mode: the bridge at `ws://<host>/bridge?token=...`) and DESIGN.md, "The IPC
 * contract". The launch token is read from the page URL here and stays inside this module: it is
 * never stored, shown or logged. When an attempt fails before opening, a plain GET of `/bridge`
 * learns why (browsers hide the status of a refused upgrade): 401/403 means refused (stop: retrying
 * cannot help), anything else means the host is away (retry with full-jitter backoff).
 */
import type { ClientPort } from '../../shared/ipc/client';
import type { ConnectionState, Disposer } from '../../shared/ipc/contract';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffPolicy } from './backoff';
import type { LinkMonitor, LinkStatus } from './link-status';

/** The part of a WebSocket this port uses (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { readonly data: unknown }) => void) | null;
  onclose: ((ev: { readonly code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** What a `/bridge` probe found: the HTTP status, or `null` when the host did not answer. */
export type ProbeResult = number | null;

/** Options of `createWebSocketPort`. */
export interface WebSocketPortOptions {
  /** The page location: `host` (`127.0.0.1:PORT`) and `search` (`?token=...`). */
  readonly location: { readonly host: string; readonly search: string };
  /** Opens a socket (default: the browser's `WebSocket`). */
  readonly createSocket?: (url: string) => SocketLike;
  /** GETs the bridge path and resolves with the status (default: `fetch`, no cache, no credentials). */
  readonly probe?: (httpUrl: string) => Promise<ProbeResult>;
  readonly backoff?: BackoffPolicy;
  /** Uniform in [0, 1); default Math.random. */
  readonly random?: () => number;
}

/** The port, its link monitor, and `dispose` (closes the socket and stops reconnecting). */
export interface WebSocketPort {
  readonly port: ClientPort;
  readonly link: LinkMonitor;
  dispose(): void;
}

const OPEN = 1;

async function fetchProbe(httpUrl: string): Promise<ProbeResult> {
  try {
    const r = await fetch(httpUrl, { cache: 'no-store', credentials: 'omit', redirect: 'error' });
    return r.status;
  } catch {
    return null;
  }
}

/** Why the host refused, in the user's words, from the probe status. */
function refusalDetail(status: number, hadToken: boolean): string {
  if (status === 401) {
    return hadToken
      ? 'The host refused this launch token (it changes on every start). Open the URL the host printed.'
      : 'This page has no launch token. Open the URL the host printed.';
  }
  return 'The host refused this page (foreign origin or host name). Open the URL the host printed.';
}

/**
 * Connects at once and keeps reconnecting until `dispose()` or a refusal. Streams survive reconnects
 * because `createBridge` resubscribes on every `open`.
 */
export function createWebSocketPort(o: WebSocketPortOptions): WebSocketPort {
  const token = new URLSearchParams(o.location.search).get('token') ?? '';
  const query = `?token=${encodeURIComponent(token)}`;
  const wsUrl = `ws://${o.location.host}/bridge${query}`;
  const probeUrl = `http://${o.location.host}/bridge${query}`;
  const createSocket = o.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const probe = o.probe ?? fetchProbe;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const random = o.random ?? Math.random;

  const frameListeners = new Set<(f: string) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const statusListeners = new Set<(s: LinkStatus) => void>();
  let state: ConnectionState = 'connecting';
  let status: LinkStatus = { state: 'connecting', detail: 'Connecting to the Tickdesk host.' };
  let socket: SocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let disposed = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };
  const setStatus = (next: LinkStatus) => {
    if (next.state === status.state && next.detail === status.detail) return;
    status = next;
    for (const l of statusListeners) l(next);
  };

  const scheduleRetry = (why: string) => {
    const delay = backoffDelayMs(failures, backoff, random);
    failures++;
    setStatus({ state: 'reconnecting', detail: `${why}; reconnecting (attempt ${failures}).` });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (disposed) return;
    setState('connecting');
    let opened = false;
    let s: SocketLike;
    try {
      s = createSocket(wsUrl);
    } catch {
      setState('closed');
      scheduleRetry('Could not open a WebSocket');
      return;
    }
    socket = s;
    s.onopen = () => {
      if (disposed || socket !== s) return;
      opened = true;
      failures = 0;
      setStatus({ state: 'open', detail: 'Bridge open.' });
      setState('open');
    };
    s.onmessage = (ev) => {
      if (socket !== s || typeof ev.data !== 'string') return;
      for (const l of frameListeners) l(ev.data);
    };
    s.onerror = () => {};
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = null;
      setState('closed');
      if (disposed) return;
      if (opened) {
        scheduleRetry(`The link closed (code ${ev.code})`);
        return;
      }
      // Never opened: refused, or the host is away. Ask the host which.
      void probe(probeUrl).then((code) => {
        if (disposed) return;
        if (code === 401 || code === 403) setStatus({ state: 'refused', detail: refusalDetail(code, token !== '') });
        else scheduleRetry(code === null ? 'The host does not answer' : `The bridge did not open (HTTP ${code})`);
      });
    };
  };

  const port: ClientPort = {
    send(frame) {
      if (socket && socket.readyState === OPEN) socket.send(frame);
    },
    onFrame(listener): Disposer {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    get state() {
      return state;
    },
    onState(listener): Disposer {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
  const link: LinkMonitor = {
    get status() {
      return status;
    },
    onStatus(listener): Disposer {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };

  connect();
  return {
    port,
    link,
    dispose() {
      if (disposed) return;
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      const s = socket;
      socket = null;
      s?.close(1000, 'page closed');
      setState('closed');
    },
  };
}
