import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapDecimals } from '../../../shared/price';
import {
  decodeFeedMessage,
  decodeFeedPackets,
  encodeFeedMessage,
  encodeFeedPacket,
  FEED_PACKET_BYTES,
  FeedError,
  FULL_DEPTH_NUMBERS,
  DEPTH5,
  newFeedDecodeCounts,
  snapWirePrice,
  type FeedPacket,
  type FeedSink,
  type FullColumns,
  type FullColumnsTarget,
  type FullPacket,
} from './feed-codec';
import { DHAN_SEGMENTS } from './segments';
import { IST_OFFSET_SECONDS, lttToUtcSeconds, utcSecondsToLtt } from './feed-time';

const fixturePath = fileURLToPath(
  new URL('./feed-fixtures/observed-frame-fragments.issue90.json', import.meta.url),
);

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.trim().split(/\s+/).map((b) => parseInt(b, 16)));
}

const full: FullPacket = {
  kind: 'full',
  segment: 'NSE_FNO',
  securityId: 55796,
  ltp: 152.3,
  ltq: 75,
  ltt: 1753435736,
  atp: 150.45,
  volume: 12_345_675,
  totalSellQty: 400_000,
  totalBuyQty: 390_150,
  open: 140.1,
  close: 0,
  high: 160.95,
  low: 130.05,
  oi: 5_000_000,
  oiHigh: 5_100_000,
  oiLow: 4_900_000,
  depth: [
    { bidQty: 750, askQty: 1500, bidOrders: 3, askOrders: 7, bidPrice: 152.25, askPrice: 152.35 },
    { bidQty: 75, askQty: 225, bidOrders: 1, askOrders: 2, bidPrice: 152.2, askPrice: 152.4 },
    { bidQty: 150, askQty: 300, bidOrders: 2, askOrders: 3, bidPrice: 152.15, askPrice: 152.5 },
    { bidQty: 975, askQty: 75, bidOrders: 9, askOrders: 1, bidPrice: 152.1, askPrice: 152.6 },
    { bidQty: 1125, askQty: 7500, bidOrders: 11, askOrders: 65535, bidPrice: 152.1, askPrice: 152.8 },
  ],
};

const samples: FeedPacket[] = [
  { kind: 'index', segment: 'IDX_I', securityId: 13, ltp: 24_850.35, ltt: 1732170000 },
  { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 1732170000 },
  {
    kind: 'quote',
    segment: 'BSE_EQ',
    securityId: 532540,
    ltp: 4123.55,
    ltq: 12,
    ltt: 1732170001,
    atp: 4110.2,
    volume: 4_000_000_000,
    totalSellQty: 1,
    totalBuyQty: 0,
    open: 4100,
    close: 4090.5,
    high: 4130,
    low: 4095.05,
  },
  full,
  { kind: 'oi', segment: 'NSE_FNO', securityId: 49081, oi: 123_456 },
  { kind: 'prevClose', segment: 'MCX_COMM', securityId: 426_000, prevClose: 6123, prevOi: 9876 },
  { kind: 'marketStatus', segment: 'NSE_EQ', securityId: 0 },
  { kind: 'disconnect', segment: 'IDX_I', securityId: 0, reason: 805 },
];

