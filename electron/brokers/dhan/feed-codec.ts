/**
 * DhanHQ v2 live market feed: binary codec (decode and encode) for the response packets.
 *
 * Source: seeds/002, "Live Market Feed" (Response Header, Ticker, Prev Close, Quote, OI, Full,
 * Feed Disconnect) and the Annexure "Feed Response Code". The seed numbers bytes 1-based; the
 * layouts below were checked field by field against the official Python client
 * dhan-oss/DhanHQ-py @ 1670f81, src/dhanhq/marketfeed.py (all little-endian, no padding):
 *   header        '<BHBI'        code u8 · length u16 · segment u8 · security id u32   (8 bytes)
 *   ticker (2)    '<BHBIfI'      + LTP f32 · LTT u32                                   (16)
 *   prev close(6) '<BHBIfI'      + prev close f32 · prev OI u32                        (16)
 *   quote (4)     '<BHBIfHIfIIIffff'  + LTP f32 · LTQ u16 · LTT u32 · ATP f32 · volume u32 ·
 *                                 total sell qty u32 · total buy qty u32 · open · close · high ·
 *                                 low f32                                             (50)
 *   OI (5)        '<BHBII'       + OI u32                                              (12)
 *   status (7)    '<BHBI'        header only                                           (8)
 *   full (8)      '<BHBIfHIfIIIIIIffff100s' + quote's first seven fields · OI · OI day high ·
 *                                 OI day low u32 · open · close · high · low f32 · 5 depth rows
 *                                 '<IIHHff' bid qty u32 · ask qty u32 · bid orders u16 ·
 *                                 ask orders u16 · bid price f32 · ask price f32     (162)
 *   disconnect(50)'<BHBIH'       + reason code u16                                     (10)
 * The header's u16 length is the length of the WHOLE packet including the header: proven by the
 * real bytes in fixtures/dhan/ws/observed-frame-fragments.issue90.json (a full packet says 162).
 * Index packets (code 1) are listed in the annexure but neither the seed nor DhanHQ-py gives their
 * layout; we read them as ticker-shaped (LTP f32 · LTT u32, 16 bytes), our assumption.
 * The seed types several fields as signed int32; DhanHQ-py reads them unsigned ('I'), as we do, so a
 * quantity can never come out negative.
 *
 * Prices: float32 on the wire, snapped here once with the rounding of shared/price.ts
 * `snapDecimals` (paise; 4 decimals for currency segments; see {@link snapWirePrice}), so
 * 247.8000030517578 becomes 247.8. LTT stays the raw wire value
 * (IST-shifted epoch seconds); feed-time.ts `lttToUtcSeconds` converts it.
 *
 * Robustness: several packets may be stacked in one WebSocket message and are split by the header
 * length. A header shorter than 8 bytes, a length below 8, a length that overruns the message, or a
 * known code whose length is shorter than its fields ends the message with an error count. A packet
 * with a segment code outside the annexure or a non-finite price is counted and skipped by its
 * length. Nothing here throws on received bytes.
 */
import { lttToUtcSeconds } from './feed-time';
import { SEGMENT_BY_CODE, SEGMENT_CODE, isCurrencySegment, type DhanSegment } from './segments';

/** Feed response codes (seeds/002, Annexure "Feed Response Code"). */
export const FeedCode = {
  INDEX: 1,
  TICKER: 2,
  QUOTE: 4,
  OI: 5,
  PREV_CLOSE: 6,
  MARKET_STATUS: 7,
  FULL: 8,
  DISCONNECT: 50,
} as const;

/** Bytes in the market-feed response header. */
export const FEED_HEADER_BYTES = 8;

/** Whole-packet length (header included) of each known packet kind, in bytes. */
export const FEED_PACKET_BYTES = {
  index: 16,
  ticker: 16,
  quote: 50,
  oi: 12,
  prevClose: 16,
  marketStatus: 8,
  full: 162,
  disconnect: 10,
} as const;

/** Depth levels in a full packet. */
export const FULL_DEPTH_LEVELS = 5;

/**
 * Layout of the field array handed to {@link FeedSink.quote} (first {@link FEED_QUOTE_FIELDS}) and
 * {@link FeedSink.full} (all {@link FEED_FULL_FIELDS}). Prices in rupees (snapped), quantities in
 * units, LTT raw wire seconds. The order is the frame inspector's key order (issue 3).
 * Why an array and not arguments: a call that V8 does not inline passes doubles boxed (one heap
 * number per price), which halved the throughput of full packets.
 */
export const FeedField = {
  LTP: 0,
  LTQ: 1,
  LTT: 2,
  ATP: 3,
  VOLUME: 4,
  TOTAL_SELL_QTY: 5,
  TOTAL_BUY_QTY: 6,
  OPEN: 7,
  CLOSE: 8,
  HIGH: 9,
  LOW: 10,
  OI: 11,
  OI_HIGH: 12,
  OI_LOW: 13,
  /** First of 5 depth levels × {@link DEPTH5.STRIDE} numbers. */
  DEPTH: 14,
} as const;

/** Fields a quote packet fills. */
export const FEED_QUOTE_FIELDS = 11;

