import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFeedMessage,
  DEPTH5,
  encodeFeedMessage,
  FEED_FULL_FIELDS,
  FeedField,
  FULL_DEPTH_NUMBERS,
  type FeedPacket,
  type FeedSink,
  type FullPacket,
} from '../brokers/dhan/feed-codec';
import { IST_OFFSET_SECONDS } from '../brokers/dhan/feed-time';
import { DENSE_ID_LIMIT } from './instrument-slots';
import { packedQuoteBytes, PackedQuotes, QuoteField, QuoteKind, QuoteTable, unpackQuotes } from './quote-table';

const NSE_EQ = 1;
const NSE_FNO = 2;

const full: FullPacket = {
  kind: 'full',
  segment: 'NSE_FNO',
  securityId: 55796,
  ltp: 152.3,
  ltq: 75,
  ltt: 1753435736,
  atp: 150.45,
  volume: 1_234_575,
  totalSellQty: 400_000,
  totalBuyQty: 390_150,
  open: 140.1,
  close: 0,
  high: 160.95,
  low: 130.05,
  oi: 5_000_000,
  oiHigh: 5_100_000,
  oiLow: 4_900_000,
  depth: [0, 1, 2, 3, 4].map((i) => ({
    bidQty: 75 * (i + 1),
    askQty: 150 * (i + 1),
    bidOrders: i + 1,
    askOrders: i + 2,
    bidPrice: Math.round((152.25 - i * 0.05) * 100) / 100,
    askPrice: Math.round((152.35 + i * 0.05) * 100) / 100,
  })),
};

