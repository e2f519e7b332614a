/**
 * The renderer's one zustand store, combined from slices (only `connection` so far). Middleware,
 * when any is added, goes on the combined store only (DESIGN.md, "renderer/stores").
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';

/** Everything the store holds: the union of the slices. */
export type AppState = ConnectionSlice;

/** The store type the app and tests pass around. */
export type AppStore = StoreApi<AppState>;

/** Builds a fresh store (one per page; tests make their own). */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
  }));
}

/** React hook: selects from `store`, re-rendering when the selected value changes. */
export function useAppStore<T>(store: AppStore, selector: (s: AppState) => T): T {
  return useStore(store, selector);
}
