import { describe, expect, it } from 'vitest';
import type { InstrumentKey } from '../../shared/instruments';
import { createAppStore } from './app-store';
import { DEFAULT_WATCHLISTS, MAX_WATCHLISTS, parseWatchlistsPref } from './watchlists-slice';

const A = 'NSE_EQ:2885' as InstrumentKey;
const B = 'NSE_EQ:1333' as InstrumentKey;
const C = 'NSE_FNO:35001' as InstrumentKey;

const active = (store: ReturnType<typeof createAppStore>) => {
  const w = store.getState().watchlists;
  return w.lists.find((l) => l.id === w.activeId)!;
};

describe('watchlists slice', () => {
  it('starts with one empty list, not yet loaded', () => {
    const s = createAppStore().getState();
    expect(s.watchlists).toEqual(DEFAULT_WATCHLISTS);
    expect(s.watchlistsLoaded).toBe(false);
  });

  it('adds to the active list once, removes, and reorders by steps and to an index', () => {
    const store = createAppStore();
    const s = store.getState();
    expect(s.addToWatchlist(A)).toBe(true);
    expect(s.addToWatchlist(B)).toBe(true);
    expect(s.addToWatchlist(C)).toBe(true);
    expect(s.addToWatchlist(A)).toBe(false);
    expect(active(store).keys).toEqual([A, B, C]);
    s.moveInWatchlist(C, -1);
    expect(active(store).keys).toEqual([A, C, B]);
    s.moveInWatchlist(A, -1); // already first: clamped, unchanged
    expect(active(store).keys).toEqual([A, C, B]);
    s.moveToIndex(A, 99);
    expect(active(store).keys).toEqual([C, B, A]);
    s.moveToIndex(A, 0);
    expect(active(store).keys).toEqual([A, C, B]);
    s.removeFromWatchlist(C);
    expect(active(store).keys).toEqual([A, B]);
  });

  it('keeps lists apart: create makes the new list active, add goes to the chosen list', () => {
    const store = createAppStore();
    const s = store.getState();
    s.addToWatchlist(A);
    const id = s.createWatchlist('  Banks   F&O ')!;
    expect(store.getState().watchlists.activeId).toBe(id);
    expect(active(store).name).toBe('Banks F&O');
    s.addToWatchlist(B);
    s.addToWatchlist(C, 'wl-1');
    const lists = store.getState().watchlists.lists;
    expect(lists.map((l) => [l.name, l.keys])).toEqual([
      ['Watchlist 1', [A, C]],
      ['Banks F&O', [B]],
    ]);
  });

  it('renames with a clean name, refuses an empty one, and deletes (keeping at least one list)', () => {
    const store = createAppStore();
    const s = store.getState();
    const id = s.createWatchlist()!;
    expect(s.renameWatchlist(id, '   ')).toBe(false);
    expect(s.renameWatchlist(id, 'Nifty options')).toBe(true);
    expect(active(store).name).toBe('Nifty options');
    s.deleteWatchlist(id);
    expect(store.getState().watchlists.lists.map((l) => l.id)).toEqual(['wl-1']);
    expect(store.getState().watchlists.activeId).toBe('wl-1');
    s.addToWatchlist(A);
    s.deleteWatchlist('wl-1');
    expect(store.getState().watchlists.lists).toEqual([{ id: 'wl-1', name: 'Watchlist 1', keys: [] }]);
  });

  it('stops creating lists at the limit', () => {
    const s = createAppStore().getState();
    for (let i = 1; i < MAX_WATCHLISTS; i++) expect(s.createWatchlist()).not.toBeNull();
    expect(s.createWatchlist()).toBeNull();
  });

  it('reads a saved pref piece by piece, dropping bad keys, duplicates and nameless lists', () => {
    const parsed = parseWatchlistsPref({
      version: 1,
      activeId: 'gone',
      lists: [
        { id: 'a', name: ' Main ', keys: [A, 'NSE_EQ:abc', A, 42, B, 'XX:1'] },
        { id: 'b', name: '', keys: [C] },
        { id: 'a', name: 'dup id', keys: [] },
        'junk',
        { id: 'c', name: 'F&O', keys: [C] },
      ],
    });
    expect(parsed).toEqual({
      version: 1,
      activeId: 'a',
      lists: [
        { id: 'a', name: 'Main', keys: [A, B] },
        { id: 'c', name: 'F&O', keys: [C] },
      ],
    });
    expect(parseWatchlistsPref(null)).toBeNull();
    expect(parseWatchlistsPref({ version: 2, lists: [] })).toBeNull();
    expect(parseWatchlistsPref({ version: 1, activeId: 'x', lists: [{ id: 'x', name: '' }] })).toBeNull();
  });
});
