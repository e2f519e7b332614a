import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDepthMessage,
  decodeDepthPackets,
  DepthError,
  encodeDepthMessage,
  encodeDepthPacket,
  newDepthDecodeCounts,
  type DepthLevels,
  type DepthPacket,
  type DepthRow,
  type DepthSidePacket,
  type DepthSink,
} from './depth-codec';

function rows(n: number, start: number, step: number): DepthRow[] {
  return Array.from({ length: n }, (_, i) => ({
    price: Math.round((start + i * step) * 100) / 100,
    qty: 25 * (i + 1),
    orders: i + 1,
  }));
}

const bid20: DepthSidePacket = { kind: 'bid', segment: 'NSE_EQ', securityId: 1333, levels: rows(20, 1650.4, -0.05) };
const ask20: DepthSidePacket = { kind: 'ask', segment: 'NSE_EQ', securityId: 1333, levels: rows(20, 1650.45, 0.05) };

function silentSink(calls: string[] = []): DepthSink {
  return {
    side: (s, id, isBid, seq, n, price, qty) => calls.push(`${isBid ? 'bid' : 'ask'} ${s} ${id} ${seq} ${n} ${price[0]} ${qty[n - 1]}`),
    disconnect: (s, id, r) => calls.push(`disconnect ${s} ${id} ${r}`),
    unknown: (c, l) => calls.push(`unknown ${c} ${l}`),
    error: (r, o) => calls.push(`error ${r} ${o}`),
  } as DepthSink;
}

describe('depth codec layout (seeds/002 Full Market Depth, DhanHQ-py fulldepth.py)', () => {
  it('writes the 12-byte header length first, then code, segment, id, sequence', () => {
    const b = encodeDepthPacket(bid20, 20, 77);
    const dv = new DataView(b.buffer);
    expect(b.length).toBe(332);
    expect(dv.getUint16(0, true)).toBe(332);
    expect(b[2]).toBe(41);
    expect(b[3]).toBe(1);
    expect(dv.getUint32(4, true)).toBe(1333);
    expect(dv.getUint32(8, true)).toBe(77);
    expect(dv.getFloat64(12, true)).toBe(1650.4);
    expect(dv.getUint32(20, true)).toBe(25);
    expect(dv.getUint32(24, true)).toBe(1);
    expect(encodeDepthPacket(ask20, 20)[2]).toBe(51);
  });

  it('puts the row count in the last header word on the 200-level feed', () => {
    const p: DepthSidePacket = { ...bid20, levels: rows(137, 1650.4, -0.05) };
    const b = encodeDepthPacket(p, 200);
    expect(b.length).toBe(12 + 137 * 16);
    expect(new DataView(b.buffer).getUint32(8, true)).toBe(137);
  });

  it('hands the sink the 20-level sequence and the rows in wire order', () => {
    const calls: string[] = [];
    decodeDepthMessage(encodeDepthPacket(bid20, 20, 99), 20, silentSink(calls));
    expect(calls).toEqual(['bid 1 1333 99 20 1650.4 500']);
  });
});

describe('depth codec round trip', () => {
  it('round-trips bid and ask of several instruments stacked in one 20-level message', () => {
    const other: DepthSidePacket[] = [
      { kind: 'bid', segment: 'NSE_FNO', securityId: 55796, levels: rows(20, 152.3, -0.05) },
      { kind: 'ask', segment: 'NSE_FNO', securityId: 55796, levels: rows(20, 152.35, 0.05) },
    ];
    const msg = encodeDepthMessage([bid20, ask20, ...other], 20);
    expect(decodeDepthPackets(msg, 20)).toEqual({ packets: [bid20, ask20, ...other], errors: [], errorBefore: [] });
  });

  it('round-trips 200-level sides of any row count, including 0 and 200', () => {
    for (const n of [0, 1, 57, 200]) {
      const p: DepthPacket[] = [
        { ...bid20, levels: rows(n, 2000, -0.05) },
        { ...ask20, levels: rows(n, 2000.05, 0.05) },
      ];
      expect(decodeDepthPackets(encodeDepthMessage(p, 200), 200)).toEqual({ packets: p, errors: [], errorBefore: [] });
    }
  });

  it('round-trips disconnect and unknown packets, and reads either disconnect reason position', () => {
    const p: DepthPacket[] = [
      { kind: 'disconnect', segment: 'NSE_EQ', securityId: 0, reason: 807 },
      { kind: 'unknown', code: 9, length: 40 },
    ];
    expect(decodeDepthPackets(encodeDepthMessage(p, 20), 20)).toEqual({ packets: p, errors: [], errorBefore: [] });
    // DhanHQ-py's reading: a 12-byte packet whose last header word is the reason.
    const short = encodeDepthPacket(p[0]!, 20).slice(0, 12);
    short[0] = 12;
    expect(decodeDepthPackets(short, 20).packets).toEqual([p[0]]);
  });

  it('snaps f64 prices to paise, and to 4 decimals on currency segments', () => {
    const p: DepthSidePacket = { ...bid20, levels: [{ price: 247.8000030517578, qty: 1, orders: 1 }] };
    expect((decodeDepthPackets(encodeDepthPacket(p, 200), 200).packets[0] as DepthSidePacket).levels[0]!.price).toBe(247.8);
    const c: DepthSidePacket = { ...p, segment: 'NSE_CURRENCY', levels: [{ price: 83.12345, qty: 1, orders: 1 }] };
    expect((decodeDepthPackets(encodeDepthPacket(c, 200), 200).packets[0] as DepthSidePacket).levels[0]!.price).toBe(83.1235);
  });
});