describe('QuoteTable', () => {
  it('stores decoded packets by slot, LTT converted to UTC, and lists each changed slot once', () => {
    const t = new QuoteTable(16);
    const rel = t.add(NSE_EQ, 2885);
    const opt = t.add(NSE_FNO, 55796);
    expect([rel, opt]).toEqual([0, 1]);
    const msg = encodeFeedMessage([
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 2885, ltp: 1288.1, ltt: 1_732_170_000 },
      full,
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 2885, ltp: 1288.15, ltt: 1_732_170_001 },
      { kind: 'prevClose', segment: 'NSE_EQ', securityId: 2885, prevClose: 1270.5, prevOi: 0 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 9999, ltp: 1, ltt: 1 },
    ]);
    const counts = decodeFeedMessage(msg, t);
    expect(counts.packets).toBe(5);
    expect(t.unknownInstrument).toBe(1);
    expect(Array.from(t.drainDirty())).toEqual([rel, opt]);
    expect(t.drainDirty().length).toBe(0);

    const a = t.snapshot(rel);
    expect(a).toMatchObject({ segment: 'NSE_EQ', securityId: 2885, version: 3, ltp: 1288.15, prevClose: 1270.5 });
    expect(a.ltt).toBe(1_732_170_001 - IST_OFFSET_SECONDS);
    expect(a.kinds).toBe(QuoteKind.TICKER | QuoteKind.PREV_CLOSE);
    const b = t.snapshot(opt);
    expect(b).toMatchObject({ ltp: 152.3, ltq: 75, oi: 5_000_000, oiLow: 4_900_000, volume: 1_234_575, high: 160.95 });
    expect(b.depth[4]).toEqual({ bidPrice: 152.05, bidQty: 375, bidOrders: 5, askPrice: 152.55, askQty: 750, askOrders: 6 });
  });

  it('packs dirty slots into a transferable buffer that the main side reads back', () => {
    const t = new QuoteTable(8);
    t.add(NSE_FNO, 55796);
    t.add(NSE_EQ, 1333);
    decodeFeedMessage(
      encodeFeedMessage([full, { kind: 'oi', segment: 'NSE_FNO', securityId: 55796, oi: 5_000_075 }]),
      t,
    );
    decodeFeedMessage(encodeFeedMessage([{ kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 20_000 }]), t);
    const buf = new ArrayBuffer(packedQuoteBytes(8));
    expect(t.packDirty(buf)).toBe(2);
    expect(t.dirtyCount).toBe(0);
    const view = new PackedQuotes(structuredClone(buf, { transfer: [buf] }));
    expect(view.count).toBe(2);
    expect([view.segment(0), view.securityId(0), view.version(0)]).toEqual([NSE_FNO, 55796, 2]);
    expect(view.get(0, QuoteField.OI)).toBe(5_000_075);
    expect(view.get(0, QuoteField.ASK_PRICE + 4)).toBe(152.55);
    expect(view.get(1, QuoteField.LTT)).toBe(20_000 - IST_OFFSET_SECONDS);
    expect(view.snapshot(1)).toEqual(t.snapshot(1));
  });

  it('leaves the slots that do not fit dirty for the next pack', () => {
    const t = new QuoteTable(8);
    const ids = [11, 12, 13];
    for (const id of ids) t.add(NSE_EQ, id);
    decodeFeedMessage(
      encodeFeedMessage(ids.map((id) => ({ kind: 'ticker', segment: 'NSE_EQ', securityId: id, ltp: id, ltt: 1 }) as FeedPacket)),
      t,
    );
    const small = new ArrayBuffer(packedQuoteBytes(2));
    expect(t.packDirty(small)).toBe(2);
    expect(unpackQuotes(small).map((q) => q.securityId)).toEqual([11, 12]);
    expect(t.packDirty(small)).toBe(1);
    expect(unpackQuotes(small).map((q) => q.securityId)).toEqual([13]);
    expect(t.packDirty(small)).toBe(0);
  });

  it('finds large security ids through the fallback map and reuses freed slots', () => {
    const t = new QuoteTable(2);
    const big = DENSE_ID_LIMIT + 5;
    expect(t.add(NSE_EQ, big)).toBe(0);
    expect(t.add(NSE_EQ, 7)).toBe(1);
    expect(t.add(NSE_FNO, 8)).toBe(-1);
    expect(t.slotOf(NSE_EQ, big)).toBe(0);
    expect(t.slotOf(NSE_FNO, big)).toBe(-1);
    decodeFeedMessage(encodeFeedMessage([{ kind: 'ticker', segment: 'NSE_EQ', securityId: big, ltp: 10, ltt: 1 }]), t);
    expect(t.cols.ltp[0]).toBe(10);
    expect(t.remove(NSE_EQ, big)).toBe(0);
    expect(t.dirtyCount).toBe(0);
    expect(t.add(NSE_FNO, 8)).toBe(0);
    expect(t.cols.ltp[0]).toBe(0);
  });

  it('refuses NaN and negative quantities from any producer, counting them', () => {
    const t = new QuoteTable(2);
    const s = t.add(NSE_EQ, 1);
    const fields = (over: Record<number, number>) => {
      const f = new Float64Array(FEED_FULL_FIELDS).fill(10);
      for (const [k, v] of Object.entries(over)) f[Number(k)] = v;
      return f;
    };
    t.quote(NSE_EQ, 1, fields({ [FeedField.LTQ]: -1 }));
    t.quote(NSE_EQ, 1, fields({ [FeedField.LTP]: NaN }));
    t.oi(NSE_EQ, 1, -5);
    t.prevClose(NSE_EQ, 1, 10, NaN);
    t.ticker(NSE_EQ, 1, Infinity, 1);
    t.full(NSE_EQ, 1, fields({ [FeedField.OI_LOW]: Infinity }));
    expect(t.badValues).toBe(6);
    expect(t.dirtyCount).toBe(0);
    expect(t.snapshot(s)).toMatchObject({ ltp: 0, ltq: 0, oi: 0, version: 0 });
    // A bad depth level (no decoder makes one) keeps the checked scalars and clears the depth.
    t.full(NSE_EQ, 1, fields({ [FeedField.DEPTH + 2 * DEPTH5.STRIDE + DEPTH5.ASK_QTY]: -5 }));
    expect(t.badValues).toBe(7);
    const after = t.snapshot(s);
    expect(after.ltp).toBe(10);
    expect(after.depth.every((d) => Object.values(d).every((v) => v === 0))).toBe(true);
  });

  it('stores full packets the same through the columns fast path and through a forwarding sink', () => {
    // A forwarder without fullColumns (like the feed engine's) takes the generic FeedSink.full path.
    const direct = new QuoteTable(8);
    const viaFull = new QuoteTable(8);
    const forward: FeedSink = {
      index: (s, id, ltp, ltt) => viaFull.index(s, id, ltp, ltt),
      ticker: (s, id, ltp, ltt) => viaFull.ticker(s, id, ltp, ltt),
      quote: (s, id, f) => viaFull.quote(s, id, f),
      oi: (s, id, oi) => viaFull.oi(s, id, oi),
      prevClose: (s, id, pc, poi) => viaFull.prevClose(s, id, pc, poi),
      marketStatus: (s, id) => viaFull.marketStatus(s, id),
      full: (s, id, f) => viaFull.full(s, id, f),
      disconnect: (s, id, r) => viaFull.disconnect(s, id, r),
      unknown: (c, l) => viaFull.unknown(c, l),
      error: (r, o, c, l) => viaFull.error(r, o, c, l),
    };
    const ids = [55796, 55797, 1333];
    for (const t of [direct, viaFull]) for (const id of ids) t.add(NSE_FNO, id);
    const packets: FeedPacket[] = [
      full,
      { ...full, securityId: 1333, ltp: 99.95, depth: full.depth.map((d) => ({ ...d, bidQty: d.bidQty + 1 })) },
      { ...full, securityId: 4242 }, // not in the tables
      { ...full, securityId: 55797, segment: 'NSE_CURRENCY' }, // other segment: not in the tables either
      { kind: 'ticker', segment: 'NSE_FNO', securityId: 55796, ltp: 153, ltt: 1_753_435_740 },
      { ...full, securityId: 55797, ltt: 5 }, // LTT at or below the IST offset becomes 0
    ];
    const msg = encodeFeedMessage(packets);
    expect(decodeFeedMessage(msg, direct)).toEqual(decodeFeedMessage(msg, forward));
    expect(direct.unknownInstrument).toBe(2);
    expect(viaFull.unknownInstrument).toBe(2);
    expect(Array.from(direct.drainDirty())).toEqual(Array.from(viaFull.drainDirty()));
    for (let s = 0; s < ids.length; s++) expect(direct.snapshot(s)).toEqual(viaFull.snapshot(s));
    expect(direct.snapshot(0)).toMatchObject({ ltp: 153, version: 2, kinds: QuoteKind.FULL | QuoteKind.OI | QuoteKind.TICKER });
    expect(direct.snapshot(1)).toMatchObject({ ltt: 0, oi: 5_000_000 });
    expect(direct.snapshot(2).depth[3]).toEqual({ bidPrice: 152.1, bidQty: 301, bidOrders: 4, askPrice: 152.5, askQty: 600, askOrders: 5 });
    // The contiguous depth column: slot 2, level 3, ask price.
    expect(direct.cols.depth[2 * FULL_DEPTH_NUMBERS + 3 * DEPTH5.STRIDE + DEPTH5.ASK_PRICE]).toBe(152.5);
    // Unsubscribing clears the slot's depth too.
    direct.remove(NSE_FNO, 1333);
    expect(direct.cols.depth.subarray(2 * FULL_DEPTH_NUMBERS, 3 * FULL_DEPTH_NUMBERS).every((v) => v === 0)).toBe(true);
  });

  it('reports a disconnect reason', () => {
    const reasons: number[] = [];
    const t = new QuoteTable(1, { onDisconnect: (r) => reasons.push(r) });
    decodeFeedMessage(encodeFeedMessage([{ kind: 'disconnect', segment: 'IDX_I', securityId: 0, reason: 807 }]), t);
    expect(reasons).toEqual([807]);
    expect(t.lastDisconnectReason).toBe(807);
  });

  it('never holds NaN or negative quantities whatever bytes arrive', () => {
    const t = new QuoteTable(4);
    t.add(NSE_FNO, 55796);
    t.add(NSE_EQ, 1333);
    const base = encodeFeedMessage([full, { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1, ltt: 1 }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), fc.nat(), (flips, cut) => {
        const m = base.slice();
        for (const [at, v] of flips) m[at % m.length] = v;
        decodeFeedMessage(m.subarray(0, cut % (m.length + 1)), t);
        const c = t.cols;
        const depthPrices = [...c.depth].filter((_, i) => i % DEPTH5.STRIDE >= DEPTH5.BID_PRICE);
        const depthQtys = [...c.depth].filter((_, i) => i % DEPTH5.STRIDE < DEPTH5.BID_PRICE);
        const prices = [c.ltp, c.atp, c.open, c.high, c.low, c.close, c.prevClose].flatMap((a) => [...a]).concat(depthPrices);
        const qtys = [c.ltq, c.ltt, c.volume, c.totalBuyQty, c.totalSellQty, c.oi, c.oiHigh, c.oiLow]
          .flatMap((a) => [...a])
          .concat(depthQtys);
        expect(prices.every((v) => Number.isFinite(v))).toBe(true);
        expect(qtys.every((v) => v >= 0 && v < Infinity)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
