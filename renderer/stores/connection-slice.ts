/**
 * The `connection` slice: how the renderer is linked to the core and what the core said about
 * itself. Read by the title bar (mode badge) and the status bar.
 *
 * Source: issue 2 (the first screen's status bar) and DESIGN.md, "renderer/stores" (one store from
 * slices). Holds no token or secret: session status carries none (shared/ipc/contract.ts).
 */
import type { StateCreator } from 'zustand';
import type { AppInfo, SessionStatus, TransportName } from '../../shared/ipc/contract';
import type { LinkState } from '../app/link-status';

/** What the status bar shows about the link and the core. */
export interface ConnectionInfo {
  /** Transport in use, set once the bridge is chosen. */
  readonly transport: TransportName | null;
  readonly linkState: LinkState;
  /** Why the link is in that state, for the user (never a token). */
  readonly linkDetail: string;
  /** The core's `app.info`, from the last time the link opened. */
  readonly appInfo: AppInfo | null;
  /** The latest session status the core streamed. */
  readonly session: SessionStatus | null;
  /** When the last heartbeat arrived, epoch ms on the renderer's clock; null before the first. */
  readonly lastHeartbeatAtMs: number | null;
}

/** The slice: data under `connection`, actions beside it. */
export interface ConnectionSlice {
  readonly connection: ConnectionInfo;
  setTransport(transport: TransportName): void;
  setLink(state: LinkState, detail: string): void;
  setAppInfo(info: AppInfo): void;
  setSession(session: SessionStatus): void;
  /** Records a heartbeat received at `atMs` (epoch ms, renderer clock). */
  noteHeartbeat(atMs: number): void;
}

/** The slice's state before the bridge is chosen. */
export const INITIAL_CONNECTION: ConnectionInfo = {
  transport: null,
  linkState: 'connecting',
  linkDetail: 'Connecting to the Tickdesk core.',
  appInfo: null,
  session: null,
  lastHeartbeatAtMs: null,
};

/** Creates the slice for the combined store. */
export const createConnectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => {
  const patch = (p: Partial<ConnectionInfo>) => set((s) => ({ connection: { ...s.connection, ...p } }));
  return {
    connection: INITIAL_CONNECTION,
    setTransport: (transport) => patch({ transport }),
    setLink: (linkState, linkDetail) => patch({ linkState, linkDetail }),
    setAppInfo: (appInfo) => patch({ appInfo }),
    setSession: (session) => patch({ session }),
    noteHeartbeat: (lastHeartbeatAtMs) => patch({ lastHeartbeatAtMs }),
  };
};
