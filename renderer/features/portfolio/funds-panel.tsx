/**
 * The funds panel (registered as `funds`): the trading account's funds from `funds.get` (on open
 * and Refresh) and from every portfolio snapshot (after each fill), in rupees with Indian grouping.
 *
 * Source: issue 5 "funds"; seeds/002 "Funds & Margin" (fund limit; Dhan's `availabelBalance`
 * arrives here as `availableBalance`).
 */
import { useEffect } from 'react';
import { formatRupees } from '../../../shared/format';
import type { Funds } from '../../../shared/portfolio';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import './portfolio.css';

/** The rows of the funds panel: label, field, and a hint of what it means. */
export const FUNDS_ROWS: readonly { readonly label: string; readonly field: keyof Funds; readonly hint: string }[] = [
  { label: 'Available to trade', field: 'availableBalance', hint: 'Cash and collateral margin left for new orders' },
  { label: 'Used', field: 'utilisedAmount', hint: 'Margin blocked by open orders and positions, and today’s debits' },
  { label: 'Start of day', field: 'startOfDayLimit', hint: 'Limit at the start of the day' },
  { label: 'Collateral', field: 'collateralAmount', hint: 'Margin from pledged holdings' },
  { label: 'Receivable', field: 'receivableAmount', hint: 'Credit from deliveries sold' },
  { label: 'Blocked for payout', field: 'blockedPayoutAmount', hint: 'Held for a withdrawal request' },
  { label: 'Withdrawable', field: 'withdrawableBalance', hint: 'Can be moved to the bank' },
];

/** The panel. */
export function FundsPanel({ store, bridge, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const funds = useAppStore(store, (s) => s.portfolio.funds);
  const load = (say: boolean) =>
    void bridge.invoke('funds.get', {}).then((r) => {
      if (r.ok) store.getState().setFunds(r.value);
      else if (say) commands.toast(`Funds not loaded: ${r.error.message}`, 'bad');
    });
  useEffect(() => {
    load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, store]);

  return (
    <div className="portfolio" data-testid="funds">
      <div className="portfolio-bar">
        <span>Funds</span>
        <button type="button" onClick={() => load(true)}>Refresh</button>
      </div>
      {funds === null ? (
        <p className="panel-empty">Loading funds…</p>
      ) : (
        <dl className="funds-list">
          {FUNDS_ROWS.map((r) => (
            <div key={r.field} className={`funds-row ${r.field === 'availableBalance' ? 'funds-main' : ''}`} title={r.hint} data-field={r.field}>
              <dt>{r.label}</dt>
              <dd className={`num ${funds[r.field] < 0 ? 'tone-bad' : ''}`}>{formatRupees(funds[r.field])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