/**
 * Layout of each depth level inside the field array, from {@link FeedField.DEPTH} + level × STRIDE,
 * in wire order: bid qty, ask qty, bid orders, ask orders, bid price (rupees), ask price (rupees).
 */
export const DEPTH5 = {
  STRIDE: 6,
  BID_QTY: 0,
  ASK_QTY: 1,
  BID_ORDERS: 2,
  ASK_ORDERS: 3,
  BID_PRICE: 4,
  ASK_PRICE: 5,
} as const;

/** Fields a full packet fills (14 scalars + 5 × 6 depth numbers). */
export const FEED_FULL_FIELDS = FeedField.DEPTH + FULL_DEPTH_LEVELS * DEPTH5.STRIDE;

/** Numbers per slot in {@link FullColumns.depth}: 5 levels × {@link DEPTH5.STRIDE}. */
export const FULL_DEPTH_NUMBERS = FULL_DEPTH_LEVELS * DEPTH5.STRIDE;

/**
 * Struct-of-arrays columns, indexed by slot, that {@link decodeFeedMessage} writes full packets
 * straight into when the sink offers them through {@link FeedSink.fullColumns}: no scratch array,
 * no second copy, no call per packet that V8 cannot inline. Prices in rupees, snapped as
 * {@link snapWirePrice}; quantities in units; `ltt` in TRUE UTC epoch seconds (converted with
 * feed-time.ts `lttToUtcSeconds`, the one documented conversion), unlike the raw wire value that
 * {@link FeedSink.full} receives. Source of the fields: seeds/002, "Full Packet".
 */
export interface FullColumns {
  readonly ltp: Float64Array;
  readonly ltq: Float64Array;
  /** True UTC epoch seconds. */
  readonly ltt: Float64Array;
  readonly atp: Float64Array;
  readonly volume: Float64Array;
  readonly totalSellQty: Float64Array;
  readonly totalBuyQty: Float64Array;
  readonly open: Float64Array;
  readonly close: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly oi: Float64Array;
  readonly oiHigh: Float64Array;
  readonly oiLow: Float64Array;
  /**
   * The 5 depth levels of each slot, contiguous (one slot's 30 numbers share 4-5 cache lines):
   * index `slot * FULL_DEPTH_NUMBERS + level * DEPTH5.STRIDE + DEPTH5.<field>`, level 0 the best.
   */
  readonly depth: Float64Array;
}

/**
 * The fast path a sink may offer for full packets (see {@link FullColumns}). For each full packet
 * the decoder checks the 16 float32 prices (the only fields that can be NaN or infinite: a u16/u32
 * read is never NaN nor negative), then asks {@link fullSlot} for the instrument's slot, writes
 * every field into {@link cols} at that slot, and calls {@link fullWritten}. A packet with a bad
 * price is rejected before any of that, exactly as on the generic path (`FeedSink.error` with
 * BAD_VALUE, `counts.badValues`); nothing is half-written.
 */
export interface FullColumnsTarget {
  readonly cols: FullColumns;
  /** Slot of the instrument in {@link cols}, or -1 to skip the packet (the target counts that). */
  fullSlot(segment: number, securityId: number): number;
  /** The decoder has written a full packet into `slot` (the target marks it changed). */
  fullWritten(slot: number): void;
}

/** Why a packet or message was rejected (argument of {@link FeedSink.error}). */
export const FeedError = {
  /** Fewer than 8 bytes left for a header: ends the message. */
  SHORT_HEADER: 1,
  /** Header length below 8: ends the message (the next packet cannot be found). */
  LENGTH_BELOW_HEADER: 2,
  /** Header length runs past the end of the message: ends the message. */
  LENGTH_OVERRUN: 3,
  /** Known code, but the length is shorter than its fields: ends the message. */
  TOO_SHORT: 4,
  /** Segment code not in the annexure: packet skipped, message goes on. */
  BAD_SEGMENT: 5,
  /** A price is not a finite number: packet skipped, message goes on. */
  BAD_VALUE: 6,
} as const;

/** One of the {@link FeedError} values. */
export type FeedErrorReason = (typeof FeedError)[keyof typeof FeedError];

/**
 * Receives decoded packets as scalars (no objects on the hot path). Prices are rupees already
 * snapped; quantities are non-negative integers; `ltt` is the raw wire value (IST-shifted epoch
 * seconds, see feed-time.ts); `segment` is the numeric annexure code (always one the annexure
 * lists, except on `disconnect`, which is delivered whatever its segment byte says).
 */
