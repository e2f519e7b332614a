/**
 * A `ClientPort` over the Electron preload's `window.tickdesk` object. IPC to the main process is
 * always there while the window lives, so the port is `open` from the start.
 *
 * Source: shared/ipc/preload-api.ts (the narrow preload API) and DESIGN.md, "The IPC contract".
 */
import type { ClientPort } from '../../shared/ipc/client';
import type { TickdeskPreloadApi } from '../../shared/ipc/preload-api';
import type { LinkMonitor } from './link-status';

/** Wraps the preload API as a port plus a link monitor that always reads `open`. */
export function createElectronPort(api: TickdeskPreloadApi): { port: ClientPort; link: LinkMonitor } {
  const port: ClientPort = {
    send: (frame) => api.send(frame),
    onFrame: (listener) => api.onFrame(listener),
    state: 'open',
    onState: () => () => {},
  };
  const link: LinkMonitor = {
    status: { state: 'open', detail: 'Electron IPC' },
    onStatus: () => () => {},
  };
  return { port, link };
}
