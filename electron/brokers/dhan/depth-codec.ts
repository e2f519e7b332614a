/**
 * DhanHQ v2 full market depth (20-level and 200-level): binary codec, decode and encode.
 *
 * Source: seeds/002, "Full Market Depth" (20 Level / 200 Level Response Header, Depth Packet, Feed
 * Disconnect). Layout checked against the official Python client dhan-oss/DhanHQ-py @ 1670f81,
 * src/dhanhq/fulldepth.py (`process_20_depth_data`, `process_200_depth_data`), little-endian:
 *   header  '<hBBiI'  length u16 · response code u8 · segment u8 · security id u32 ·
 *                     (20-level) message sequence u32, ignored / (200-level) number of rows u32
 *                     (12 bytes; NOTE the order differs from the 8-byte market-feed header: the
 *                     length comes first here, as the seed's table and DhanHQ-py agree)
 *   row     '<dII'    price f64 · quantity u32 · orders u32                          (16 bytes)
 * Response code 41 is the bid side (buy) and 51 the ask side (sell): the seed's prose says "bid
 * (sell) and ask (buy)" but its tables and DhanHQ-py (`"Bid" if msg_code == 41`) say 41 = bid.
 * DhanHQ-py reads length and security id as signed (h, i); we read them unsigned, which is the same
 * for every real value (lengths ≤ 3212, ids < 2^31).
 * A 20-level packet carries 20 rows (332 bytes). A 200-level packet carries the header's row count
 * (at most 200; DhanHQ-py also caps at 200). Packets for several instruments and both sides are
 * stacked in one message and split by the header length (seed note, "break down the packet on the
 * basis of length").
 * Disconnect (code 50): the seed puts a u16 reason after the 12-byte header (bytes 13-14); DhanHQ-py
 * reads the header's last u32 (bytes 9-12) instead. We read bytes 13-14 when the packet has them and
 * bytes 9-12 otherwise, and the encoder writes the reason in both places so either reader agrees.
 *
 * Prices: f64 on the wire, snapped once here to paise (4 decimals on currency segments) with the
 * rounding of shared/price.ts `snapDecimals` (feed-codec.ts `snapWirePrice`). Rows are kept in
 * wire order. Nothing here throws on received bytes:
 * a header shorter than 12 bytes, a length below 12 or past the end of the message, or a side packet
 * too short for its rows ends the message with an error count; a bad segment or a non-finite price
 * skips that packet (counted).
 */
import { snapWirePrice } from './feed-codec';
import { SEGMENT_BY_CODE, SEGMENT_CODE, isCurrencySegment, type DhanSegment } from './segments';

/** Bytes in the depth response header. */
export const DEPTH_HEADER_BYTES = 12;
/** Bytes per depth row (price f64, quantity u32, orders u32). */
export const DEPTH_ROW_BYTES = 16;
/** Response code of a bid-side (buy) packet. */
export const DEPTH_BID_CODE = 41;
/** Response code of an ask-side (sell) packet. */
export const DEPTH_ASK_CODE = 51;
/** Response code of a disconnect packet. */
export const DEPTH_DISCONNECT_CODE = 50;
/** Length of the disconnect packet our encoder writes (header + u16 reason). */
export const DEPTH_DISCONNECT_BYTES = 14;

/** Which depth feed a message comes from: 20 rows per side, or a row count in the header (≤ 200). */
export type DepthLevels = 20 | 200;

/** Why a depth packet or message was rejected (argument of {@link DepthSink.error}). */
export const DepthError = {
  /** Fewer than 12 bytes left for a header: ends the message. */
  SHORT_HEADER: 1,
  /** Header length below 12: ends the message. */
  LENGTH_BELOW_HEADER: 2,
  /** Header length past the end of the message: ends the message. */
  LENGTH_OVERRUN: 3,
  /** A side packet shorter than its rows (or a 200-level row count above 200): ends the message. */
  TOO_SHORT: 4,
  /** Segment code not in the annexure: packet skipped. */
  BAD_SEGMENT: 5,
  /** A price is not a finite number: packet skipped. */
  BAD_VALUE: 6,
} as const;

/** One of the {@link DepthError} values. */
export type DepthErrorReason = (typeof DepthError)[keyof typeof DepthError];

