import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFeedMessage, encodeFeedPacket } from '../brokers/dhan/feed-codec';
import { encodeDepthPacket } from '../brokers/dhan/depth-codec';
import { FeedClient, type FeedBatch } from './feed-client';
import type { FeedIssue, FeedStatus } from './feed-types';
import { TestFeedServer } from './test-feed-server';

let server: TestFeedServer;
let client: FeedClient | undefined;

beforeEach(async () => {
  server = await TestFeedServer.start();
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.stop();
});

describe('FeedClient with the real worker thread', () => {
  it('delivers conflated batches with the right LTPs, status and issues, then closes cleanly', async () => {
    client = FeedClient.start();
    // A batch is valid only during the callback (its buffers go back to the worker): read it there.
    const ltp = new Map<number, number>();
    let records1333 = 0;
    let quoteRecords = 0;
    let depthBid = 0;
    const statuses: FeedStatus[] = [];
    const issues: FeedIssue[] = [];
    client.onBatch((b: FeedBatch) => {
      for (let i = 0; i < (b.ticks?.count ?? 0); i++) {
        ltp.set(b.ticks!.securityId(i), b.ticks!.ltp(i));
        if (b.ticks!.securityId(i) === 1333) records1333++;
      }
      if (b.quotes !== null) quoteRecords += b.quotes.count; // ticker packets only: stays 0
      for (const d of b.depth20) depthBid = d.bids[0]?.price ?? depthBid;
    });
    client.onStatus((s) => statuses.push(s));
    client.onIssue((i) => issues.push(i));
    // Subscribing before connect is kept and applied on connect.
    client.subscribe('ticker', [{ segment: 'NSE_EQ', securityId: 1333 }, { segment: 'NSE_EQ', securityId: 2885 }]);
    client.subscribe('depth20', [{ segment: 'NSE_EQ', securityId: 1333 }]);
    client.connect({ clientId: '1000000001', accessToken: 'worker-token' }, {
      bases: server.bases,
      maxBatchesPerSecond: 60,
      statusPerSecond: 20,
      backoff: { baseMs: 5, capMs: 20 },
    });
    await server.until(() => server.open('feed')[0]?.subscribed.size === 2 && server.open('depth20')[0]?.subscribed.size === 1, 'worker subscribed');
    expect(server.open('feed')[0]!.token).toBe('worker-token');

    const feed = server.open('feed')[0]!.socket;
    // Several ticks for one instrument: the batch holds its latest state, once.
    feed.send(encodeFeedMessage([
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.1, ltt: 1_732_170_000 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 1333, ltp: 1650.4, ltt: 1_732_170_001 },
      { kind: 'ticker', segment: 'NSE_EQ', securityId: 2885, ltp: 247.8000030517578, ltt: 1_732_170_001 },
    ]));
    feed.send(Buffer.from([9, 9, 9])); // malformed: counted, skipped
    server.open('depth20')[0]!.socket.send(encodeDepthPacket({
      kind: 'bid', segment: 'NSE_EQ', securityId: 1333, levels: [{ price: 1650.35, qty: 40, orders: 3 }],
    }, 20));

    await server.until(() => ltp.get(1333) === 1650.4 && ltp.get(2885) === 247.8 && depthBid === 1650.35, 'both LTPs and the depth');
    expect(records1333).toBe(1);
    expect(quoteRecords).toBe(0);
    await server.until(() => statuses.some((s) => s.malformed === 1 && s.batches > 0), 'status with the malformed count');
    const st = statuses.at(-1)!;
    expect(st.sockets.map((s) => [s.id, s.state])).toEqual([['feed-0', 'open'], ['depth20-0', 'open']]);
    expect(JSON.stringify(statuses)).not.toContain('worker-token');

    // 807 on the feed: the worker stops reconnecting and reports the session expired.
    feed.send(encodeFeedPacket({ kind: 'disconnect', segment: 'NSE_EQ', securityId: 0, reason: 807 }));
    feed.close();
    await server.until(() => issues.some((i) => i.kind === 'session-expired'), 'session expired');
    await server.until(() => server.open().length === 0, 'every socket closed');
    expect(JSON.stringify(issues)).not.toContain('worker-token');

    // Closed by the worker's reply: with a 60 s grace the test would time out otherwise.
    await client.close(60_000);
    client = undefined;
  });

  it('reports a command with bad arguments as an error and keeps running', async () => {
    client = FeedClient.start();
    const errors: string[] = [];
    client.onError((e) => errors.push(e));
    client.subscribe('ticker', [{ segment: 'NOPE' as 'NSE_EQ', securityId: 1 }]);
    client.subscribe('sideways' as 'ticker', [{ segment: 'NSE_EQ', securityId: 1 }]);
    await server.until(() => errors.length === 2, 'two errors');
    expect(errors[0]).toMatch(/unknown segment "NOPE"/);
    expect(errors[1]).toMatch(/unknown subscription mode "sideways"/);
    client.connect({ clientId: '1', accessToken: 't' }, { bases: server.bases });
    client.subscribe('quote', [{ segment: 'BSE_EQ', securityId: 532540 }]);
    await server.until(() => server.open('feed')[0]?.subscribed.has('quote|BSE_EQ:532540') === true, 'still subscribing');
    // Closing sends the disconnect request before the worker ends.
    const conn = server.open('feed')[0]!;
    await client.close(60_000);
    client = undefined;
    await server.until(() => conn.closed, 'closed by the client');
    expect(conn.requests.at(-1)).toEqual({ RequestCode: 12 });
  });
});
