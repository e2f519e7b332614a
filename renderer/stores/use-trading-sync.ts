/**
 * React hook for the trading panels and the order ticket: makes sure ./trading-sync.ts runs for
 * this page's store (the first caller starts it, for the page's lifetime), announcing fills and
 * rejections through the frame's notifier (desktop notification or toast) when the page has one,
 * else through `commands.toast`.
 *
 * Source: issue 5 "Desktop notification on fill and rejection".
 */
import { useContext, useEffect } from 'react';
import type { Bridge } from '../../shared/ipc/contract';
import type { WorkstationCommands } from '../app/panel-types';
import { RuntimeContext } from '../app/runtime-context';
import type { AppStore } from './app-store';
import { ensureTradingSync } from './trading-sync';

/** Starts the trading sync once per store (see the file comment). */
export function useTradingSync(store: AppStore, bridge: Bridge, commands: Pick<WorkstationCommands, 'toast'>): void {
  const runtime = useContext(RuntimeContext);
  useEffect(() => {
    ensureTradingSync({
      store,
      bridge,
      notify: (n) => {
        if (runtime) void runtime.notifier.notify(n);
        else commands.toast(`${n.title}: ${n.body}`, n.tone);
      },
    });
    // Not stopped on unmount: fills must still be announced after the panel that started it closes.
  }, [store, bridge, commands, runtime]);
}
