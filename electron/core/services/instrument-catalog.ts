/**
 * The core's instrument universe: a client of the instrument worker (instrument-worker.ts) that
 * loads a master (the simulator's instruments in SIM mode, Dhan's master in LIVE mode), reports the
 * load on the task board (`tasks.progress`), and answers `instruments.search` / `instruments.get`.
 * Instruments asked for are cached here by key (the order path reads tick, lot and freeze quantity
 * from them without a worker round trip the second time).
 *
 * Source: issue 5 ("Instrument search": the index is built off the UI thread; "Every long task
 * shows progress"); shared/ipc/contract.ts `InstrumentSearchArgs`, `InstrumentSearchReply`.
 */
import { Worker } from 'node:worker_threads';
import { bridgeError, BridgeFault, type BridgeError } from '../../../shared/errors';
import type { Instrument, InstrumentKey } from '../../../shared/instruments';
import type { InstrumentSearchArgs, InstrumentSearchReply } from '../../../shared/ipc/contract';
import type { InstrumentWorkerRequest, InstrumentWorkerResponse, LoadStage, MasterSource } from './instrument-worker-protocol';
import type { TaskBoard } from './task-board';

/** Options of {@link InstrumentCatalog.start}. */
export interface InstrumentCatalogOptions {
  readonly tasks: TaskBoard;
  /** Worker entry (`.ts` under tsx/vitest, the bundled `.cjs` in the app). Default: instrument-worker.ts here. */
  readonly workerUrl?: URL | string;
  readonly log?: (line: string) => void;
}

type Pending = { resolve: (m: InstrumentWorkerResponse) => void };

const MAX_CACHED = 20_000;

/** Share of a master load's percent that the download takes (parsing and indexing the rest). */
export const DOWNLOAD_SHARE = 80;

/**
 * Percent of a whole master load (0-100) reached at a worker progress message: the download fills
 * 0-{@link DOWNLOAD_SHARE} in proportion to the bytes received of `Content-Length`; reading a file
 * or the day cache is 10, parsing 85, indexing 92. Null during a download of unknown length (the
 * caller reports bytes with no total).
 */
export function loadPercent(stage: LoadStage, bytes?: { readonly received: number; readonly total: number | null }): number | null {
  switch (stage) {
    case 'download':
      if (bytes === undefined) return 0;
      if (bytes.total === null || bytes.total <= 0) return null;
      return Math.floor((Math.min(bytes.received, bytes.total) / bytes.total) * DOWNLOAD_SHARE);
    case 'read':
      return 10;
    case 'parse':
      return 85;
    case 'index':
      return 92;
  }
}

/** See the file comment. */
export class InstrumentCatalog {
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Instrument>();
  private nextId = 1;
  private loadSeq = 0;
  private count = 0;
  private closed = false;
  private ready: Promise<void> = Promise.resolve();

  private worker: Worker | null = null;

  private constructor(private readonly o: InstrumentCatalogOptions) {}

