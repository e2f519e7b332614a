/**
 * The state of the renderer's link to the core as the status bar shows it: richer than the
 * bridge's `ConnectionState` because a refused launch token must read differently from a host that
 * is merely restarting.
 */
import type { Disposer } from '../../shared/ipc/contract';

/**
 * `connecting`: first attempt under way. `open`: the bridge works. `reconnecting`: the link dropped
 * or the host is unreachable, a retry is scheduled. `refused`: the host refused this page (wrong or
 * missing launch token, foreign origin); retrying cannot help, the user must open the printed URL.
 */
export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'refused';

/** One observation of the link. `detail` is for the user and never contains the token. */
export interface LinkStatus {
  readonly state: LinkState;
  readonly detail: string;
}

/** Something that reports `LinkStatus` changes. */
export interface LinkMonitor {
  readonly status: LinkStatus;
  onStatus(listener: (status: LinkStatus) => void): Disposer;
}
