/**
 * The Electron IPC transport of the bridge: connects each app webContents to the core's bridge
 * server (`createBridgeServer`, transport `electron-ipc`), frames both ways on the channels of
 * `shared/ipc/preload-api.ts`.
 *
 * Source: DESIGN.md, "The IPC contract" and "Electron security list": every IPC message's
 * `senderFrame` is checked against the app's origin; untrusted messages are dropped and counted,
 * never answered. Written against small structural interfaces (no 'electron' value import) so the
 * sender check is unit-tested with fakes; main.ts passes the real `ipcMain` and webContents.
 */
import { isAppUrl, isTrustedSender } from '../core/security/origin';
import type { BridgeConnection, BridgeServer } from '../core/ipc/bridge-server';
import { IPC_FRAME_TO_MAIN, IPC_FRAME_TO_RENDERER } from '../../shared/ipc/preload-api';

/** The part of a `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
}

/** The part of `WebContents` the transport uses. */
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: (...args: unknown[]) => void): unknown;
}

/** The part of an `IpcMainEvent` the check reads. */
export interface IpcEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

/** The part of `ipcMain` the transport uses. */
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

/** Counters, for tests and logs. */
export interface IpcTransportStats {
  /** Frames delivered to the bridge server. */
  delivered: number;
  /** Frames dropped: sender frame missing, not the main frame, or not of the app origin. */
  untrusted: number;
  /** Frames dropped: the sending webContents was never attached (not an app window). */
  unattached: number;
  /** Frames to a renderer dropped because it was destroyed or no longer showed the app. */
  undeliverable: number;
}

export interface IpcTransport {
  /** Connects `contents` to the bridge; it is disposed when `contents` is destroyed. Idempotent. */
  attach(contents: WebContentsLike): void;
  readonly stats: Readonly<IpcTransportStats>;
  /** Number of attached webContents. */
  readonly attached: number;
  /** Removes the ipcMain listener and closes every connection. */
  dispose(): void;
}

/**
 * Creates the transport and starts listening on `IPC_FRAME_TO_MAIN`. A frame is delivered only
 * when its `senderFrame` exists, is the sender's main frame, and its URL is the app's
 * (`isTrustedSender`). A navigation of an attached webContents (reload) closes its connection,
 * ending its streams, and opens a fresh one for the new page. `log` gets one line per drop,
 * without the frame (it may hold a secret being stored).
 */
export function createIpcTransport(o: {
  readonly ipcMain: IpcMainLike;
  readonly server: BridgeServer;
  readonly log?: (line: string) => void;
}): IpcTransport {
  const log = o.log ?? (() => {});
  const stats: IpcTransportStats = { delivered: 0, untrusted: 0, unattached: 0, undeliverable: 0 };
  const links = new Map<number, { contents: WebContentsLike; conn: BridgeConnection }>();

  const open = (contents: WebContentsLike): BridgeConnection =>
    o.server.connect({
      transport: 'electron-ipc',
      send: (frame) => {
        if (contents.isDestroyed() || !isAppUrl(contents.mainFrame.url)) {
          stats.undeliverable++;
          return;
        }
        contents.send(IPC_FRAME_TO_RENDERER, frame);
      },
    });

  const onFrame = (event: IpcEventLike, frame: unknown) => {
    const frameOk = event.senderFrame !== null && event.senderFrame === event.sender.mainFrame && isTrustedSender(event.senderFrame.url);
    if (!frameOk) {
      stats.untrusted++;
      log(`ipc: dropped a frame from webContents ${event.sender.id}: sender frame ${event.senderFrame ? JSON.stringify(event.senderFrame.url.slice(0, 80)) : 'missing'} is not the app's main frame`);
      return;
    }
    const link = links.get(event.sender.id);
    if (!link || link.contents !== event.sender) {
      stats.unattached++;
      log(`ipc: dropped a frame from webContents ${event.sender.id}: not an app window`);
      return;
    }
    stats.delivered++;
    link.conn.receive(frame);
  };
  o.ipcMain.on(IPC_FRAME_TO_MAIN, onFrame as (event: IpcEventLike, ...args: unknown[]) => void);

  return {
    stats,
    get attached() {
      return links.size;
    },
    attach(contents) {
      if (links.has(contents.id) || contents.isDestroyed()) return;
      links.set(contents.id, { contents, conn: open(contents) });
      contents.on('did-navigate', () => {
        const link = links.get(contents.id);
        if (!link) return;
        link.conn.close();
        link.conn = open(contents);
      });
      contents.once('destroyed', () => {
        links.get(contents.id)?.conn.close();
        links.delete(contents.id);
      });
    },
    dispose() {
      o.ipcMain.removeListener(IPC_FRAME_TO_MAIN, onFrame as (event: IpcEventLike, ...args: unknown[]) => void);
      for (const l of links.values()) l.conn.close();
      links.clear();
    },
  };
}
