/**
 * The one object the Electron preload exposes to the renderer as `window.tickdesk`.
 *
 * Source: DESIGN.md, "The IPC contract" and "Electron security list": a narrow bridge, never
 * `ipcRenderer` itself. It moves text frames (`wire.ts` envelopes) and nothing else; the renderer's
 * `createBridge` (client.ts) turns it into the same `Bridge` the WebSocket transport gives.
 */
import type { Disposer } from './contract';

export interface TickdeskPreloadApi {
  /** Always `'electron-ipc'`. */
  readonly transport: 'electron-ipc';
  /** Sends one JSON text frame to the core. */
  send(frame: string): void;
  /** Receives every JSON text frame from the core. Returns the disposer. */
  onFrame(listener: (frame: string) => void): Disposer;
}

/** Name of the global the preload defines. */
export const PRELOAD_GLOBAL = 'tickdesk';

/** IPC channel names used between the preload and the main process (frames both ways). */
export const IPC_FRAME_TO_MAIN = 'tickdesk:frame';
export const IPC_FRAME_TO_RENDERER = 'tickdesk:frame';