describe('feed codec layout (seeds/002 Live Market Feed, DhanHQ-py marketfeed.py)', () => {
  it('encodes a full packet byte for byte like the real frames of issue 90', () => {
    const doc = JSON.parse(readFileSync(fixturePath, 'utf8')) as {
      frames: { first_16_bytes_hex: string; last_8_bytes_hex: string; total_length: number }[];
    };
    const real = [
      { securityId: 55796, ltp: 152.3, ltq: 75, bid5: 152.1, ask5: 152.8 },
      { securityId: 55795, ltp: 95.9, ltq: 300, bid5: 95.65, ask5: 96.2 },
    ];
    doc.frames.forEach((frame, i) => {
      const r = real[i]!;
      const depth = full.depth.map((d, j) => (j === 4 ? { ...d, bidPrice: r.bid5, askPrice: r.ask5 } : d));
      // LTT chosen so that its low half is the observed 58 9a.
      const bytes = encodeFeedPacket({ ...full, securityId: r.securityId, ltp: r.ltp, ltq: r.ltq, ltt: 0x68839a58, depth });
      expect(bytes.length).toBe(frame.total_length);
      expect(bytes.subarray(0, 16)).toEqual(hex(frame.first_16_bytes_hex));
      expect(bytes.subarray(bytes.length - 8)).toEqual(hex(frame.last_8_bytes_hex));
    });
  });

  it('decodes the real header, LTP, LTQ and level-5 prices from the fixture bytes', () => {
    const doc = JSON.parse(readFileSync(fixturePath, 'utf8')) as {
      frames: { first_16_bytes_hex: string; last_8_bytes_hex: string }[];
    };
    const frame = doc.frames[1]!;
    const bytes = new Uint8Array(162);
    bytes.set(hex(frame.first_16_bytes_hex), 0);
    bytes.set(hex(frame.last_8_bytes_hex), 154);
    const { packets, errors } = decodeFeedPackets(bytes);
    expect(errors).toEqual([]);
    const p = packets[0] as FullPacket;
    expect(p).toMatchObject({ kind: 'full', segment: 'NSE_FNO', securityId: 55795, ltp: 95.9, ltq: 300 });
    expect(p.depth[4]).toMatchObject({ bidPrice: 95.65, askPrice: 96.2 });
  });

  it('places each field at the documented offset', () => {
    const q = encodeFeedPacket(samples[2]!);
    const dv = new DataView(q.buffer);
    expect(q.length).toBe(50);
    expect(q[0]).toBe(4);
    expect(dv.getUint16(1, true)).toBe(50);
    expect(q[3]).toBe(4); // BSE_EQ
    expect(dv.getUint32(4, true)).toBe(532540);
    expect(dv.getUint16(12, true)).toBe(12); // LTQ u16 at 12
    expect(dv.getUint32(14, true)).toBe(1732170001); // LTT u32 at 14
    expect(dv.getUint32(22, true)).toBe(4_000_000_000); // volume u32 at 22
    expect(dv.getFloat32(46, true)).toBeCloseTo(4095.05, 2); // low at 46
    const d = encodeFeedPacket({ kind: 'disconnect', segment: 'NSE_EQ', securityId: 7, reason: 807 });
    expect(Array.from(d)).toEqual([50, 10, 0, 1, 7, 0, 0, 0, 0x27, 0x03]);
  });
});

