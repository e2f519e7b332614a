/**
 * Messages between the core (instrument-catalog.ts) and the instrument worker
 * (instrument-worker.ts), a `worker_threads` worker that downloads or reads the Dhan master, parses
 * it, builds the search index (shared/search) and answers searches and look-ups by key. The 273k-row
 * master never crosses the thread boundary: only hits and the instruments asked for do.
 *
 * Every request carries an `id`; every answer repeats it. Progress messages carry the load's id.
 */
import type { BridgeError } from '../../../shared/errors';
import type { ExchangeSegment, Instrument, InstrumentKey, InstrumentType } from '../../../shared/instruments';

/** Where a master comes from. */
export type MasterSource =
  /** A URL of the compact master CSV (Dhan's images.dhan.co, or the simulator's own). */
  | { readonly kind: 'url'; readonly url: string; readonly cacheFile?: string }
  /** A master CSV file on disk (`.csv` or `.csv.gz`). */
  | { readonly kind: 'file'; readonly path: string };

/** Core → worker. */
export type InstrumentWorkerRequest =
  | { readonly type: 'load'; readonly id: number; readonly source: MasterSource; readonly today?: string }
  | {
      readonly type: 'search';
      readonly id: number;
      readonly query: string;
      readonly segments?: readonly ExchangeSegment[];
      readonly types?: readonly InstrumentType[];
      readonly limit: number;
    }
  | { readonly type: 'get'; readonly id: number; readonly keys: readonly InstrumentKey[] };

/** Stages of a load, for progress. */
export type LoadStage = 'download' | 'read' | 'parse' | 'index';

/** Worker → core. */
export type InstrumentWorkerResponse =
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stage: LoadStage;
      readonly detail: string;
      /** Download stage: bytes received so far and the total (`Content-Length`), null when unknown. */
      readonly bytes?: { readonly received: number; readonly total: number | null };
    }
  | {
      readonly type: 'loaded';
      readonly id: number;
      readonly count: number;
      readonly rows: number;
      readonly skipped: number;
      readonly parseMs: number;
      readonly indexMs: number;
      readonly fromCache: boolean;
    }
  | { readonly type: 'results'; readonly id: number; readonly hits: readonly Instrument[]; readonly universe: number }
  | { readonly type: 'instruments'; readonly id: number; readonly rows: readonly (Instrument | null)[] }
  | { readonly type: 'error'; readonly id: number; readonly error: BridgeError };
