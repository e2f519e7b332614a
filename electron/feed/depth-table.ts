/**
 * Latest 20- or 200-level market depth per instrument, struct-of-arrays in typed arrays, written by
 * the DhanHQ v2 depth decoder without allocating (the table is a {@link DepthSink}) and shipped to
 * the main thread as a packed Float64 buffer of the slots changed since the last frame.
 *
 * Source: seeds/002, "Full Market Depth" (bid side code 41, ask side code 51, rows of price,
 * quantity, orders). Prices in rupees (snapped by the decoder), quantities and orders in units; rows
 * stay in wire order, `bidRows`/`askRows` say how many of the `levels` rows are current. A side with
 * more rows than the table's levels is counted in {@link DepthTable.badValues} and skipped; a side
 * with a non-finite price or a negative/non-finite quantity (which the decoder never produces) is
 * counted and clears that side rather than leave it half-written (rows are checked while copied,
 * one pass, for speed). So the table never holds NaN or a negative quantity.
 */
import type { DepthErrorReason, DepthSink } from '../brokers/dhan/depth-codec';
import { SEGMENT_BY_CODE, type DhanSegment } from '../brokers/dhan/segments';
import { InstrumentSlots } from './instrument-slots';

/** Struct-of-arrays depth state: index `slot * levels + row`. */
export interface DepthColumns {
  readonly bidPrice: Float64Array;
  readonly bidQty: Float64Array;
  readonly bidOrders: Float64Array;
  readonly askPrice: Float64Array;
  readonly askQty: Float64Array;
  readonly askOrders: Float64Array;
}

/** Doubles before the first record: record count, levels. */
const PACK_HEAD = 2;
/** Record header: slot, segment code, security id, version, sequence, bid rows, ask rows. */
const REC_HEAD = 7;

/** Bytes a packed buffer needs for `records` depth records of a `levels`-level table (worst case). */
export function packedDepthBytes(records: number, levels: number): number {
  return (PACK_HEAD + records * (REC_HEAD + 6 * levels)) * 8;
}

/** Options of a {@link DepthTable}. */
export interface DepthTableOptions {
  /** Called on a depth-feed disconnect packet with Dhan's reason code (805…810). */
  readonly onDisconnect?: (reason: number, segment: number, securityId: number) => void;
}

/** Depth state for up to `capacity` instruments with `levels` rows per side (20 or 200). */
export class DepthTable implements DepthSink {
  readonly slots: InstrumentSlots;
  readonly levels: number;
  readonly cols: DepthColumns;
  /** Rows currently valid per slot and side. */
  readonly bidRows: Uint16Array;
  readonly askRows: Uint16Array;
  /** Last 20-level message sequence per slot (0 on the 200-level feed). */
  readonly sequence: Float64Array;

  /** Sides skipped for a bad value or too many rows. */
  badValues = 0;
  /** Sides for instruments not in the table. */
  unknownInstrument = 0;
  /** Unknown-code packets and decode errors seen. */
  unknownPackets = 0;
  decodeErrors = 0;
  /** Last disconnect reason received (0: none). */
  lastDisconnectReason = 0;

  private readonly disconnectListener: ((reason: number, segment: number, securityId: number) => void) | undefined;

  /** Throws RangeError unless `capacity` and `levels` are positive integers (levels ≤ 200). */
  constructor(capacity: number, levels: number, options: DepthTableOptions = {}) {
    if (!Number.isInteger(levels) || levels <= 0 || levels > 200) throw new RangeError(`depth levels ${levels}`);
    this.slots = new InstrumentSlots(capacity);
    this.levels = levels;
    const col = () => new Float64Array(capacity * levels);
    this.cols = { bidPrice: col(), bidQty: col(), bidOrders: col(), askPrice: col(), askQty: col(), askOrders: col() };
    this.bidRows = new Uint16Array(capacity);
    this.askRows = new Uint16Array(capacity);
    this.sequence = new Float64Array(capacity);
    this.disconnectListener = options.onDisconnect;
  }

