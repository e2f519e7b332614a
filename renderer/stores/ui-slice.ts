/**
 * The `ui` slice: the frame's own state. The overlay stack (modals above the dock such as the order
 * ticket; Esc closes the top one), toasts (short in-app messages, also the fallback of desktop
 * notifications), and a counter the search box watches to take the keyboard focus.
 *
 * Source: issue 5, "Keyboard" (Esc closes) and "Desktop notification on fill and rejection".
 */
import type { StateCreator } from 'zustand';
import type { PanelParams, ToastTone } from '../app/panel-types';

/** One open overlay. */
export interface OpenOverlay {
  /** Unique per opening. */
  readonly seq: number;
  /** Its `OverlayId` in renderer/app/overlay-registry.ts. */
  readonly id: string;
  readonly params: PanelParams;
}

/** One toast. */
export interface Toast {
  readonly seq: number;
  readonly message: string;
  readonly tone: ToastTone;
  /** When it was raised, epoch ms. */
  readonly atMs: number;
}

/** Most toasts shown at once; older ones are dropped. */
export const MAX_TOASTS = 5;

/** The slice. */
export interface UiSlice {
  /** Open overlays, bottom first (the last one is on top). */
  readonly overlays: readonly OpenOverlay[];
  readonly toasts: readonly Toast[];
  /** Bumped each time the search box should take the focus. */
  readonly searchFocusRequest: number;
  /**
   * The last panel opened or re-focused through `commands.openPanel` (hotkeys, menus): that panel
   * may move the keyboard focus into itself (the watchlist focuses its rows after F4).
   */
  readonly panelFocusRequest: { readonly id: string; readonly seq: number } | null;
  pushOverlay(id: string, params: PanelParams): void;
  /** Closes the top overlay; false when none was open. */
  popOverlay(): boolean;
  /** Closes the overlay opened as `seq`. */
  closeOverlay(seq: number): void;
  addToast(message: string, tone: ToastTone, atMs: number): number;
  dismissToast(seq: number): void;
  requestSearchFocus(): void;
  requestPanelFocus(id: string): void;
}

/** Creates the slice for the combined store. */
export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set, get) => {
  let seq = 0;
  return {
    overlays: [],
    toasts: [],
    searchFocusRequest: 0,
    panelFocusRequest: null,
    pushOverlay: (id, params) => set((s) => ({ overlays: [...s.overlays, { seq: ++seq, id, params }] })),
    popOverlay: () => {
      if (get().overlays.length === 0) return false;
      set((s) => ({ overlays: s.overlays.slice(0, -1) }));
      return true;
    },
    closeOverlay: (n) => set((s) => ({ overlays: s.overlays.filter((o) => o.seq !== n) })),
    addToast: (message, tone, atMs) => {
      const n = ++seq;
      set((s) => ({ toasts: [...s.toasts, { seq: n, message, tone, atMs }].slice(-MAX_TOASTS) }));
      return n;
    },
    dismissToast: (n) => set((s) => ({ toasts: s.toasts.filter((t) => t.seq !== n) })),
    requestSearchFocus: () => set((s) => ({ searchFocusRequest: s.searchFocusRequest + 1 })),
    requestPanelFocus: (id) => set({ panelFocusRequest: { id, seq: ++seq } }),
  };
};
