/**
 * The instrument worker (a `worker_threads` entry): loads a Dhan master (download through the Dhan
 * REST client's instrument-list API, with a day cache in the data directory, or a file), parses it
 * with `readDhanMaster`, builds the search index with `buildInstrumentIndex`, and answers searches
 * and look-ups. Parsing and indexing the 273k-row master takes about a second of CPU: here it never
 * blocks the core's event loop.
 *
 * Messages: instrument-worker-protocol.ts. Never throws out of a message: a bad request or a failed
 * load is answered with an `error`. Started by instrument-catalog.ts (under tsx through
 * electron/feed/tsx-worker-bootstrap.mjs).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { bridgeError } from '../../../shared/errors';
import { instrumentKey, istDateOf, type Instrument } from '../../../shared/instruments';
import { buildInstrumentIndex } from '../../../shared/search/instrument-index';
import { createInstrumentSearch, type InstrumentSearch } from '../../../shared/search/search';
import { readDhanMaster, type DhanMasterParse } from '../../brokers/dhan/instruments';
import { createDhanRestClient } from '../../brokers/dhan/rest/client';
import type { Result } from '../../../shared/errors';
import type { InstrumentWorkerRequest, InstrumentWorkerResponse, MasterSource } from './instrument-worker-protocol';

const port = parentPort;
let instruments: readonly Instrument[] = [];
let byKey = new Map<string, Instrument>();
let searcher: InstrumentSearch | null = null;
/** Id of the latest load asked for: an older load that finishes later is not installed. */
let latestLoad = -1;

const post = (m: InstrumentWorkerResponse): void => port?.postMessage(m);

/** Bytes between two progress messages when the total is unknown. */
const UNKNOWN_LENGTH_STEP = 512 * 1024;

/** `n` bytes as `12.3 MB` (10^6 bytes, one decimal), or `48 kB` under a megabyte. */
function formatBytes(n: number): string {
  return n < 1e6 ? `${Math.round(n / 1e3)} kB` : `${(n / 1e6).toFixed(1)} MB`;
}

/**
 * Turns the download's chunk-by-chunk progress into progress messages, at most one per whole
 * percent of a known total (one per {@link UNKNOWN_LENGTH_STEP} bytes when unknown); `finish()`
 * reports the whole body as received (the total is known once it has all arrived).
 */
function downloadProgress(id: number): { onProgress: (received: number, total: number | null) => void; finish: () => void } {
  let lastStep = -1;
  let got = 0;
  let known: number | null = null;
  const send = (received: number, total: number | null) => {
    const detail = total !== null ? `downloading the instrument master: ${formatBytes(received)} of ${formatBytes(total)}` : `downloading the instrument master: ${formatBytes(received)} so far`;
    post({ type: 'progress', id, stage: 'download', detail, bytes: { received, total } });
  };
  return {
    onProgress: (received, total) => {
      got = received;
      known = total;
      const step = total !== null && total > 0 ? Math.floor((received / total) * 100) : Math.floor(received / UNKNOWN_LENGTH_STEP);
      if (step === lastStep) return;
      lastStep = step;
      send(received, total);
    },
    finish: () => {
      if (known === null || got !== known) send(got, got);
    },
  };
}

async function fetchMaster(id: number, source: MasterSource): Promise<{ parse: Result<DhanMasterParse>; fromCache: boolean }> {
  if (source.kind === 'file') {
    post({ type: 'progress', id, stage: 'read', detail: 'reading the instrument master file' });
    return { parse: await readDhanMaster(source.path), fromCache: false };
  }
  if (source.cacheFile !== undefined && existsSync(source.cacheFile)) {
    post({ type: 'progress', id, stage: 'read', detail: 'reading today\'s cached instrument master' });
    const cached = await readDhanMaster(readFileSync(source.cacheFile));
    if (cached.ok) return { parse: cached, fromCache: true };
  }
  post({ type: 'progress', id, stage: 'download', detail: 'downloading the instrument master' });
  // The master is a static file: the REST client sends no credentials to an absolute URL.
  const rest = createDhanRestClient({ credentials: { clientId: 'none', accessToken: 'none' }, compactUrl: source.url });
  const progress = downloadProgress(id);
  const text = await rest.instruments.downloadMaster('compact', undefined, progress.onProgress);
  if (!text.ok) return { parse: text, fromCache: false };
  progress.finish();
  post({ type: 'progress', id, stage: 'parse', detail: 'parsing the instrument master' });
  const bytes = Buffer.from(text.value, 'utf8');
  const parse = await readDhanMaster(bytes);
  if (parse.ok && source.cacheFile !== undefined) {
    try {
      mkdirSync(dirname(source.cacheFile), { recursive: true, mode: 0o700 });
      const tmp = `${source.cacheFile}.tmp-${process.pid}`;
      writeFileSync(tmp, bytes, { mode: 0o600 });
      renameSync(tmp, source.cacheFile);
    } catch {
      // A cache that cannot be written only costs a download next time.
    }
  }
  return { parse, fromCache: false };
}

async function load(id: number, source: MasterSource, today: string | undefined): Promise<void> {
  const t0 = performance.now();
  const { parse, fromCache } = await fetchMaster(id, source);
  if (!parse.ok) {
    post({ type: 'error', id, error: parse.error });
    return;
  }
  if (id !== latestLoad) {
    post({ type: 'error', id, error: bridgeError('BAD_REQUEST', 'instrument master load superseded by a newer one') });
    return;
  }
  const t1 = performance.now();
  post({ type: 'progress', id, stage: 'index', detail: `indexing ${parse.value.instruments.length} instruments` });
  const index = buildInstrumentIndex(parse.value.instruments, { today: today ?? istDateOf(Date.now()) });
  instruments = parse.value.instruments;
  byKey = new Map(instruments.map((i) => [instrumentKey(i.segment, i.securityId), i]));
  searcher = createInstrumentSearch(index);
  post({
    type: 'loaded',
    id,
    count: instruments.length,
    rows: parse.value.rows,
    skipped: parse.value.skipped.count,
    parseMs: t1 - t0,
    indexMs: performance.now() - t1,
    fromCache,
  });
}

function handle(m: InstrumentWorkerRequest): void {
  const id = typeof m?.id === 'number' ? m.id : -1;
  try {
    switch (m.type) {
      case 'load':
        latestLoad = id;
        load(id, m.source, m.today).catch((e: unknown) =>
          post({ type: 'error', id, error: bridgeError('INTERNAL', `instrument master load failed: ${e instanceof Error ? e.message : String(e)}`) }),
        );
        return;
      case 'search': {
        if (searcher === null) {
          post({ type: 'results', id, hits: [], universe: 0 });
          return;
        }
        const hits = searcher.search(m.query, {
          limit: m.limit,
          ...(m.segments !== undefined ? { segments: m.segments } : {}),
          ...(m.types !== undefined ? { instrumentTypes: m.types } : {}),
        });
        post({ type: 'results', id, hits: hits.map((h) => instruments[h.index]!), universe: instruments.length });
        return;
      }
      case 'get':
        post({ type: 'instruments', id, rows: m.keys.map((k) => byKey.get(k) ?? null) });
        return;
      default:
        post({ type: 'error', id, error: bridgeError('BAD_REQUEST', `instrument worker: unknown message ${JSON.stringify((m as { type?: unknown }).type)}`) });
    }
  } catch (e) {
    post({ type: 'error', id, error: bridgeError('INTERNAL', `instrument worker: ${e instanceof Error ? e.message : String(e)}`) });
  }
}

port?.on('message', (m: InstrumentWorkerRequest) => handle(m));
