/**
 * The `feed` slice: the latest `feed.status` (each socket's state, messages per second, time of the
 * last market-data message, malformed frames) for the status bar. Pushed about once a second, so it
 * may live in React state.
 *
 * Source: issue 5, "Status bar"; shared/ipc/contract.ts `FeedStatus`.
 */
import type { StateCreator } from 'zustand';
import type { FeedStatus } from '../../shared/ipc/contract';

/** The slice. */
export interface FeedSlice {
  /** Null until the first `feed.status` event. */
  readonly feed: FeedStatus | null;
  setFeed(feed: FeedStatus): void;
}

/** Creates the slice for the combined store. */
export const createFeedSlice: StateCreator<FeedSlice, [], [], FeedSlice> = (set) => ({
  feed: null,
  setFeed: (feed) => set({ feed }),
});
