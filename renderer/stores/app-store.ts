/**
 * The renderer's one zustand store, combined from slices. Middleware, when any is added, goes on the
 * combined store only (DESIGN.md, "renderer/stores"). Market ticks are NOT in the store: they go
 * through renderer/app/quote-hub.ts into refs, so that no tick re-renders React.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createFeedSlice, type FeedSlice } from './feed-slice';
import { createFocusSlice, type FocusSlice } from './focus-slice';
import { createInstrumentsSlice, type InstrumentsSlice } from './instruments-slice';
import { createOrdersSlice, type OrdersSlice } from './orders-slice';
import { createPortfolioSlice, type PortfolioSlice } from './portfolio-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createTasksSlice, type TasksSlice } from './tasks-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWatchlistsSlice, type WatchlistsSlice } from './watchlists-slice';

/** Everything the store holds: the union of the slices. */
export type AppState = ConnectionSlice &
  InstrumentsSlice &
  WatchlistsSlice &
  FocusSlice &
  SettingsSlice &
  TasksSlice &
  FeedSlice &
  UiSlice &
  OrdersSlice &
  PortfolioSlice;

/** The store type the app and tests pass around. */
export type AppStore = StoreApi<AppState>;

/** Builds a fresh store (one per page; tests make their own). */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createInstrumentsSlice(...a),
    ...createWatchlistsSlice(...a),
    ...createFocusSlice(...a),
    ...createSettingsSlice(...a),
    ...createTasksSlice(...a),
    ...createFeedSlice(...a),
    ...createUiSlice(...a),
    ...createOrdersSlice(...a),
    ...createPortfolioSlice(...a),
  }));
}

/** React hook: selects from `store`, re-rendering when the selected value changes. */
export function useAppStore<T>(store: AppStore, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}