describe('feed codec round trip', () => {
  it.each(samples.map((p) => [p.kind, p] as const))('round-trips a %s packet', (_k, p) => {
    const bytes = encodeFeedPacket(p);
    expect(bytes.length).toBe(FEED_PACKET_BYTES[p.kind as keyof typeof FEED_PACKET_BYTES]);
    expect(decodeFeedPackets(bytes)).toEqual({ packets: [p], errors: [], errorBefore: [] });
  });

  it('splits stacked packets by their header length, unknown codes included', () => {
    const unknown: FeedPacket = { kind: 'unknown', code: 3, length: 112 };
    const msg = encodeFeedMessage([...samples, unknown, samples[1]!]);
    const counts = newFeedDecodeCounts();
    const { packets, errors } = decodeFeedPackets(msg);
    decodeFeedMessage(msg, recordingSink([]), counts);
    expect(errors).toEqual([]);
    expect(packets).toEqual([...samples, unknown, samples[1]]);
    expect(counts).toEqual({ packets: samples.length + 1, unknown: 1, errors: 0, badValues: 0 });
  });

  it('snaps float32 prices to paise, and to 4 decimals on currency segments', () => {
    const bytes = encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 247.8, ltt: 1 });
    expect(new DataView(bytes.buffer).getFloat32(8, true)).toBe(247.8000030517578);
    expect(decodeFeedPackets(bytes).packets[0]).toMatchObject({ ltp: 247.8 });
    const cur = encodeFeedPacket({ kind: 'ticker', segment: 'NSE_CURRENCY', securityId: 1, ltp: 83.1234, ltt: 1 });
    expect(decodeFeedPackets(cur).packets[0]).toMatchObject({ segment: 'NSE_CURRENCY', ltp: 83.1234 });
    const eq = encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 83.1234, ltt: 1 });
    expect(decodeFeedPackets(eq).packets[0]).toMatchObject({ ltp: 83.12 });
  });

  it('snaps exactly like shared/price snapDecimals for every float32', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), (v, cur) => {
        const d = cur ? 4 : 2;
        expect(snapWirePrice(v, d)).toBe(snapDecimals(v, d));
      }),
      { numRuns: 2000 },
    );
    expect(Number.isFinite(snapWirePrice(Infinity, 2))).toBe(false);
    expect(Number.isNaN(snapWirePrice(NaN, 4))).toBe(true);
  });

  it('keeps LTT raw on the wire; feed-time converts IST-shifted seconds to UTC', () => {
    // 2024-11-21 09:15:00 IST is 03:45:00Z; the wire carries 09:15:00 "as if UTC".
    const wire = Date.UTC(2024, 10, 21, 9, 15) / 1000;
    const p = decodeFeedPackets(encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 1, ltt: wire }));
    expect(p.packets[0]).toMatchObject({ ltt: wire });
    expect(lttToUtcSeconds(wire)).toBe(Date.UTC(2024, 10, 21, 3, 45) / 1000);
    expect(utcSecondsToLtt(lttToUtcSeconds(wire))).toBe(wire);
    expect(lttToUtcSeconds(0)).toBe(0);
    expect(lttToUtcSeconds(IST_OFFSET_SECONDS)).toBe(0);
  });
});

