/**
 * Latest market-feed state per instrument, held as struct-of-arrays in typed arrays, written by the
 * DhanHQ v2 feed decoder without allocating (the table is a {@link FeedSink}; full packets are
 * decoded straight into its columns through feed-codec's FullColumnsTarget fast path), and shipped
 * to the main thread as a packed Float64 buffer of the slots that changed since the last frame.
 *
 * Units: prices in rupees (already snapped by the decoder: paise, 4 decimals on currency segments);
 * quantities in units; `ltt` in true UTC epoch seconds (converted once by feed-time.ts
 * `lttToUtcSeconds`). Source of the fields: seeds/002, "Live Market Feed" (ticker, quote, OI, prev
 * close, full packets). A value that is not a finite number, or a negative quantity, is counted in
 * {@link QuoteTable.badValues} and the packet is skipped (a full packet whose depth alone is bad
 * keeps its checked scalars and clears that slot's depth rather than half-write it), so the table
 * never holds NaN or a negative quantity. The decoder never produces such values; these checks
 * guard any other producer. Packets for instruments not in the table are counted and skipped.
 */
import {
  DEPTH5,
  FEED_FULL_FIELDS,
  FeedField,
  FULL_DEPTH_LEVELS,
  FULL_DEPTH_NUMBERS,
  type FeedErrorReason,
  type FeedSink,
  type FullColumns,
  type FullColumnsTarget,
} from '../brokers/dhan/feed-codec';
import { lttToUtcSeconds } from '../brokers/dhan/feed-time';
import { SEGMENT_BY_CODE, type DhanSegment } from '../brokers/dhan/segments';
import { InstrumentSlots } from './instrument-slots';

/** Depth levels kept per instrument (the full packet's 5). */
export const QUOTE_DEPTH_LEVELS = FULL_DEPTH_LEVELS;

/**
 * Column numbers of a packed quote record's fields (after the record header). Depth columns hold
 * 5 consecutive values, level 0 (best) first.
 */
export const QuoteField = {
  LTP: 0,
  LTQ: 1,
  LTT: 2,
  ATP: 3,
  VOLUME: 4,
  TOTAL_BUY_QTY: 5,
  TOTAL_SELL_QTY: 6,
  OPEN: 7,
  HIGH: 8,
  LOW: 9,
  CLOSE: 10,
  OI: 11,
  OI_HIGH: 12,
  OI_LOW: 13,
  PREV_CLOSE: 14,
  PREV_OI: 15,
  BID_PRICE: 16,
  BID_QTY: 21,
  BID_ORDERS: 26,
  ASK_PRICE: 31,
  ASK_QTY: 36,
  ASK_ORDERS: 41,
} as const;

/** Numbers per instrument in a packed record's field part. */
export const QUOTE_FIELD_COUNT = 46;

/** Bits of {@link QuoteTable.kinds}: which packet kinds have reached a slot. */
export const QuoteKind = {
  TICKER: 1,
  QUOTE: 2,
  FULL: 4,
  OI: 8,
  PREV_CLOSE: 16,
  INDEX: 32,
} as const;

// Positions in the decoder's field array (feed-codec FeedField/DEPTH5) as module-local constants:
// a hot function that reads an imported binding pays a TDZ check and a property load per use
// (QuoteTable.full measured at 9 M/s that way, 14 M/s with these).
const toUtcSeconds = lttToUtcSeconds;
const F_LTP = FeedField.LTP;
const F_LTQ = FeedField.LTQ;
const F_LTT = FeedField.LTT;
const F_ATP = FeedField.ATP;
const F_VOLUME = FeedField.VOLUME;
const F_TOTAL_SELL_QTY = FeedField.TOTAL_SELL_QTY;
const F_TOTAL_BUY_QTY = FeedField.TOTAL_BUY_QTY;
const F_OPEN = FeedField.OPEN;
const F_CLOSE = FeedField.CLOSE;
const F_HIGH = FeedField.HIGH;
const F_LOW = FeedField.LOW;
const F_OI = FeedField.OI;
const F_OI_HIGH = FeedField.OI_HIGH;
const F_OI_LOW = FeedField.OI_LOW;
const F_DEPTH = FeedField.DEPTH;
const F_END = FEED_FULL_FIELDS;
const D_NUMBERS = FULL_DEPTH_NUMBERS;
const D_STRIDE = DEPTH5.STRIDE;
const D_BID_QTY = DEPTH5.BID_QTY;
const D_ASK_QTY = DEPTH5.ASK_QTY;
const D_BID_ORDERS = DEPTH5.BID_ORDERS;
const D_ASK_ORDERS = DEPTH5.ASK_ORDERS;
const D_BID_PRICE = DEPTH5.BID_PRICE;
const D_ASK_PRICE = DEPTH5.ASK_PRICE;
const K_FULL_OI = QuoteKind.FULL | QuoteKind.OI;

