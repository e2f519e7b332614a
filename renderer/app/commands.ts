/**
 * The frame's commands (`WorkstationCommands`, see ./panel-types.ts): what hotkeys, panels and
 * overlays call to open panels, the order ticket and overlays, move the focus, reset the layout and
 * show toasts. One object per page, handed to every panel in `PanelProps.commands`.
 *
 * `openOrderTicket(side, key)` is the seam for the order ticket: it opens overlay `order-ticket`
 * (./overlay-registry.ts) with `{ side, key }` once that overlay is registered; until then, or
 * without a focused instrument, it says why in a toast (never a silent no-op). An open ticket is
 * replaced, never stacked.
 *
 * Source: issue 5, "Keyboard" (F1 buy, F2 sell: ticket for the focused instrument; Esc closes).
 */
import type { AppStore } from '../stores/app-store';
import type { DockLayout } from './dock-layout';
import { createNotifier, type NotifyEnv } from './notify';
import { overlayDefinition } from './overlay-registry';
import type { PanelParams, ToastTone, WorkstationCommands } from './panel-types';

/** How long a toast stays, ms. */
export const TOAST_MS = 5000;

/** What the commands act on. `layout` may be attached later (the dock mounts after the store). */
export interface CommandsDeps {
  readonly store: AppStore;
  readonly layout: Pick<DockLayout, 'open' | 'reset'>;
  readonly now?: () => number;
  /** Schedules a toast's removal (tests pass a fake). */
  readonly later?: (fn: () => void, ms: number) => void;
  /** Where desktop notifications go (browser: notify.ts `browserNotifyEnv()`); toasts only when absent. */
  readonly notifyEnv?: NotifyEnv;
}

/** Builds the commands over `deps`. */
export function createCommands(deps: CommandsDeps): WorkstationCommands {
  const { store, layout } = deps;
  const now = deps.now ?? (() => Date.now());
  const later = deps.later ?? ((fn, ms) => void setTimeout(fn, ms));

  const toast = (message: string, tone: ToastTone = 'info') => {
    const seq = store.getState().addToast(message, tone, now());
    later(() => store.getState().dismissToast(seq), TOAST_MS);
  };

  const notifier = createNotifier(toast, deps.notifyEnv ?? { Notification: undefined, hasFocus: () => true });

  const openOverlay = (id: string, params: PanelParams = {}) => {
    if (!overlayDefinition(id)) {
      toast(`${id === 'order-ticket' ? 'Order ticket' : id} not available`, 'warn');
      return;
    }
    store.getState().pushOverlay(id, params);
  };

  return {
    openPanel: (id, params) => {
      layout.open(id, params);
      store.getState().requestPanelFocus(id);
    },
    openOrderTicket(side, key, price) {
      if (!overlayDefinition('order-ticket')) {
        toast('Order ticket not available', 'warn');
        return;
      }
      if (key === null) {
        toast(`Select an instrument first (${side === 'BUY' ? 'F1 buy' : 'F2 sell'} acts on the selected row)`, 'warn');
        return;
      }
      // One ticket at a time: F1/F2 pressed outside an open ticket replace it (side, instrument).
      const s = store.getState();
      for (const o of s.overlays) if (o.id === 'order-ticket') s.closeOverlay(o.seq);
      store.getState().pushOverlay('order-ticket', price === undefined ? { side, key } : { side, key, price });
    },
    openOverlay,
    closeTopOverlay: () => store.getState().popOverlay(),
    focusSearch: () => store.getState().requestSearchFocus(),
    resetLayout: () => layout.reset(),
    focusInstrument: (key) => store.getState().setFocusedKey(key),
    toast,
    notify: (notice) => notifier.notify(notice),
  };
}
