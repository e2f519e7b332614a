/**
 * Connection planning for the Dhan market-data sockets: which socket carries which subscriptions,
 * and which wanted subscriptions cannot be carried (and why). Pure: no sockets, no clock.
 *
 * Source: seeds/002, "Live Market Feed" ("upto five WebSocket connections per user with 5000
 * instruments on each connection") and "Full Market Depth" ("Only NSE Equity and Derivatives
 * segments are enabled"; 20-level: "upto 50 instruments in a single connection"; 200-level: "only 1
 * instrument per connection"). The five connections are shared by the feed and depth sockets ("If
 * more than 5 websockets are established, then the first socket will be disconnected with 805").
 *
 * Policy when the wanted set does not fit: market-feed sockets first (the watchlist, positions and
 * the risk gate's LTP need them), then 20-level depth, then 200-level depth; within a kind the
 * subscriptions wanted first are kept and the later ones refused. Nothing is dropped silently: every
 * subscription that is not on a planned socket is in `refused` with a reason. An instrument already
 * on a socket in the previous plan stays on it when that socket is still planned and has room, so a
 * re-plan moves as few subscriptions as possible. Depth sockets without instruments are not planned
 * (an idle depth socket would still count against the five).
 */
import type { DhanFeedSocketKind } from '../brokers/dhan/feed-urls';
import { FEED_MODES, instrumentKey, type FeedInstrument, type FeedMode } from '../brokers/dhan/feed-requests';

/** A subscription mode: one of the market-feed modes, or 20/200-level full market depth. */
export type SubscriptionMode = FeedMode | 'depth20' | 'depth200';

/** Every subscription mode, in planning priority. */
export const SUBSCRIPTION_MODES: readonly SubscriptionMode[] = [...FEED_MODES, 'depth20', 'depth200'];

/** The wanted subscriptions: per mode, instruments in the order they were first wanted. */
export type DesiredSubscriptions = ReadonlyMap<SubscriptionMode, readonly FeedInstrument[]>;

/** Dhan's connection limits (seeds/002); smaller values are for tests. */
export interface ConnectionLimits {
  /** Sockets per user across feed and depth (5). */
  readonly maxConnections: number;
  /** Distinct instruments per market-feed socket (5000). */
  readonly instrumentsPerFeedSocket: number;
  /** Instruments per 20-level depth socket (50). */
  readonly instrumentsPerDepth20Socket: number;
}

/** The limits of seeds/002. */
export const DHAN_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 5,
  instrumentsPerFeedSocket: 5000,
  instrumentsPerDepth20Socket: 50,
};

/** Segments that carry 20/200-level depth (seeds/002, "Full Market Depth"). */
export const DEPTH_SEGMENTS: ReadonlySet<string> = new Set(['NSE_EQ', 'NSE_FNO']);

/** One planned socket and what it must be subscribed to. */
export interface PlannedSocket {
  /** Stable id: `feed-0`…, `depth20-0`…, `depth200-NSE_EQ:1333`. */
  readonly id: string;
  readonly kind: DhanFeedSocketKind;
  /** Per mode, the instruments this socket carries (feed sockets: ticker/quote/full; depth: its own). */
  readonly subscriptions: ReadonlyMap<SubscriptionMode, readonly FeedInstrument[]>;
}

/** Why a wanted subscription is not on any socket. */
export type RefusalReason = 'connection-limit' | 'depth-segment';

/** A wanted subscription the plan could not carry. */
export interface Refusal {
  readonly instrument: FeedInstrument;
  readonly mode: SubscriptionMode;
  readonly reason: RefusalReason;
  /** For the user: what limit was hit. */
  readonly message: string;
}

/** The result of `planConnections`. */
export interface ConnectionPlan {
  readonly sockets: readonly PlannedSocket[];
  readonly refused: readonly Refusal[];
}

/** Which socket id each instrument key sat on, per kind; read from a previous plan. */
function previousHome(previous: ConnectionPlan | undefined): Map<string, string> {
  const home = new Map<string, string>();
  for (const s of previous?.sockets ?? []) {
    for (const list of s.subscriptions.values()) for (const i of list) home.set(`${s.kind}|${instrumentKey(i)}`, s.id);
  }
  return home;
}

/**
 * Packs keys into `bins` bins of `cap` each: keys keep their previous bin when it exists and has
 * room; the rest go to the lowest bin with room. Returns the bin index per key, or -1 (no room).
 */
function pack(keys: readonly string[], bins: number, cap: number, prevBin: (key: string) => number): Map<string, number> {
  const fill = new Array<number>(bins).fill(0);
  const at = new Map<string, number>();
  for (const k of keys) {
    const b = prevBin(k);
    if (b >= 0 && b < bins && fill[b]! < cap) {
      at.set(k, b);
      fill[b]!++;
    }
  }
  let next = 0;
  for (const k of keys) {
    if (at.has(k)) continue;
    while (next < bins && fill[next]! >= cap) next++;
    if (next >= bins) {
      at.set(k, -1);
      continue;
    }
    at.set(k, next);
    fill[next]!++;
  }
  return at;
}

