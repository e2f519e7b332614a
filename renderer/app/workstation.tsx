/**
 * The workstation frame: title bar with the mode badge, the (still empty) panel area, the status
 * bar. The container that reads the store and hands plain values to presentational components.
 */
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../components/empty-state';
import { LinkNotice } from '../components/link-notice';
import { StatusBar } from '../components/status-bar';
import { TitleBar } from '../components/title-bar';
import { useAppStore, type AppStore } from '../stores/app-store';
import { useNow } from './use-now';

/** The first screen, bound to `store`; re-renders on connection changes and once a second for ages. */
export function Workstation({ store }: { readonly store: AppStore }) {
  const c = useAppStore(store, useShallow((s) => s.connection));
  const now = useNow();
  const heartbeatAgeS = c.lastHeartbeatAtMs === null ? null : Math.max(0, Math.floor((now - c.lastHeartbeatAtMs) / 1000));
  return (
    <div className="workstation">
      <TitleBar mode={c.session?.mode ?? null} broker={c.session?.broker ?? null} />
      <main className="panel-area">
        <LinkNotice state={c.linkState} detail={c.linkDetail} />
        <EmptyState />
      </main>
      <StatusBar
        transport={c.transport}
        linkState={c.linkState}
        linkDetail={c.linkDetail}
        version={c.appInfo?.version ?? null}
        coreHost={c.appInfo?.host ?? null}
        sessionState={c.session?.state ?? null}
        sessionDetail={c.session?.detail ?? null}
        heartbeatAgeS={heartbeatAgeS}
      />
    </div>
  );
}