describe('depth codec bad input', () => {
  it('ends the message when a 20-level side is shorter than 20 rows', () => {
    const b = encodeDepthPacket(bid20, 20).slice(0, 300);
    new DataView(b.buffer).setUint16(0, 300, true);
    const r = decodeDepthPackets(b, 20);
    expect(r.packets).toEqual([]);
    expect(r.errors).toEqual(['packet at byte 0 (bid): length 300 is too short for its rows (or more than 200 rows)']);
  });

  it('ends the message when a 200-level row count overruns the packet or exceeds 200', () => {
    const b = encodeDepthPacket({ ...bid20, levels: rows(10, 100, 1) }, 200);
    new DataView(b.buffer).setUint32(8, 11, true);
    const counts = decodeDepthMessage(b, 200, silentSink());
    expect(counts).toEqual({ packets: 0, unknown: 0, errors: 1, badValues: 0 });
  });

  it('ends the message on a short header or an overrunning length, keeping what came before', () => {
    const a = encodeDepthPacket(ask20, 20);
    const msg = new Uint8Array(a.length + 20);
    msg.set(a);
    msg.set(a.subarray(0, 20), a.length);
    const r = decodeDepthPackets(msg, 20);
    expect(r.packets).toEqual([ask20]);
    expect(r.errors).toEqual(['packet at byte 332 (ask): length 332 runs past the end of the message']);
    expect(decodeDepthPackets(a.subarray(0, 5), 20).errors).toEqual(['packet at byte 0: fewer than 12 bytes left for a header']);
  });

  it('skips a side with a NaN price or a bad segment and goes on', () => {
    const nan = encodeDepthPacket(bid20, 20);
    new DataView(nan.buffer).setFloat64(12 + 16 * 7, NaN, true);
    const seg = encodeDepthPacket(bid20, 20);
    seg[3] = 9;
    const ok = encodeDepthPacket(ask20, 20);
    const msg = new Uint8Array([...nan, ...seg, ...ok]);
    const calls: string[] = [];
    const counts = decodeDepthMessage(msg, 20, silentSink(calls), newDepthDecodeCounts());
    expect(counts).toEqual({ packets: 1, unknown: 0, errors: 0, badValues: 2 });
    expect(calls).toEqual([`error ${DepthError.BAD_VALUE} 0`, `error ${DepthError.BAD_SEGMENT} 332`, 'ask 1 1333 0 20 1650.45 500']);
  });

  for (const levels of [20, 200] as DepthLevels[]) {
    it(`never throws, never yields NaN or negative quantities (${levels}-level, random and mutated)`, () => {
      const base = encodeDepthMessage([bid20, ask20], levels);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 800 }),
            fc
              .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }))
              .map(([cut, flips]) => {
                const m = base.slice();
                for (const [at, v] of flips) m[at % m.length] = v;
                return m.subarray(0, cut % (m.length + 1));
              }),
          ),
          (bytes) => {
            for (const p of decodeDepthPackets(bytes, levels).packets) {
              if (p.kind !== 'bid' && p.kind !== 'ask') continue;
              expect(p.levels.length).toBeLessThanOrEqual(200);
              for (const r of p.levels) {
                expect(Number.isFinite(r.price)).toBe(true);
                expect(r.qty).toBeGreaterThanOrEqual(0);
                expect(r.orders).toBeGreaterThanOrEqual(0);
              }
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});
