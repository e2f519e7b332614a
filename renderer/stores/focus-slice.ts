/**
 * The `focus` slice: the focused instrument, the one F1/F2 (order ticket) and F6 (depth) act on and
 * that panels may follow. Set by selecting a watchlist row or a search hit.
 *
 * Source: issue 5, "Keyboard" (F1 buy, F2 sell: ticket for the focused instrument).
 */
import type { StateCreator } from 'zustand';
import type { InstrumentKey } from '../../shared/instruments';

/** The slice. */
export interface FocusSlice {
  /** The focused instrument's key, or null when none is selected. */
  readonly focusedKey: InstrumentKey | null;
  setFocusedKey(key: InstrumentKey | null): void;
}

/** Creates the slice for the combined store. */
export const createFocusSlice: StateCreator<FocusSlice, [], [], FocusSlice> = (set) => ({
  focusedKey: null,
  setFocusedKey: (focusedKey) => set({ focusedKey }),
});
