/**
 * The `watchlists` slice: several named lists of instruments, one of them active. Add, remove,
 * reorder (by one step or to an index), create, rename, delete. Saved by the core through
 * `prefs.set {key:'watchlists'}` (renderer/app/prefs-sync.ts) in the shape `WatchlistsPref`.
 *
 * Rules: a key appears at most once per list; a list holds at most `MAX_WATCHLIST_ROWS` keys (one
 * `market.quotes` subscription takes 1000); there is always at least one list; names are trimmed,
 * 1…32 characters.
 *
 * Source: issue 5, "Watchlists" (several named lists; add, remove, reorder; saved).
 */
import type { StateCreator } from 'zustand';
import { parseInstrumentKey, type InstrumentKey } from '../../shared/instruments';

/** Most rows of one list. */
export const MAX_WATCHLIST_ROWS = 1000;
/** Most lists. */
export const MAX_WATCHLISTS = 20;
/** Longest list name, characters. */
export const MAX_WATCHLIST_NAME = 32;

/** One named list. */
export interface Watchlist {
  readonly id: string;
  readonly name: string;
  readonly keys: readonly InstrumentKey[];
}

/** What is saved under the pref key `watchlists` (version 1). */
export interface WatchlistsPref {
  readonly version: 1;
  readonly activeId: string;
  readonly lists: readonly Watchlist[];
}

/** The lists a first start shows. */
export const DEFAULT_WATCHLISTS: WatchlistsPref = {
  version: 1,
  activeId: 'wl-1',
  lists: [{ id: 'wl-1', name: 'Watchlist 1', keys: [] }],
};

/** The slice. */
export interface WatchlistsSlice {
  readonly watchlists: WatchlistsPref;
  /** True once the saved lists were loaded (or found missing): saving starts only then. */
  readonly watchlistsLoaded: boolean;
  /** Replaces everything (from prefs); marks the lists loaded. */
  loadWatchlists(pref: WatchlistsPref): void;
  /** Adds a list named `name` (or "Watchlist N") and makes it active; returns its id, or null at the limit. */
  createWatchlist(name?: string): string | null;
  /** Renames; false for an unknown id or an empty name. */
  renameWatchlist(id: string, name: string): boolean;
  /** Deletes a list (the last one is kept, emptied instead). */
  deleteWatchlist(id: string): void;
  selectWatchlist(id: string): void;
  /** Adds `key` at the end of list `listId` (the active one by default); false when already there or full. */
  addToWatchlist(key: InstrumentKey, listId?: string): boolean;
  removeFromWatchlist(key: InstrumentKey, listId?: string): void;
  /** Moves `key` by `delta` rows (-1 up, +1 down), clamped to the list. */
  moveInWatchlist(key: InstrumentKey, delta: number, listId?: string): void;
  /** Moves `key` to row `index` (drag and drop), clamped to the list. */
  moveToIndex(key: InstrumentKey, index: number, listId?: string): void;
}

/** Trims a name and cuts it to the limit; null when nothing is left. */
export function cleanWatchlistName(name: string): string | null {
  const t = name.trim().replace(/\s+/g, ' ').slice(0, MAX_WATCHLIST_NAME);
  return t === '' ? null : t;
}

/**
 * Reads a saved `watchlists` pref: anything malformed is dropped piece by piece (an unknown key, a
 * duplicate, a list without a name) rather than losing every list. Null when nothing usable is left.
 */
export function parseWatchlistsPref(value: unknown): WatchlistsPref | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { version?: unknown; activeId?: unknown; lists?: unknown };
  if (v.version !== 1 || !Array.isArray(v.lists)) return null;
  const lists: Watchlist[] = [];
  const ids = new Set<string>();
  for (const raw of v.lists.slice(0, MAX_WATCHLISTS) as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const l = raw as { id?: unknown; name?: unknown; keys?: unknown };
    if (typeof l.id !== 'string' || l.id === '' || ids.has(l.id) || typeof l.name !== 'string') continue;
    const name = cleanWatchlistName(l.name);
    if (name === null) continue;
    const keys: InstrumentKey[] = [];
    const seen = new Set<string>();
    for (const k of Array.isArray(l.keys) ? (l.keys as unknown[]) : []) {
      if (typeof k !== 'string' || seen.has(k) || parseInstrumentKey(k) === null) continue;
      seen.add(k);
      keys.push(k as InstrumentKey);
      if (keys.length === MAX_WATCHLIST_ROWS) break;
    }
    ids.add(l.id);
    lists.push({ id: l.id, name, keys });
  }
  if (lists.length === 0) return null;
  const activeId = typeof v.activeId === 'string' && ids.has(v.activeId) ? v.activeId : lists[0]!.id;
  return { version: 1, activeId, lists };
}