export interface FeedSink {
  index(segment: number, securityId: number, ltp: number, ltt: number): void;
  ticker(segment: number, securityId: number, ltp: number, ltt: number): void;
  /** `fields[0 .. FEED_QUOTE_FIELDS)` as {@link FeedField}; scratch, valid only during the call. */
  quote(segment: number, securityId: number, fields: Float64Array): void;
  oi(segment: number, securityId: number, oi: number): void;
  prevClose(segment: number, securityId: number, prevClose: number, prevOi: number): void;
  marketStatus(segment: number, securityId: number): void;
  /** `fields[0 .. FEED_FULL_FIELDS)` as {@link FeedField}/{@link DEPTH5}; scratch, valid only during the call. */
  full(segment: number, securityId: number, fields: Float64Array): void;
  disconnect(segment: number, securityId: number, reason: number): void;
  /** A packet with a code this decoder does not know, skipped by its length. */
  unknown(code: number, length: number): void;
  /** A rejected packet: `offset` of its header in the message, `code`/`length` as read (or 0). */
  error(reason: FeedErrorReason, offset: number, code: number, length: number): void;
  /**
   * Optional fast path: when set, full packets are written into these struct-of-arrays columns
   * (see {@link FullColumnsTarget}) and {@link full} is not called. Read once per message.
   */
  readonly fullColumns?: FullColumnsTarget | null;
}

/** Running totals of {@link decodeFeedMessage}; pass the same object to accumulate. */
export interface FeedDecodeCounts {
  /** Packets of a known kind delivered to the sink. */
  packets: number;
  /** Packets of an unknown code skipped by their length. */
  unknown: number;
  /** Messages ended early by a structural error (short header, bad length). */
  errors: number;
  /** Packets skipped for a bad segment or a non-finite price. */
  badValues: number;
}

/** A fresh zeroed {@link FeedDecodeCounts}. */
export function newFeedDecodeCounts(): FeedDecodeCounts {
  return { packets: 0, unknown: 0, errors: 0, badValues: 0 };
}

// Module-local primitive copies for the hot path: TurboFan folds these, while every use of a
// property of a layout object (FeedCode.TICKER…) in the loop cost a load and a map check (measured
// on full packets: 18.7 → 21.5 M/s for the decoder alone).
const HEADER = FEED_HEADER_BYTES;
const C_INDEX = FeedCode.INDEX;
const C_TICKER = FeedCode.TICKER;
const C_QUOTE = FeedCode.QUOTE;
const C_OI = FeedCode.OI;
const C_PREV_CLOSE = FeedCode.PREV_CLOSE;
const C_MARKET_STATUS = FeedCode.MARKET_STATUS;
const C_FULL = FeedCode.FULL;
const C_DISCONNECT = FeedCode.DISCONNECT;
const E_SHORT_HEADER = FeedError.SHORT_HEADER;
const E_LENGTH_BELOW_HEADER = FeedError.LENGTH_BELOW_HEADER;
const E_LENGTH_OVERRUN = FeedError.LENGTH_OVERRUN;
const E_TOO_SHORT = FeedError.TOO_SHORT;
const E_BAD_SEGMENT = FeedError.BAD_SEGMENT;
const E_BAD_VALUE = FeedError.BAD_VALUE;
const F_DEPTH = FeedField.DEPTH;
const F_END = FEED_FULL_FIELDS;
const isCurrency = isCurrencySegment;
const toUtcSeconds = lttToUtcSeconds;
const D_NUMBERS = FULL_DEPTH_NUMBERS;

/**
 * Snaps a wire price to paise (`dec` 2) or to 4 decimals (`dec` 4): exactly the rounding of
 * shared/price.ts `snapDecimals` (`Math.round(v * 10^dec) / 10^dec`; a test pins the equality over
 * random float32 values), minus its per-call `Number.isFinite` check, which halved decode
 * throughput. A non-finite input comes out non-finite (NaN or ±Infinity); callers check each
 * packet's prices once with `sum - sum !== 0` and count the packet as a bad value.
 */
export function snapWirePrice(v: number, dec: 2 | 4): number {
  return dec === 2 ? Math.round(v * 100) / 100 : Math.round(v * 10_000) / 10_000;
}

const fieldScratch = new Float64Array(FEED_FULL_FIELDS);

function validSegment(seg: number): boolean {
  return seg <= 8 && seg !== 6;
}

/**
 * Decodes one WebSocket message (one or more stacked packets) into `sink`, allocation-free apart
 * from one DataView. Full packets go straight into `sink.fullColumns` when the sink offers it
 * (see {@link FullColumnsTarget}; same values, same checks and counts as `sink.full`), else to
 * `sink.full`. Never throws on bad bytes: errors go to `sink.error` and `counts`.
 * Returns `counts` (created when omitted) with this message's totals added.
 */