/** Record header numbers: slot, segment code, security id, version, kinds bitmask. */
const REC_HEAD = 5;
/** Doubles per packed quote record. */
export const QUOTE_RECORD_DOUBLES = REC_HEAD + QUOTE_FIELD_COUNT;
/** Doubles before the first record: record count, record size. */
const PACK_HEAD = 2;

/** Bytes a packed buffer needs for `records` quote records. */
export function packedQuoteBytes(records: number): number {
  return (PACK_HEAD + records * QUOTE_RECORD_DOUBLES) * 8;
}

/** Options of a {@link QuoteTable}. */
export interface QuoteTableOptions {
  /** Called on a feed disconnect packet with Dhan's reason code (805…810). */
  readonly onDisconnect?: (reason: number, segment: number, securityId: number) => void;
}

/**
 * Struct-of-arrays state of a {@link QuoteTable}: one Float64Array per scalar field, indexed by
 * slot, and one for the 5 depth levels, where each slot's 30 numbers are contiguous (index
 * `slot * FULL_DEPTH_NUMBERS + level * DEPTH5.STRIDE + DEPTH5.<field>`: bid qty, ask qty, bid
 * orders, ask orders, bid price, ask price). Contiguous depth touches 4-5 cache lines per full
 * packet instead of 6-12 for six per-field arrays (+13% full-packet throughput, dhan-decode bench).
 */
export interface QuoteColumns extends FullColumns {
  readonly prevClose: Float64Array;
  readonly prevOi: Float64Array;
}

/**
 * Per-instrument quote state for up to `capacity` instruments. Subscribe with {@link add}; feed it
 * with `decodeFeedMessage(bytes, table)`; once per display frame call {@link packDirty}.
 */
export class QuoteTable implements FeedSink, FullColumnsTarget {
  readonly slots: InstrumentSlots;
  /** The state columns (struct of arrays), indexed by slot; depth see {@link QuoteColumns}. */
  readonly cols: QuoteColumns;
  /**
   * The table itself: `decodeFeedMessage` writes full packets straight into {@link cols} through
   * {@link fullSlot}/{@link fullWritten} instead of calling {@link full} (feed-codec FullColumnsTarget).
   */
  readonly fullColumns: FullColumnsTarget = this;
  /** {@link QuoteKind} bits received per slot. */
  readonly kinds: Uint8Array;

  /** Packets skipped because a value was NaN/infinite or a quantity negative. */
  badValues = 0;
  /** Packets for instruments not in the table. */
  unknownInstrument = 0;
  /** Market status packets seen (header only; seeds/002 gives no payload). */
  marketStatusCount = 0;
  /** Unknown-code packets and decode errors seen (the decoder counts them too). */
  unknownPackets = 0;
  decodeErrors = 0;
  /** Last disconnect reason received (0: none). */
  lastDisconnectReason = 0;

  private readonly scalars: readonly Float64Array[];
  private readonly disconnectListener: ((reason: number, segment: number, securityId: number) => void) | undefined;

