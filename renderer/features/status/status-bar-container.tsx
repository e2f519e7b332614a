/** The status bar bound to the store; re-renders on store changes and once a second for the ages. */
import { useShallow } from 'zustand/react/shallow';
import { useNow } from '../../app/use-now';
import { StatusBar } from '../../components/status-bar';
import { useAppStore, type AppStore } from '../../stores/app-store';
import { statusView } from './status-view';

/** The container. */
export function StatusBarContainer({ store }: { readonly store: AppStore }) {
  const s = useAppStore(store, useShallow((st) => ({ connection: st.connection, feed: st.feed, tasks: st.tasks })));
  const now = useNow();
  return <StatusBar {...statusView(s, now)} onDismissTask={(id) => store.getState().dismissTask(id)} />;
}
