import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { decodeFeedPackets, type FeedPacket } from '../../brokers/dhan/feed-codec';
import { feedSubscribeRequests } from '../../brokers/dhan/feed-requests';
import { sampleUniverse } from '../sample-universe';
import { FeedHub } from './feed-hub';
import { startSimExchange, type SimExchangeHandle } from './server';
import { SimMarket } from './sim-market';

/**
 * What the wire reports for an instrument that comes alive at 13:00 IST: the quote and full feed
 * packets and the REST `/marketfeed/ohlc` and `/marketfeed/quote` answers carry the day of the
 * candles the same sim serves (`/charts/intraday`), not a day that began when it was subscribed.
 */

const IST = (hhmm: string, date = '2026-11-20') => Date.parse(`${date}T${hhmm}:00+05:30`);
const RELIANCE = { segment: 'NSE_EQ', securityId: '2885' } as const;

/** Today's candles of RELIANCE up to now, as the chart would get them. */
function dayOfCandles(market: SimMarket) {
  const bars = market.model.candles(RELIANCE, '1m', IST('09:15'), market.model.now());
  return {
    open: bars[0]!.open,
    high: Math.max(...bars.map((b) => b.high)),
    low: Math.min(...bars.map((b) => b.low)),
    close: bars.at(-1)!.close,
    volume: bars.reduce((s, b) => s + b.volume, 0),
    count: bars.length,
  };
}

describe('feed packets of an instrument subscribed at 13:00 IST', () => {
  it('quote and full packets carry the day open, high, low, volume and ATP of its history', () => {
    const market = new SimMarket({ seed: 9, catalogue: sampleUniverse(IST('09:20')), startTimeMs: IST('13:00'), eagerLimit: 0 });
    const hub = new FeedHub(market, 1 << 30, (f) => f());
    const sent: Uint8Array[] = [];
    const ws = Object.assign(new EventEmitter(), { bufferedAmount: 0, send: (d: Uint8Array) => void sent.push(d), close: () => {} });
    hub.attach(ws as unknown as WebSocket, 'c');
    for (const mode of ['quote', 'full'] as const) {
      for (const r of feedSubscribeRequests(mode, [{ segment: 'NSE_EQ', securityId: 2885 }])) ws.emit('message', Buffer.from(JSON.stringify(r)), false);
    }
    const packets: FeedPacket[] = sent.flatMap((m) => [...decodeFeedPackets(m).packets]);
    const day = dayOfCandles(market);
    expect(day.count).toBe(225);
    const q = market.model.quote(RELIANCE, 0);
    const quotes = packets.filter((p) => p.kind === 'quote' || p.kind === 'full');
    expect(quotes.map((p) => p.kind)).toEqual(['quote', 'quote', 'full']); // the second subscribe re-sends quote + full
    for (const p of quotes) {
      if (p.kind !== 'quote' && p.kind !== 'full') continue;
      // prices are float32 on the wire
      expect(p.open).toBeCloseTo(day.open, 2);
      expect(p.high).toBeCloseTo(day.high, 2);
      expect(p.low).toBeCloseTo(day.low, 2);
      expect(p.ltp).toBeCloseTo(day.close, 2);
      expect(p.volume).toBe(day.volume);
      expect(p.atp).toBeCloseTo(q.atp, 2);
      expect(p.close).toBeCloseTo(market.spec('NSE_EQ:2885')!.initialPrice, 2); // Thursday's close
    }
    const prev = packets.find((p) => p.kind === 'prevClose');
    expect(prev?.kind === 'prevClose' && prev.prevClose).toBeCloseTo(q.close, 2);
    hub.dispose();
    market.dispose();
  });
});

describe('REST quotes of an instrument first asked for at 13:00 IST', () => {
  let sim: SimExchangeHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${sim!.restBaseUrl}${path}`, {
      method: 'POST',
      headers: { 'access-token': sim!.token, 'client-id': sim!.clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('/marketfeed/ohlc and /marketfeed/quote report the day of /charts/intraday', async () => {
    sim = await startSimExchange({
      seed: 10,
      universe: sampleUniverse(IST('09:20')),
      startTimeMs: IST('13:00'),
      manualClock: true,
      eagerLimit: 0,
      rateLimits: 'off',
    });
    expect(sim.market.activeKey('NSE_EQ:2885')).toBe(false);
    const ohlc = (await post('/marketfeed/ohlc', { NSE_EQ: [2885] })) as { data: { NSE_EQ: Record<string, { last_price: number; ohlc: Record<string, number> }> } };
    const quote = (await post('/marketfeed/quote', { NSE_EQ: [2885] })) as {
      data: { NSE_EQ: Record<string, { volume: number; average_price: number; last_price: number; net_change: number; ohlc: Record<string, number> }> };
    };
    const chart = (await post('/charts/intraday', {
      securityId: '2885',
      exchangeSegment: 'NSE_EQ',
      instrument: 'EQUITY',
      interval: '1',
      fromDate: '2026-11-20 09:15:00',
      toDate: '2026-11-20 13:00:00',
    })) as { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
    expect(chart.open.length).toBe(225);
    const o = ohlc.data.NSE_EQ['2885']!;
    expect(o.ohlc).toEqual({ open: chart.open[0], high: Math.max(...chart.high), low: Math.min(...chart.low), close: sim.market.spec('NSE_EQ:2885')!.initialPrice });
    expect(o.last_price).toBe(chart.close.at(-1));
    const q = quote.data.NSE_EQ['2885']!;
    expect(q.ohlc).toEqual(o.ohlc);
    expect(q.volume).toBe(chart.volume.reduce((s, v) => s + v, 0));
    expect(q.average_price).toBeGreaterThanOrEqual(o.ohlc['low']!);
    expect(q.average_price).toBeLessThanOrEqual(o.ohlc['high']!);
    expect(q.net_change).toBe(Math.round((q.last_price - o.ohlc['close']!) * 100) / 100);
  });
});
