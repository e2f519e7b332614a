/**
 * The tick lane of a feed batch: one compact record (48 bytes) per instrument whose quote state
 * changed since the previous frame, so the hot fields reach the main thread without packing the
 * whole 408-byte quote record (5 depth levels, OHLC, OI…) of every instrument that merely traded.
 *
 * Source: issue 3, "Feed worker" and "Speed" (≥ 10 M ticks/s worker → main). A batch's tick lane
 * lists EVERY changed instrument of the quote table; its quote lane (`QuoteTable.packDirty` records)
 * lists only those whose other fields changed (a quote, full, OI or prev-close packet since the last
 * frame). A watchlist reads the tick lane alone; detail panels read the quote lane when present.
 *
 * Layout (Float64): [record count, doubles per record (6)], then per record: segment code, security
 * id, LTP (rupees, snapped by the decoder), LTT (true UTC epoch seconds), LTQ, volume.
 */
import { SEGMENT_BY_CODE, type DhanSegment } from '../brokers/dhan/segments';
import type { QuoteColumns } from './quote-table';

/** Doubles per tick record. */
export const TICK_RECORD_DOUBLES = 6;
const HEAD = 2;

/** Column of each field inside a tick record. */
export const TickField = { SEGMENT: 0, SECURITY_ID: 1, LTP: 2, LTT: 3, LTQ: 4, VOLUME: 5 } as const;

/** Bytes a tick lane needs for `records` records. */
export function packedTickBytes(records: number): number {
  return (HEAD + records * TICK_RECORD_DOUBLES) * 8;
}

/**
 * Writes one tick record per slot of `slots[0..count)` into `into` (at least
 * `packedTickBytes(count)` bytes; larger is fine), reading the quote table's columns. Returns count.
 */
export function packTicks(
  into: ArrayBuffer,
  slots: Int32Array,
  count: number,
  segment: Uint8Array,
  securityId: Uint32Array,
  cols: QuoteColumns,
): number {
  const out = new Float64Array(into, 0, HEAD + count * TICK_RECORD_DOUBLES);
  out[0] = count;
  out[1] = TICK_RECORD_DOUBLES;
  const { ltp, ltt, ltq, volume } = cols;
  for (let i = 0, o = HEAD; i < count; i++, o += TICK_RECORD_DOUBLES) {
    const s = slots[i]!;
    out[o] = segment[s]!;
    out[o + 1] = securityId[s]!;
    out[o + 2] = ltp[s]!;
    out[o + 3] = ltt[s]!;
    out[o + 4] = ltq[s]!;
    out[o + 5] = volume[s]!;
  }
  return count;
}

/** One tick as an object (tests, convenience; not for per-frame loops). */
export interface TickSnapshot {
  readonly segment: DhanSegment | null;
  readonly securityId: number;
  /** Rupees. */
  readonly ltp: number;
  /** True UTC epoch seconds. */
  readonly ltt: number;
  readonly ltq: number;
  readonly volume: number;
}

/**
 * Zero-copy reader of a tick lane (main-thread side). Throws RangeError when the buffer is not a
 * tick lane (wrong record size or a count past its end).
 */
export class PackedTicks {
  readonly count: number;
  private readonly b: Float64Array;

  constructor(buffer: ArrayBuffer) {
    this.b = new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
    const count = this.b[0] ?? -1;
    if (this.b[1] !== TICK_RECORD_DOUBLES || !Number.isInteger(count) || count < 0 || HEAD + count * TICK_RECORD_DOUBLES > this.b.length) {
      throw new RangeError('PackedTicks: not a tick lane');
    }
    this.count = count;
  }

  /** Field `field` ({@link TickField}) of record `i`. */
  get(i: number, field: number): number {
    return this.b[HEAD + i * TICK_RECORD_DOUBLES + field]!;
  }
  /** Segment code (annexure) of record `i`. */
  segment(i: number): number {
    return this.b[HEAD + i * TICK_RECORD_DOUBLES]!;
  }
  /** Security id of record `i`. */
  securityId(i: number): number {
    return this.b[HEAD + i * TICK_RECORD_DOUBLES + 1]!;
  }
  /** LTP of record `i`, rupees. */
  ltp(i: number): number {
    return this.b[HEAD + i * TICK_RECORD_DOUBLES + 2]!;
  }
  /** Record `i` as an object. */
  snapshot(i: number): TickSnapshot {
    const o = HEAD + i * TICK_RECORD_DOUBLES;
    return {
      segment: SEGMENT_BY_CODE[this.b[o]!] ?? null,
      securityId: this.b[o + 1]!,
      ltp: this.b[o + 2]!,
      ltt: this.b[o + 3]!,
      ltq: this.b[o + 4]!,
      volume: this.b[o + 5]!,
    };
  }
}
