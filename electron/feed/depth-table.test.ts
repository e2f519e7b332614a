import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDepthMessage, encodeDepthMessage, type DepthRow, type DepthSidePacket } from '../brokers/dhan/depth-codec';
import { DepthTable, packedDepthBytes, unpackDepth } from './depth-table';

const NSE_EQ = 1;

function rows(n: number, start: number, step: number): DepthRow[] {
  return Array.from({ length: n }, (_, i) => ({ price: Math.round((start + i * step) * 100) / 100, qty: 10 * (i + 1), orders: i + 1 }));
}
const side = (kind: 'bid' | 'ask', id: number, r: DepthRow[]): DepthSidePacket => ({ kind, segment: 'NSE_EQ', securityId: id, levels: r });

describe('DepthTable', () => {
  it('stores both sides of stacked 20-level packets and packs them for the main side', () => {
    const t = new DepthTable(50, 20);
    const a = t.add(NSE_EQ, 1333);
    const b = t.add(NSE_EQ, 2885);
    const msg = encodeDepthMessage(
      [side('bid', 1333, rows(20, 1650, -0.05)), side('ask', 1333, rows(20, 1650.05, 0.05)), side('bid', 2885, rows(20, 1288, -0.1)), side('ask', 2885, rows(20, 1288.1, 0.1))],
      20,
    );
    expect(decodeDepthMessage(msg, 20, t).packets).toBe(4);
    const s = t.snapshot(a);
    expect(s.bids).toEqual(rows(20, 1650, -0.05));
    expect(s.asks[19]).toEqual({ price: 1651, qty: 200, orders: 20 });
    expect(s.version).toBe(2);
    const buf = new ArrayBuffer(packedDepthBytes(50, 20));
    expect(t.packDirty(buf)).toBe(2);
    const back = unpackDepth(buf);
    expect(back).toEqual([s, t.snapshot(b)]);
    expect(t.dirtyCount).toBe(0);
  });

  it('keeps the 200-level row count of each side and packs only current rows', () => {
    const t = new DepthTable(1, 200);
    t.add(NSE_EQ, 1333);
    decodeDepthMessage(encodeDepthMessage([side('bid', 1333, rows(200, 1650, -0.05))], 200), 200, t);
    decodeDepthMessage(encodeDepthMessage([side('bid', 1333, rows(3, 1649, -0.05)), side('ask', 1333, rows(150, 1650.05, 0.05))], 200), 200, t);
    const [s] = unpackDepth(packAll(t));
    expect(s!.bids).toEqual(rows(3, 1649, -0.05));
    expect(s!.asks).toHaveLength(150);
  });

  it('leaves records that do not fit dirty for the next pack', () => {
    const t = new DepthTable(3, 20);
    for (const id of [1, 2, 3]) t.add(NSE_EQ, id);
    const both = [1, 2, 3].flatMap((id) => [side('bid', id, rows(20, 100, -1)), side('ask', id, rows(20, 101, 1))]);
    decodeDepthMessage(encodeDepthMessage(both, 20), 20, t);
    const buf = new ArrayBuffer(packedDepthBytes(2, 20));
    expect(t.packDirty(buf)).toBe(2);
    expect(unpackDepth(buf).map((d) => d.securityId)).toEqual([1, 2]);
    expect(t.packDirty(buf)).toBe(1);
    expect(unpackDepth(buf).map((d) => d.securityId)).toEqual([3]);
  });

  it('refuses too many rows, NaN prices and negative quantities, counting them', () => {
    const t = new DepthTable(1, 20);
    t.add(NSE_EQ, 1);
    decodeDepthMessage(encodeDepthMessage([side('bid', 1, rows(20, 100, -1)), side('ask', 1, rows(20, 101, 1))], 20), 20, t);
    t.drainDirty();
    const p = new Float64Array(200).fill(50);
    const q = new Float64Array(200).fill(1);
    const o = new Float64Array(200).fill(1);
    t.side(NSE_EQ, 1, true, 0, 21, p, q, o); // more rows than the table keeps: skipped, rows kept
    t.side(NSE_EQ, 99, true, 0, 5, p, q, o); // not subscribed
    expect([t.badValues, t.unknownInstrument, t.dirtyCount, t.bidRows[0]]).toEqual([1, 1, 0, 20]);
    q[3] = -1;
    t.side(NSE_EQ, 1, true, 0, 5, p, q, o); // a bad row clears the side instead of half-writing it
    q[3] = 1;
    p[0] = NaN;
    t.side(NSE_EQ, 1, false, 0, 5, p, q, o);
    expect([t.badValues, t.dirtyCount, t.bidRows[0], t.askRows[0]]).toEqual([3, 1, 0, 0]);
    expect([...t.cols.bidQty.subarray(0, 20), ...t.cols.askPrice.subarray(0, 20)].every((v) => v === 0)).toBe(true);
  });

  it('never holds NaN or negative quantities whatever bytes arrive', () => {
    const t = new DepthTable(2, 200);
    t.add(NSE_EQ, 1333);
    const base = encodeDepthMessage([side('bid', 1333, rows(30, 1650, -0.05)), side('ask', 1333, rows(30, 1650.05, 0.05))], 200);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), fc.nat(), (flips, cut) => {
        const m = base.slice();
        for (const [at, v] of flips) m[at % m.length] = v;
        decodeDepthMessage(m.subarray(0, cut % (m.length + 1)), 200, t);
        const prices = [...t.cols.bidPrice, ...t.cols.askPrice];
        const qtys = [...t.cols.bidQty, ...t.cols.askQty, ...t.cols.bidOrders, ...t.cols.askOrders];
        expect(prices.every((v) => Number.isFinite(v))).toBe(true);
        expect(qtys.every((v) => v >= 0 && v < Infinity)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function packAll(t: DepthTable): ArrayBuffer {
  const buf = new ArrayBuffer(packedDepthBytes(t.slots.capacity, t.levels));
  t.packDirty(buf);
  return buf;
}