  /** The catalogue; its worker thread starts with the first load or query. */
  static start(o: InstrumentCatalogOptions): InstrumentCatalog {
    return new InstrumentCatalog(o);
  }

  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const url = this.o.workerUrl ?? new URL('./instrument-worker.ts', import.meta.url);
    const href = String(url);
    const worker = /\.m?ts$/.test(new URL(href, 'file:///').pathname)
      ? new Worker(new URL('../../feed/tsx-worker-bootstrap.mjs', import.meta.url), { workerData: { tsxEntry: href } })
      : new Worker(new URL(href));
    worker.on('message', (m: InstrumentWorkerResponse) => this.receive(m));
    worker.on('error', (e) => this.o.log?.(`instruments: worker failed: ${e instanceof Error ? e.message : String(e)}`));
    worker.on('exit', () => {
      this.closed = true;
      for (const [id, p] of this.pending) p.resolve({ type: 'error', id, error: bridgeError('INTERNAL', 'instrument worker has exited') });
      this.pending.clear();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Instruments in the loaded master (0 while none is loaded). */
  get universe(): number {
    return this.count;
  }

  /** Resolves when the latest load has finished (successfully or not). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /**
   * Loads a master, replacing the current one when done; progress goes to the task board (task id
   * `instruments-<n>`) in percent of the whole load (see {@link loadPercent}): the download by bytes
   * against `Content-Length`, or bytes so far with no total when the length is unknown. Resolves
   * with the count, or rejects with a `BridgeFault` when the load fails (the previous master stays
   * in use).
   */
  load(source: MasterSource, label: string): Promise<number> {
    const seq = ++this.loadSeq;
    const taskId = `instruments-${seq}`;
    const report = (state: 'running' | 'done' | 'failed', done: number, total: number | null, detail: string) =>
      this.o.tasks.report({ id: taskId, label, state, done, total, detail });
    report('running', 0, 100, 'starting');
    let last = 0;
    const p = this.request({ type: 'load', id: 0, source }, (m) => {
      if (m.type !== 'progress') return;
      const at = loadPercent(m.stage, m.bytes);
      if (at === null) {
        // Download of unknown length: bytes so far, no total (an indeterminate bar).
        report('running', m.bytes?.received ?? 0, null, m.detail);
        return;
      }
      last = Math.max(last, at);
      report('running', last, 100, m.detail);
    }).then((m) => {
      if (m.type !== 'loaded') {
        const error = m.type === 'error' ? m.error : bridgeError('INTERNAL', 'instrument worker answered oddly');
        report('failed', last, 100, error.message);
        throw new BridgeFault(error);
      }
      if (seq === this.loadSeq) {
        this.count = m.count;
        this.cache.clear();
      }
      report('done', 100, 100, `${m.count} instruments (${m.skipped} rows skipped)${m.fromCache ? ', from today\'s cache' : ''}`);
      this.o.log?.(`instruments: ${m.count} loaded (parse ${Math.round(m.parseMs)} ms, index ${Math.round(m.indexMs)} ms${m.fromCache ? ', cached' : ''})`);
      return m.count;
    });
    this.ready = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /** `instruments.search`: best first; `universe` 0 while no master is loaded. */
  async search(args: InstrumentSearchArgs): Promise<InstrumentSearchReply> {
    const m = await this.request({
      type: 'search',
      id: 0,
      query: args.query,
      limit: args.limit ?? 50,
      ...(args.segments !== undefined ? { segments: args.segments } : {}),
      ...(args.types !== undefined ? { types: args.types } : {}),
    });
    if (m.type !== 'results') throw new BridgeFault(m.type === 'error' ? m.error : bridgeError('INTERNAL', 'instrument search failed'));
    for (const i of m.hits) this.remember(i);
    return { hits: m.hits, universe: m.universe };
  }

  /** `instruments.get`: in the order asked, null for unknown keys. Waits for a load under way. */
  async get(keys: readonly InstrumentKey[]): Promise<(Instrument | null)[]> {
    await this.ready;
    const missing = keys.filter((k) => !this.cache.has(k));
    if (missing.length > 0) {
      const m = await this.request({ type: 'get', id: 0, keys: missing });
      if (m.type !== 'instruments') throw new BridgeFault(m.type === 'error' ? m.error : bridgeError('INTERNAL', 'instrument look-up failed'));
      for (const i of m.rows) if (i !== null) this.remember(i);
    }
    return keys.map((k) => this.cache.get(k) ?? null);
  }

  /** One instrument by key, or null. */
  async one(key: InstrumentKey): Promise<Instrument | null> {
    return (await this.get([key]))[0] ?? null;
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.terminate();
  }

  private remember(i: Instrument): void {
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(`${i.segment}:${i.securityId}`, i);
  }

  private request(
    req: InstrumentWorkerRequest,
    onProgress?: (m: InstrumentWorkerResponse) => void,
  ): Promise<InstrumentWorkerResponse> {
    if (this.closed) return Promise.resolve({ type: 'error', id: -1, error: closedError() });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, {
        resolve: (m) => {
          if (m.type === 'progress') {
            onProgress?.(m);
            return;
          }
          this.pending.delete(id);
          if (this.pending.size === 0) this.worker?.unref();
          resolve(m);
        },
      });
      const w = this.thread();
      w.ref(); // a pending answer keeps the process alive; an idle worker does not
      w.postMessage({ ...req, id });
    });
  }

  private receive(m: InstrumentWorkerResponse): void {
    this.pending.get(m.id)?.resolve(m);
  }
}

function closedError(): BridgeError {
  return bridgeError('INTERNAL', 'the instrument service is closed');
}
