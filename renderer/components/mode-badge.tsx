/**
 * The trading-mode badge: SIM (simulated exchange, no real money) or LIVE (a real broker account),
 * loud enough that nobody mistakes one for the other. Presentational.
 */
import type { TradingMode } from '../../shared/ipc/contract';

/** `mode` null: the core has not said yet. */
export function ModeBadge({ mode }: { readonly mode: TradingMode | null }) {
  if (mode === null) {
    return (
      <span className="mode-badge mode-unknown" data-testid="mode-badge" title="Trading mode not known yet">
        NO SESSION
      </span>
    );
  }
  const live = mode === 'LIVE';
  return (
    <span
      className={live ? 'mode-badge mode-live' : 'mode-badge mode-sim'}
      data-testid="mode-badge"
      title={live ? 'LIVE: orders go to a real broker account with real money' : 'SIM: simulated exchange, no real money'}
    >
      {live ? 'LIVE · REAL MONEY' : 'SIM · NO REAL MONEY'}
    </span>
  );
}
