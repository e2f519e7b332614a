/**
 * Messages between the UI and the instrument search worker
 * (renderer/features/search/search-worker.ts ↔ search-client.ts). Every request carries an `id`
 * (a sequence number chosen by the client); every answer repeats it.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import type { BridgeError } from '../errors';
import type { ExchangeSegment, InstrumentKey, InstrumentType, OptionType } from '../instruments';
import type { PackedInstruments } from './packed-instruments';
import type { MatchTier, SearchOptions } from './search';

/** Requests to the worker. */
export type SearchWorkerRequest =
  /** Replace the master: unpack, build the index. `today`: IST date `YYYY-MM-DD` (default: now). */
  | { readonly type: 'load'; readonly id: number; readonly packed: PackedInstruments; readonly today?: string }
  /** One keystroke's query. */
  | { readonly type: 'search'; readonly id: number; readonly query: string; readonly options?: SearchOptions };

/** One hit as the UI shows it. Prices in rupees, lot size in units of the underlying. */
export interface SearchResultRow {
  /** `"NSE_EQ:2885"`: what watchlists, charts and tickets address the instrument by. */
  readonly key: InstrumentKey;
  readonly segment: ExchangeSegment;
  readonly securityId: string;
  readonly tradingSymbol: string;
  /** `Reliance Industries`, `NIFTY 27 NOV 24500 CE`. */
  readonly displayName: string;
  readonly name: string | null;
  readonly instrumentType: InstrumentType;
  /** IST date `YYYY-MM-DD`, null for cash and index rows. */
  readonly expiry: string | null;
  readonly strike: number | null;
  readonly optionType: OptionType | null;
  readonly lotSize: number;
  readonly tickSize: number;
  readonly tier: MatchTier;
}

/** Answers from the worker. */
export type SearchWorkerResponse =
  /** The index is ready: `count` instruments, built in `buildMs` milliseconds (unpack + index). */
  | { readonly type: 'loaded'; readonly id: number; readonly count: number; readonly buildMs: number }
  | { readonly type: 'results'; readonly id: number; readonly query: string; readonly rows: readonly SearchResultRow[] }
  /** The request failed (`id` -1 when the message had no usable id); nothing else changed. */
  | { readonly type: 'error'; readonly id: number; readonly error: BridgeError };
