import { describe, expect, it } from 'vitest';
import {
  depth200SubscribeRequest,
  depth200UnsubscribeRequest,
  depth20SubscribeRequests,
  depth20UnsubscribeRequests,
  disconnectRequest,
  feedSubscribeRequests,
  feedUnsubscribeRequests,
  instrumentKey,
  type FeedInstrument,
} from './feed-requests';

const nse = (n: number): FeedInstrument[] =>
  Array.from({ length: n }, (_, i) => ({ segment: 'NSE_EQ', securityId: 1000 + i }));

describe('market-feed requests', () => {
  it('matches the seed example byte for byte', () => {
    const [msg] = feedSubscribeRequests('ticker', [
      { segment: 'NSE_EQ', securityId: 1333 },
      { segment: 'BSE_EQ', securityId: 532540 },
    ]);
    expect(JSON.stringify(msg)).toBe(
      '{"RequestCode":15,"InstrumentCount":2,"InstrumentList":[{"ExchangeSegment":"NSE_EQ","SecurityId":"1333"},{"ExchangeSegment":"BSE_EQ","SecurityId":"532540"}]}',
    );
  });

  it('uses 15/17/21 to subscribe and 16/18/22 to unsubscribe', () => {
    const one = nse(1);
    expect(feedSubscribeRequests('ticker', one)[0]!.RequestCode).toBe(15);
    expect(feedSubscribeRequests('quote', one)[0]!.RequestCode).toBe(17);
    expect(feedSubscribeRequests('full', one)[0]!.RequestCode).toBe(21);
    expect(feedUnsubscribeRequests('ticker', one)[0]!.RequestCode).toBe(16);
    expect(feedUnsubscribeRequests('quote', one)[0]!.RequestCode).toBe(18);
    expect(feedUnsubscribeRequests('full', one)[0]!.RequestCode).toBe(22);
  });

  it('splits 250 instruments into 100 + 100 + 50, in order, none lost or repeated', () => {
    const list = nse(250);
    const msgs = feedSubscribeRequests('quote', list);
    expect(msgs.map((m) => m.InstrumentCount)).toEqual([100, 100, 50]);
    for (const m of msgs) expect(m.InstrumentList.length).toBe(m.InstrumentCount);
    const ids = msgs.flatMap((m) => m.InstrumentList.map((w) => Number(w.SecurityId)));
    expect(ids).toEqual(list.map((i) => i.securityId));
  });

  it('gives no message for an empty list', () => {
    expect(feedSubscribeRequests('full', [])).toEqual([]);
  });

  it('refuses a security id that is not a non-negative integer', () => {
    expect(() => feedSubscribeRequests('ticker', [{ segment: 'NSE_EQ', securityId: 1.5 }])).toThrow(/security id/);
    expect(() => feedSubscribeRequests('ticker', [{ segment: 'NSE_EQ', securityId: -1 }])).toThrow(/security id/);
  });
});

describe('depth and disconnect requests', () => {
  it('20-level: code 23/24, up to 50 per message', () => {
    const msgs = depth20SubscribeRequests(nse(51));
    expect(msgs.map((m) => [m.RequestCode, m.InstrumentCount])).toEqual([[23, 50], [23, 1]]);
    expect(depth20UnsubscribeRequests(nse(2))[0]).toEqual({
      RequestCode: 24,
      InstrumentCount: 2,
      InstrumentList: [
        { ExchangeSegment: 'NSE_EQ', SecurityId: '1000' },
        { ExchangeSegment: 'NSE_EQ', SecurityId: '1001' },
      ],
    });
  });

  it('200-level: the flat one-instrument shape of the seed', () => {
    const i: FeedInstrument = { segment: 'NSE_FNO', securityId: 52175 };
    expect(JSON.stringify(depth200SubscribeRequest(i))).toBe('{"RequestCode":23,"ExchangeSegment":"NSE_FNO","SecurityId":"52175"}');
    expect(depth200UnsubscribeRequest(i)).toEqual({ RequestCode: 24, ExchangeSegment: 'NSE_FNO', SecurityId: '52175' });
  });

  it('disconnect is {"RequestCode":12}', () => {
    expect(JSON.stringify(disconnectRequest())).toBe('{"RequestCode":12}');
  });

  it('keys instruments by segment and security id', () => {
    expect(instrumentKey({ segment: 'BSE_EQ', securityId: 532540 })).toBe('BSE_EQ:532540');
  });
});
