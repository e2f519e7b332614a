import { describe, expect, it } from 'vitest';
import type { FeedStatus, SocketStatus } from '../../shared/ipc/contract';
import { createAppStore } from '../stores/app-store';
import { startWorkstationSync } from './workstation-sync';

// The feed.status stream repeats each socket's last disconnect about once a second; the user gets
// one toast per new disconnect, not one per status.

function fakeBridge() {
  const subs = new Map<string, (v: unknown) => void>();
  const bridge = {
    connection: 'connecting',
    onConnectionChange: () => () => {},
    invoke: () => Promise.resolve({ ok: false, error: { code: 'NETWORK', message: 'not in this test', retryable: true } }),
    subscribe(channel: string, _args: unknown, emit: (v: unknown) => void) {
      subs.set(channel, emit);
      return () => void subs.delete(channel);
    },
  };
  return { bridge: bridge as never, push: (f: FeedStatus) => subs.get('feed.status')?.(f), subscribed: () => [...subs.keys()] };
}

/** Disconnect times near now: the watcher ignores old ones (a page reloaded long after). */
const T = Date.now();
const sock = (p: Partial<SocketStatus>): SocketStatus => ({ id: 'feed-0', kind: 'feed', state: 'open', instruments: 3, detail: '', ...p });
const status = (...sockets: SocketStatus[]): FeedStatus => ({ sockets, messagesPerSecond: 10, lastMessageAtMs: T, malformedFrames: 0 });
const TOO_MANY = { code: 805, meaning: 'Too many requests or connections. Further requests may result in the user being blocked.', final: false };

describe('workstation sync: feed disconnect notices', () => {
  it('raises one toast per new disconnect, however many statuses repeat it', () => {
    const store = createAppStore();
    store.getState().setSession({ broker: 'dhan', mode: 'LIVE', state: 'connected', detail: '', tokenExpiresAtMs: null });
    const b = fakeBridge();
    const stop = startWorkstationSync(b.bridge, store);
    expect(b.subscribed()).toContain('feed.status');

    b.push(status(sock({})));
    expect(store.getState().toasts).toEqual([]);
    // The 805 arrives while reconnecting, then the same disconnect rides on every later status.
    const d1 = { ...TOO_MANY, atMs: T + 1000 };
    b.push(status(sock({ state: 'reconnecting', detail: '805: Too many…', lastDisconnect: d1 })));
    b.push(status(sock({ state: 'reconnecting', detail: '805: Too many…', lastDisconnect: d1 })));
    b.push(status(sock({ state: 'open', lastDisconnect: d1 })));
    expect(store.getState().toasts.map((t) => [t.message, t.tone])).toEqual([
      ['Market feed disconnected by Dhan: 805 Too many requests or connections. Further requests may result in the user being blocked. Reconnecting.', 'warn'],
    ]);
    // The store keeps the status itself for the status bar.
    expect(store.getState().feed?.sockets[0]?.lastDisconnect).toEqual(d1);

    // A second 805 later on the same socket is a new disconnect; an 806 on a depth socket too, and it is final.
    const d2 = { ...TOO_MANY, atMs: T + 60_000 };
    const d3 = { code: 806, meaning: 'Data APIs not subscribed', atMs: T + 61_000, final: true };
    for (let i = 0; i < 3; i++) b.push(status(sock({ lastDisconnect: d2 }), sock({ id: 'depth20-0', kind: 'depth20', state: 'closed', lastDisconnect: d3 })));
    const toasts = store.getState().toasts;
    expect(toasts).toHaveLength(3);
    expect(toasts[1]).toMatchObject({ tone: 'warn', message: expect.stringMatching(/^Market feed disconnected by Dhan: 805 /) });
    expect(toasts[2]).toMatchObject({ tone: 'bad', message: expect.stringMatching(/^20-level depth feed disconnected by Dhan: 806 Data APIs not subscribed\. It stays down until you connect again/) });
    stop();
    expect(b.subscribed()).toEqual([]);
  });

  it('does not announce a disconnect that was already old when the page first saw it', () => {
    const store = createAppStore();
    const b = fakeBridge();
    const stop = startWorkstationSync(b.bridge, store);
    const old = { ...TOO_MANY, atMs: Date.now() - 6 * 60_000 };
    b.push(status(sock({ state: 'open', lastDisconnect: old })));
    b.push(status(sock({ state: 'open', lastDisconnect: old })));
    expect(store.getState().toasts).toEqual([]);
    // No session known yet: "the server".
    b.push(status(sock({ state: 'reconnecting', lastDisconnect: { ...TOO_MANY, atMs: Date.now() } })));
    expect(store.getState().toasts.map((t) => t.message)).toEqual([expect.stringMatching(/^Market feed disconnected by the server: 805 /)]);
    stop();
  });

  it('names the simulated exchange on a SIM session and says 807 is final', () => {
    const store = createAppStore();
    store.getState().setSession({ broker: 'sim', mode: 'SIM', state: 'connected', detail: '', tokenExpiresAtMs: null });
    const b = fakeBridge();
    const stop = startWorkstationSync(b.bridge, store);
    b.push(status(sock({ state: 'expired', lastDisconnect: { code: 807, meaning: 'Access token is expired', atMs: T, final: true } })));
    expect(store.getState().toasts.map((t) => [t.message, t.tone])).toEqual([
      ['Market feed disconnected by the simulated exchange: 807 Access token is expired. It stays down until you connect again with working credentials (Settings).', 'bad'],
    ]);
    stop();
  });
});
