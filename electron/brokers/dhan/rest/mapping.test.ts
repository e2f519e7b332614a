import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrderUpdateMessage } from '../order-updates';
import { detectErrorBody } from './http';
import { quoteBodies, splitDateRange } from './market';
import {
  mapCandles,
  mapFullQuotes,
  mapFunds,
  mapHolding,
  mapMargin,
  mapMultiMargin,
  mapOptionChain,
  mapOrder,
  mapPosition,
  mapTrade,
  mergeCandles,
  parseDateOnly,
  parseIstDateTime,
  segmentFromExchange,
  toOrderType,
  toProduct,
  toStatus,
} from './mapping';
import { parseBody } from './result';
import {
  marketFeedSchema,
  wireCandlesSchema,
  wireExpiryListSchema,
  wireFundLimitSchema,
  wireHoldingListSchema,
  wireMarginSchema,
  wireMultiMarginSchema,
  wireOptionChainSchema,
  wireOrderListSchema,
  wirePositionListSchema,
  wireQuoteEntrySchema,
  wireTradeListSchema,
  num,
} from './schemas';

describe('IST times', () => {
  it('turns Dhan IST wall-clock text into epoch ms UTC', () => {
    expect(parseIstDateTime('2021-11-24 13:33:03')).toBe(Date.UTC(2021, 10, 24, 8, 3, 3));
    expect(parseIstDateTime('2024-09-11')).toBe(Date.UTC(2024, 8, 10, 18, 30, 0));
    expect(parseIstDateTime('25/01/2025 15:29:59')).toBe(Date.UTC(2025, 0, 25, 9, 59, 59));
  });
  it('reads placeholders and junk as null', () => {
    for (const s of ['0001-01-01 00:00:00', '01/01/1980 00:00:00', '', '  ', 'yesterday', '2024-13-01 00:00:00', null, undefined]) {
      expect(parseIstDateTime(s)).toBeNull();
    }
    expect(parseDateOnly('0001-01-01')).toBeNull();
    expect(parseDateOnly('2024-09-26 14:30:00')).toBe('2024-09-26');
  });
  it('is exactly UTC+05:30 for every valid time (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1991-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const ms = Math.floor(d.getTime() / 1000) * 1000;
        const ist = new Date(ms + 19_800_000).toISOString();
        const text = `${ist.slice(0, 10)} ${ist.slice(11, 19)}`;
        expect(parseIstDateTime(text)).toBe(ms);
      }),
    );
  });
});

describe('enums', () => {
  it('maps REST names and order-update letters', () => {
    expect(['CNC', 'C', 'I', 'M', 'F', 'V', 'B', 'bo'].map(toProduct)).toEqual(['CNC', 'CNC', 'INTRADAY', 'MARGIN', 'MTF', 'CO', 'BO', 'BO']);
    expect(['LMT', 'MKT', 'SL', 'SLM', 'STOP_LOSS_MARKET'].map(toOrderType)).toEqual(['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET', 'STOP_LOSS_MARKET']);
    expect(['Cancelled', 'PART_TRADED', 'Part Traded', 'CONFIRM', 'TRIGGERED', 'something new'].map(toStatus)).toEqual(['CANCELLED', 'PART_TRADED', 'PART_TRADED', 'PENDING', 'TRIGGERED', 'UNKNOWN']);
    expect(segmentFromExchange('BSE', 'D')).toBe('BSE_FNO');
    expect(segmentFromExchange('MCX', 'M')).toBe('MCX_COMM');
    expect(() => toProduct('XYZ')).toThrow(/unknown product type 'XYZ'/);
  });
});

describe('numbers on the wire', () => {
  it('accepts numbers, E-notation and numeric strings, nothing else', () => {
    expect(num.parse(1.7260263e9)).toBe(1726026300);
    expect(num.parse('150000.00')).toBe(150000);
    expect(num.parse('1.7454579E7')).toBe(17454579);
    expect(num.safeParse('abc').success).toBe(false);
    expect(num.safeParse('').success).toBe(false);
    expect(num.safeParse(null).success).toBe(false);
  });
});

describe('candles', () => {
  it('rounds E-notation timestamps, snaps prices, keeps OI when sent', () => {
    const c = mapCandles(wireCandlesSchema.parse({ open: [100.123], high: [101], low: [99], close: [100.5], volume: [1.2e3], timestamp: [1.7260263e9], open_interest: [5e4] }), 'NSE_FNO');
    expect(c).toEqual([{ time: 1726026300, open: 100.12, high: 101, low: 99, close: 100.5, volume: 1200, oi: 50000 }]);
    const fx = mapCandles(wireCandlesSchema.parse({ open: [83.12345], high: [83.2], low: [83.1], close: [83.15], volume: [1], timestamp: [1] }), 'NSE_CURRENCY');
    expect(fx[0]!.open).toBe(83.1235);
  });
  it('merges windows by time, one candle per time', () => {
    const a = [{ time: 1, open: 1, high: 1, low: 1, close: 1, volume: 1 }, { time: 2, open: 2, high: 2, low: 2, close: 2, volume: 2 }];
    const b = [{ time: 2, open: 3, high: 3, low: 3, close: 3, volume: 3 }, { time: 3, open: 4, high: 4, low: 4, close: 4, volume: 4 }];
    expect(mergeCandles([b, a]).map((c) => c.time)).toEqual([1, 2, 3]);
  });
});