/**
 * Receives decoded depth packets without objects. For a side packet the decoder fills the scratch
 * arrays `price` (rupees, snapped), `qty` and `orders` (non-negative integers) with `rows` rows in
 * wire order; they are valid only during the call. `isBid` is true for code 41, false for 51.
 * `sequence` is the 20-level message sequence (0 for 200-level packets).
 */
export interface DepthSink {
  side(
    segment: number,
    securityId: number,
    isBid: boolean,
    sequence: number,
    rows: number,
    price: Float64Array,
    qty: Float64Array,
    orders: Float64Array,
  ): void;
  disconnect(segment: number, securityId: number, reason: number): void;
  unknown(code: number, length: number): void;
  error(reason: DepthErrorReason, offset: number, code: number, length: number): void;
}

/** Running totals of {@link decodeDepthMessage}; pass the same object to accumulate. */
export interface DepthDecodeCounts {
  /** Side and disconnect packets delivered to the sink. */
  packets: number;
  /** Packets of an unknown code skipped by their length. */
  unknown: number;
  /** Messages ended early by a structural error. */
  errors: number;
  /** Packets skipped for a bad segment or a non-finite price. */
  badValues: number;
}

/** A fresh zeroed {@link DepthDecodeCounts}. */
export function newDepthDecodeCounts(): DepthDecodeCounts {
  return { packets: 0, unknown: 0, errors: 0, badValues: 0 };
}

/** Most rows a 200-level side packet may carry. */
export const MAX_DEPTH_ROWS = 200;

/** Module-local alias: a hot loop calling an imported binding pays a TDZ check per call. */
const snap = snapWirePrice;
const isCurrency = isCurrencySegment;

const scratchPrice = new Float64Array(MAX_DEPTH_ROWS);
const scratchQty = new Float64Array(MAX_DEPTH_ROWS);
const scratchOrders = new Float64Array(MAX_DEPTH_ROWS);

/**
 * Decodes one depth WebSocket message (stacked packets) into `sink`. `levels` says which feed it
 * came from (20: 20 rows, header word = sequence; 200: header word = row count). Never throws on bad
 * bytes. Returns `counts` (created when omitted) with this message's totals added.
 */