function binOf(home: Map<string, string>, kind: DhanFeedSocketKind, key: string): number {
  const id = home.get(`${kind}|${key}`);
  if (id === undefined) return -1;
  const n = Number(id.slice(kind.length + 1));
  return Number.isInteger(n) ? n : -1;
}

/**
 * Plans sockets for the wanted subscriptions within `limits`, keeping instruments on the socket they
 * had in `previous` where possible. Refusals name the mode, the instrument and the limit hit.
 */
export function planConnections(
  desired: DesiredSubscriptions,
  limits: ConnectionLimits = DHAN_CONNECTION_LIMITS,
  previous?: ConnectionPlan,
): ConnectionPlan {
  const home = previousHome(previous);
  const sockets: PlannedSocket[] = [];
  const refused: Refusal[] = [];
  const limitText = `all ${limits.maxConnections} Dhan market-data connections are in use`;

  // Market feed: distinct instruments across ticker, quote and full share the feed sockets.
  const feedKeys: string[] = [];
  const seen = new Set<string>();
  for (const mode of FEED_MODES) {
    for (const i of desired.get(mode) ?? []) {
      const k = instrumentKey(i);
      if (!seen.has(k)) {
        seen.add(k);
        feedKeys.push(k);
      }
    }
  }
  const feedBins = Math.min(limits.maxConnections, Math.ceil(feedKeys.length / limits.instrumentsPerFeedSocket));
  const feedAt = pack(feedKeys, feedBins, limits.instrumentsPerFeedSocket, (k) => binOf(home, 'feed', k));
  const feedSubs = Array.from({ length: feedBins }, () => new Map<SubscriptionMode, FeedInstrument[]>());
  for (const mode of FEED_MODES) {
    const once = new Set<string>();
    for (const i of desired.get(mode) ?? []) {
      const k = instrumentKey(i);
      if (once.has(k)) continue;
      once.add(k);
      const b = feedAt.get(k)!;
      if (b < 0) {
        refused.push({ instrument: i, mode, reason: 'connection-limit',
          message: `${limitText} (${limits.instrumentsPerFeedSocket} instruments each)` });
        continue;
      }
      const m = feedSubs[b]!;
      let list = m.get(mode);
      if (list === undefined) m.set(mode, (list = []));
      list.push(i);
    }
  }
  feedSubs.forEach((subscriptions, b) => sockets.push({ id: `feed-${b}`, kind: 'feed', subscriptions }));
  let budget = limits.maxConnections - feedBins;

  const depthOk = (mode: SubscriptionMode, list: readonly FeedInstrument[]): FeedInstrument[] => {
    const ok: FeedInstrument[] = [];
    const dup = new Set<string>();
    for (const i of list) {
      const k = instrumentKey(i);
      if (dup.has(k)) continue;
      dup.add(k);
      if (DEPTH_SEGMENTS.has(i.segment)) ok.push(i);
      else refused.push({ instrument: i, mode, reason: 'depth-segment',
        message: `Dhan full market depth is only for NSE_EQ and NSE_FNO, not ${i.segment}` });
    }
    return ok;
  };

  // 20-level depth: up to 50 instruments per socket.
  const d20 = depthOk('depth20', desired.get('depth20') ?? []);
  const d20Bins = Math.min(budget, Math.ceil(d20.length / limits.instrumentsPerDepth20Socket));
  const d20At = pack(d20.map(instrumentKey), d20Bins, limits.instrumentsPerDepth20Socket, (k) => binOf(home, 'depth20', k));
  const d20Lists = Array.from({ length: d20Bins }, () => [] as FeedInstrument[]);
  for (const i of d20) {
    const b = d20At.get(instrumentKey(i))!;
    if (b < 0) refused.push({ instrument: i, mode: 'depth20', reason: 'connection-limit',
      message: `${limitText} (20-level depth: ${limits.instrumentsPerDepth20Socket} instruments per connection)` });
    else d20Lists[b]!.push(i);
  }
  d20Lists.forEach((list, b) => sockets.push({ id: `depth20-${b}`, kind: 'depth20', subscriptions: new Map([['depth20', list]]) }));
  budget -= d20Bins;

  // 200-level depth: one instrument per socket, first wanted first served.
  for (const i of depthOk('depth200', desired.get('depth200') ?? [])) {
    if (budget <= 0) {
      refused.push({ instrument: i, mode: 'depth200', reason: 'connection-limit',
        message: `${limitText} (200-level depth: one instrument per connection)` });
      continue;
    }
    budget--;
    sockets.push({ id: `depth200-${instrumentKey(i)}`, kind: 'depth200', subscriptions: new Map([['depth200', [i]]]) });
  }
  return { sockets, refused };
}
