/**
 * Notices for the feed's server disconnects, pure: Dhan's disconnect packet (feed code 50) carries
 * a reason, 805 (too many connections) to 810 (client id invalid), that the user must be able to
 * read even after the socket has reconnected. `feed.status` carries each socket's last disconnect
 * (`SocketStatus.lastDisconnect`, about once a second, the same one again on every status); this
 * module turns each NEW disconnect into one toast, however many statuses repeat it.
 *
 * Source: issue 3 ("805-810 surfaced with their meaning; 807-810 stop and report the session
 * expired"); seeds/002 Annexure "Data API Error"; shared/ipc/contract.ts `SocketDisconnect`.
 */
import type { BrokerId, FeedStatus, SocketDisconnect, SocketStatus } from '../../shared/ipc/contract';

/** A toast's words and colour (the shape `addToast` takes). */
export interface FeedNotice {
  readonly message: string;
  /** `bad` when the socket stopped for good (credentials refused, no data subscription), else `warn`. */
  readonly tone: 'warn' | 'bad';
}

const SOCKET_NAME: Readonly<Record<SocketStatus['kind'], string>> = {
  feed: 'Market feed',
  depth20: '20-level depth feed',
  depth200: '200-level depth feed',
  orders: 'Order-update socket',
};

const BROKER_NAME: Readonly<Record<BrokerId, string>> = { dhan: 'Dhan', kite: 'Kite', sim: 'the simulated exchange' };

/**
 * The toast for one disconnect: `Market feed disconnected by Dhan: 805 Too many requests or
 * connections. Further requests may result in the user being blocked.` plus, when the socket will
 * not reconnect by itself, what to do. `broker` null when no session is known.
 */
export function disconnectNotice(kind: SocketStatus['kind'], d: SocketDisconnect, broker: BrokerId | null): FeedNotice {
  const by = broker === null ? 'the server' : BROKER_NAME[broker];
  const meaning = /[.!?]$/.test(d.meaning) ? d.meaning : `${d.meaning}.`;
  const then = d.final ? ' It stays down until you connect again with working credentials (Settings).' : ' Reconnecting.';
  return { message: `${SOCKET_NAME[kind]} disconnected by ${by}: ${d.code} ${meaning}${then}`, tone: d.final ? 'bad' : 'warn' };
}

/** A disconnect older than this (ms) when first seen is old news (a page reload): no toast. */
export const OLD_DISCONNECT_MS = 5 * 60_000;

/**
 * A watcher of `feed.status` events: `next(status, broker, nowMs)` returns the notices of the
 * disconnects it has not seen before (a disconnect is its socket id, code and time), in socket
 * order. Every disconnect is announced once, however many statuses repeat it; a second 805 on the
 * same socket (a later time) is announced again. One already older than {@link OLD_DISCONNECT_MS}
 * when first seen (the page was reloaded long after it) is not announced; the status bar still
 * shows it while its socket is down.
 */
export function createDisconnectWatch(): { next(status: FeedStatus, broker: BrokerId | null, nowMs: number): FeedNotice[] } {
  const seen = new Set<string>();
  return {
    next(status, broker, nowMs) {
      const out: FeedNotice[] = [];
      for (const s of status.sockets) {
        const d = s.lastDisconnect;
        if (d === undefined) continue;
        const id = `${s.id}|${d.code}|${d.atMs}`;
        if (seen.has(id)) continue;
        seen.add(id);
        if (nowMs - d.atMs > OLD_DISCONNECT_MS) continue;
        out.push(disconnectNotice(s.kind, d, broker));
      }
      // Bounded: the ids of a long day's disconnects are a few hundred bytes each at most.
      if (seen.size > 1000) for (const id of [...seen].slice(0, 500)) seen.delete(id);
      return out;
    },
  };
}
