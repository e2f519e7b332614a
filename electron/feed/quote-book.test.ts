import { describe, expect, it } from 'vitest';
import { decodeFeedMessage, encodeFeedMessage, type FeedPacket } from '../brokers/dhan/feed-codec';
import { IST_OFFSET_SECONDS } from '../brokers/dhan/feed-time';
import { unpackFeedBatch, type FeedBatch } from './feed-client';
import { FeedTables } from './feed-tables';
import type { FeedStatus } from './feed-types';
import { QuoteBook, toIpcDepth, toIpcFeedStatus } from './quote-book';

const WIRE_LTT = 1_732_170_000;

function batchOf(t: FeedTables, packets: FeedPacket[]): FeedBatch {
  decodeFeedMessage(encodeFeedMessage(packets), t.quotes);
  const b = t.takeBatch()!;
  return unpackFeedBatch({ type: 'batch', seq: 1, sentAt: 0, ...b }, 0);
}

describe('QuoteBook', () => {
  it('merges the quote lane and later tick-lane updates into complete ticks', () => {
    const t = new FeedTables({ quotes: 8, depth20: 1, depth200: 1 });
    t.track('quotes', { segment: 'NSE_FNO', securityId: 35001 });
    t.track('quotes', { segment: 'NSE_EQ', securityId: 1333 });
    const book = new QuoteBook();
    const first = book.apply(batchOf(t, [
      { kind: 'prevClose', segment: 'NSE_FNO', securityId: 35001, prevClose: 98, prevOi: 10 },
      {
        kind: 'full', segment: 'NSE_FNO', securityId: 35001, ltp: 98.35, ltq: 75, ltt: WIRE_LTT, atp: 98.1, volume: 1500,
        totalSellQty: 900, totalBuyQty: 1200, open: 97, close: 0, high: 99.5, low: 96.5, oi: 5000, oiHigh: 5100, oiLow: 4900,
        depth: [{ bidQty: 150, askQty: 75, bidOrders: 2, askOrders: 1, bidPrice: 98.3, askPrice: 98.4 }],
      },
    ]), 111);
    expect(first).toEqual([{
      key: 'NSE_FNO:35001', ltp: 98.35, ltq: 75, lttMs: (WIRE_LTT - IST_OFFSET_SECONDS) * 1000, atp: 98.1, volume: 1500,
      open: 97, high: 99.5, low: 96.5, prevClose: 98, oi: 5000, bidPrice: 98.3, bidQty: 150, askPrice: 98.4, askQty: 75,
      totalBuyQty: 1200, totalSellQty: 900, receivedAtMs: 111,
    }]);
    // A ticker update afterwards keeps the rest of the state.
    const second = book.apply(batchOf(t, [
      { kind: 'ticker', segment: 'NSE_FNO', securityId: 35001, ltp: 98.45, ltt: WIRE_LTT + 2 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 0 },
    ]), 222);
    expect(second).toHaveLength(2);
    expect(second[0]).toMatchObject({ key: 'NSE_FNO:35001', ltp: 98.45, lttMs: (WIRE_LTT + 2 - IST_OFFSET_SECONDS) * 1000, prevClose: 98, high: 99.5, receivedAtMs: 222 });
    expect(second[1]).toMatchObject({ key: 'NSE_EQ:1333', ltp: 1650.4, lttMs: null, prevClose: 0 });
    expect(book.get('NSE_EQ:1333')?.ltp).toBe(1650.4);
    book.forget('NSE_EQ:1333');
    expect(book.get('NSE_EQ:1333')).toBeUndefined();
  });
});

describe('contract shapes', () => {
  it('maps a depth snapshot with rows in wire order', () => {
    const d = toIpcDepth({
      slot: 0, segment: 'NSE_EQ', securityId: 1333, version: 3, sequence: 0,
      bids: [{ price: 1650.35, qty: 40, orders: 3 }], asks: [{ price: 1650.4, qty: 10, orders: 1 }],
    }, 20, 1650.4, 5);
    expect(d).toEqual({
      key: 'NSE_EQ:1333', levels: 20, ltp: 1650.4, atMs: 5,
      bids: [{ price: 1650.35, quantity: 40, orders: 3 }], asks: [{ price: 1650.4, quantity: 10, orders: 1 }],
    });
    expect(toIpcDepth({ slot: 0, segment: null, securityId: 1, version: 0, sequence: 0, bids: [], asks: [] }, 200, 0, 0)).toBeNull();
  });

  it('maps socket states, flags a silent open socket stale and keeps the disconnect reason', () => {
    const base = { messages: 0, lastError: undefined, reconnects: 0, staleCount: 0, malformed: 0 };
    const status: FeedStatus = {
      at: 10_000, sessionExpired: true, refused: [], malformed: 4, batches: 9,
      sockets: [
        { ...base, id: 'feed-0', kind: 'feed', state: 'open', subscriptions: 3, messagesPerSecond: 120, lastMessageAt: 9_990, lastMessageAgeMs: 10 },
        { ...base, id: 'depth20-0', kind: 'depth20', state: 'open', subscriptions: 1, messagesPerSecond: 0, lastMessageAt: 1_000, lastMessageAgeMs: 9_000 },
        { ...base, id: 'depth200-NSE_EQ:1', kind: 'depth200', state: 'stopped', subscriptions: 1, messagesPerSecond: 5, lastMessageAt: 0, lastMessageAgeMs: 0,
          lastDisconnect: { code: 807, meaning: 'Access token is expired', shared: 'UNAUTHENTICATED' } },
        { ...base, id: 'feed-1', kind: 'feed', state: 'waiting', subscriptions: 2, messagesPerSecond: 0, lastMessageAt: 0, lastMessageAgeMs: 0, lastError: 'connect ECONNREFUSED' },
      ],
    };
    expect(toIpcFeedStatus(status, 5_000)).toEqual({
      messagesPerSecond: 125,
      lastMessageAtMs: 9_990,
      malformedFrames: 4,
      sockets: [
        { id: 'feed-0', kind: 'feed', state: 'open', instruments: 3, detail: '' },
        { id: 'depth20-0', kind: 'depth20', state: 'stale', instruments: 1, detail: '' },
        { id: 'depth200-NSE_EQ:1', kind: 'depth200', state: 'expired', instruments: 1, detail: 'Dhan 807: Access token is expired' },
        { id: 'feed-1', kind: 'feed', state: 'reconnecting', instruments: 2, detail: 'connect ECONNREFUSED' },
      ],
    });
  });
});