export function decodeDepthMessage(
  bytes: Uint8Array,
  levels: DepthLevels,
  sink: DepthSink,
  counts: DepthDecodeCounts = newDepthDecodeCounts(),
): DepthDecodeCounts {
  const n = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, n);
  let off = 0;
  while (off < n) {
    if (n - off < DEPTH_HEADER_BYTES) {
      counts.errors++;
      sink.error(DepthError.SHORT_HEADER, off, 0, 0);
      return counts;
    }
    const len = bytes[off]! | (bytes[off + 1]! << 8);
    const code = bytes[off + 2]!;
    const seg = bytes[off + 3]!;
    if (len < DEPTH_HEADER_BYTES) {
      counts.errors++;
      sink.error(DepthError.LENGTH_BELOW_HEADER, off, code, len);
      return counts;
    }
    if (len > n - off) {
      counts.errors++;
      sink.error(DepthError.LENGTH_OVERRUN, off, code, len);
      return counts;
    }
    const id = dv.getUint32(off + 4, true);
    const word = dv.getUint32(off + 8, true);
    if (code === DEPTH_BID_CODE || code === DEPTH_ASK_CODE) {
      const rows = levels === 20 ? 20 : word;
      if (rows > MAX_DEPTH_ROWS || DEPTH_HEADER_BYTES + rows * DEPTH_ROW_BYTES > len) {
        counts.errors++;
        sink.error(DepthError.TOO_SHORT, off, code, len);
        return counts;
      }
      if (seg > 8 || seg === 6) {
        counts.badValues++;
        sink.error(DepthError.BAD_SEGMENT, off, code, len);
        off += len;
        continue;
      }
      const dec = isCurrency(seg) ? 4 : 2;
      let sum = 0;
      for (let r = 0, p = off + DEPTH_HEADER_BYTES; r < rows; r++, p += DEPTH_ROW_BYTES) {
        const price = snap(dv.getFloat64(p, true), dec);
        scratchPrice[r] = price;
        sum += price;
        scratchQty[r] = dv.getUint32(p + 8, true);
        scratchOrders[r] = dv.getUint32(p + 12, true);
      }
      if (sum - sum !== 0) {
        counts.badValues++;
        sink.error(DepthError.BAD_VALUE, off, code, len);
      } else {
        counts.packets++;
        sink.side(seg, id, code === DEPTH_BID_CODE, levels === 20 ? word : 0, rows, scratchPrice, scratchQty, scratchOrders);
      }
    } else if (code === DEPTH_DISCONNECT_CODE) {
      counts.packets++;
      sink.disconnect(seg, id, len >= DEPTH_DISCONNECT_BYTES ? dv.getUint16(off + 12, true) : word);
    } else {
      counts.unknown++;
      sink.unknown(code, len);
    }
    off += len;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Object form (frame inspector, tests, simulated exchange)
// ---------------------------------------------------------------------------------------------

/** One depth row: price in rupees, quantity and number of orders. */
export interface DepthRow {
  readonly price: number;
  readonly qty: number;
  readonly orders: number;
}

/**
 * One side of one instrument's depth. `levels` holds every row on the wire in wire order. Key order
 * is the frame inspector's (issue 3); `sequence` is not printed by the inspector and is optional.
 */
export interface DepthSidePacket {
  readonly kind: 'bid' | 'ask';
  readonly segment: DhanSegment;
  readonly securityId: number;
  readonly levels: readonly DepthRow[];
}

/** Depth feed disconnect with Dhan's reason code (805…810); `segment` null if not in the annexure. */
export interface DepthDisconnectPacket {
  readonly kind: 'disconnect';
  readonly segment: DhanSegment | null;
  readonly securityId: number;
  readonly reason: number;
}

/** A depth packet with a code we do not know. */
export interface DepthUnknownPacket {
  readonly kind: 'unknown';
  readonly code: number;
  readonly length: number;
}

/** Every depth packet, discriminated by `kind`. */
export type DepthPacket = DepthSidePacket | DepthDisconnectPacket | DepthUnknownPacket;

/** Result of {@link decodeDepthPackets}. */
export interface DepthDecoded {
  readonly packets: readonly DepthPacket[];
  /** Human-readable problems in wire order; a structural one is always last. */
  readonly errors: readonly string[];
  /** For each error, how many packets came before it (to print both in wire order). */
  readonly errorBefore: readonly number[];
}

/** Explains a {@link DepthError} in words. */
export function describeDepthError(reason: DepthErrorReason, offset: number, code: number, length: number): string {
  const at = `packet at byte ${offset}`;
  const kind = code === DEPTH_BID_CODE ? 'bid' : code === DEPTH_ASK_CODE ? 'ask' : `code ${code}`;
  switch (reason) {
    case DepthError.SHORT_HEADER:
      return `${at}: fewer than ${DEPTH_HEADER_BYTES} bytes left for a header`;
    case DepthError.LENGTH_BELOW_HEADER:
      return `${at} (${kind}): length ${length} is below the ${DEPTH_HEADER_BYTES}-byte header`;
    case DepthError.LENGTH_OVERRUN:
      return `${at} (${kind}): length ${length} runs past the end of the message`;
    case DepthError.TOO_SHORT:
      return `${at} (${kind}): length ${length} is too short for its rows (or more than ${MAX_DEPTH_ROWS} rows)`;
    case DepthError.BAD_SEGMENT:
      return `${at} (${kind}): exchange segment code is not in the annexure`;
    default:
      return `${at} (${kind}): a price is not a finite number`;
  }
}

class CollectingDepthSink implements DepthSink {
  readonly packets: DepthPacket[] = [];
  readonly errors: string[] = [];
  readonly errorBefore: number[] = [];
  side(
    segment: number,
    securityId: number,
    isBid: boolean,
    _sequence: number,
    rows: number,
    price: Float64Array,
    qty: Float64Array,
    orders: Float64Array,
  ): void {
    const levels: DepthRow[] = [];
    for (let r = 0; r < rows; r++) levels.push({ price: price[r]!, qty: qty[r]!, orders: orders[r]! });
    this.packets.push({ kind: isBid ? 'bid' : 'ask', segment: SEGMENT_BY_CODE[segment]!, securityId, levels });
  }
  disconnect(segment: number, securityId: number, reason: number): void {
    this.packets.push({ kind: 'disconnect', segment: SEGMENT_BY_CODE[segment] ?? null, securityId, reason });
  }
  unknown(code: number, length: number): void {
    this.packets.push({ kind: 'unknown', code, length });
  }
  error(reason: DepthErrorReason, offset: number, code: number, length: number): void {
    this.errorBefore.push(this.packets.length);
    this.errors.push(describeDepthError(reason, offset, code, length));
  }
}

/** Decodes one depth message into packet objects (not for the hot path). Never throws on bad bytes. */
export function decodeDepthPackets(bytes: Uint8Array, levels: DepthLevels): DepthDecoded {
  const sink = new CollectingDepthSink();
  decodeDepthMessage(bytes, levels, sink);
  return { packets: sink.packets, errors: sink.errors, errorBefore: sink.errorBefore };
}

// ---------------------------------------------------------------------------------------------
// Encoders
// ---------------------------------------------------------------------------------------------

/** Length in bytes of the packet {@link writeDepthPacket} makes for `p` on a `levels` feed. */
export function encodedDepthPacketLength(p: DepthPacket, levels: DepthLevels): number {
  if (p.kind === 'unknown') return p.length;
  if (p.kind === 'disconnect') return DEPTH_DISCONNECT_BYTES;
  return DEPTH_HEADER_BYTES + (levels === 20 ? 20 : p.levels.length) * DEPTH_ROW_BYTES;
}

function checkUint32(v: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`encodeDepthPacket: ${field} ${v} is not a u32`);
  return v;
}