  /** Throws RangeError unless `capacity` is a positive integer. */
  constructor(capacity: number, options: QuoteTableOptions = {}) {
    this.slots = new InstrumentSlots(capacity);
    const col = () => new Float64Array(capacity);
    this.cols = {
      ltp: col(),
      ltq: col(),
      ltt: col(),
      atp: col(),
      volume: col(),
      totalBuyQty: col(),
      totalSellQty: col(),
      open: col(),
      high: col(),
      low: col(),
      close: col(),
      oi: col(),
      oiHigh: col(),
      oiLow: col(),
      prevClose: col(),
      prevOi: col(),
      depth: new Float64Array(capacity * D_NUMBERS),
    };
    this.kinds = new Uint8Array(capacity);
    // Same order as QuoteField.
    const c = this.cols;
    this.scalars = [
      c.ltp, c.ltq, c.ltt, c.atp, c.volume, c.totalBuyQty, c.totalSellQty, c.open,
      c.high, c.low, c.close, c.oi, c.oiHigh, c.oiLow, c.prevClose, c.prevOi,
    ];
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

  /** Unsubscribes an instrument and zeroes its state; returns the freed slot or -1. */
  remove(segment: number, securityId: number): number {
    const slot = this.slots.remove(segment, securityId);
    if (slot >= 0) {
      for (const c of this.scalars) c[slot] = 0;
      this.cols.depth.fill(0, slot * D_NUMBERS, (slot + 1) * D_NUMBERS);
      this.kinds[slot] = 0;
    }
    return slot;
  }

  /** Slot of an instrument or -1. */
  slotOf(segment: number, securityId: number): number {
    return this.slots.lookup(segment, securityId);
  }

  // ---- FeedSink: called by decodeFeedMessage ------------------------------------------------

  index(segment: number, securityId: number, ltp: number, ltt: number): void {
    this.lastPrice(segment, securityId, ltp, ltt, QuoteKind.INDEX);
  }

  ticker(segment: number, securityId: number, ltp: number, ltt: number): void {
    this.lastPrice(segment, securityId, ltp, ltt, QuoteKind.TICKER);
  }

  private lastPrice(segment: number, securityId: number, ltp: number, ltt: number, kind: number): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    if (ltp !== ltp || !(ltt >= 0 && ltt < Infinity) || ltp === Infinity || ltp === -Infinity) {
      this.badValues++;
      return;
    }
    this.cols.ltp[s] = ltp;
    this.cols.ltt[s] = toUtcSeconds(ltt);
    this.kinds[s] = this.kinds[s]! | kind;
    this.slots.touch(s);
  }

