/**
 * The bottom status bar: mode (SIM or LIVE, unmistakable) and broker, transport, bridge state,
 * session state, each socket's state (and the last server disconnect's reason while it matters),
 * market-data messages per second, age of the last market-data message, token expiry, running tasks with their progress, app version, core host and the age of
 * the last heartbeat. Presentational: every value comes in as a prop. The `data-testid` values are
 * read by the end-to-end tests.
 */
import type { ReactNode } from 'react';

/** One socket as shown. */
export interface SocketView {
  readonly id: string;
  /** `feed`, `depth20`, `depth200`, `orders`. */
  readonly kind: string;
  /** `open`, `connecting`, `reconnecting`, `stale`, `closed`, `expired`. */
  readonly state: string;
  readonly instruments: number;
  readonly detail: string;
}

/** A server disconnect as shown next to the sockets: `805 Too many requests or connections`. */
export interface DisconnectView {
  readonly text: string;
  /** The full reason, the socket and the time (tooltip). */
  readonly title: string;
  /** `bad` when the socket stopped for good, `warn` when it reconnects. */
  readonly tone: 'warn' | 'bad';
}

/** One task as shown: `percent` null when the total is unknown. */
export interface TaskView {
  readonly id: string;
  readonly label: string;
  readonly state: 'running' | 'failed';
  readonly percent: number | null;
  readonly detail: string;
}

/** What the status bar shows; null where the core has not said yet. */
export interface StatusBarProps {
  readonly mode: 'SIM' | 'LIVE' | null;
  readonly broker: string | null;
  readonly transport: string | null;
  /** `connecting`, `open`, `reconnecting` or `refused`. */
  readonly linkState: string;
  readonly linkDetail: string;
  readonly version: string | null;
  readonly coreHost: string | null;
  readonly sessionState: string | null;
  readonly sessionDetail: string | null;
  /** Whole seconds since the last heartbeat; null before the first. */
  readonly heartbeatAgeS: number | null;
  /** Null before the first `feed.status`. */
  readonly sockets: readonly SocketView[] | null;
  readonly messagesPerSecond: number | null;
  /** Whole seconds since the last market-data message; null when none yet. */
  readonly lastMessageAgeS: number | null;
  /** `27 Nov 08:00 IST` or null when unknown; `expiresSoon` warns (less than an hour). */
  readonly tokenExpiry: string | null;
  /** The full expiry for the tooltip (`Access token valid until 27 Nov 2025 08:00:00 IST`). */
  readonly tokenExpiryTitle: string | null;
  readonly tokenExpired: boolean;
  readonly tokenExpiresSoon: boolean;
  /** The last server disconnect of a market-data socket while it matters, else null. */
  readonly disconnect: DisconnectView | null;
  readonly tasks: readonly TaskView[];
  readonly onDismissTask?: (id: string) => void;
}

const UNKNOWN = '—';

/** One labelled value. */
function Item({ label, children, tone, stale, testId, className }: { readonly label: string; readonly children: ReactNode; readonly tone?: string | undefined; readonly stale?: boolean; readonly testId?: string; readonly className?: string }) {
  const cls = ['status-item', className ?? '', tone ? `tone-${tone}` : '', stale ? 'status-stale' : ''].filter(Boolean).join(' ');
  return (
    <span className={cls} title={stale ? 'Last known value: the link to the core is not open' : undefined} data-testid={testId}>
      <span className="status-label">{label}</span>
      {children}
    </span>
  );
}

function linkTone(state: string): string {
  if (state === 'open') return 'good';
  if (state === 'refused') return 'bad';
  return 'warn';
}

function socketTone(state: string): string {
  if (state === 'open') return 'good';
  if (state === 'expired' || state === 'closed') return 'bad';
  return 'warn';
}