describe('request splitting (property)', () => {
  it('90-day windows are contiguous, cover the range and never exceed 90 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 2_000 }), (startDay, span) => {
        const from = new Date(Date.UTC(1995, 0, 1) + startDay * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.UTC(1995, 0, 1) + (startDay + span) * 86_400_000).toISOString().slice(0, 10);
        const w = splitDateRange(from, to)!;
        expect(w[0]!.from).toBe(from);
        expect(w.at(-1)!.to).toBe(to);
        for (let i = 0; i < w.length; i++) {
          expect((Date.parse(w[i]!.to) - Date.parse(w[i]!.from)) / 86_400_000).toBeLessThanOrEqual(90);
          if (i > 0) expect(w[i]!.from).toBe(w[i - 1]!.to);
        }
        expect(w.length).toBe(Math.max(1, Math.ceil(span / 90)));
      }),
    );
    expect(splitDateRange('2024-02-30', '2024-03-01')).toBeNull();
    expect(splitDateRange('2024-03-02', '2024-03-01')).toBeNull();
  });

  it('quote bodies hold at most 1000 instruments and every distinct one exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('NSE_EQ', 'NSE_FNO', 'BSE_EQ', 'MCX_COMM'), fc.integer({ min: 1, max: 4000 })), { maxLength: 3500 }), (pairs) => {
        const keys = pairs.map(([segment, id]) => ({ segment, securityId: String(id) }));
        const bodies = quoteBodies(keys);
        if (typeof bodies === 'string') throw new Error(bodies);
        const sent = bodies.flatMap((b) => Object.entries(b).flatMap(([seg, ids]) => ids.map((id) => `${seg}:${id}`)));
        for (const b of bodies) expect(Object.values(b).reduce((n, ids) => n + ids.length, 0)).toBeLessThanOrEqual(1000);
        expect(new Set(sent).size).toBe(sent.length);
        expect(new Set(sent)).toEqual(new Set(keys.map((k) => `${k.segment}:${k.securityId}`)));
      }),
      { numRuns: 50 },
    );
    expect(quoteBodies([{ segment: 'NSE_EQ', securityId: 'INFY' }])).toMatch(/not a number/);
  });
});

describe('robustness (property): random JSON never throws out of the boundary', () => {
  const targets: [string, (body: unknown) => unknown][] = [
    ['orders', (b) => parseBody(b, wireOrderListSchema, (w) => w.map(mapOrder), 'orders')],
    ['trades', (b) => parseBody(b, wireTradeListSchema, (w) => w.map(mapTrade), 'trades')],
    ['positions', (b) => parseBody(b, wirePositionListSchema, (w) => w.map(mapPosition), 'positions')],
    ['holdings', (b) => parseBody(b, wireHoldingListSchema, (w) => w.map(mapHolding), 'holdings')],
    ['funds', (b) => parseBody(b, wireFundLimitSchema, mapFunds, 'funds')],
    ['margin', (b) => parseBody(b, wireMarginSchema, mapMargin, 'margin')],
    ['multi margin', (b) => parseBody(b, wireMultiMarginSchema, mapMultiMargin, 'multi')],
    ['candles', (b) => parseBody(b, wireCandlesSchema, (w) => mapCandles(w, 'NSE_EQ'), 'candles')],
    ['quote', (b) => parseBody(b, marketFeedSchema(wireQuoteEntrySchema), (w) => mapFullQuotes(w.data), 'quote')],
    ['option chain', (b) => parseBody(b, wireOptionChainSchema, (w) => mapOptionChain(w, { segment: 'IDX_I', securityId: '13' }, '2025-01-30'), 'oc')],
    ['expiries', (b) => parseBody(b, wireExpiryListSchema, (w) => w.data, 'expiries')],
    ['error body', (b) => detectErrorBody(b, true)],
  ];
  for (const [name, f] of targets) {
    it(name, () => {
      fc.assert(fc.property(fc.jsonValue(), (v) => void f(v)), { numRuns: 200 });
    });
  }
  it('order-update messages', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => JSON.stringify({ Type: 'order_alert', Data: v }))), (text) => {
        const m = parseOrderUpdateMessage(text, 0);
        expect(['event', 'ignored', 'malformed', 'auth-failure']).toContain(m.kind);
      }),
      { numRuns: 300 },
    );
  });
  it('a mapped order never has NaN or negative quantities (property over valid-looking orders)', () => {
    const order = fc.record({
      orderId: fc.stringMatching(/^\d{1,12}$/),
      orderStatus: fc.constantFrom('PENDING', 'TRADED', 'PART_TRADED', 'REJECTED', 'weird'),
      transactionType: fc.constantFrom('BUY', 'SELL'),
      exchangeSegment: fc.constantFrom('NSE_EQ', 'NSE_FNO', 'NSE_CURRENCY'),
      productType: fc.constantFrom('CNC', 'INTRADAY', 'MARGIN'),
      orderType: fc.constantFrom('LIMIT', 'MARKET'),
      securityId: fc.stringMatching(/^\d{1,6}$/),
      quantity: fc.integer({ min: 1, max: 100_000 }),
      filledQty: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
      price: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(order, (w) => {
        const r = parseBody([w], wireOrderListSchema, (x) => x.map(mapOrder), 'orders');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const o = r.value[0]!;
        for (const n of [o.quantity, o.filledQuantity, o.remainingQuantity, o.price]) {
          expect(Number.isFinite(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
