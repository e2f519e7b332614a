/**
 * The worker's three tables (market-feed quotes, 20-level depth, 200-level depth) behind the
 * engine's {@link FeedTablesPort}, and the packing of one conflated batch for the main thread.
 *
 * Source: issue 3, "Feed worker" (struct-of-arrays state, at most one conflated batch per display
 * frame as transferred ArrayBuffers). Capacities follow seeds/002: 5 connections × 5000 instruments
 * for quotes, 5 × 50 for 20-level depth, 5 × 1 for 200-level depth.
 *
 * Two lanes for quotes (tick-lane.ts): every changed instrument gets a 48-byte tick record; only
 * instruments that received a quote, full, OI or prev-close packet since the last batch also get
 * the quote table's full record. The market-feed sink here forwards each packet to the
 * {@link QuoteTable} and marks those "detail" slots. To pack only the marked slots with
 * `QuoteTable.packDirty`, {@link FeedTables.takeBatch} orders the table's dirty list (marked slots
 * first) and limits its count, through the public fields of `InstrumentSlots` (`dirtyList`,
 * `dirtyFlag`, `dirtyCount`); the batch tests in feed-tables.test.ts pin that contract.
 */
import type { DepthSink } from '../brokers/dhan/depth-codec';
import type { FeedErrorReason, FeedSink } from '../brokers/dhan/feed-codec';
import type { FeedInstrument } from '../brokers/dhan/feed-requests';
import { SEGMENT_CODE } from '../brokers/dhan/segments';
import type { BufferPool } from './buffer-pool';
import { DepthTable, packedDepthBytes } from './depth-table';
import type { FeedTableName, FeedTablesPort } from './feed-engine';
import { QuoteTable, packedQuoteBytes } from './quote-table';
import { packTicks, packedTickBytes } from './tick-lane';

/** Table sizes, in instruments. */
export interface FeedTableCapacities {
  readonly quotes: number;
  readonly depth20: number;
  readonly depth200: number;
}

/** 5 × 5000, 5 × 50 and 5 × 1 (seeds/002 limits). */
export const DHAN_TABLE_CAPACITIES: FeedTableCapacities = { quotes: 25_000, depth20: 250, depth200: 5 };

/** One conflated batch: each lane's changed instruments packed into its own buffer (or null). */
export interface PackedFeedBatch {
  /** Tick lane (tick-lane.ts), one record per changed quote-table instrument; read with `PackedTicks`. */
  readonly ticks: ArrayBuffer | null;
  /** `QuoteTable.packDirty` layout, detail-changed instruments only; read with `PackedQuotes`. */
  readonly quotes: ArrayBuffer | null;
  /** `DepthTable.packDirty` layout; read with `unpackDepth`. */
  readonly depth20: ArrayBuffer | null;
  readonly depth200: ArrayBuffer | null;
  /** Instruments in the batch, all tables (an instrument in both quote lanes counts once). */
  readonly records: number;
}

/** See the file comment. */
export class FeedTables implements FeedTablesPort {
  readonly quoteTable: QuoteTable;
  readonly depth20: DepthTable;
  readonly depth200: DepthTable;
  /** The market-feed sink: forwards to {@link quoteTable}, marking detail changes. */
  readonly quotes: FeedSink;
  /** Instruments that could not be tracked because their table was full. */
  tableFull = 0;
  /** 1 for quote-table slots that got more than LTP/LTT since the last batch. */
  private readonly detail: Uint8Array;