  quote(segment: number, securityId: number, f: Float64Array): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    if (!quoteFieldsOk(f)) {
      this.badValues++;
      return;
    }
    const c = this.cols;
    c.ltp[s] = f[F_LTP]!;
    c.ltq[s] = f[F_LTQ]!;
    c.ltt[s] = toUtcSeconds(f[F_LTT]!);
    c.atp[s] = f[F_ATP]!;
    c.volume[s] = f[F_VOLUME]!;
    c.totalSellQty[s] = f[F_TOTAL_SELL_QTY]!;
    c.totalBuyQty[s] = f[F_TOTAL_BUY_QTY]!;
    c.open[s] = f[F_OPEN]!;
    c.close[s] = f[F_CLOSE]!;
    c.high[s] = f[F_HIGH]!;
    c.low[s] = f[F_LOW]!;
    this.kinds[s] = this.kinds[s]! | QuoteKind.QUOTE;
    this.slots.touch(s);
  }

  oi(segment: number, securityId: number, oi: number): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    if (!(oi >= 0 && oi < Infinity)) {
      this.badValues++;
      return;
    }
    this.cols.oi[s] = oi;
    this.kinds[s] = this.kinds[s]! | QuoteKind.OI;
    this.slots.touch(s);
  }

  prevClose(segment: number, securityId: number, prevClose: number, prevOi: number): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    if (!(prevClose - prevClose === 0) || !(prevOi >= 0 && prevOi < Infinity)) {
      this.badValues++;
      return;
    }
    this.cols.prevClose[s] = prevClose;
    this.cols.prevOi[s] = prevOi;
    this.kinds[s] = this.kinds[s]! | QuoteKind.PREV_CLOSE;
    this.slots.touch(s);
  }

  marketStatus(_segment: number, _securityId: number): void {
    this.marketStatusCount++;
  }

  full(segment: number, securityId: number, f: Float64Array): void {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) {
      this.unknownInstrument++;
      return;
    }
    const oi = f[F_OI]!;
    const oiH = f[F_OI_HIGH]!;
    const oiL = f[F_OI_LOW]!;
    if (!quoteFieldsOk(f) || !(oi >= 0 && oiH >= 0 && oiL >= 0 && oi + oiH + oiL < Infinity)) {
      this.badValues++;
      return;
    }
    const c = this.cols;
    c.ltp[s] = f[F_LTP]!;
    c.ltq[s] = f[F_LTQ]!;
    c.ltt[s] = toUtcSeconds(f[F_LTT]!);
    c.atp[s] = f[F_ATP]!;
    c.volume[s] = f[F_VOLUME]!;
    c.totalSellQty[s] = f[F_TOTAL_SELL_QTY]!;
    c.totalBuyQty[s] = f[F_TOTAL_BUY_QTY]!;
    c.open[s] = f[F_OPEN]!;
    c.close[s] = f[F_CLOSE]!;
    c.high[s] = f[F_HIGH]!;
    c.low[s] = f[F_LOW]!;
    c.oi[s] = oi;
    c.oiHigh[s] = oiH;
    c.oiLow[s] = oiL;
    // The depth part of `f` has the depth column's per-slot layout: copied in one pass and checked
    // (quantities non-negative, prices finite). A bad level (never produced by the decoder) clears
    // the slot's depth instead of leaving a half-written ladder, and is counted.
    const d = c.depth;
    const base = s * D_NUMBERS;
    let ok = true;
    for (let i = base, q = F_DEPTH; q < F_END; i += D_STRIDE, q += D_STRIDE) {
      const vbq = f[q]!;
      const vaq = f[q + 1]!;
      const vbo = f[q + 2]!;
      const vao = f[q + 3]!;
      const vbp = f[q + 4]!;
      const vap = f[q + 5]!;
      if (!(vbq >= 0 && vaq >= 0 && vbo >= 0 && vao >= 0 && vbq + vaq + (vbo + vao) < Infinity && vbp - vbp === 0 && vap - vap === 0)) ok = false;
      d[i] = vbq;
      d[i + 1] = vaq;
      d[i + 2] = vbo;
      d[i + 3] = vao;
      d[i + 4] = vbp;
      d[i + 5] = vap;
    }
    if (!ok) {
      d.fill(0, base, base + D_NUMBERS);
      this.badValues++;
    }
    this.kinds[s] = this.kinds[s]! | K_FULL_OI;
    this.slots.touch(s);
  }

  /** FullColumnsTarget: the instrument's slot, or -1 (counted in {@link unknownInstrument}). */
  fullSlot(segment: number, securityId: number): number {
    const s = this.slots.lookup(segment, securityId);
    if (s < 0) this.unknownInstrument++;
    return s;
  }

  /** FullColumnsTarget: a full packet has been written into `slot` by the decoder. */
  fullWritten(slot: number): void {
    this.kinds[slot] = this.kinds[slot]! | K_FULL_OI;
    this.slots.touch(slot);
  }

  disconnect(segment: number, securityId: number, reason: number): void {
    this.lastDisconnectReason = reason;
    this.disconnectListener?.(reason, segment, securityId);
  }

  unknown(_code: number, _length: number): void {
    this.unknownPackets++;
  }

  error(_reason: FeedErrorReason, _offset: number, _code: number, _length: number): void {
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
   * Copies the dirty slots into `into` (a transferable buffer) as Float64 records and removes them
   * from the dirty set; slots that do not fit stay dirty for the next call. Layout: [record count,
   * record size], then per record: slot, segment code, security id, version, kinds, and the
   * {@link QUOTE_FIELD_COUNT} fields in {@link QuoteField} order. Returns the records written.
   * Size the buffer with {@link packedQuoteBytes}; read it with {@link PackedQuotes}.
   */
  packDirty(into: ArrayBuffer): number {
    const out = new Float64Array(into, 0, Math.floor(into.byteLength / 8));
    if (out.length < PACK_HEAD) return 0;
    const fit = Math.floor((out.length - PACK_HEAD) / QUOTE_RECORD_DOUBLES);
    const n = Math.min(fit, this.slots.dirtyCount);
    const list = this.slots.dirtyList;
    const sc = this.scalars;
    const d = this.cols.depth;
    let o = PACK_HEAD;
    for (let i = 0; i < n; i++) {
      const s = list[i]!;
      out[o] = s;
      out[o + 1] = this.slots.segment[s]!;
      out[o + 2] = this.slots.securityId[s]!;
      out[o + 3] = this.slots.version[s]!;
      out[o + 4] = this.kinds[s]!;
      o += REC_HEAD;
      for (let f = 0; f < sc.length; f++) out[o + f] = sc[f]![s]!;
      o += sc.length;
      writeDepthFields(out, o - QuoteField.BID_PRICE, d, s * D_NUMBERS);
      o += QUOTE_DEPTH_LEVELS * D_STRIDE;
    }
    out[0] = n;
    out[1] = QUOTE_RECORD_DOUBLES;
    this.slots.consume(n);
    return n;
  }

  /** The slot's state as an object (tests, debugging; not for the hot path). */
  snapshot(slot: number): QuoteSnapshot {
    const buf = new Float64Array(QUOTE_RECORD_DOUBLES);
    buf[0] = slot;
    buf[1] = this.slots.segment[slot]!;
    buf[2] = this.slots.securityId[slot]!;
    buf[3] = this.slots.version[slot]!;
    buf[4] = this.kinds[slot]!;
    for (let f = 0; f < this.scalars.length; f++) buf[REC_HEAD + f] = this.scalars[f]![slot]!;
    writeDepthFields(buf, REC_HEAD, this.cols.depth, slot * D_NUMBERS);
    return recordToSnapshot(buf, 0);
  }
}