export function decodeFeedMessage(
  bytes: Uint8Array,
  sink: FeedSink,
  counts: FeedDecodeCounts = newFeedDecodeCounts(),
): FeedDecodeCounts {
  const n = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, n);
  const into = sink.fullColumns ?? null;
  let off = 0;
  while (off < n) {
    if (n - off < HEADER) {
      counts.errors++;
      sink.error(E_SHORT_HEADER, off, bytes[off]!, 0);
      return counts;
    }
    const code = bytes[off]!;
    const len = bytes[off + 1]! | (bytes[off + 2]! << 8);
    const seg = bytes[off + 3]!;
    if (len < HEADER) {
      counts.errors++;
      sink.error(E_LENGTH_BELOW_HEADER, off, code, len);
      return counts;
    }
    if (len > n - off) {
      counts.errors++;
      sink.error(E_LENGTH_OVERRUN, off, code, len);
      return counts;
    }
    const id = dv.getUint32(off + 4, true);
    let need = 0;
    switch (code) {
      case C_TICKER:
      case C_INDEX:
      case C_PREV_CLOSE:
        need = 16;
        break;
      case C_QUOTE:
        need = 50;
        break;
      case C_OI:
        need = 12;
        break;
      case C_MARKET_STATUS:
        need = 8;
        break;
      case C_FULL:
        need = 162;
        break;
      case C_DISCONNECT:
        need = 10;
        break;
      default:
        counts.unknown++;
        sink.unknown(code, len);
        off += len;
        continue;
    }
    if (len < need) {
      counts.errors++;
      sink.error(E_TOO_SHORT, off, code, len);
      return counts;
    }
    if (code !== C_DISCONNECT && !validSegment(seg)) {
      counts.badValues++;
      sink.error(E_BAD_SEGMENT, off, code, len);
      off += len;
      continue;
    }
    const dec = isCurrency(seg) ? 4 : 2;
    let ok = true;
    switch (code) {
      case C_TICKER:
      case C_INDEX: {
        const ltp = snapWirePrice(dv.getFloat32(off + 8, true), dec);
        if (ltp - ltp !== 0) ok = false;
        else if (code === C_TICKER) sink.ticker(seg, id, ltp, dv.getUint32(off + 12, true));
        else sink.index(seg, id, ltp, dv.getUint32(off + 12, true));
        break;
      }
      case C_PREV_CLOSE: {
        const pc = snapWirePrice(dv.getFloat32(off + 8, true), dec);
        if (pc - pc !== 0) ok = false;
        else sink.prevClose(seg, id, pc, dv.getUint32(off + 12, true));
        break;
      }
      case C_QUOTE:
        ok = decodeQuote(dv, off, seg, id, dec, sink);
        break;
      case C_OI:
        sink.oi(seg, id, dv.getUint32(off + 8, true));
        break;
      case C_MARKET_STATUS:
        sink.marketStatus(seg, id);
        break;
      case C_FULL:
        ok = into === null ? decodeFull(dv, off, seg, id, dec, sink) : decodeFullInto(dv, off, seg, id, dec, into);
        break;
      default: // C_DISCONNECT
        sink.disconnect(seg, id, dv.getUint16(off + 8, true));
        break;
    }
    if (ok) counts.packets++;
    else {
      counts.badValues++;
      sink.error(E_BAD_VALUE, off, code, len);
    }
    off += len;
  }
  return counts;
}

function decodeQuote(dv: DataView, off: number, seg: number, id: number, dec: 2 | 4, sink: FeedSink): boolean {
  // Field positions are FeedField's, written as literals (no loads on the hot path); the
  // round-trip tests pin them.
  const f = fieldScratch;
  const ltp = snapWirePrice(dv.getFloat32(off + 8, true), dec);
  const atp = snapWirePrice(dv.getFloat32(off + 18, true), dec);
  const open = snapWirePrice(dv.getFloat32(off + 34, true), dec);
  const close = snapWirePrice(dv.getFloat32(off + 38, true), dec);
  const high = snapWirePrice(dv.getFloat32(off + 42, true), dec);
  const low = snapWirePrice(dv.getFloat32(off + 46, true), dec);
  const sum = ltp + atp + open + close + high + low;
  if (sum - sum !== 0) return false;
  f[0] = ltp; // LTP
  f[1] = dv.getUint16(off + 12, true); // LTQ
  f[2] = dv.getUint32(off + 14, true); // LTT
  f[3] = atp; // ATP
  f[4] = dv.getUint32(off + 22, true); // VOLUME
  f[5] = dv.getUint32(off + 26, true); // TOTAL_SELL_QTY
  f[6] = dv.getUint32(off + 30, true); // TOTAL_BUY_QTY
  f[7] = open; // OPEN
  f[8] = close; // CLOSE
  f[9] = high; // HIGH
  f[10] = low; // LOW
  sink.quote(seg, id, f);
  return true;
}

function decodeFull(dv: DataView, off: number, seg: number, id: number, dec: 2 | 4, sink: FeedSink): boolean {
  const f = fieldScratch;
  const ltp = snapWirePrice(dv.getFloat32(off + 8, true), dec);
  const atp = snapWirePrice(dv.getFloat32(off + 18, true), dec);
  const open = snapWirePrice(dv.getFloat32(off + 46, true), dec);
  const close = snapWirePrice(dv.getFloat32(off + 50, true), dec);
  const high = snapWirePrice(dv.getFloat32(off + 54, true), dec);
  const low = snapWirePrice(dv.getFloat32(off + 58, true), dec);
  let sum = ltp + atp + open + close + high + low;
  for (let p = off + 62, q = F_DEPTH; q < F_END; p += 20, q += 6) {
    f[q] = dv.getUint32(p, true);
    f[q + 1] = dv.getUint32(p + 4, true);
    f[q + 2] = dv.getUint16(p + 8, true);
    f[q + 3] = dv.getUint16(p + 10, true);
    const bp = snapWirePrice(dv.getFloat32(p + 12, true), dec);
    const ap = snapWirePrice(dv.getFloat32(p + 16, true), dec);
    f[q + 4] = bp;
    f[q + 5] = ap;
    sum += bp + ap;
  }
  if (sum - sum !== 0) return false;
  f[0] = ltp; // LTP
  f[1] = dv.getUint16(off + 12, true); // LTQ
  f[2] = dv.getUint32(off + 14, true); // LTT
  f[3] = atp; // ATP
  f[4] = dv.getUint32(off + 22, true); // VOLUME
  f[5] = dv.getUint32(off + 26, true); // TOTAL_SELL_QTY
  f[6] = dv.getUint32(off + 30, true); // TOTAL_BUY_QTY
  f[7] = open; // OPEN
  f[8] = close; // CLOSE
  f[9] = high; // HIGH
  f[10] = low; // LOW
  f[11] = dv.getUint32(off + 34, true); // OI
  f[12] = dv.getUint32(off + 38, true); // OI_HIGH
  f[13] = dv.getUint32(off + 42, true); // OI_LOW
  sink.full(seg, id, f);
  return true;
}