  constructor(capacities: FeedTableCapacities = DHAN_TABLE_CAPACITIES) {
    const q = (this.quoteTable = new QuoteTable(capacities.quotes));
    this.depth20 = new DepthTable(capacities.depth20, 20);
    this.depth200 = new DepthTable(capacities.depth200, 200);
    const detail = (this.detail = new Uint8Array(capacities.quotes));
    const mark = (segment: number, securityId: number): void => {
      const s = q.slotOf(segment, securityId);
      if (s >= 0) detail[s] = 1;
    };
    this.quotes = {
      index: (s, id, ltp, ltt) => q.index(s, id, ltp, ltt),
      ticker: (s, id, ltp, ltt) => q.ticker(s, id, ltp, ltt),
      quote: (s, id, fields) => {
        q.quote(s, id, fields);
        mark(s, id);
      },
      oi: (s, id, oi) => {
        q.oi(s, id, oi);
        mark(s, id);
      },
      prevClose: (s, id, pc, poi) => {
        q.prevClose(s, id, pc, poi);
        mark(s, id);
      },
      marketStatus: (s, id) => q.marketStatus(s, id),
      full: (s, id, fields) => {
        q.full(s, id, fields);
        mark(s, id);
      },
      // The decoder's fast path for full packets: straight into the table's columns (no scratch
      // array, no forwarding call per packet); detail marked as the generic path does.
      fullColumns: {
        cols: q.cols,
        fullSlot: (s, id) => q.fullSlot(s, id),
        fullWritten: (slot) => {
          q.fullWritten(slot);
          detail[slot] = 1;
        },
      },
      disconnect: (s, id, reason) => q.disconnect(s, id, reason),
      unknown: (code, length) => q.unknown(code, length),
      error: (r: FeedErrorReason, o, code, length) => q.error(r, o, code, length),
    };
  }

  track(table: FeedTableName, instrument: FeedInstrument): void {
    const t = table === 'quotes' ? this.quoteTable : this[table];
    const slot = t.add(SEGMENT_CODE[instrument.segment], instrument.securityId);
    if (slot < 0) this.tableFull++;
    else if (table === 'quotes') this.detail[slot] = 0;
  }

  untrack(table: FeedTableName, instrument: FeedInstrument): void {
    const t = table === 'quotes' ? this.quoteTable : this[table];
    const slot = t.remove(SEGMENT_CODE[instrument.segment], instrument.securityId);
    if (slot >= 0 && table === 'quotes') this.detail[slot] = 0;
  }

  /** True when some table has changes not yet packed. */
  get dirty(): boolean {
    return this.quoteTable.dirtyCount + this.depth20.dirtyCount + this.depth200.dirtyCount > 0;
  }

  /**
   * Packs every changed instrument (conflated: one record per instrument however many packets
   * touched it) into buffers, one per lane, emptying the dirty sets. Returns null when nothing
   * changed. Buffers come from `pool` when given (they may be larger than needed: each packing
   * carries its record count) and are meant to be transferred, not copied.
   */
  takeBatch(pool?: BufferPool): PackedFeedBatch | null {
    if (!this.dirty) return null;
    const take = (bytes: number): ArrayBuffer => pool?.take(bytes) ?? new ArrayBuffer(bytes);
    let records = 0;
    let ticks: ArrayBuffer | null = null;
    let quotes: ArrayBuffer | null = null;
    const slots = this.quoteTable.slots;
    const n = slots.dirtyCount;
    if (n > 0) {
      const list = slots.dirtyList;
      ticks = take(packedTickBytes(n));
      records += packTicks(ticks, list, n, slots.segment, slots.securityId, this.quoteTable.cols);
      // Detail slots to the front (order kept among them), the others leave the dirty set here.
      const detail = this.detail;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const s = list[i]!;
        if (detail[s] === 1) {
          detail[s] = 0;
          list[m++] = s;
        } else {
          slots.dirtyFlag[s] = 0;
        }
      }
      slots.dirtyCount = m;
      if (m > 0) {
        quotes = take(packedQuoteBytes(m));
        this.quoteTable.packDirty(quotes);
      }
      slots.dirtyCount = 0;
    }
    const depth = (t: DepthTable): ArrayBuffer | null => {
      if (t.dirtyCount === 0) return null;
      const b = take(packedDepthBytes(t.dirtyCount, t.levels));
      records += t.packDirty(b);
      return b;
    };
    const depth20 = depth(this.depth20);
    const depth200 = depth(this.depth200);
    return { ticks, quotes, depth20, depth200, records };
  }
}