/**
 * Writes `p` at `offset` of `dv`; returns the bytes written. On a 20-level feed a side is padded
 * with zero rows to 20 (more than 20 rows throw); the header word is `sequence` (20-level, default
 * 0) or the row count (200-level, at most 200). Throws RangeError on values that do not fit.
 */
export function writeDepthPacket(dv: DataView, offset: number, p: DepthPacket, levels: DepthLevels, sequence = 0): number {
  const len = encodedDepthPacketLength(p, levels);
  if (!Number.isInteger(len) || len < DEPTH_HEADER_BYTES || len > 0xffff) {
    throw new RangeError(`encodeDepthPacket: packet length ${len}`);
  }
  dv.setUint16(offset, len, true);
  if (p.kind === 'unknown') {
    dv.setUint8(offset + 2, p.code);
    for (let i = 3; i < len; i++) dv.setUint8(offset + i, 0);
    return len;
  }
  dv.setUint8(offset + 3, p.segment === null ? 0 : SEGMENT_CODE[p.segment]);
  dv.setUint32(offset + 4, checkUint32(p.securityId, 'securityId'), true);
  if (p.kind === 'disconnect') {
    dv.setUint8(offset + 2, DEPTH_DISCONNECT_CODE);
    dv.setUint32(offset + 8, checkUint32(p.reason, 'reason'), true);
    dv.setUint16(offset + 12, p.reason, true);
    return len;
  }
  const rows = p.levels.length;
  if (rows > (levels === 20 ? 20 : MAX_DEPTH_ROWS)) {
    throw new RangeError(`encodeDepthPacket: ${rows} rows on a ${levels}-level feed`);
  }
  dv.setUint8(offset + 2, p.kind === 'bid' ? DEPTH_BID_CODE : DEPTH_ASK_CODE);
  dv.setUint32(offset + 8, levels === 20 ? checkUint32(sequence, 'sequence') : rows, true);
  const total = levels === 20 ? 20 : rows;
  for (let r = 0, q = offset + DEPTH_HEADER_BYTES; r < total; r++, q += DEPTH_ROW_BYTES) {
    const row = p.levels[r];
    dv.setFloat64(q, row ? row.price : 0, true);
    dv.setUint32(q + 8, row ? checkUint32(row.qty, 'qty') : 0, true);
    dv.setUint32(q + 12, row ? checkUint32(row.orders, 'orders') : 0, true);
  }
  return len;
}

/** Encodes one depth packet as its own message. */
export function encodeDepthPacket(p: DepthPacket, levels: DepthLevels, sequence = 0): Uint8Array {
  const out = new Uint8Array(encodedDepthPacketLength(p, levels));
  writeDepthPacket(new DataView(out.buffer), 0, p, levels, sequence);
  return out;
}

/** Encodes several depth packets stacked in one message (e.g. bid then ask per instrument). */
export function encodeDepthMessage(packets: readonly DepthPacket[], levels: DepthLevels): Uint8Array {
  let total = 0;
  for (const p of packets) total += encodedDepthPacketLength(p, levels);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let off = 0;
  for (const p of packets) off += writeDepthPacket(dv, off, p, levels);
  return out;
}