/**
 * The {@link FullColumnsTarget} path of a full packet: same offsets and rounding as
 * {@link decodeFull} (the tests decode every packet both ways and compare). Prices are snapped into
 * locals and checked once before anything is written, so a bad packet leaves the columns untouched.
 */
function decodeFullInto(dv: DataView, off: number, seg: number, id: number, dec: 2 | 4, into: FullColumnsTarget): boolean {
  const k = dec === 2 ? 100 : 10_000; // snapWirePrice, written out: Math.round(v * 10^dec) / 10^dec
  const ltp = Math.round(dv.getFloat32(off + 8, true) * k) / k;
  const atp = Math.round(dv.getFloat32(off + 18, true) * k) / k;
  const open = Math.round(dv.getFloat32(off + 46, true) * k) / k;
  const close = Math.round(dv.getFloat32(off + 50, true) * k) / k;
  const high = Math.round(dv.getFloat32(off + 54, true) * k) / k;
  const low = Math.round(dv.getFloat32(off + 58, true) * k) / k;
  // Depth rows at off + 62 + level * 20: bid qty u32, ask qty u32, bid orders u16, ask orders u16,
  // bid price f32 (+12), ask price f32 (+16).
  const b0 = Math.round(dv.getFloat32(off + 74, true) * k) / k;
  const a0 = Math.round(dv.getFloat32(off + 78, true) * k) / k;
  const b1 = Math.round(dv.getFloat32(off + 94, true) * k) / k;
  const a1 = Math.round(dv.getFloat32(off + 98, true) * k) / k;
  const b2 = Math.round(dv.getFloat32(off + 114, true) * k) / k;
  const a2 = Math.round(dv.getFloat32(off + 118, true) * k) / k;
  const b3 = Math.round(dv.getFloat32(off + 134, true) * k) / k;
  const a3 = Math.round(dv.getFloat32(off + 138, true) * k) / k;
  const b4 = Math.round(dv.getFloat32(off + 154, true) * k) / k;
  const a4 = Math.round(dv.getFloat32(off + 158, true) * k) / k;
  // Finite check as a tree of sums (a long chain of dependent additions is slow): NaN or ±Infinity
  // anywhere makes the total non-finite; finite float32 values cannot overflow a double's sum.
  const sum =
    ltp + atp + (open + close) + (high + low) + (b0 + a0 + (b1 + a1)) + (b2 + a2 + (b3 + a3)) + (b4 + a4);
  if (sum - sum !== 0) return false;
  const s = into.fullSlot(seg, id);
  if (s < 0) return true;
  const c = into.cols;
  c.ltp[s] = ltp;
  c.ltq[s] = dv.getUint16(off + 12, true);
  c.ltt[s] = toUtcSeconds(dv.getUint32(off + 14, true));
  c.atp[s] = atp;
  c.volume[s] = dv.getUint32(off + 22, true);
  c.totalSellQty[s] = dv.getUint32(off + 26, true);
  c.totalBuyQty[s] = dv.getUint32(off + 30, true);
  c.oi[s] = dv.getUint32(off + 34, true);
  c.oiHigh[s] = dv.getUint32(off + 38, true);
  c.oiLow[s] = dv.getUint32(off + 42, true);
  c.open[s] = open;
  c.close[s] = close;
  c.high[s] = high;
  c.low[s] = low;
  const d = c.depth;
  const i = s * D_NUMBERS;
  // Integer fields straight from the wire (never NaN, never negative); prices from the locals.
  for (let p = off + 62, q = i, e = i + D_NUMBERS; q < e; p += 20, q += 6) {
    d[q] = dv.getUint32(p, true);
    d[q + 1] = dv.getUint32(p + 4, true);
    d[q + 2] = dv.getUint16(p + 8, true);
    d[q + 3] = dv.getUint16(p + 10, true);
  }
  d[i + 4] = b0;
  d[i + 5] = a0;
  d[i + 10] = b1;
  d[i + 11] = a1;
  d[i + 16] = b2;
  d[i + 17] = a2;
  d[i + 22] = b3;
  d[i + 23] = a3;
  d[i + 28] = b4;
  d[i + 29] = a4;
  into.fullWritten(s);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Object form (frame inspector, tests, simulated exchange)
// ---------------------------------------------------------------------------------------------

interface Instrument {
  readonly segment: DhanSegment;
  readonly securityId: number;
}

/** Index packet (code 1); layout assumed ticker-shaped, see the file comment. `ltt` raw wire. */
export interface IndexPacket extends Instrument {
  readonly kind: 'index';
  readonly ltp: number;
  readonly ltt: number;
}
/** Ticker packet (code 2): LTP (rupees) and LTT (raw wire, IST-shifted epoch seconds). */
export interface TickerPacket extends Instrument {
  readonly kind: 'ticker';
  readonly ltp: number;
  readonly ltt: number;
}
/** Quote packet (code 4). Prices in rupees; `ltt` raw wire; quantities in units. */
export interface QuotePacket extends Instrument {
  readonly kind: 'quote';
  readonly ltp: number;
  readonly ltq: number;
  readonly ltt: number;
  readonly atp: number;
  readonly volume: number;
  readonly totalSellQty: number;
  readonly totalBuyQty: number;
  readonly open: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
}
/** One of the 5 depth rows of a full packet, in wire order of the fields. */
export interface FullDepthLevel {
  readonly bidQty: number;
  readonly askQty: number;
  readonly bidOrders: number;
  readonly askOrders: number;
  readonly bidPrice: number;
  readonly askPrice: number;
}
/** Full packet (code 8): the quote fields, OI with its day high/low, and 5 depth levels. */
export interface FullPacket extends Instrument {
  readonly kind: 'full';
  readonly ltp: number;
  readonly ltq: number;
  readonly ltt: number;
  readonly atp: number;
  readonly volume: number;
  readonly totalSellQty: number;
  readonly totalBuyQty: number;
  readonly open: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
  readonly oi: number;
  readonly oiHigh: number;
  readonly oiLow: number;
  readonly depth: readonly FullDepthLevel[];
}
/** OI packet (code 5). */
export interface OiPacket extends Instrument {
  readonly kind: 'oi';
  readonly oi: number;
}
/** Prev close packet (code 6): previous day's close (rupees) and OI. */
export interface PrevClosePacket extends Instrument {
  readonly kind: 'prevClose';
  readonly prevClose: number;
  readonly prevOi: number;
}
/** Market status packet (code 7): header only. */
export interface MarketStatusPacket extends Instrument {
  readonly kind: 'marketStatus';
}
/**
 * Feed disconnect (code 50) with Dhan's reason code (805…810, seeds/002 Annexure). Delivered even
 * when its header's segment code is not in the annexure (`segment` null then): losing a reason such
 * as 807 (token expired) would make the feed reconnect in a storm.
 */
export interface DisconnectPacket {
  readonly kind: 'disconnect';
  readonly segment: DhanSegment | null;
  readonly securityId: number;
  readonly reason: number;
}
/** A packet with a code we do not know; `length` is the whole packet length from its header. */
export interface UnknownPacket {
  readonly kind: 'unknown';
  readonly code: number;
  readonly length: number;
}

/** Every market-feed packet, discriminated by `kind`. */
export type FeedPacket =
  | IndexPacket
  | TickerPacket
  | QuotePacket
  | FullPacket
  | OiPacket
  | PrevClosePacket
  | MarketStatusPacket
  | DisconnectPacket
  | UnknownPacket;

/** Result of {@link decodeFeedPackets}: the packets decoded, and one line per rejected packet. */
export interface FeedDecoded {
  readonly packets: readonly FeedPacket[];
  /** Human-readable problems in wire order; a structural one is always last. */
  readonly errors: readonly string[];
  /** For each error, how many packets came before it (to print both in wire order). */
  readonly errorBefore: readonly number[];
}

const KIND_BY_CODE: Readonly<Record<number, string>> = {
  1: 'index',
  2: 'ticker',
  4: 'quote',
  5: 'OI',
  6: 'prev close',
  7: 'market status',
  8: 'full',
  50: 'disconnect',
};

/** Explains a {@link FeedError} in words (used by the object decoder and the frame inspector). */
export function describeFeedError(reason: FeedErrorReason, offset: number, code: number, length: number): string {
  const at = `packet at byte ${offset}`;
  const kind = KIND_BY_CODE[code] ?? `code ${code}`;
  switch (reason) {
    case FeedError.SHORT_HEADER:
      return `${at}: fewer than ${FEED_HEADER_BYTES} bytes left for a header`;
    case FeedError.LENGTH_BELOW_HEADER:
      return `${at} (${kind}): length ${length} is below the ${FEED_HEADER_BYTES}-byte header`;
    case FeedError.LENGTH_OVERRUN:
      return `${at} (${kind}): length ${length} runs past the end of the message`;
    case FeedError.TOO_SHORT:
      return `${at} (${kind}): length ${length} is too short for a ${kind} packet`;
    case FeedError.BAD_SEGMENT:
      return `${at} (${kind}): exchange segment code is not in the annexure`;
    default:
      return `${at} (${kind}): a price is not a finite number`;
  }
}

function segName(code: number): DhanSegment {
  return SEGMENT_BY_CODE[code]!; // the decoder only delivers valid segment codes
}

class CollectingSink implements FeedSink {
  readonly packets: FeedPacket[] = [];
  readonly errors: string[] = [];
  readonly errorBefore: number[] = [];
  index(segment: number, securityId: number, ltp: number, ltt: number): void {
    this.packets.push({ kind: 'index', segment: segName(segment), securityId, ltp, ltt });
  }
  ticker(segment: number, securityId: number, ltp: number, ltt: number): void {
    this.packets.push({ kind: 'ticker', segment: segName(segment), securityId, ltp, ltt });
  }
  quote(segment: number, securityId: number, f: Float64Array): void {
    this.packets.push({
      kind: 'quote',
      segment: segName(segment),
      securityId,
      ltp: f[FeedField.LTP]!,
      ltq: f[FeedField.LTQ]!,
      ltt: f[FeedField.LTT]!,
      atp: f[FeedField.ATP]!,
      volume: f[FeedField.VOLUME]!,
      totalSellQty: f[FeedField.TOTAL_SELL_QTY]!,
      totalBuyQty: f[FeedField.TOTAL_BUY_QTY]!,
      open: f[FeedField.OPEN]!,
      close: f[FeedField.CLOSE]!,
      high: f[FeedField.HIGH]!,
      low: f[FeedField.LOW]!,
    });
  }
  oi(segment: number, securityId: number, oi: number): void {
    this.packets.push({ kind: 'oi', segment: segName(segment), securityId, oi });
  }
  prevClose(segment: number, securityId: number, prevClose: number, prevOi: number): void {
    this.packets.push({ kind: 'prevClose', segment: segName(segment), securityId, prevClose, prevOi });
  }
  marketStatus(segment: number, securityId: number): void {
    this.packets.push({ kind: 'marketStatus', segment: segName(segment), securityId });
  }
  full(segment: number, securityId: number, f: Float64Array): void {
    const depth: FullDepthLevel[] = [];
    for (let q = FeedField.DEPTH; q < FEED_FULL_FIELDS; q += DEPTH5.STRIDE) {
      depth.push({
        bidQty: f[q + DEPTH5.BID_QTY]!,
        askQty: f[q + DEPTH5.ASK_QTY]!,
        bidOrders: f[q + DEPTH5.BID_ORDERS]!,
        askOrders: f[q + DEPTH5.ASK_ORDERS]!,
        bidPrice: f[q + DEPTH5.BID_PRICE]!,
        askPrice: f[q + DEPTH5.ASK_PRICE]!,
      });
    }
    this.packets.push({
      kind: 'full',
      segment: segName(segment),
      securityId,
      ltp: f[FeedField.LTP]!,
      ltq: f[FeedField.LTQ]!,
      ltt: f[FeedField.LTT]!,
      atp: f[FeedField.ATP]!,
      volume: f[FeedField.VOLUME]!,
      totalSellQty: f[FeedField.TOTAL_SELL_QTY]!,
      totalBuyQty: f[FeedField.TOTAL_BUY_QTY]!,
      open: f[FeedField.OPEN]!,
      close: f[FeedField.CLOSE]!,
      high: f[FeedField.HIGH]!,
      low: f[FeedField.LOW]!,
      oi: f[FeedField.OI]!,
      oiHigh: f[FeedField.OI_HIGH]!,
      oiLow: f[FeedField.OI_LOW]!,
      depth,
    });
  }
  disconnect(segment: number, securityId: number, reason: number): void {
    this.packets.push({ kind: 'disconnect', segment: SEGMENT_BY_CODE[segment] ?? null, securityId, reason });
  }
  unknown(code: number, length: number): void {
    this.packets.push({ kind: 'unknown', code, length });
  }
  error(reason: FeedErrorReason, offset: number, code: number, length: number): void {
    this.errorBefore.push(this.packets.length);
    this.errors.push(describeFeedError(reason, offset, code, length));
  }
}

/**
 * Decodes one WebSocket message into packet objects (key order as the frame inspector prints them,
 * issue 3). Not for the hot path: use {@link decodeFeedMessage}. Never throws on bad bytes.
 */
export function decodeFeedPackets(bytes: Uint8Array): FeedDecoded {
  const sink = new CollectingSink();
  decodeFeedMessage(bytes, sink);
  return { packets: sink.packets, errors: sink.errors, errorBefore: sink.errorBefore };
}

// ---------------------------------------------------------------------------------------------
// Encoders
// ---------------------------------------------------------------------------------------------

function checkUint(value: number, bits: 16 | 32, field: string): number {
  const max = bits === 16 ? 0xffff : 0xffffffff;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`encodeFeedPacket: ${field} ${value} is not a u${bits}`);
  }
  return value;
}

