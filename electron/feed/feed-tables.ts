/**
 * The worker's three tables (market-feed quotes, 20-level depth, 200-level depth) behind the
 * engine's {@link FeedTablesPort}, and the packing of one conflated batch for the main thread.
 *
 * Source: issue 3, "Feed worker" (struct-of-arrays state, at most one conflated batch per display
 * frame as transferred ArrayBuffers). Capacities follow seeds/002: 5 connections × 5000 instruments
 * for quotes, 5 × 50 for 20-level depth, 5 × 1 for 200-level depth.
 */
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import { SEGMENT_CODE } from '../brokers/dhan/segments';
import { DepthTable, packedDepthBytes } from './depth-table';
import type { FeedTableName, FeedTablesPort } from './feed-engine';
import { QuoteTable, packedQuoteBytes } from './quote-table';

/** Table sizes, in instruments. */
export interface FeedTableCapacities {
  readonly quotes: number;
  readonly depth20: number;
  readonly depth200: number;
}

/** 5 × 5000, 5 × 50 and 5 × 1 (seeds/002 limits). */
export const DHAN_TABLE_CAPACITIES: FeedTableCapacities = { quotes: 25_000, depth20: 250, depth200: 5 };

/** One conflated batch: each table's changed instruments packed into its own buffer (or null). */
export interface PackedFeedBatch {
  /** `QuoteTable.packDirty` layout; read with `PackedQuotes` / `unpackQuotes`. */
  readonly quotes: ArrayBuffer | null;
  /** `DepthTable.packDirty` layout; read with `unpackDepth`. */
  readonly depth20: ArrayBuffer | null;
  readonly depth200: ArrayBuffer | null;
  /** Instruments in the batch, all tables. */
  readonly records: number;
}

/** See the file comment. */
export class FeedTables implements FeedTablesPort {
  readonly quotes: QuoteTable;
  readonly depth20: DepthTable;
  readonly depth200: DepthTable;
  /** Instruments that could not be tracked because their table was full. */
  tableFull = 0;

  constructor(capacities: FeedTableCapacities = DHAN_TABLE_CAPACITIES) {
    this.quotes = new QuoteTable(capacities.quotes);
    this.depth20 = new DepthTable(capacities.depth20, 20);
    this.depth200 = new DepthTable(capacities.depth200, 200);
  }

  track(table: FeedTableName, instrument: FeedInstrument): void {
    if (this[table].add(SEGMENT_CODE[instrument.segment], instrument.securityId) < 0) this.tableFull++;
  }

  untrack(table: FeedTableName, instrument: FeedInstrument): void {
    this[table].remove(SEGMENT_CODE[instrument.segment], instrument.securityId);
  }

  /** True when some table has changes not yet packed. */
  get dirty(): boolean {
    return this.quotes.dirtyCount + this.depth20.dirtyCount + this.depth200.dirtyCount > 0;
  }

  /**
   * Packs every changed instrument (conflated: one record per instrument however many packets
   * touched it) into fresh buffers, one per table, emptying the dirty sets. Returns null when
   * nothing changed. The buffers are meant to be transferred, not copied.
   */
  takeBatch(): PackedFeedBatch | null {
    if (!this.dirty) return null;
    let records = 0;
    let quotes: ArrayBuffer | null = null;
    if (this.quotes.dirtyCount > 0) {
      quotes = new ArrayBuffer(packedQuoteBytes(this.quotes.dirtyCount));
      records += this.quotes.packDirty(quotes);
    }
    const depth = (t: DepthTable): ArrayBuffer | null => {
      if (t.dirtyCount === 0) return null;
      const b = new ArrayBuffer(packedDepthBytes(t.dirtyCount, t.levels));
      records += t.packDirty(b);
      return b;
    };
    const depth20 = depth(this.depth20);
    const depth200 = depth(this.depth200);
    return { quotes, depth20, depth200, records };
  }
}
