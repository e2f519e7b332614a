/**
 * The UI side of the instrument search worker: a promise per request, matched by request id.
 *
 * Type-ahead rule: only the newest query matters. When `search` is called again before the
 * previous answer came back, the previous promise resolves at once with `{ status: 'stale' }`
 * and its answer is dropped when it arrives, so a slow early keystroke never overwrites the
 * results of a later one.
 *
 * Messages: shared/search/worker-protocol.ts. The worker: search-worker.ts.
 */
import { bridgeError, type BridgeError, type Result } from '../../../shared/errors';
import { packedTransferables, type PackedInstruments } from '../../../shared/search/packed-instruments';
import type { SearchOptions } from '../../../shared/search/search';
import type { SearchResultRow, SearchWorkerRequest } from '../../../shared/search/worker-protocol';

/** The end of a channel to the worker (a `Worker`, or a test double). */
export interface SearchWorkerPort {
  postMessage(message: SearchWorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
}

/** What a `search` call resolves to. */
export type SearchReply =
  | { readonly status: 'ok'; readonly query: string; readonly rows: readonly SearchResultRow[] }
  /** A newer query was sent before this one was answered; show the newer one's results. */
  | { readonly status: 'stale' }
  | { readonly status: 'error'; readonly error: BridgeError };

/** The master as loaded in the worker. */
export interface SearchIndexInfo {
  readonly count: number;
  /** Unpack + index time inside the worker, ms. */
  readonly buildMs: number;
}

/** The client. */
export interface SearchClient {
  /**
   * Sends the packed master to the worker (its buffers are transferred: unusable here afterwards)
   * and resolves once the index is built. `today`: IST date `YYYY-MM-DD` for ranking expired
   * contracts last (default: the worker's current date).
   */
  load(packed: PackedInstruments, today?: string): Promise<Result<SearchIndexInfo>>;
  /** One keystroke's query. Earlier pending searches resolve `stale`. */
  search(query: string, options?: SearchOptions): Promise<SearchReply>;
  /** Answers that arrived for no pending request (stale or unknown ids), dropped. */
  readonly dropped: number;
  /** Resolves every pending request with an error and detaches from the port. */
  dispose(): void;
}

type Pending =
  | { readonly kind: 'load'; readonly resolve: (r: Result<SearchIndexInfo>) => void }
  | { readonly kind: 'search'; readonly resolve: (r: SearchReply) => void };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Creates a client over `port` (takes over `port.onmessage`). */
export function createSearchClient(port: SearchWorkerPort): SearchClient {
  let nextId = 1;
  let dropped = 0;
  let disposed = false;
  let latestSearch = -1;
  const pending = new Map<number, Pending>();

  port.onmessage = (event) => {
    const m = event.data;
    if (!isRecord(m) || typeof m.id !== 'number') {
      dropped++;
      return;
    }
    const p = pending.get(m.id);
    if (p === undefined) {
      dropped++;
      return;
    }
    pending.delete(m.id);
    if (p.kind === 'load') {
      if (m.type === 'loaded') p.resolve({ ok: true, value: { count: m.count as number, buildMs: m.buildMs as number } });
      else if (m.type === 'error') p.resolve({ ok: false, error: m.error as BridgeError });
      else p.resolve({ ok: false, error: bridgeError('MALFORMED_FRAME', `search worker: unexpected ${String(m.type)} answer to load`) });
    } else {
      if (m.type === 'results') p.resolve({ status: 'ok', query: m.query as string, rows: m.rows as SearchResultRow[] });
      else if (m.type === 'error') p.resolve({ status: 'error', error: m.error as BridgeError });
      else p.resolve({ status: 'error', error: bridgeError('MALFORMED_FRAME', `search worker: unexpected ${String(m.type)} answer to search`) });
    }
  };

  const closed = (): BridgeError => bridgeError('INTERNAL', 'search worker: client disposed');

  return {
    load(packed, today) {
      if (disposed) return Promise.resolve({ ok: false, error: closed() });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { kind: 'load', resolve });
        port.postMessage(today === undefined ? { type: 'load', id, packed } : { type: 'load', id, packed, today }, packedTransferables(packed));
      });
    },
    search(query, options) {
      if (disposed) return Promise.resolve({ status: 'error', error: closed() });
      const prev = pending.get(latestSearch);
      if (prev !== undefined && prev.kind === 'search') {
        pending.delete(latestSearch);
        prev.resolve({ status: 'stale' });
      }
      const id = nextId++;
      latestSearch = id;
      return new Promise((resolve) => {
        pending.set(id, { kind: 'search', resolve });
        port.postMessage(options === undefined ? { type: 'search', id, query } : { type: 'search', id, query, options });
      });
    },
    get dropped() {
      return dropped;
    },
    dispose() {
      disposed = true;
      port.onmessage = null;
      for (const p of pending.values()) {
        if (p.kind === 'load') p.resolve({ ok: false, error: closed() });
        else p.resolve({ status: 'error', error: closed() });
      }
      pending.clear();
    },
  };
}

/**
 * Starts the search worker (a module Web Worker bundled by Vite from search-worker.ts) and returns
 * a client over it. Renderer only; call once and share the client.
 */
export function startSearchWorker(): SearchClient & { terminate(): void } {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'instrument-search' });
  const client = createSearchClient(worker as unknown as SearchWorkerPort);
  return {
    load: client.load,
    search: client.search,
    get dropped() {
      return client.dropped;
    },
    dispose: client.dispose,
    terminate() {
      client.dispose();
      worker.terminate();
    },
  };
}
