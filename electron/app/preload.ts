/**
 * The preload of the app window (sandboxed, bundled as CommonJS to dist/electron/preload.cjs).
 *
 * Source: DESIGN.md, "The IPC contract" and "Electron security list": it exposes exactly one
 * narrow object, `window.tickdesk` (`TickdeskPreloadApi`), through `contextBridge`, and never
 * `ipcRenderer` or an IPC event (whose `sender` is `ipcRenderer`). It moves JSON text frames and
 * nothing else; the main side checks the sender of every frame (ipc-transport.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_FRAME_TO_MAIN, IPC_FRAME_TO_RENDERER, PRELOAD_GLOBAL, type TickdeskPreloadApi } from '../../shared/ipc/preload-api';

/** The part of `ipcRenderer` the bridge object uses. */
export interface PreloadIpc {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the frozen bridge object over `ipc`. `send` forwards strings only (anything else throws a
 * TypeError in the caller); `onFrame` hands the listener the frame text only (non-string payloads
 * are dropped) and returns an idempotent disposer.
 */
export function createPreloadApi(ipc: PreloadIpc): TickdeskPreloadApi {
  const api: TickdeskPreloadApi = {
    transport: 'electron-ipc',
    send(frame: string): void {
      if (typeof frame !== 'string') throw new TypeError('tickdesk.send takes one JSON text frame (a string)');
      ipc.send(IPC_FRAME_TO_MAIN, frame);
    },
    onFrame(listener: (frame: string) => void) {
      if (typeof listener !== 'function') throw new TypeError('tickdesk.onFrame takes a function');
      const wrapped = (_event: unknown, frame: unknown) => {
        if (typeof frame === 'string') listener(frame);
      };
      ipc.on(IPC_FRAME_TO_RENDERER, wrapped);
      let live = true;
      return () => {
        if (!live) return;
        live = false;
        ipc.removeListener(IPC_FRAME_TO_RENDERER, wrapped);
      };
    },
  };
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer as unknown as PreloadIpc));