describe('feed codec bad input', () => {
  const ticker = encodeFeedPacket(samples[1]!);

  it('ends the message on a short header, keeping what came before', () => {
    const msg = concat(ticker, ticker.subarray(0, 5));
    const r = decodeFeedPackets(msg);
    expect(r.packets).toHaveLength(1);
    expect(r.errors).toEqual(['packet at byte 16: fewer than 8 bytes left for a header']);
  });

  it('ends the message on a length that overruns it or is below the header', () => {
    const over = concat(ticker, ticker.subarray(0, 12));
    expect(decodeFeedPackets(over).errors[0]).toMatch(/byte 16 \(ticker\): length 16 runs past the end/);
    const below = ticker.slice();
    below[1] = 4;
    const counts = decodeFeedMessage(concat(below, ticker), recordingSink([]));
    expect(counts).toEqual({ packets: 0, unknown: 0, errors: 1, badValues: 0 });
  });

  it('ends the message when a known code is shorter than its fields', () => {
    const short = encodeFeedPacket({ kind: 'unknown', code: 8, length: 100 });
    const r = decodeFeedPackets(concat(short, ticker));
    expect(r.packets).toEqual([]);
    expect(r.errors).toEqual(['packet at byte 0 (full): length 100 is too short for a full packet']);
  });

  it('skips a packet with an unknown segment or a NaN price and goes on', () => {
    const badSeg = ticker.slice();
    badSeg[3] = 6;
    const nan = ticker.slice();
    new DataView(nan.buffer).setFloat32(8, NaN, true);
    const calls: string[] = [];
    const counts = decodeFeedMessage(concat(badSeg, nan, ticker), recordingSink(calls));
    expect(counts).toEqual({ packets: 1, unknown: 0, errors: 0, badValues: 2 });
    expect(calls).toEqual([`error ${FeedError.BAD_SEGMENT} 0`, `error ${FeedError.BAD_VALUE} 16`, 'ticker 1 1333 1650.4']);
  });

  it('never throws, never yields NaN or negative quantities on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => checkDecoded(bytes)),
      { numRuns: 500 },
    );
  });

  it('never throws on truncated or mutated valid messages', () => {
    const arbPacket = fc.constantFrom(...samples, { kind: 'unknown', code: 99, length: 20 } as FeedPacket);
    fc.assert(
      fc.property(
        fc.array(arbPacket, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (packets, cut, flips) => {
          const msg = encodeFeedMessage(packets);
          for (const [at, v] of flips) msg[at % msg.length] = v;
          checkDecoded(msg.subarray(0, cut % (msg.length + 1)));
          checkDecoded(msg);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('full packets into struct-of-arrays columns (FeedSink.fullColumns)', () => {
  const CAPACITY = 4;
  /** Slot = security id mod 4; ids divisible by 5 are "not tracked" (-1). */
  function columnsSink(calls: string[]): { sink: FeedSink; cols: FullColumns; written: number[]; asked: number[] } {
    const col = () => new Float64Array(CAPACITY);
    const cols: FullColumns = {
      ltp: col(), ltq: col(), ltt: col(), atp: col(), volume: col(), totalSellQty: col(), totalBuyQty: col(),
      open: col(), close: col(), high: col(), low: col(), oi: col(), oiHigh: col(), oiLow: col(),
      depth: new Float64Array(CAPACITY * FULL_DEPTH_NUMBERS),
    };
    const written: number[] = [];
    const asked: number[] = [];
    const target: FullColumnsTarget = {
      cols,
      fullSlot: (_seg, id) => {
        asked.push(id);
        return id % 5 === 0 ? -1 : id % CAPACITY;
      },
      fullWritten: (slot) => written.push(slot),
    };
    const sink: FeedSink = {
      ...recordingSink(calls),
      full: () => {
        throw new Error('the generic full() must not be called when fullColumns is set');
      },
      fullColumns: target,
    };
    return { sink, cols, written, asked };
  }

  const u16 = fc.integer({ min: 0, max: 0xffff });
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  // Mostly ordinary prices, sometimes any float32 (NaN, ±Infinity, huge, tiny, -0).
  const price = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 5_000_000 }).map((p) => p / 100) },
    { weight: 1, arbitrary: fc.float() },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
  );
  const level = fc.record({ bidQty: u32, askQty: u32, bidOrders: u16, askOrders: u16, bidPrice: price, askPrice: price });
  const arbFull: fc.Arbitrary<FullPacket> = fc.record({
    kind: fc.constant('full' as const),
    segment: fc.constantFrom(...DHAN_SEGMENTS),
    securityId: u32,
    ltp: price,
    ltq: u16,
    ltt: u32,
    atp: price,
    volume: u32,
    totalSellQty: u32,
    totalBuyQty: u32,
    open: price,
    close: price,
    high: price,
    low: price,
    oi: u32,
    oiHigh: u32,
    oiLow: u32,
    depth: fc.array(level, { minLength: 5, maxLength: 5 }),
  });

  it('writes exactly what the generic path delivers, LTT in UTC, and nothing for a rejected packet', () => {
    fc.assert(
      fc.property(fc.array(arbFull, { minLength: 1, maxLength: 4 }), (packets) => {
        const msg = encodeFeedMessage(packets);
        const generic = decodeFeedPackets(msg);
        const calls: string[] = [];
        const { sink, cols, written, asked } = columnsSink(calls);
        const counts = decodeFeedMessage(msg, sink);
        expect(counts.packets).toBe(generic.packets.length);
        expect(counts.badValues).toBe(generic.errors.length);
        expect(calls.filter((c) => c.startsWith('error'))).toHaveLength(generic.errors.length);
        // Only packets with sound prices reach the target, in wire order.
        const good = generic.packets as FullPacket[];
        expect(asked).toEqual(good.map((p) => p.securityId));
        const tracked = good.filter((p) => p.securityId % 5 !== 0);
        expect(written).toEqual(tracked.map((p) => p.securityId % CAPACITY));
        // The last packet written to each slot is what the slot holds.
        const expected = new Map<number, FullPacket>();
        for (const p of tracked) expected.set(p.securityId % CAPACITY, p);
        for (let s = 0; s < CAPACITY; s++) {
          const p = expected.get(s);
          const d = cols.depth.subarray(s * FULL_DEPTH_NUMBERS, (s + 1) * FULL_DEPTH_NUMBERS);
          if (p === undefined) {
            expect([cols.ltp[s], cols.ltt[s], cols.oiLow[s], ...d].every((v) => v === 0)).toBe(true);
            continue;
          }
          expect([cols.ltp[s], cols.ltq[s], cols.ltt[s], cols.atp[s], cols.volume[s], cols.totalSellQty[s], cols.totalBuyQty[s]]).toEqual([
            p.ltp, p.ltq, lttToUtcSeconds(p.ltt), p.atp, p.volume, p.totalSellQty, p.totalBuyQty,
          ]);
          expect([cols.open[s], cols.close[s], cols.high[s], cols.low[s], cols.oi[s], cols.oiHigh[s], cols.oiLow[s]]).toEqual([
            p.open, p.close, p.high, p.low, p.oi, p.oiHigh, p.oiLow,
          ]);
          const levels = [0, 1, 2, 3, 4].map((l) => {
            const q = l * DEPTH5.STRIDE;
            return {
              bidQty: d[q + DEPTH5.BID_QTY], askQty: d[q + DEPTH5.ASK_QTY], bidOrders: d[q + DEPTH5.BID_ORDERS],
              askOrders: d[q + DEPTH5.ASK_ORDERS], bidPrice: d[q + DEPTH5.BID_PRICE], askPrice: d[q + DEPTH5.ASK_PRICE],
            };
          });
          expect(levels).toEqual(p.depth);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rejects a packet whose last depth price is NaN before asking for its slot', () => {
    const bad = encodeFeedPacket({ ...full, securityId: 7 });
    new DataView(bad.buffer).setFloat32(158, NaN, true); // level 5 ask price
    const calls: string[] = [];
    const { sink, cols, written, asked } = columnsSink(calls);
    const counts = decodeFeedMessage(concat(bad, encodeFeedPacket({ ...full, securityId: 10 })), sink);
    expect(counts).toEqual({ packets: 1, unknown: 0, errors: 0, badValues: 1 });
    expect(calls).toEqual([`error ${FeedError.BAD_VALUE} 0`]);
    expect(asked).toEqual([10]); // id 10 is "not tracked": asked, not written
    expect(written).toEqual([]);
    expect([...cols.ltp, ...cols.depth].every((v) => v === 0)).toBe(true);
  });
});

function checkDecoded(bytes: Uint8Array): void {
  const { packets } = decodeFeedPackets(bytes);
  for (const p of packets) {
    for (const [k, v] of Object.entries(p)) {
      if (typeof v === 'number') {
        expect(Number.isFinite(v), `${k} finite`).toBe(true);
        if (!['ltp', 'atp', 'open', 'close', 'high', 'low', 'prevClose'].includes(k)) expect(v).toBeGreaterThanOrEqual(0);
      }
    }
    if (p.kind === 'full') {
      for (const d of p.depth) {
        for (const v of Object.values(d)) expect(Number.isFinite(v)).toBe(true);
        expect(Math.min(d.bidQty, d.askQty, d.bidOrders, d.askOrders)).toBeGreaterThanOrEqual(0);
      }
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function recordingSink(calls: string[]): FeedSink {
  const rec = (s: string) => {
    calls.push(s);
  };
  return {
    index: (s, id, ltp) => rec(`index ${s} ${id} ${ltp}`),
    ticker: (s, id, ltp) => rec(`ticker ${s} ${id} ${ltp}`),
    quote: (s, id) => rec(`quote ${s} ${id}`),
    oi: (s, id) => rec(`oi ${s} ${id}`),
    prevClose: (s, id) => rec(`prevClose ${s} ${id}`),
    marketStatus: (s, id) => rec(`marketStatus ${s} ${id}`),
    full: (s, id) => rec(`full ${s} ${id}`),
    disconnect: (s, id, r) => rec(`disconnect ${s} ${id} ${r}`),
    unknown: (c, l) => rec(`unknown ${c} ${l}`),
    error: (r, o) => rec(`error ${r} ${o}`),
  };
}
