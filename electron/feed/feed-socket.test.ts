import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFeedPacket } from '../brokers/dhan/feed-codec';
import { ATTEMPT_FLOOR_AFTER_805, FeedSocket, type FeedClock, type FeedSocketListener } from './feed-socket';
import type { FeedIssue } from './feed-types';
import { TestFeedServer } from './test-feed-server';

/** A clock whose timers run only when the test says so; records every delay asked for. */
class ManualClock implements FeedClock {
  t = 1_700_000_000_000;
  readonly delays: number[] = [];
  private timers: { fn: () => void; at: number; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = ++this.ids;
    this.timers.push({ fn, at: this.t + ms, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  /** Moves time on by `ms` and runs the timers that fall due, in order. */
  advance(ms: number): void {
    this.t += ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= this.t).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) return;
      this.timers = this.timers.filter((x) => x !== due);
      due.fn();
    }
  }
}

let server: TestFeedServer;
let clock: ManualClock;
let socket: FeedSocket | undefined;
let issues: FeedIssue[];
let frames: number;

function open(random: () => number): FeedSocket {
  issues = [];
  frames = 0;
  const listener: FeedSocketListener = {
    frame: () => void frames++,
    malformed: () => {},
    changed: () => server.wake(),
    issue: (i) => void issues.push(i),
    authRefused: () => {},
  };
  socket = new FeedSocket({
    id: 'feed-0',
    kind: 'feed',
    url: server.url('feed'),
    staleMs: 10_000,
    backoff: { baseMs: 500, capMs: 4000 },
    random,
    clock,
    listener,
  });
  socket.setSubscriptions(new Map([['ticker', [{ segment: 'NSE_EQ', securityId: 1 }]]]));
  socket.start();
  return socket;
}

beforeEach(async () => {
  server = await TestFeedServer.start();
  clock = new ManualClock();
});
afterEach(async () => {
  await socket?.close();
  await server.stop();
});

/** Waits until the socket has scheduled its next attempt (state `waiting`). */
const waiting = (s: FeedSocket) => server.until(() => s.state === 'waiting', 'waiting');

describe('FeedSocket reconnect schedule (full jitter, injected clock and random)', () => {
  it('draws each delay from a window that doubles up to the cap, and starts over once data flows', async () => {
    server.refuseNew = true;
    const s = open(() => 0.75);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await waiting(s);
      delays.push(clock.delays.at(-1)!);
      if (i < 4) clock.advance(delays.at(-1)!);
    }
    expect(delays).toEqual([375, 750, 1500, 3000, 3000]); // 0.75 × 500, 1000, 2000, 4000, 4000 (cap)
    server.refuseNew = false;
    clock.advance(delays.at(-1)!);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 1, 'subscribed');
    server.open('feed')[0]!.socket.send(encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 10, ltt: 1 }));
    await server.until(() => frames === 1, 'a frame');
    server.open('feed')[0]!.socket.terminate();
    await waiting(s);
    expect(clock.delays.at(-1)).toBe(375); // attempt count back to 0 after data
    expect(s.reconnects).toBe(6);
  });

  it('after 805 the next window is at least base × 2^floor', async () => {
    const s = open(() => 0.5);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 1, 'subscribed');
    const conn = server.open('feed')[0]!;
    conn.socket.send(encodeFeedPacket({ kind: 'ticker', segment: 'NSE_EQ', securityId: 1, ltp: 10, ltt: 1 }));
    await server.until(() => frames === 1, 'a frame');
    expect(s.serverDisconnect(805).meaning).toMatch(/Too many requests or connections/);
    conn.socket.close();
    await waiting(s);
    expect(clock.delays.at(-1)).toBe(Math.min(4000, 500 * 2 ** ATTEMPT_FLOOR_AFTER_805) * 0.5);
  });

  it('goes stale after staleMs of silence while subscribed, then reconnects', async () => {
    const s = open(() => 0);
    await server.until(() => server.open('feed')[0]?.subscribed.size === 1, 'subscribed');
    const first = server.open('feed')[0]!;
    clock.advance(9_999);
    expect(issues.filter((i) => i.kind === 'stale')).toEqual([]);
    clock.advance(1);
    expect(issues.filter((i) => i.kind === 'stale')).toEqual([{ kind: 'stale', socketId: 'feed-0', silentMs: 10_000 }]);
    await waiting(s);
    clock.advance(0);
    await server.until(() => first.closed && server.open('feed')[0]?.subscribed.size === 1, 'back');
    expect(s.staleCount).toBe(1);
  });
});
