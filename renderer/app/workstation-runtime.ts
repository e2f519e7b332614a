/**
 * Everything one page of the workstation runs on, built once in main.tsx: the store, the bridge,
 * the quote hub, the dock layout controller, the commands (with the notifier), and the syncs with the core
 * (prefs, settings, feed status, task progress, orders/trades/portfolio with fill notifications). `dispose()` stops them all.
 */
import type { Bridge } from '../../shared/ipc/contract';
import type { AppStore } from '../stores/app-store';
import { ensureTradingSync } from '../stores/trading-sync';
import { createCommands } from './commands';
import { createDockLayout, type DockLayout } from './dock-layout';
import { browserNotifyEnv, type Notifier } from './notify';
import { PANELS, panelDefinition } from './panel-registry';
import type { WorkstationCommands } from './panel-types';
import { saveLayoutPref, startPrefsSync } from './prefs-sync';
import { createQuoteHub, type QuoteHub } from './quote-hub';
import { startWorkstationSync } from './workstation-sync';

/** The page's runtime. */
export interface WorkstationRuntime {
  readonly store: AppStore;
  readonly bridge: Bridge;
  readonly quotes: QuoteHub;
  readonly layout: DockLayout;
  readonly commands: WorkstationCommands;
  /** The same as `commands.notify` (kept for code holding the runtime). */
  readonly notifier: Notifier;
  dispose(): void;
}

/** Builds and starts the runtime over `bridge` and `store`. */
export function createWorkstationRuntime(bridge: Bridge, store: AppStore): WorkstationRuntime {
  // `commands` is created after `layout`, whose `tell` needs it: late binding through this holder.
  const tell = (m: string) => commands.toast(m, 'warn');
  const layout = createDockLayout({
    lookup: panelDefinition,
    defaultPanels: Object.entries(PANELS)
      .filter(([, d]) => 'inDefaultLayout' in d && d.inDefaultLayout)
      .map(([id]) => id),
    save: saveLayoutPref(bridge, tell),
    tell,
  });
  const commands = createCommands({ store, layout, notifyEnv: browserNotifyEnv(bridge) });
  const quotes = createQuoteHub(bridge, {
    onError: (err, keys) => commands.toast(`Quotes for ${keys.length} instrument(s) stopped: ${err.message}`, 'bad'),
  });
  const stops = [
    startPrefsSync(bridge, store, layout, { tell }),
    startWorkstationSync(bridge, store),
    // Orders, trades and portfolio follow the core from the start, so a fill or a rejection is
    // announced even when no trading panel is open.
    ensureTradingSync({ store, bridge, notify: (n) => void commands.notify(n) }),
  ];
  return {
    store,
    bridge,
    quotes,
    layout,
    commands,
    notifier: { notify: commands.notify },
    dispose() {
      for (const s of stops) s();
      layout.dispose();
      quotes.dispose();
    },
  };
}
