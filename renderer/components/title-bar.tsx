/** The workstation's title bar: the name and the mode badge. Presentational. */
import type { TradingMode } from '../../shared/ipc/contract';
import { ModeBadge } from './mode-badge';

/** The app name, the mode badge (null mode: not known yet) and the broker id when known. */
export function TitleBar({ mode, broker }: { readonly mode: TradingMode | null; readonly broker: string | null }) {
  return (
    <header className="title-bar">
      <span className="title-bar-name">Tickdesk</span>
      <ModeBadge mode={mode} />
      {broker !== null && <span className="title-bar-broker">broker: {broker}</span>}
    </header>
  );
}
