/**
 * The search worker's message handling, as a plain function so it runs (and is tested) without a
 * Worker: renderer/features/search/search-worker.ts only wires it to `self.onmessage`.
 *
 * Bad input never throws out of the handler: a malformed message is counted and answered with an
 * `error` (code `BAD_REQUEST`, or `MALFORMED_FRAME` for a packed master whose parts disagree);
 * a search before any load answers `NOT_FOUND` ("no instrument master loaded yet").
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import { bridgeError, type BridgeError } from '../errors';
import { EXCHANGE_SEGMENTS, INSTRUMENT_TYPES, instrumentKey } from '../instruments';
import { buildInstrumentIndex } from './instrument-index';
import { PackedInstrumentsError, unpackInstruments, type PackedInstruments, type SearchRecord } from './packed-instruments';
import { createInstrumentSearch, type InstrumentSearch, type SearchOptions } from './search';
import type { SearchResultRow, SearchWorkerResponse } from './worker-protocol';

/** What the handler needs from its host. */
export interface SearchWorkerHost {
  /** Sends an answer to the UI. */
  post(message: SearchWorkerResponse): void;
  /** A monotonic clock in milliseconds (`performance.now`). */
  now(): number;
}

/** The handler and its counters. */
export interface SearchWorkerHandler {
  /** Handles one message's `data`. Never throws. */
  handle(data: unknown): void;
  /** Messages refused as malformed so far. */
  readonly malformed: number;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isPacked(x: unknown): x is PackedInstruments {
  return (
    isRecord(x) &&
    typeof x.count === 'number' &&
    x.text instanceof Uint16Array &&
    x.numbers instanceof Float64Array &&
    x.codes instanceof Uint8Array
  );
}

/** Validates search options from the wire; returns an error message or null. */
function badOptions(o: unknown): string | null {
  if (o === undefined) return null;
  if (!isRecord(o)) return 'options must be an object';
  if (o.limit !== undefined && (typeof o.limit !== 'number' || !Number.isFinite(o.limit))) return 'limit must be a number';
  if (o.hideExpired !== undefined && typeof o.hideExpired !== 'boolean') return 'hideExpired must be a boolean';
  if (o.segments !== undefined) {
    if (!Array.isArray(o.segments) || !o.segments.every((s) => (EXCHANGE_SEGMENTS as readonly unknown[]).includes(s))) {
      return `segments must be a list of ${EXCHANGE_SEGMENTS.join('/')}`;
    }
  }
  if (o.instrumentTypes !== undefined) {
    if (!Array.isArray(o.instrumentTypes) || !o.instrumentTypes.every((t) => (INSTRUMENT_TYPES as readonly unknown[]).includes(t))) {
      return `instrumentTypes must be a list of ${INSTRUMENT_TYPES.join('/')}`;
    }
  }
  return null;
}

function rowOf(r: SearchRecord, tier: SearchResultRow['tier']): SearchResultRow {
  return {
    key: instrumentKey(r.segment, r.securityId),
    segment: r.segment,
    securityId: r.securityId,
    tradingSymbol: r.tradingSymbol,
    displayName: r.displayName,
    name: r.name,
    instrumentType: r.instrumentType,
    expiry: r.expiry,
    strike: r.strike,
    optionType: r.optionType,
    lotSize: r.lotSize,
    tickSize: r.tickSize,
    tier,
  };
}

/** Creates the worker's handler; it holds the current index (none until the first `load`). */
export function createSearchWorkerHandler(host: SearchWorkerHost): SearchWorkerHandler {
  let records: SearchRecord[] = [];
  let searcher: InstrumentSearch | null = null;
  let malformed = 0;

  const fail = (id: number, error: BridgeError): void => host.post({ type: 'error', id, error });
  const refuse = (id: number, why: string): void => {
    malformed++;
    fail(id, bridgeError('BAD_REQUEST', `search worker: ${why}`));
  };

  function handle(data: unknown): void {
    let id = -1;
    try {
      if (!isRecord(data)) return refuse(-1, 'message is not an object');
      id = typeof data.id === 'number' && Number.isInteger(data.id) ? data.id : -1;
      if (id < 0) return refuse(-1, 'message has no request id');
      if (data.type === 'load') {
        if (!isPacked(data.packed)) return refuse(id, 'load without a packed instrument master');
        if (data.today !== undefined && (typeof data.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.today))) {
          return refuse(id, 'today must be an IST date YYYY-MM-DD');
        }
        const t0 = host.now();
        let next: SearchRecord[];
        try {
          next = unpackInstruments(data.packed);
        } catch (e) {
          if (!(e instanceof PackedInstrumentsError)) throw e;
          malformed++;
          return fail(id, bridgeError('MALFORMED_FRAME', `search worker: ${e.message}`));
        }
        const index = buildInstrumentIndex(next, typeof data.today === 'string' ? { today: data.today } : {});
        records = next;
        searcher = createInstrumentSearch(index);
        host.post({ type: 'loaded', id, count: next.length, buildMs: host.now() - t0 });
        return;
      }
      if (data.type === 'search') {
        if (typeof data.query !== 'string') return refuse(id, 'search without a query string');
        const why = badOptions(data.options);
        if (why !== null) return refuse(id, why);
        if (searcher === null) return fail(id, bridgeError('NOT_FOUND', 'search worker: no instrument master loaded yet', true));
        const hits = searcher.search(data.query, data.options as SearchOptions | undefined);
        const rows = hits.map((h) => rowOf(records[h.index]!, h.tier));
        host.post({ type: 'results', id, query: data.query, rows });
        return;
      }
      return refuse(id, `unknown message type ${JSON.stringify(data.type)}`);
    } catch (e) {
      fail(id, bridgeError('INTERNAL', `search worker: ${(e as Error).message}`));
    }
  }

  return {
    handle,
    get malformed() {
      return malformed;
    },
  };
}