  /** Instruments in the table. */
  get size(): number {
    return this.slots.size;
  }

  /** Subscribes an instrument (segment code, security id); returns its slot, or -1 when full. */
  add(segment: number, securityId: number): number {
    return this.slots.add(segment, securityId);
  }

  /** Unsubscribes an instrument and zeroes its rows; returns the freed slot or -1. */
  remove(segment: number, securityId: number): number {
    const slot = this.slots.remove(segment, securityId);
    if (slot >= 0) {
      const from = slot * this.levels;
      for (const c of Object.values(this.cols) as Float64Array[]) c.fill(0, from, from + this.levels);
      this.bidRows[slot] = 0;
      this.askRows[slot] = 0;
      this.sequence[slot] = 0;
    }
    return slot;
  }

  /** Slot of an instrument or -1. */
  slotOf(segment: number, securityId: number): number {
    return this.slots.lookup(segment, securityId);
  }

  // ---- DepthSink ----------------------------------------------------------------------------

  side(
    segment: number,
    securityId: number,
    isBid: boolean,
    sequence: number,
    rows: number,
    price: Float64Array,
    qty: Float64Array,
    orders: Float64Array,
  ): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    const L = this.levels;
    if (!(rows >= 0 && rows <= L)) {
      this.badValues++;
      return;
    }
    // Validate while copying (one pass). A bad row is rare (the decoder never produces one), so
    // rather than keep a half-overwritten side the whole side is cleared and counted.
    const base = s * L;
    const c = this.cols;
    const P = isBid ? c.bidPrice : c.askPrice;
    const Q = isBid ? c.bidQty : c.askQty;
    const O = isBid ? c.bidOrders : c.askOrders;
    let ok = true;
    for (let r = 0, i = base; r < rows; r++, i++) {
      const p = price[r]!;
      const q = qty[r]!;
      const o = orders[r]!;
      if (!(p - p === 0 && q - q === 0 && q >= 0 && o - o === 0 && o >= 0)) ok = false;
      P[i] = p;
      Q[i] = q;
      O[i] = o;
    }
    if (!ok) {
      P.fill(0, base, base + L);
      Q.fill(0, base, base + L);
      O.fill(0, base, base + L);
      if (isBid) this.bidRows[s] = 0;
      else this.askRows[s] = 0;
      this.badValues++;
      this.slots.touch(s);
      return;
    }
    if (isBid) this.bidRows[s] = rows;
    else this.askRows[s] = rows;
    this.sequence[s] = sequence;
    this.slots.touch(s);
  }

  disconnect(segment: number, securityId: number, reason: number): void {
    this.lastDisconnectReason = reason;
    this.disconnectListener?.(reason, segment, securityId);
  }

  unknown(_code: number, _length: number): void {
    this.unknownPackets++;
  }

  error(_reason: DepthErrorReason, _offset: number, _code: number, _length: number): void {
    this.decodeErrors++;
  }

  // ---- conflation ---------------------------------------------------------------------------

  /** Dirty slots in first-touched order, emptying the set (view valid until the next update). */
  drainDirty(): Int32Array {
    return this.slots.drain();
  }

  /** Number of dirty slots waiting. */
  get dirtyCount(): number {
    return this.slots.dirtyCount;
  }

  /**
   * Copies the dirty slots into `into` as Float64 records and removes them from the dirty set;
   * slots that do not fit stay dirty. Layout: [record count, levels], then per record: slot, segment
   * code, security id, version, sequence, bid rows, ask rows, then the bid rows and the ask rows as
   * (price, qty, orders) triples in wire order. Returns the records written. Size the buffer with
   * {@link packedDepthBytes}; read it with {@link unpackDepth}.
   */
  packDirty(into: ArrayBuffer): number {
    const out = new Float64Array(into, 0, Math.floor(into.byteLength / 8));
    if (out.length < PACK_HEAD) return 0;
    const list = this.slots.dirtyList;
    const total = this.slots.dirtyCount;
    const L = this.levels;
    const c = this.cols;
    let o = PACK_HEAD;
    let n = 0;
    for (; n < total; n++) {
      const s = list[n]!;
      const br = this.bidRows[s]!;
      const ar = this.askRows[s]!;
      if (o + REC_HEAD + 3 * (br + ar) > out.length) break;
      out[o] = s;
      out[o + 1] = this.slots.segment[s]!;
      out[o + 2] = this.slots.securityId[s]!;
      out[o + 3] = this.slots.version[s]!;
      out[o + 4] = this.sequence[s]!;
      out[o + 5] = br;
      out[o + 6] = ar;
      o += REC_HEAD;
      const base = s * L;
      for (let r = 0; r < br; r++, o += 3) {
        out[o] = c.bidPrice[base + r]!;
        out[o + 1] = c.bidQty[base + r]!;
        out[o + 2] = c.bidOrders[base + r]!;
      }
      for (let r = 0; r < ar; r++, o += 3) {
        out[o] = c.askPrice[base + r]!;
        out[o + 1] = c.askQty[base + r]!;
        out[o + 2] = c.askOrders[base + r]!;
      }
    }
    out[0] = n;
    out[1] = L;
    this.slots.consume(n);
    return n;
  }

  /** The slot's depth as an object (tests, debugging). */
  snapshot(slot: number): DepthSnapshot {
    const base = slot * this.levels;
    const c = this.cols;
    const rows = (P: Float64Array, Q: Float64Array, O: Float64Array, n: number): DepthLevelRow[] =>
      Array.from({ length: n }, (_, r) => ({ price: P[base + r]!, qty: Q[base + r]!, orders: O[base + r]! }));
    return {
      slot,
      segment: SEGMENT_BY_CODE[this.slots.segment[slot]!] ?? null,
      securityId: this.slots.securityId[slot]!,
      version: this.slots.version[slot]!,
      sequence: this.sequence[slot]!,
      bids: rows(c.bidPrice, c.bidQty, c.bidOrders, this.bidRows[slot]!),
      asks: rows(c.askPrice, c.askQty, c.askOrders, this.askRows[slot]!),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Main-thread side
// ---------------------------------------------------------------------------------------------

/** One depth row: price in rupees, quantity, orders. */
export interface DepthLevelRow {
  readonly price: number;
  readonly qty: number;
  readonly orders: number;
}

/** One instrument's depth; rows in wire order (best first as Dhan sends them). */
export interface DepthSnapshot {
  readonly slot: number;
  readonly segment: DhanSegment | null;
  readonly securityId: number;
  readonly version: number;
  readonly sequence: number;
  readonly bids: readonly DepthLevelRow[];
  readonly asks: readonly DepthLevelRow[];
}

/**
 * Reads a buffer made by {@link DepthTable.packDirty} (main-thread side). Throws RangeError when a
 * record runs past the end of the buffer.
 */
export function unpackDepth(buffer: ArrayBuffer): DepthSnapshot[] {
  const b = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
  const count = b[0] ?? 0;
  const out: DepthSnapshot[] = [];
  let o = PACK_HEAD;
  const rows = (n: number): DepthLevelRow[] => {
    if (o + 3 * n > b.length) throw new RangeError('unpackDepth: record runs past the buffer');
    const r: DepthLevelRow[] = [];
    for (let i = 0; i < n; i++, o += 3) r.push({ price: b[o]!, qty: b[o + 1]!, orders: b[o + 2]! });
    return r;
  };
  for (let i = 0; i < count; i++) {
    if (o + REC_HEAD > b.length) throw new RangeError('unpackDepth: record runs past the buffer');
    const head = b.subarray(o, o + REC_HEAD);
    o += REC_HEAD;
    const bids = rows(head[5]!);
    const asks = rows(head[6]!);
    out.push({
      slot: head[0]!,
      segment: SEGMENT_BY_CODE[head[1]!] ?? null,
      securityId: head[2]!,
      version: head[3]!,
      sequence: head[4]!,
      bids,
      asks,
    });
  }
  return out;
}
