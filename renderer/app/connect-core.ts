/**
 * Wires the chosen bridge to the store: the link state, `app.info` on every (re)open, the
 * `session.status` stream and a 1 s `app.heartbeat` stream for the status bar's heartbeat age.
 *
 * Source: issue 2 (the first screen shows values that travelled through the bridge).
 */
import type { Disposer } from '../../shared/ipc/contract';
import type { AppStore } from '../stores/app-store';
import type { SelectedBridge } from './select-bridge';

/** Heartbeat period asked of the core, ms. */
export const HEARTBEAT_INTERVAL_MS = 1000;

/** Starts the wiring; the returned disposer stops every subscription. `now` is epoch ms (injectable). */
export function connectCore({ bridge, link }: SelectedBridge, store: AppStore, now: () => number = () => Date.now()): Disposer {
  const s = store.getState();
  s.setTransport(bridge.transport);
  s.setLink(link.status.state, link.status.detail);

  const loadInfo = () => {
    void bridge.invoke('app.info', {}).then((r) => {
      if (r.ok) store.getState().setAppInfo(r.value);
    });
  };

  const disposers: Disposer[] = [
    link.onStatus((st) => store.getState().setLink(st.state, st.detail)),
    bridge.onConnectionChange((state) => {
      if (state === 'open') loadInfo();
    }),
    bridge.subscribe('session.status', {}, (session) => store.getState().setSession(session)),
    bridge.subscribe('app.heartbeat', { intervalMs: HEARTBEAT_INTERVAL_MS }, () => store.getState().noteHeartbeat(now())),
  ];
  if (bridge.connection === 'open') loadInfo();
  return () => {
    for (const d of disposers) d();
  };
}
