/**
 * The workstation frame: title bar (mode badge, instrument search, panel menu), the dock, overlays,
 * toasts and the status bar. Provides the runtime to the panels and binds the hotkeys.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LinkNotice } from '../components/link-notice';
import { TitleBar } from '../components/title-bar';
import { ToastList } from '../components/toast-list';
import { SearchBox } from '../features/search/search-box';
import { StatusBarContainer } from '../features/status/status-bar-container';
import { useAppStore } from '../stores/app-store';
import { DockHost } from './dock-host';
import { installHotkeys } from './hotkeys';
import { OverlayHost } from './overlay-host';
import { PanelMenu } from './panel-menu';
import { RuntimeContext } from './runtime-context';
import type { WorkstationRuntime } from './workstation-runtime';

/** The whole screen, bound to `runtime`. */
export function Workstation({ runtime }: { readonly runtime: WorkstationRuntime }) {
  const { store, commands } = runtime;
  const c = useAppStore(store, useShallow((s) => ({ session: s.connection.session, linkState: s.connection.linkState, linkDetail: s.connection.linkDetail })));
  const toasts = useAppStore(store, (s) => s.toasts);
  const theme = useAppStore(store, (s) => s.settings?.theme ?? 'dark');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => installHotkeys(window, { commands, focusedKey: () => store.getState().focusedKey }), [commands, store]);

  return (
    <RuntimeContext.Provider value={runtime}>
      <div className="workstation">
        <TitleBar mode={c.session?.mode ?? null} broker={c.session?.broker ?? null}>
          <SearchBox store={store} bridge={runtime.bridge} commands={commands} />
          <PanelMenu store={store} commands={commands} />
        </TitleBar>
        <main className="panel-area">
          <LinkNotice state={c.linkState} detail={c.linkDetail} />
          <DockHost theme={theme} />
        </main>
        <StatusBarContainer store={store} />
        <OverlayHost />
        <ToastList toasts={toasts} onDismiss={(seq) => store.getState().dismissToast(seq)} />
      </div>
    </RuntimeContext.Provider>
  );
}