/**
 * Copies one slot's depth (`d[from ..]`, per-slot layout of QuoteColumns.depth) into a packed
 * record whose field part starts at `out[at]`, in the record's per-field groups (QuoteField
 * BID_PRICE…ASK_ORDERS, 5 levels each).
 */
function writeDepthFields(out: Float64Array, at: number, d: Float64Array, from: number): void {
  for (let l = 0, q = from; l < QUOTE_DEPTH_LEVELS; l++, q += D_STRIDE) {
    out[at + QuoteField.BID_PRICE + l] = d[q + D_BID_PRICE]!;
    out[at + QuoteField.BID_QTY + l] = d[q + D_BID_QTY]!;
    out[at + QuoteField.BID_ORDERS + l] = d[q + D_BID_ORDERS]!;
    out[at + QuoteField.ASK_PRICE + l] = d[q + D_ASK_PRICE]!;
    out[at + QuoteField.ASK_QTY + l] = d[q + D_ASK_QTY]!;
    out[at + QuoteField.ASK_ORDERS + l] = d[q + D_ASK_ORDERS]!;
  }
}

/**
 * True when the quote fields of `f` (see feed-codec FeedField) are sound: prices finite, quantities
 * and LTT non-negative and finite. Written without a long dependent chain of float additions (each
 * costs 4 cycles of latency), which made a summing loop the slowest part of a full packet.
 */
function quoteFieldsOk(f: Float64Array): boolean {
  const p = f[F_LTP]! + f[F_ATP]! + (f[F_OPEN]! + f[F_CLOSE]!) + (f[F_HIGH]! + f[F_LOW]!);
  const ltq = f[F_LTQ]!;
  const ltt = f[F_LTT]!;
  const vol = f[F_VOLUME]!;
  const tsq = f[F_TOTAL_SELL_QTY]!;
  const tbq = f[F_TOTAL_BUY_QTY]!;
  return p - p === 0 && ltq >= 0 && ltt >= 0 && vol >= 0 && tsq >= 0 && tbq >= 0 && ltq + ltt + (vol + tsq + tbq) < Infinity;
}

// ---------------------------------------------------------------------------------------------
// Main-thread side
// ---------------------------------------------------------------------------------------------

/** One depth level of a {@link QuoteSnapshot} (prices in rupees). */
export interface QuoteDepthLevel {
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly bidOrders: number;
  readonly askPrice: number;
  readonly askQty: number;
  readonly askOrders: number;
}

/** One instrument's state as an object. Prices in rupees; `ltt` true UTC epoch seconds. */
export interface QuoteSnapshot {
  readonly slot: number;
  /** Segment name, or null for a code the annexure does not list. */
  readonly segment: DhanSegment | null;
  readonly securityId: number;
  readonly version: number;
  /** {@link QuoteKind} bits received. */
  readonly kinds: number;
  readonly ltp: number;
  readonly ltq: number;
  readonly ltt: number;
  readonly atp: number;
  readonly volume: number;
  readonly totalBuyQty: number;
  readonly totalSellQty: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly oi: number;
  readonly oiHigh: number;
  readonly oiLow: number;
  readonly prevClose: number;
  readonly prevOi: number;
  readonly depth: readonly QuoteDepthLevel[];
}

