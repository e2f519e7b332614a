import { describe, expect, it } from 'vitest';
import { decodeFeedMessage, encodeFeedMessage, type FeedPacket } from '../brokers/dhan/feed-codec';
import { IST_OFFSET_SECONDS } from '../brokers/dhan/feed-time';
import { BufferPool } from './buffer-pool';
import { FeedTables } from './feed-tables';
import { PackedQuotes, QuoteField } from './quote-table';
import { PackedTicks, TickField } from './tick-lane';

const LTT = 1_732_170_000;
const tick = (securityId: number, ltp: number): FeedPacket => ({ kind: 'ticker', segment: 'NSE_EQ', securityId, ltp, ltt: LTT });
const quote = (securityId: number, ltp: number, volume: number): FeedPacket => ({
  kind: 'quote', segment: 'NSE_EQ', securityId, ltp, ltq: 10, ltt: LTT, atp: ltp, volume,
  totalSellQty: 1, totalBuyQty: 2, open: ltp, close: 0, high: ltp, low: ltp,
});

function tables(ids: number[]): FeedTables {
  const t = new FeedTables({ quotes: 16, depth20: 2, depth200: 1 });
  for (const securityId of ids) t.track('quotes', { segment: 'NSE_EQ', securityId });
  return t;
}

function ticksOf(buffer: ArrayBuffer | null): number[][] {
  if (buffer === null) return [];
  const p = new PackedTicks(buffer);
  return Array.from({ length: p.count }, (_, i) => [p.securityId(i), p.ltp(i), p.get(i, TickField.VOLUME)]);
}

describe('FeedTables.takeBatch', () => {
  it('gives every changed instrument a tick record and only detail changes a quote record', () => {
    const t = tables([1, 2, 3]);
    decodeFeedMessage(encodeFeedMessage([tick(1, 10.05), tick(2, 20.1), quote(3, 30.15, 500), tick(1, 10.1), quote(2, 20.2, 700)]), t.quotes);
    const b = t.takeBatch()!;
    expect(ticksOf(b.ticks)).toEqual([[1, 10.1, 0], [2, 20.2, 700], [3, 30.15, 500]]);
    const q = new PackedQuotes(b.quotes!);
    expect(Array.from({ length: q.count }, (_, i) => [q.securityId(i), q.get(i, QuoteField.VOLUME)])).toEqual([[2, 700], [3, 500]]);
    expect(new PackedTicks(b.ticks!).get(0, TickField.LTT)).toBe(LTT - IST_OFFSET_SECONDS);
    expect(b.records).toBe(3);
    expect(t.takeBatch()).toBeNull();
  });

  it('lists an instrument again after a batch, and drops the detail mark once packed', () => {
    const t = tables([1, 2]);
    decodeFeedMessage(encodeFeedMessage([quote(1, 5, 1), tick(2, 6)]), t.quotes);
    t.takeBatch();
    decodeFeedMessage(encodeFeedMessage([tick(1, 5.05), tick(2, 6.05)]), t.quotes);
    const b = t.takeBatch()!;
    expect(ticksOf(b.ticks)).toEqual([[1, 5.05, 1], [2, 6.05, 0]]);
    expect(b.quotes).toBeNull();
  });

  it('packs into pooled buffers larger than needed and readers still see the exact count', () => {
    const pool = new BufferPool();
    pool.give(new ArrayBuffer(1 << 16));
    pool.give(new ArrayBuffer(1 << 16));
    const t = tables([7]);
    decodeFeedMessage(encodeFeedMessage([quote(7, 99.95, 42)]), t.quotes);
    const b = t.takeBatch(pool)!;
    expect(b.ticks!.byteLength).toBe(1 << 16);
    expect(ticksOf(b.ticks)).toEqual([[7, 99.95, 42]]);
    expect(new PackedQuotes(b.quotes!).count).toBe(1);
    expect(pool.allocated).toBe(0);
  });

  it('ignores packets for instruments no longer tracked', () => {
    const t = tables([1, 2]);
    t.untrack('quotes', { segment: 'NSE_EQ', securityId: 2 });
    decodeFeedMessage(encodeFeedMessage([tick(2, 1), quote(2, 1, 1)]), t.quotes);
    expect(t.takeBatch()).toBeNull();
    expect(t.quoteTable.unknownInstrument).toBe(2);
  });
});

describe('FeedTables full packets', () => {
  it('take the decoder fast path into the quote table and still mark the detail record', () => {
    const full: FeedPacket = {
      kind: 'full', segment: 'NSE_EQ', securityId: 7, ltp: 152.3, ltq: 75, ltt: LTT, atp: 150.45, volume: 1_234_575,
      totalSellQty: 400_000, totalBuyQty: 390_150, open: 140.1, close: 0, high: 160.95, low: 130.05,
      oi: 0, oiHigh: 0, oiLow: 0,
      depth: [0, 1, 2, 3, 4].map((i) => ({
        bidQty: 75 * (i + 1), askQty: 150 * (i + 1), bidOrders: i + 1, askOrders: i + 2,
        bidPrice: Math.round((152.25 - i * 0.05) * 100) / 100, askPrice: Math.round((152.35 + i * 0.05) * 100) / 100,
      })),
    };
    const t = tables([7]);
    let generic = 0;
    const q = t.quoteTable;
    const original = q.full.bind(q);
    q.full = (...a: Parameters<typeof q.full>) => {
      generic++;
      original(...a);
    };
    expect(t.quotes.fullColumns).toBeTruthy();
    decodeFeedMessage(encodeFeedMessage([full]), t.quotes);
    expect(generic).toBe(0);
    const b = t.takeBatch()!;
    expect(ticksOf(b.ticks)).toEqual([[7, 152.3, 1_234_575]]);
    const packed = new PackedQuotes(b.quotes!);
    expect(packed.count).toBe(1);
    expect([packed.securityId(0), packed.get(0, QuoteField.VOLUME), packed.get(0, QuoteField.HIGH)]).toEqual([7, 1_234_575, 160.95]);
  });
});

describe('PackedTicks', () => {
  it('refuses a buffer that is not a tick lane', () => {
    expect(() => new PackedTicks(new Float64Array([1, 51, 0]).buffer)).toThrow(RangeError);
    expect(() => new PackedTicks(new Float64Array([3, 6, 0, 0, 0, 0, 0, 0]).buffer)).toThrow(RangeError);
  });
});
