/** The workstation's title bar: the name, the mode badge, the broker, then the given tools. Presentational. */
import type { ReactNode } from 'react';
import type { TradingMode } from '../../shared/ipc/contract';
import { ModeBadge } from './mode-badge';

/** `mode` null: not known yet. `children`: the search box and panel menu, laid out after the badge. */
export function TitleBar({ mode, broker, children }: { readonly mode: TradingMode | null; readonly broker: string | null; readonly children?: ReactNode }) {
  return (
    <header className={mode === 'LIVE' ? 'title-bar title-bar-live' : 'title-bar'}>
      <span className="title-bar-name">Tickdesk</span>
      <ModeBadge mode={mode} />
      {broker !== null && <span className="title-bar-broker">broker: {broker}</span>}
      {children}
    </header>
  );
}
