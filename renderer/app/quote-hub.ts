/**
 * The quote hub: the renderer's one door to `market.quotes`, keeping ticks out of React state.
 *
 * - `acquire(keys)` keeps a set of instruments subscribed. Holders of the same set (order and
 *   duplicates ignored) share ONE bridge subscription, counted by reference; the last disposer
 *   closes it. A set above the contract's 1000 keys per subscription is split into chunks.
 * - The latest `QuoteTick` of each key is kept in a Map (`latest(key)`), also after the last holder
 *   let go, so a re-opened row shows the last known values at once.
 * - `listen(key, fn)` calls `fn(tick, previous)` for each new tick of `key`; rows write the values
 *   into DOM nodes (and flash them) without any React render.
 *
 * A key held in two sets arrives in both subscriptions' batches; a tick equal to the one already
 * held (same receive time, LTP, volume, best bid and ask) is not delivered twice.
 *
 * Source: issue 5 ("a brief flash on each tick"), DESIGN.md "Data flow" (market data never makes
 * React re-render per tick), shared/ipc/contract.ts `market.quotes` (at most 1000 keys).
 */
import type { BridgeError } from '../../shared/errors';
import type { Bridge, Disposer, QuoteBatch, QuoteTick } from '../../shared/ipc/contract';
import type { InstrumentKey } from '../../shared/instruments';

/** Most keys one `market.quotes` subscription takes (shared/ipc/contract.ts). */
export const MAX_KEYS_PER_SUBSCRIPTION = 1000;

/** Called with each new tick of a key and the one it replaces (undefined for the first). */
export type QuoteListener = (tick: QuoteTick, previous: QuoteTick | undefined) => void;

/** See the file comment. */
export interface QuoteHub {
  /** Keeps `keys` subscribed until the returned disposer runs (calling it twice is harmless). */
  acquire(keys: readonly InstrumentKey[]): Disposer;
  /** Calls `listener` on every new tick of `key`. Does not subscribe by itself: pair with `acquire`. */
  listen(key: InstrumentKey, listener: QuoteListener): Disposer;
  /** The latest tick of `key`, or undefined when none arrived yet. */
  latest(key: InstrumentKey): QuoteTick | undefined;
  /** Open bridge subscriptions (one per distinct key set, or per chunk of 1000 keys). */
  readonly subscriptionCount: number;
  /** Closes every subscription and forgets every listener. */
  dispose(): void;
}

/** Options: `onError` hears a subscription refused or ended by the core (with its keys). */
export interface QuoteHubOptions {
  readonly onError?: (error: BridgeError, keys: readonly InstrumentKey[]) => void;
}

interface SetEntry {
  refs: number;
  readonly disposers: Disposer[];
}

/** The canonical id of a key set: sorted, de-duplicated, joined. */
export function keySetId(keys: readonly InstrumentKey[]): string {
  return [...new Set(keys)].sort().join(',');
}

function sameTick(a: QuoteTick, b: QuoteTick): boolean {
  return (
    a.receivedAtMs === b.receivedAtMs &&
    a.ltp === b.ltp &&
    a.volume === b.volume &&
    a.bidPrice === b.bidPrice &&
    a.askPrice === b.askPrice &&
    a.bidQty === b.bidQty &&
    a.askQty === b.askQty &&
    a.oi === b.oi
  );
}

/** Builds the hub over `bridge`. */
export function createQuoteHub(bridge: Pick<Bridge, 'subscribe'>, options: QuoteHubOptions = {}): QuoteHub {
  const sets = new Map<string, SetEntry>();
  const latest = new Map<InstrumentKey, QuoteTick>();
  const listeners = new Map<InstrumentKey, Set<QuoteListener>>();
  let subscriptions = 0;

  const onBatch = (batch: QuoteBatch) => {
    for (const tick of batch.ticks) {
      const previous = latest.get(tick.key);
      if (previous !== undefined && sameTick(previous, tick)) continue;
      latest.set(tick.key, tick);
      const ls = listeners.get(tick.key);
      if (ls === undefined) continue;
      for (const l of ls) {
        try {
          l(tick, previous);
        } catch (e) {
          // One broken row must not stop the others from updating.
          console.error('quote listener failed', e);
        }
      }
    }
  };

  return {
    acquire(keys) {
      const id = keySetId(keys);
      if (id === '') return () => {};
      let entry = sets.get(id);
      if (entry === undefined) {
        const unique = id.split(',') as InstrumentKey[];
        entry = { refs: 0, disposers: [] };
        for (let i = 0; i < unique.length; i += MAX_KEYS_PER_SUBSCRIPTION) {
          const chunk = unique.slice(i, i + MAX_KEYS_PER_SUBSCRIPTION);
          entry.disposers.push(bridge.subscribe('market.quotes', { keys: chunk }, onBatch, (err) => options.onError?.(err, chunk)));
          subscriptions++;
        }
        sets.set(id, entry);
      }
      entry.refs++;
      const held = entry;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && sets.get(id) === held) {
          sets.delete(id);
          for (const d of held.disposers) d();
          subscriptions -= held.disposers.length;
        }
      };
    },
    listen(key, listener) {
      let ls = listeners.get(key);
      if (ls === undefined) listeners.set(key, (ls = new Set()));
      // Wrapped so that the same function can listen twice and be removed once per disposer.
      const wrapped: QuoteListener = (t, p) => listener(t, p);
      ls.add(wrapped);
      return () => {
        const cur = listeners.get(key);
        if (cur === undefined) return;
        cur.delete(wrapped);
        if (cur.size === 0) listeners.delete(key);
      };
    },
    latest: (key) => latest.get(key),
    get subscriptionCount() {
      return subscriptions;
    },
    dispose() {
      for (const e of sets.values()) for (const d of e.disposers) d();
      sets.clear();
      listeners.clear();
      subscriptions = 0;
    },
  };
}
