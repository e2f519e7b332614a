import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { ConnectionState } from '../../shared/ipc/contract';
import { createAppStore } from '../stores/app-store';
import { startPrefsSync, WATCHLISTS_PREF_KEY } from './prefs-sync';

function fakeBridge(saved: Record<string, unknown>, failGets = 0) {
  const sets: Array<[string, unknown]> = [];
  let connection: ConnectionState = 'connecting';
  const listeners = new Set<(s: ConnectionState) => void>();
  let gets = 0;
  const bridge = {
    get connection() {
      return connection;
    },
    onConnectionChange(l: (s: ConnectionState) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    invoke(channel: string, args: { key: string; value?: unknown }): Promise<Result<unknown>> {
      if (channel === 'prefs.get') {
        gets++;
        if (gets <= failGets) return Promise.resolve({ ok: false, error: { code: 'NETWORK', message: 'link closed', retryable: true } });
        return Promise.resolve({ ok: true, value: saved[args.key] ?? null });
      }
      sets.push([args.key, args.value]);
      return Promise.resolve({ ok: true, value: null });
    },
  };
  const open = (s: ConnectionState) => {
    connection = s;
    for (const l of listeners) l(s);
  };
  return { bridge: bridge as never, sets, open };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('prefs sync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads watchlists and layout when the link opens, then saves watchlist changes debounced', async () => {
    const lists = { version: 1, activeId: 'x', lists: [{ id: 'x', name: 'Mine', keys: ['NSE_EQ:2885'] }] };
    const layoutPref = { version: 1, dock: { grid: {}, panels: {} } };
    const b = fakeBridge({ watchlists: lists, layout: layoutPref });
    const store = createAppStore();
    const restored: unknown[] = [];
    startPrefsSync(b.bridge, store, { restore: (v) => void restored.push(v) }, { tell: () => {}, saveDelayMs: 50 });
    // Edits before the load are not saved (they would overwrite the user's lists).
    store.getState().addToWatchlist('NSE_EQ:1');
    vi.advanceTimersByTime(100);
    expect(b.sets).toEqual([]);
    b.open('open');
    await settle();
    expect(store.getState().watchlists).toEqual(lists);
    expect(restored).toEqual([layoutPref]);
    store.getState().addToWatchlist('NSE_EQ:1333');
    store.getState().addToWatchlist('NSE_EQ:11536');
    vi.advanceTimersByTime(50);
    expect(b.sets).toHaveLength(1);
    expect(b.sets[0]![0]).toBe(WATCHLISTS_PREF_KEY);
    expect((b.sets[0]![1] as typeof lists).lists[0]!.keys).toEqual(['NSE_EQ:2885', 'NSE_EQ:1333', 'NSE_EQ:11536']);
  });

  it('retries the load on the next open after a failure, and starts from defaults when nothing was saved', async () => {
    const b = fakeBridge({}, 1);
    const store = createAppStore();
    const restored: unknown[] = [];
    startPrefsSync(b.bridge, store, { restore: (v) => void restored.push(v) }, { tell: () => {} });
    b.open('open');
    await settle();
    expect(store.getState().watchlistsLoaded).toBe(false);
    b.open('closed');
    b.open('open');
    await settle();
    expect(store.getState().watchlistsLoaded).toBe(true);
    expect(store.getState().watchlists.lists[0]!.name).toBe('Watchlist 1');
    expect(restored).toEqual([null]);
  });

  it('tells the user when saved watchlists are unreadable', async () => {
    const b = fakeBridge({ watchlists: { version: 7 } });
    const told: string[] = [];
    const store = createAppStore();
    startPrefsSync(b.bridge, store, { restore: () => {} }, { tell: (m) => void told.push(m) });
    b.open('open');
    await settle();
    expect(told[0]).toMatch(/not readable/);
    expect(store.getState().watchlistsLoaded).toBe(true);
  });
});