/** Renders the status bar from plain values; `—` stands for a value the core has not sent yet. */
export function StatusBar(p: StatusBarProps) {
  // Values from the core are last-known while the link is down: shown dimmed, not as current.
  const stale = p.linkState !== 'open';
  const live = p.mode === 'LIVE';
  return (
    <footer className={live ? 'status-bar status-live' : 'status-bar'} role="status">
      <span className={`status-mode ${p.mode === null ? 'mode-unknown' : live ? 'mode-live' : 'mode-sim'}`} data-testid="status-mode">
        {p.mode ?? 'NO SESSION'}
        {p.broker !== null && <span className="status-broker"> · {p.broker}</span>}
      </span>
      <Item label="transport" className="status-optional status-transport">
        <span className="status-clip" data-testid="transport" title={`transport ${p.transport ?? UNKNOWN}`}>
          {p.transport ?? UNKNOWN}
        </span>
      </Item>
      <Item label="bridge" tone={linkTone(p.linkState)}>
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="bridge-state" title={p.linkDetail}>
          {p.linkState}
        </span>
      </Item>
      <Item label="session" stale={stale} tone={p.sessionState === 'connected' ? 'good' : p.sessionState === null ? undefined : 'warn'}>
        <span data-testid="session-state">{p.sessionState ?? UNKNOWN}</span>
        {p.sessionDetail ? <span className="status-detail">({p.sessionDetail})</span> : null}
      </Item>
      <Item label="sockets" stale={stale} testId="sockets">
        {p.sockets === null || p.sockets.length === 0 ? (
          <span>{p.sockets === null ? UNKNOWN : 'none'}</span>
        ) : (
          p.sockets.map((s) => (
            <span
              key={s.id}
              className={`socket tone-${socketTone(s.state)}`}
              title={`${s.id}: ${s.state}, ${s.instruments} instruments${s.detail ? ` (${s.detail})` : ''}`}
              data-testid="socket-state"
            >
              <span className="status-dot" aria-hidden="true" />
              {s.kind} {s.state}
            </span>
          ))
        )}
      </Item>
      {p.disconnect !== null && (
        <span className={`status-item status-disconnect tone-${p.disconnect.tone}${stale ? ' status-stale' : ''}`} title={p.disconnect.title} data-testid="feed-disconnect">
          <span className="status-clip">{p.disconnect.text}</span>
        </span>
      )}
      <Item label="msg/s" stale={stale}>
        <span className="num" data-testid="messages-per-second">
          {p.messagesPerSecond === null ? UNKNOWN : Math.round(p.messagesPerSecond).toLocaleString('en-IN')}
        </span>
      </Item>
      <Item label="last msg" stale={stale} tone={p.lastMessageAgeS !== null && p.lastMessageAgeS > 5 ? 'warn' : undefined}>
        <span className="num" data-testid="last-message-age">
          {p.lastMessageAgeS === null ? UNKNOWN : `${p.lastMessageAgeS} s ago`}
        </span>
      </Item>
      {/* A far expiry may give way (ellipsised, full date in the tooltip) when the bar is crowded; one
          within the hour, or past, never does. */}
      <Item
        label="token"
        tone={p.tokenExpired ? 'bad' : p.tokenExpiresSoon ? 'warn' : undefined}
        className={p.tokenExpiry !== null && !p.tokenExpired && !p.tokenExpiresSoon ? 'status-token-far' : undefined}
      >
        <span className="status-clip" data-testid="token-expiry" title={p.tokenExpiryTitle ?? undefined}>
          {p.tokenExpiry === null ? UNKNOWN : `${p.tokenExpired ? 'expired ' : p.tokenExpiresSoon ? 'until ' : ''}${p.tokenExpiry}`}
        </span>
      </Item>
      {p.tasks.map((t) => (
        <span key={t.id} className={`status-item status-task ${t.state === 'failed' ? 'tone-bad' : ''}`} title={t.detail} data-testid="task-progress">
          <span className="status-label">{t.label}</span>
          {t.state === 'failed' ? (
            <>
              <span>failed{t.detail ? `: ${t.detail}` : ''}</span>
              {p.onDismissTask && (
                <button type="button" className="icon-button" aria-label={`Dismiss ${t.label}`} onClick={() => p.onDismissTask?.(t.id)}>
                  ×
                </button>
              )}
            </>
          ) : (
            <>
              <progress max={100} value={t.percent ?? undefined} aria-label={t.label} />
              <span className="num">{t.percent === null ? '…' : `${t.percent}%`}</span>
            </>
          )}
        </span>
      ))}
      <span className="status-spacer" />
      <span
        className={['status-item', 'status-optional', stale ? 'status-stale' : ''].filter(Boolean).join(' ')}
        title={stale ? 'Last known value: the link to the core is not open' : `app version ${p.version ?? UNKNOWN} · core ${p.coreHost ?? UNKNOWN}`}
      >
        <span className="status-label">v</span>
        <span className="status-clip">
          <span data-testid="app-version">{p.version ?? UNKNOWN}</span> <span className="status-label">core</span> <span data-testid="core-host">{p.coreHost ?? UNKNOWN}</span>
        </span>
      </span>
      <Item label="heartbeat" tone={p.heartbeatAgeS !== null && p.heartbeatAgeS > 5 ? 'warn' : undefined}>
        <span data-testid="heartbeat-age">{p.heartbeatAgeS === null ? UNKNOWN : `${p.heartbeatAgeS} s ago`}</span>
      </Item>
    </footer>
  );
}
