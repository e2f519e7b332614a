/**
 * Picks the renderer's transport: the Electron preload (`window.tickdesk`) when present, else the
 * headless host's WebSocket at `ws://<location.host>/bridge?token=<token from location.search>`.
 * Either way the panels get the same `Bridge` (shared/ipc/client.ts).
 *
 * Source: DESIGN.md, "The IPC contract" (the renderer cannot tell the transports apart).
 */
import { createBridge } from '../../shared/ipc/client';
import type { Bridge } from '../../shared/ipc/contract';
import { PRELOAD_GLOBAL, type TickdeskPreloadApi } from '../../shared/ipc/preload-api';
import { createElectronPort } from './electron-port';
import type { LinkMonitor } from './link-status';
import { createWebSocketPort, type WebSocketPortOptions } from './ws-port';

/** The chosen bridge and its link monitor (for the status bar). */
export interface SelectedBridge {
  readonly bridge: Bridge;
  readonly link: LinkMonitor;
}

/** Where the choice is made from: `window` in the app, anything shaped like it in tests. */
export interface BridgeEnvironment {
  readonly [PRELOAD_GLOBAL]?: TickdeskPreloadApi | undefined;
  readonly location: { readonly host: string; readonly search: string };
}

function isPreloadApi(v: unknown): v is TickdeskPreloadApi {
  if (typeof v !== 'object' || v === null) return false;
  const api = v as Record<string, unknown>;
  return api.transport === 'electron-ipc' && typeof api.send === 'function' && typeof api.onFrame === 'function';
}

/** Builds the bridge for this page. `wsOptions` overrides WebSocket details (tests). */
export function selectBridge(env: BridgeEnvironment, wsOptions: Omit<WebSocketPortOptions, 'location'> = {}): SelectedBridge {
  const preload: unknown = env[PRELOAD_GLOBAL];
  if (isPreloadApi(preload)) {
    const { port, link } = createElectronPort(preload);
    return { bridge: createBridge(port, 'electron-ipc'), link };
  }
  const { port, link } = createWebSocketPort({ ...wsOptions, location: { host: env.location.host, search: env.location.search } });
  return { bridge: createBridge(port, 'websocket'), link };
}
