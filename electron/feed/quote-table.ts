/**
 * Latest market-feed state per instrument, held as struct-of-arrays in typed arrays, written by the
 * DhanHQ v2 feed decoder without allocating (the table is a {@link FeedSink}), and shipped to the
 * main thread as a packed Float64 buffer of the slots that changed since the last frame.
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
  type FeedErrorReason,
  type FeedSink,
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
const D_STRIDE = DEPTH5.STRIDE;

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

/** Struct-of-arrays state of a {@link QuoteTable}: one Float64Array per field. */
export interface QuoteColumns {
  readonly ltp: Float64Array;
  readonly ltq: Float64Array;
  /** True UTC epoch seconds. */
  readonly ltt: Float64Array;
  readonly atp: Float64Array;
  readonly volume: Float64Array;
  readonly totalBuyQty: Float64Array;
  readonly totalSellQty: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly oi: Float64Array;
  readonly oiHigh: Float64Array;
  readonly oiLow: Float64Array;
  readonly prevClose: Float64Array;
  readonly prevOi: Float64Array;
  /** Depth arrays: index `slot * 5 + level`. */
  readonly bidPrice: Float64Array;
  readonly bidQty: Float64Array;
  readonly bidOrders: Float64Array;
  readonly askPrice: Float64Array;
  readonly askQty: Float64Array;
  readonly askOrders: Float64Array;
}

/**
 * Per-instrument quote state for up to `capacity` instruments. Subscribe with {@link add}; feed it
 * with `decodeFeedMessage(bytes, table)`; once per display frame call {@link packDirty}.
 */
export class QuoteTable implements FeedSink {
  readonly slots: InstrumentSlots;
  /** The state columns (struct of arrays), indexed by slot; depth ones by `slot * 5 + level`. */
  readonly cols: QuoteColumns;
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
  private readonly depthCols: readonly Float64Array[];
  private readonly disconnectListener: ((reason: number, segment: number, securityId: number) => void) | undefined;

  /** Throws RangeError unless `capacity` is a positive integer. */
  constructor(capacity: number, options: QuoteTableOptions = {}) {
    this.slots = new InstrumentSlots(capacity);
    const col = () => new Float64Array(capacity);
    const dcol = () => new Float64Array(capacity * QUOTE_DEPTH_LEVELS);
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
      bidPrice: dcol(),
      bidQty: dcol(),
      bidOrders: dcol(),
      askPrice: dcol(),
      askQty: dcol(),
      askOrders: dcol(),
    };
    this.kinds = new Uint8Array(capacity);
    // Same order as QuoteField.
    const c = this.cols;
    this.scalars = [
      c.ltp, c.ltq, c.ltt, c.atp, c.volume, c.totalBuyQty, c.totalSellQty, c.open,
      c.high, c.low, c.close, c.oi, c.oiHigh, c.oiLow, c.prevClose, c.prevOi,
    ];
    this.depthCols = [c.bidPrice, c.bidQty, c.bidOrders, c.askPrice, c.askQty, c.askOrders];
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
      for (const c of this.depthCols) c.fill(0, slot * QUOTE_DEPTH_LEVELS, (slot + 1) * QUOTE_DEPTH_LEVELS);
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
    // Depth is checked while it is copied (one pass); a bad level (never produced by the decoder)
    // clears the slot's depth instead of leaving a half-written ladder, and is counted.
    const bq = c.bidQty;
    const aq = c.askQty;
    const bo = c.bidOrders;
    const ao = c.askOrders;
    const bp = c.bidPrice;
    const ap = c.askPrice;
    const base = s * QUOTE_DEPTH_LEVELS;
    let ok = true;
    for (let i = base, q = F_DEPTH; q < F_END; i++, q += D_STRIDE) {
      const vbq = f[q]!;
      const vaq = f[q + 1]!;
      const vbo = f[q + 2]!;
      const vao = f[q + 3]!;
      const vbp = f[q + 4]!;
      const vap = f[q + 5]!;
      if (!(vbq >= 0 && vaq >= 0 && vbo >= 0 && vao >= 0 && vbq + vaq + (vbo + vao) < Infinity && vbp - vbp === 0 && vap - vap === 0)) ok = false;
      bq[i] = vbq;
      aq[i] = vaq;
      bo[i] = vbo;
      ao[i] = vao;
      bp[i] = vbp;
      ap[i] = vap;
    }
    if (!ok) {
      for (const col of [bq, aq, bo, ao, bp, ap]) col.fill(0, base, base + QUOTE_DEPTH_LEVELS);
      this.badValues++;
    }
    this.kinds[s] = this.kinds[s]! | QuoteKind.FULL | QuoteKind.OI;
    this.slots.touch(s);
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
    const dc = this.depthCols;
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
      const base = s * QUOTE_DEPTH_LEVELS;
      for (let c = 0; c < dc.length; c++) {
        const col = dc[c]!;
        for (let l = 0; l < QUOTE_DEPTH_LEVELS; l++) out[o + l] = col[base + l]!;
        o += QUOTE_DEPTH_LEVELS;
      }
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
    for (let c = 0; c < this.depthCols.length; c++) {
      for (let l = 0; l < QUOTE_DEPTH_LEVELS; l++) {
        buf[REC_HEAD + QuoteField.BID_PRICE + c * QUOTE_DEPTH_LEVELS + l] = this.depthCols[c]![slot * QUOTE_DEPTH_LEVELS + l]!;
      }
    }
    return recordToSnapshot(buf, 0);
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