/** Length in bytes of the packet {@link encodeFeedPacket} makes for `p`. */
export function encodedFeedPacketLength(p: FeedPacket): number {
  return p.kind === 'unknown' ? p.length : FEED_PACKET_BYTES[p.kind];
}

const CODE_BY_KIND: Readonly<Record<Exclude<FeedPacket['kind'], 'unknown'>, number>> = {
  index: FeedCode.INDEX,
  ticker: FeedCode.TICKER,
  quote: FeedCode.QUOTE,
  oi: FeedCode.OI,
  prevClose: FeedCode.PREV_CLOSE,
  marketStatus: FeedCode.MARKET_STATUS,
  full: FeedCode.FULL,
  disconnect: FeedCode.DISCONNECT,
};

/**
 * Writes `p` at `offset` of `dv` in the wire layout (prices as float32, LTT as given: raw wire
 * value). An unknown packet is written as its header (segment 0, security id 0) followed by zeros.
 * Returns the number of bytes written. Throws RangeError on a quantity that does not fit its field
 * or an unknown packet length outside 8…65535 (encoders serve tests and the simulated exchange).
 */
export function writeFeedPacket(dv: DataView, offset: number, p: FeedPacket): number {
  const len = encodedFeedPacketLength(p);
  if (p.kind === 'unknown') {
    if (!Number.isInteger(len) || len < FEED_HEADER_BYTES || len > 0xffff) {
      throw new RangeError(`encodeFeedPacket: unknown packet length ${len}`);
    }
    dv.setUint8(offset, p.code);
    dv.setUint16(offset + 1, len, true);
    for (let i = 3; i < len; i++) dv.setUint8(offset + i, 0);
    return len;
  }
  dv.setUint8(offset, CODE_BY_KIND[p.kind]);
  dv.setUint16(offset + 1, len, true);
  dv.setUint8(offset + 3, p.segment === null ? 0 : SEGMENT_CODE[p.segment]);
  dv.setUint32(offset + 4, checkUint(p.securityId, 32, 'securityId'), true);
  const o = offset;
  switch (p.kind) {
    case 'index':
    case 'ticker':
      dv.setFloat32(o + 8, p.ltp, true);
      dv.setUint32(o + 12, checkUint(p.ltt, 32, 'ltt'), true);
      break;
    case 'prevClose':
      dv.setFloat32(o + 8, p.prevClose, true);
      dv.setUint32(o + 12, checkUint(p.prevOi, 32, 'prevOi'), true);
      break;
    case 'oi':
      dv.setUint32(o + 8, checkUint(p.oi, 32, 'oi'), true);
      break;
    case 'marketStatus':
      break;
    case 'disconnect':
      dv.setUint16(o + 8, checkUint(p.reason, 16, 'reason'), true);
      break;
    case 'quote':
    case 'full': {
      dv.setFloat32(o + 8, p.ltp, true);
      dv.setUint16(o + 12, checkUint(p.ltq, 16, 'ltq'), true);
      dv.setUint32(o + 14, checkUint(p.ltt, 32, 'ltt'), true);
      dv.setFloat32(o + 18, p.atp, true);
      dv.setUint32(o + 22, checkUint(p.volume, 32, 'volume'), true);
      dv.setUint32(o + 26, checkUint(p.totalSellQty, 32, 'totalSellQty'), true);
      dv.setUint32(o + 30, checkUint(p.totalBuyQty, 32, 'totalBuyQty'), true);
      const ohlc = p.kind === 'quote' ? o + 34 : o + 46;
      dv.setFloat32(ohlc, p.open, true);
      dv.setFloat32(ohlc + 4, p.close, true);
      dv.setFloat32(ohlc + 8, p.high, true);
      dv.setFloat32(ohlc + 12, p.low, true);
      if (p.kind === 'full') {
        dv.setUint32(o + 34, checkUint(p.oi, 32, 'oi'), true);
        dv.setUint32(o + 38, checkUint(p.oiHigh, 32, 'oiHigh'), true);
        dv.setUint32(o + 42, checkUint(p.oiLow, 32, 'oiLow'), true);
        for (let i = 0; i < FULL_DEPTH_LEVELS; i++) {
          const r = p.depth[i] ?? { bidQty: 0, askQty: 0, bidOrders: 0, askOrders: 0, bidPrice: 0, askPrice: 0 };
          const q = o + 62 + i * 20;
          dv.setUint32(q, checkUint(r.bidQty, 32, 'bidQty'), true);
          dv.setUint32(q + 4, checkUint(r.askQty, 32, 'askQty'), true);
          dv.setUint16(q + 8, checkUint(r.bidOrders, 16, 'bidOrders'), true);
          dv.setUint16(q + 10, checkUint(r.askOrders, 16, 'askOrders'), true);
          dv.setFloat32(q + 12, r.bidPrice, true);
          dv.setFloat32(q + 16, r.askPrice, true);
        }
      }
      break;
    }
  }
  return len;
}

/** Encodes one packet as its own message. See {@link writeFeedPacket} for errors. */
export function encodeFeedPacket(p: FeedPacket): Uint8Array {
  const out = new Uint8Array(encodedFeedPacketLength(p));
  writeFeedPacket(new DataView(out.buffer), 0, p);
  return out;
}

/** Encodes several packets stacked in one WebSocket message, in the given order. */
export function encodeFeedMessage(packets: readonly FeedPacket[]): Uint8Array {
  let total = 0;
  for (const p of packets) total += encodedFeedPacketLength(p);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let off = 0;
  for (const p of packets) off += writeFeedPacket(dv, off, p);
  return out;
}