function recordToSnapshot(b: Float64Array, o: number): QuoteSnapshot {
  const f = o + REC_HEAD;
  const depth: QuoteDepthLevel[] = [];
  for (let l = 0; l < QUOTE_DEPTH_LEVELS; l++) {
    depth.push({
      bidPrice: b[f + QuoteField.BID_PRICE + l]!,
      bidQty: b[f + QuoteField.BID_QTY + l]!,
      bidOrders: b[f + QuoteField.BID_ORDERS + l]!,
      askPrice: b[f + QuoteField.ASK_PRICE + l]!,
      askQty: b[f + QuoteField.ASK_QTY + l]!,
      askOrders: b[f + QuoteField.ASK_ORDERS + l]!,
    });
  }
  return {
    slot: b[o]!,
    segment: SEGMENT_BY_CODE[b[o + 1]!] ?? null,
    securityId: b[o + 2]!,
    version: b[o + 3]!,
    kinds: b[o + 4]!,
    ltp: b[f + QuoteField.LTP]!,
    ltq: b[f + QuoteField.LTQ]!,
    ltt: b[f + QuoteField.LTT]!,
    atp: b[f + QuoteField.ATP]!,
    volume: b[f + QuoteField.VOLUME]!,
    totalBuyQty: b[f + QuoteField.TOTAL_BUY_QTY]!,
    totalSellQty: b[f + QuoteField.TOTAL_SELL_QTY]!,
    open: b[f + QuoteField.OPEN]!,
    high: b[f + QuoteField.HIGH]!,
    low: b[f + QuoteField.LOW]!,
    close: b[f + QuoteField.CLOSE]!,
    oi: b[f + QuoteField.OI]!,
    oiHigh: b[f + QuoteField.OI_HIGH]!,
    oiLow: b[f + QuoteField.OI_LOW]!,
    prevClose: b[f + QuoteField.PREV_CLOSE]!,
    prevOi: b[f + QuoteField.PREV_OI]!,
    depth,
  };
}

/**
 * Zero-copy reader of a buffer made by {@link QuoteTable.packDirty} (main-thread side). Throws
 * RangeError when the buffer is not such a packing (wrong record size or count past its end).
 */
export class PackedQuotes {
  readonly count: number;
  private readonly b: Float64Array;

  constructor(buffer: ArrayBuffer) {
    this.b = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
    const count = this.b[0] ?? -1;
    if (
      this.b[1] !== QUOTE_RECORD_DOUBLES ||
      !Number.isInteger(count) ||
      count < 0 ||
      PACK_HEAD + count * QUOTE_RECORD_DOUBLES > this.b.length
    ) {
      throw new RangeError('PackedQuotes: not a packed quote buffer');
    }
    this.count = count;
  }

  /** Slot number of record `i` on the worker side. */
  slot(i: number): number {
    return this.b[PACK_HEAD + i * QUOTE_RECORD_DOUBLES]!;
  }
  /** Segment code of record `i`. */
  segment(i: number): number {
    return this.b[PACK_HEAD + i * QUOTE_RECORD_DOUBLES + 1]!;
  }
  /** Security id of record `i`. */
  securityId(i: number): number {
    return this.b[PACK_HEAD + i * QUOTE_RECORD_DOUBLES + 2]!;
  }
  /** Version of record `i`. */
  version(i: number): number {
    return this.b[PACK_HEAD + i * QUOTE_RECORD_DOUBLES + 3]!;
  }
  /** Field `field` ({@link QuoteField}, plus the level for depth columns) of record `i`. */
  get(i: number, field: number): number {
    return this.b[PACK_HEAD + i * QUOTE_RECORD_DOUBLES + REC_HEAD + field]!;
  }
  /** Record `i` as an object. */
  snapshot(i: number): QuoteSnapshot {
    return recordToSnapshot(this.b, PACK_HEAD + i * QUOTE_RECORD_DOUBLES);
  }
}

/** Every record of a packed buffer as objects (convenience for the main side and tests). */
export function unpackQuotes(buffer: ArrayBuffer): QuoteSnapshot[] {
  const p = new PackedQuotes(buffer);
  const out: QuoteSnapshot[] = [];
  for (let i = 0; i < p.count; i++) out.push(p.snapshot(i));
  return out;
}
