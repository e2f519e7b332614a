/**
 * From the store's state to the status bar's props (pure): ages in whole seconds at `nowMs`,
 * token expiry in IST (short, full in the tooltip) with "soon" under an hour, task progress in whole percent, and the last
 * server disconnect of a market-data socket as visible text while that socket is down and for
 * {@link DISCONNECT_SHOWN_MS} after it.
 *
 * Source: issue 5, "Status bar" and "Every long task shows progress"; issue 3, "805-810 surfaced
 * with their meaning".
 */
import { formatIstDate, formatIstDateTime, formatIstTime, istParts } from '../../../shared/format';
import type { SocketStatus } from '../../../shared/ipc/contract';
import type { DisconnectView, StatusBarProps, TaskView } from '../../components/status-bar';
import type { AppState } from '../../stores/app-store';

/** A token expiring within this many ms is shown as a warning. */
export const TOKEN_SOON_MS = 60 * 60 * 1000;

/** A disconnect reason stays visible this long (ms) after it arrived, even once its socket is open again. */
export const DISCONNECT_SHOWN_MS = 2 * 60 * 1000;

/** The first clause of a broker's reason: `Too many requests or connections`, `Authentication Failed`. */
function shortMeaning(meaning: string): string {
  return meaning.split(/\.\s| - /)[0]!.replace(/\.$/, '');
}

/**
 * The disconnect to show: the newest one among the sockets that is still relevant (its socket is
 * not open, or it is younger than {@link DISCONNECT_SHOWN_MS}); null when none.
 */
export function disconnectView(sockets: readonly SocketStatus[] | null, nowMs: number): DisconnectView | null {
  let best: SocketStatus | null = null;
  for (const s of sockets ?? []) {
    const d = s.lastDisconnect;
    if (d === undefined) continue;
    if (s.state === 'open' && nowMs - d.atMs >= DISCONNECT_SHOWN_MS) continue;
    if (best === null || d.atMs > best.lastDisconnect!.atMs) best = s;
  }
  if (best === null) return null;
  const d = best.lastDisconnect!;
  const again = best.state === 'open' ? ', open again' : `, ${best.state}`;
  return {
    text: `${d.code} ${shortMeaning(d.meaning)}`,
    title: `${best.id} disconnected by the server at ${formatIstTime(d.atMs)} IST${again}: ${d.code} ${d.meaning}`,
    tone: d.final ? 'bad' : 'warn',
  };
}

/**
 * A token expiry as the status bar shows it: `22 Nov 08:00 IST`, with the year when it is not the
 * year of `nowMs` (`03 Jan 2027 08:00 IST`). Dhan tokens last a day to a month, so the year is
 * usually noise; the tooltip carries the full date and time.
 */
export function shortExpiry(expMs: number, nowMs: number): string {
  const date = istParts(expMs)?.year === istParts(nowMs)?.year ? formatIstDate(expMs).replace(/ \d+$/, '') : formatIstDate(expMs);
  return `${date} ${formatIstTime(expMs).slice(0, 5)} IST`;
}

const age = (atMs: number | null, nowMs: number) => (atMs === null ? null : Math.max(0, Math.floor((nowMs - atMs) / 1000)));

/** The status bar's props at `nowMs` (epoch ms). */
export function statusView(s: Pick<AppState, 'connection' | 'feed' | 'tasks'>, nowMs: number): Omit<StatusBarProps, 'onDismissTask'> {
  const c = s.connection;
  const exp = c.session?.tokenExpiresAtMs ?? null;
  const tasks: TaskView[] = Object.values(s.tasks)
    .filter((t) => t.state !== 'done')
    .map((t) => ({
      id: t.id,
      label: t.label,
      state: t.state === 'failed' ? 'failed' : 'running',
      percent: t.total !== null && t.total > 0 ? Math.max(0, Math.min(100, Math.floor((t.done / t.total) * 100))) : null,
      detail: t.detail,
    }));
  return {
    mode: c.session?.mode ?? null,
    broker: c.session?.broker ?? null,
    transport: c.transport,
    linkState: c.linkState,
    linkDetail: c.linkDetail,
    version: c.appInfo?.version ?? null,
    coreHost: c.appInfo?.host ?? null,
    sessionState: c.session?.state ?? null,
    sessionDetail: c.session?.detail ?? null,
    heartbeatAgeS: age(c.lastHeartbeatAtMs, nowMs),
    sockets: s.feed?.sockets ?? null,
    messagesPerSecond: s.feed?.messagesPerSecond ?? null,
    lastMessageAgeS: age(s.feed?.lastMessageAtMs ?? null, nowMs),
    tokenExpiry: exp === null ? null : shortExpiry(exp, nowMs),
    tokenExpiryTitle: exp === null ? null : `Access token valid until ${formatIstDateTime(exp)} IST`,
    tokenExpired: exp !== null && exp <= nowMs,
    tokenExpiresSoon: exp !== null && exp > nowMs && exp - nowMs < TOKEN_SOON_MS,
    disconnect: disconnectView(s.feed?.sockets ?? null, nowMs),
    tasks,
  };
}
