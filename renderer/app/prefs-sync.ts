/**
 * Loads and saves the renderer's preferences through the core (`prefs.get` / `prefs.set`): the dock
 * arrangement (`layout`) and the watchlists (`watchlists`). They live in the core, not in
 * localStorage, because the headless host's origin (its port) changes per launch.
 *
 * Loading waits for the link to open and is retried on every (re)open until it succeeds. Saving
 * starts only after a successful load, so a page that never reached the core cannot overwrite the
 * user's saved lists with the defaults. Watchlist changes are saved debounced; a failed save is told
 * to the user (toast) and tried again with the next change.
 *
 * Source: issue 5 ("saved and restored per user"; watchlists "saved").
 */
import type { Bridge, Disposer } from '../../shared/ipc/contract';
import type { AppStore } from '../stores/app-store';
import { DEFAULT_WATCHLISTS, parseWatchlistsPref } from '../stores/watchlists-slice';
import { debounce } from './debounce';
import { LAYOUT_PREF_KEY, type DockLayout, type LayoutPref } from './dock-layout';

/** Pref key of the watchlists. */
export const WATCHLISTS_PREF_KEY = 'watchlists';
/** Quiet time before changed watchlists are saved, ms. */
export const WATCHLISTS_SAVE_DELAY_MS = 400;

/** Options: where to report problems (toast). */
export interface PrefsSyncOptions {
  readonly tell: (message: string) => void;
  readonly saveDelayMs?: number;
}

/** Saves a layout pref through the bridge (the `save` of createDockLayout). */
export function saveLayoutPref(bridge: Pick<Bridge, 'invoke'>, tell: (m: string) => void): (pref: LayoutPref) => void {
  return (pref) => {
    void bridge.invoke('prefs.set', { key: LAYOUT_PREF_KEY, value: pref }).then((r) => {
      if (!r.ok) tell(`Layout not saved: ${r.error.message}`);
    });
  };
}

/** Starts loading (on link open) and saving; returns the disposer (a pending save is written first). */
export function startPrefsSync(
  bridge: Pick<Bridge, 'invoke' | 'connection' | 'onConnectionChange'>,
  store: AppStore,
  layout: Pick<DockLayout, 'restore'>,
  options: PrefsSyncOptions,
): Disposer {
  let layoutLoaded = false;
  let loading = false;

  const saveLists = debounce(() => {
    const value = store.getState().watchlists;
    void bridge.invoke('prefs.set', { key: WATCHLISTS_PREF_KEY, value }).then((r) => {
      if (!r.ok) options.tell(`Watchlists not saved: ${r.error.message}`);
    });
  }, options.saveDelayMs ?? WATCHLISTS_SAVE_DELAY_MS);

  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      if (!store.getState().watchlistsLoaded) {
        const r = await bridge.invoke('prefs.get', { key: WATCHLISTS_PREF_KEY });
        if (r.ok) {
          const parsed = r.value === null ? DEFAULT_WATCHLISTS : parseWatchlistsPref(r.value);
          if (parsed === null) options.tell('The saved watchlists were not readable; starting with an empty list.');
          store.getState().loadWatchlists(parsed ?? DEFAULT_WATCHLISTS);
        }
      }
      if (!layoutLoaded) {
        const r = await bridge.invoke('prefs.get', { key: LAYOUT_PREF_KEY });
        if (r.ok) {
          layoutLoaded = true;
          layout.restore(r.value);
        }
      }
    } finally {
      loading = false;
    }
  };

  const unsubStore = store.subscribe((s, prev) => {
    if (s.watchlistsLoaded && prev.watchlistsLoaded && s.watchlists !== prev.watchlists) saveLists();
  });
  const unsubLink = bridge.onConnectionChange((state) => {
    if (state === 'open') void load();
  });
  if (bridge.connection === 'open') void load();
  return () => {
    unsubLink();
    unsubStore();
    saveLists.flush();
  };
}
