import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFeedMessage } from '../brokers/dhan/feed-codec';
import { unpackFeedBatch } from './feed-client';
import type { FeedBatchMessage, FeedCommand, FeedEvent } from './feed-protocol';
import { FeedWorkerHost, type FeedHostPort } from './feed-worker-host';
import { QuoteField } from './quote-table';
import { TickField } from './tick-lane';
import { TestFeedServer } from './test-feed-server';

/** A port that records what the host posts and with which transfer list. */
class RecordingPort implements FeedHostPort {
  readonly posted: { message: FeedEvent; transfer: readonly ArrayBuffer[] }[] = [];
  private listener: ((m: FeedCommand) => void) | null = null;
  postMessage(message: FeedEvent, transfer: readonly ArrayBuffer[] = []): void {
    this.posted.push({ message, transfer });
  }
  on(_event: 'message', listener: (m: FeedCommand) => void): void {
    this.listener = listener;
  }
  send(c: FeedCommand): void {
    this.listener!(c);
  }
  batches(): { message: FeedBatchMessage; transfer: readonly ArrayBuffer[] }[] {
    return this.posted.filter((p) => p.message.type === 'batch') as { message: FeedBatchMessage; transfer: readonly ArrayBuffer[] }[];
  }
}

let server: TestFeedServer;
let port: RecordingPort;
let host: FeedWorkerHost;

beforeEach(async () => {
  server = await TestFeedServer.start();
  port = new RecordingPort();
  host = new FeedWorkerHost(port);
});
afterEach(async () => {
  port.send({ type: 'close' });
  await server.stop();
});

describe('FeedWorkerHost', () => {
  it('conflates many packets into one record per instrument and transfers the buffer', async () => {
    // One batch per second at most: the test flushes by hand.
    port.send({ type: 'connect', credentials: { clientId: '1', accessToken: 't' }, settings: { bases: server.bases, maxBatchesPerSecond: 1 } });
    port.send({ type: 'subscribe', mode: 'quote', instruments: [{ segment: 'NSE_EQ', securityId: 11 }, { segment: 'NSE_FNO', securityId: 35001 }] });
    await server.until(() => server.open('feed')[0]?.subscribed.size === 2, 'subscribed');
    const packets = [];
    for (let k = 1; k <= 500; k++) packets.push({ kind: 'ticker' as const, segment: 'NSE_EQ' as const, securityId: 11, ltp: 100 + k / 100, ltt: 1_732_170_000 + k });
    packets.push({ kind: 'ticker' as const, segment: 'NSE_FNO' as const, securityId: 35001, ltp: 98.35, ltt: 1_732_170_000 });
    server.open('feed')[0]!.socket.send(encodeFeedMessage(packets));
    const before = port.batches().length;
    await server.until(() => {
      host.flush();
      return port.batches().length > before;
    }, 'a batch');
    const { message, transfer } = port.batches().at(-1)!;
    expect(message.ticks).not.toBeNull();
    expect(message.quotes).toBeNull(); // ticker packets only: no full quote records
    expect(transfer).toEqual([message.ticks]);
    const batch = unpackFeedBatch(message, 0);
    const rows = Array.from({ length: batch.ticks!.count }, (_, i) => [batch.ticks!.securityId(i), batch.ticks!.ltp(i), batch.ticks!.get(i, TickField.LTT)]);
    expect(rows).toEqual([[11, 105, 1_732_170_500 - 19_800], [35001, 98.35, 1_732_170_000 - 19_800]]);
    // The buffer comes back from the main thread and serves the next batch: no new allocation.
    port.send({ type: 'recycle', buffers: [message.ticks!] });
    const allocated = host.pool.allocated;
    server.open('feed')[0]!.socket.send(encodeFeedMessage([
      { kind: 'quote', segment: 'NSE_FNO', securityId: 35001, ltp: 98.4, ltq: 75, ltt: 1_732_170_100, atp: 98.2,
        volume: 150, totalSellQty: 1, totalBuyQty: 2, open: 97, close: 0, high: 99, low: 96 },
    ]));
    await server.until(() => {
      host.flush();
      return port.batches().at(-1)!.message.seq > message.seq;
    }, 'a second batch');
    const second = port.batches().at(-1)!.message;
    expect(second.ticks).toBe(message.ticks);
    expect(host.pool.allocated).toBe(allocated + 1); // only the quote lane's buffer was new
    const q = unpackFeedBatch(second, 0).quotes!;
    expect([q.count, q.securityId(0), q.get(0, QuoteField.VOLUME), q.get(0, QuoteField.HIGH)]).toEqual([1, 35001, 150, 99]);
    // Nothing changed since: no empty batch.
    host.flush();
    expect(port.batches().at(-1)!.message.seq).toBe(second.seq);
  });

  it('sends a message arriving after a quiet spell at once, without waiting for a frame timer', async () => {
    // One batch per 100 s at most: a free-running frame timer would send nothing during this test.
    port.send({ type: 'connect', credentials: { clientId: '1', accessToken: 't' }, settings: { bases: server.bases, maxBatchesPerSecond: 0.01 } });
    port.send({ type: 'subscribe', mode: 'ticker', instruments: [{ segment: 'NSE_EQ', securityId: 11 }] });
    await server.until(() => server.open('feed')[0]?.subscribed.size === 1, 'subscribed');
    const tick = (...ltps: number[]) => encodeFeedMessage(ltps.map((ltp) => ({ kind: 'ticker' as const, segment: 'NSE_EQ' as const, securityId: 11, ltp, ltt: 1_732_170_000 })));
    server.open('feed')[0]!.socket.send(tick(100.5));
    await server.until(() => port.batches().length === 1, 'a batch without a manual flush');
    const ltpOf = (i: number) => unpackFeedBatch(port.batches()[i]!.message, 0).ticks!.ltp(0);
    expect(ltpOf(0)).toBe(100.5);
    // Within the 100 s frame the next message waits in the tables (conflated); a manual flush sends it.
    server.open('feed')[0]!.socket.send(tick(101, 101.5));
    await server.until(() => {
      if (port.batches().length > 1) return true;
      host.flush();
      return port.batches().length > 1;
    }, 'a second batch');
    expect(port.batches()).toHaveLength(2);
    expect(ltpOf(1)).toBe(101.5);
  });

  it('answers bad commands with an error event and no state change', () => {
    port.send({ type: 'credentials', credentials: { clientId: '1', accessToken: 't' } });
    port.send({ type: 'connect', credentials: { clientId: '', accessToken: 't' } });
    port.send({ type: 'subscribe', mode: 'ticker', instruments: [{ segment: 'NSE_EQ', securityId: -4 }] });
    port.send({ type: 'launch' } as unknown as FeedCommand);
    const errors = port.posted.flatMap((p) => (p.message.type === 'error' ? [p.message.message] : []));
    expect(errors).toEqual([
      'feed worker: credentials before connect',
      'feed worker: credentials need a non-empty clientId and accessToken',
      'feed worker: instrument 0: security id must be a u32 integer, got -4',
      'feed worker: unknown command "launch"',
    ]);
  });
});
