/**
 * The bottom status bar: transport, bridge state, app version, core host, session state and detail,
 * and the age of the last heartbeat. Presentational: every value comes in as a prop.
 * The `data-testid` values are read by the end-to-end test.
 */

/** What the status bar shows; null where the core has not said yet. */
export interface StatusBarProps {
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
}

import type { ReactNode } from 'react';

const UNKNOWN = '—';

function Item({ label, children, tone, stale }: { readonly label: string; readonly children: ReactNode; readonly tone?: string; readonly stale?: boolean }) {
  const cls = ['status-item', tone ? `tone-${tone}` : '', stale ? 'status-stale' : ''].filter(Boolean).join(' ');
  return (
    <span className={cls} title={stale ? 'Last known value: the link to the core is not open' : undefined}>
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

/** Renders the status bar from plain values; `—` stands for a value the core has not sent yet. */
export function StatusBar(p: StatusBarProps) {
  // Values from the core are last-known while the link is down: shown dimmed, not as current.
  const stale = p.linkState !== 'open';
  return (
    <footer className="status-bar" role="status">
      <Item label="transport">
        <span data-testid="transport">{p.transport ?? UNKNOWN}</span>
      </Item>
      <Item label="bridge" tone={linkTone(p.linkState)}>
        <span className="status-dot" aria-hidden="true" />
        <span data-testid="bridge-state" title={p.linkDetail}>
          {p.linkState}
        </span>
      </Item>
      <Item label="version" stale={stale}>
        <span data-testid="app-version">{p.version ?? UNKNOWN}</span>
      </Item>
      <Item label="core" stale={stale}>
        <span data-testid="core-host">{p.coreHost ?? UNKNOWN}</span>
      </Item>
      <Item label="session" stale={stale} tone={p.sessionState === 'connected' ? 'good' : p.sessionState === null ? undefined : 'warn'}>
        <span data-testid="session-state">{p.sessionState ?? UNKNOWN}</span>
        {p.sessionDetail ? <span className="status-detail">({p.sessionDetail})</span> : null}
      </Item>
      <span className="status-spacer" />
      <Item label="heartbeat" tone={p.heartbeatAgeS !== null && p.heartbeatAgeS > 5 ? 'warn' : undefined}>
        <span data-testid="heartbeat-age">{p.heartbeatAgeS === null ? UNKNOWN : `${p.heartbeatAgeS} s ago`}</span>
      </Item>
    </footer>
  );
}