function move<T>(list: readonly T[], from: number, to: number): readonly T[] {
  const clamped = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from === clamped) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(clamped, 0, item!);
  return next;
}

/** Creates the slice for the combined store. */
export const createWatchlistsSlice: StateCreator<WatchlistsSlice, [], [], WatchlistsSlice> = (set, get) => {
  const editList = (listId: string | undefined, edit: (keys: readonly InstrumentKey[]) => readonly InstrumentKey[]) =>
    set((s) => {
      const id = listId ?? s.watchlists.activeId;
      let changed = false;
      const lists = s.watchlists.lists.map((l) => {
        if (l.id !== id) return l;
        const keys = edit(l.keys);
        if (keys === l.keys) return l;
        changed = true;
        return { ...l, keys };
      });
      return changed ? { watchlists: { ...s.watchlists, lists } } : s;
    });
  const freshId = (lists: readonly Watchlist[]) => {
    let n = lists.length + 1;
    while (lists.some((l) => l.id === `wl-${n}`)) n++;
    return `wl-${n}`;
  };

  return {
    watchlists: DEFAULT_WATCHLISTS,
    watchlistsLoaded: false,
    loadWatchlists: (watchlists) => set({ watchlists, watchlistsLoaded: true }),
    createWatchlist: (name) => {
      const { lists } = get().watchlists;
      if (lists.length >= MAX_WATCHLISTS) return null;
      const id = freshId(lists);
      const clean = (name === undefined ? null : cleanWatchlistName(name)) ?? `Watchlist ${lists.length + 1}`;
      set((s) => ({ watchlists: { ...s.watchlists, activeId: id, lists: [...s.watchlists.lists, { id, name: clean, keys: [] }] } }));
      return id;
    },
    renameWatchlist: (id, name) => {
      const clean = cleanWatchlistName(name);
      if (clean === null || !get().watchlists.lists.some((l) => l.id === id)) return false;
      set((s) => ({ watchlists: { ...s.watchlists, lists: s.watchlists.lists.map((l) => (l.id === id ? { ...l, name: clean } : l)) } }));
      return true;
    },
    deleteWatchlist: (id) =>
      set((s) => {
        const { lists, activeId } = s.watchlists;
        const i = lists.findIndex((l) => l.id === id);
        if (i < 0) return s;
        if (lists.length === 1) return { watchlists: { ...s.watchlists, lists: [{ ...lists[0]!, keys: [] }] } };
        const rest = lists.filter((l) => l.id !== id);
        const nextActive = activeId === id ? rest[Math.min(i, rest.length - 1)]!.id : activeId;
        return { watchlists: { version: 1, activeId: nextActive, lists: rest } };
      }),
    selectWatchlist: (id) =>
      set((s) => (s.watchlists.lists.some((l) => l.id === id) ? { watchlists: { ...s.watchlists, activeId: id } } : s)),
    addToWatchlist: (key, listId) => {
      const w = get().watchlists;
      const list = w.lists.find((l) => l.id === (listId ?? w.activeId));
      if (list === undefined || list.keys.includes(key) || list.keys.length >= MAX_WATCHLIST_ROWS) return false;
      editList(list.id, (keys) => [...keys, key]);
      return true;
    },
    removeFromWatchlist: (key, listId) => editList(listId, (keys) => (keys.includes(key) ? keys.filter((k) => k !== key) : keys)),
    moveInWatchlist: (key, delta, listId) =>
      editList(listId, (keys) => {
        const i = keys.indexOf(key);
        return i < 0 ? keys : move(keys, i, i + delta);
      }),
    moveToIndex: (key, index, listId) => editList(listId, (keys) => move(keys, keys.indexOf(key), index)),
  };
};
