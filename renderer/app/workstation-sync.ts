/**
 * Feeds the store from the core's workstation streams and answers: `feed.status` (status bar, and
 * one toast per new server disconnect of a socket, stores/feed-notices.ts), `tasks.progress` (long
 * tasks), and `settings.get` on every link (re)open. Streams are re-sent by
 * the bridge after a reconnect, so they are opened once.
 *
 * Source: issue 5, "Status bar", "Settings", "Every long task shows progress".
 */
import type { Bridge, Disposer } from '../../shared/ipc/contract';
import type { AppStore } from '../stores/app-store';
import { createDisconnectWatch } from '../stores/feed-notices';

/** Starts the wiring; returns the disposer. */
export function startWorkstationSync(bridge: Pick<Bridge, 'invoke' | 'subscribe' | 'connection' | 'onConnectionChange'>, store: AppStore): Disposer {
  const loadSettings = () => {
    void bridge.invoke('settings.get', {}).then((r) => {
      if (r.ok) store.getState().setSettings(r.value);
    });
  };
  const disconnects = createDisconnectWatch();
  const disposers: Disposer[] = [
    bridge.subscribe('feed.status', {}, (f) => {
      const st = store.getState();
      st.setFeed(f);
      const now = Date.now();
      for (const n of disconnects.next(f, st.connection.session?.broker ?? null, now)) st.addToast(n.message, n.tone, now);
    }),
    bridge.subscribe('tasks.progress', {}, (t) => store.getState().noteTask(t)),
    bridge.onConnectionChange((state) => {
      if (state === 'open') loadSettings();
    }),
  ];
  if (bridge.connection === 'open') loadSettings();
  return () => {
    for (const d of disposers) d();
  };
}
