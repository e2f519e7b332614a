/**
 * From the store's state to the status bar's props (pure): ages in whole seconds at `nowMs`,
 * token expiry in IST with "soon" under an hour, task progress in whole percent.
 *
 * Source: issue 5, "Status bar" and "Every long task shows progress".
 */
import { formatIstDateTime } from '../../../shared/format';
import type { StatusBarProps, TaskView } from '../../components/status-bar';
import type { AppState } from '../../stores/app-store';

/** A token expiring within this many ms is shown as a warning. */
export const TOKEN_SOON_MS = 60 * 60 * 1000;

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
    tokenExpiry: exp === null ? null : `${formatIstDateTime(exp)} IST`,
    tokenExpired: exp !== null && exp <= nowMs,
    tokenExpiresSoon: exp !== null && exp > nowMs && exp - nowMs < TOKEN_SOON_MS,
    tasks,
  };
}
