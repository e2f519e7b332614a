/**
 * The exit-all confirmation: names how many positions and the total quantity (one line per
 * position), says that the broker ALSO cancels every open order of the day (how many the order
 * book holds), then sends `portfolio.exitAll` once. The outcome stays in the dialog: accepted,
 * rejected in the broker's words, or UNKNOWN (not sent again; check positions and orders).
 *
 * Source: seeds/002 "Exit All Positions" (`DELETE /positions`: "Exit all active positions and
 * cancel all open orders for the current trading day"); DESIGN.md "Money rules".
 */
import { useRef, useState } from 'react';
import { formatQuantity } from '../../../shared/format';
import type { Bridge } from '../../../shared/ipc/contract';
import { ActionDialog } from './action-dialog';
import { positionActionText, type ExitAllSummary } from './position-actions';

/** Props of {@link ExitAllDialog}. */
export interface ExitAllDialogProps {
  readonly bridge: Bridge;
  readonly summary: ExitAllSummary;
  /** Open orders in the order book now (the broker cancels them all). */
  readonly openOrders: number;
  readonly onClose: () => void;
  /** The outcome, for a toast after the dialog is closed. */
  readonly onOutcome: (o: { readonly tone: 'good' | 'bad' | 'warn'; readonly text: string }) => void;
}

type Phase = { readonly state: 'ask' } | { readonly state: 'sending' } | { readonly state: 'done'; readonly tone: 'good' | 'bad' | 'warn'; readonly text: string };

/** See the file comment. */
export function ExitAllDialog({ bridge, summary: live, openOrders: liveOrders, onClose, onOutcome }: ExitAllDialogProps) {
  const [phase, setPhase] = useState<Phase>({ state: 'ask' });
  const sent = useRef(false);
  // Live until sent, then what the trader confirmed (the flat positions that follow must not
  // rewrite it, nor move the buttons under the pointer).
  const [confirmed, setConfirmed] = useState<{ readonly summary: ExitAllSummary; readonly openOrders: number } | null>(null);
  const summary = confirmed?.summary ?? live;
  const openOrders = confirmed?.openOrders ?? liveOrders;
  const send = () => {
    if (sent.current) return;
    sent.current = true;
    setConfirmed({ summary: live, openOrders: liveOrders });
    setPhase({ state: 'sending' });
    void bridge.invoke('portfolio.exitAll', {}).then((r) => {
      const t = positionActionText('Exit all', r);
      setPhase({ state: 'done', ...t });
      onOutcome(t);
    });
  };
  const n = summary.positions;
  return (
    <ActionDialog title="Exit all positions" testId="exit-all-dialog" onClose={onClose}>
      <p className="pf-dialog-lead" data-testid="exit-all-count">
        Square off <strong>{n} open {n === 1 ? 'position' : 'positions'}</strong>, total quantity <strong>{formatQuantity(summary.units)}</strong>:
      </p>
      {summary.lines.length > 0 && (
        <ul className="pf-dialog-list">
          {summary.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <p className="pf-dialog-warn tone-warn" data-testid="exit-all-orders">
        The broker also <strong>cancels every open order</strong> of the day ({openOrders} open in the order book now); it
        places the square-off orders itself. Sent once, never retried.
      </p>
      {phase.state === 'done' && (
        <p className={`pf-dialog-outcome tone-${phase.tone}`} data-testid="exit-all-outcome" data-tone={phase.tone}>
          {phase.text}
        </p>
      )}
      <footer className="pf-dialog-foot">
        {phase.state === 'done' ? (
          <button type="button" autoFocus onClick={onClose} data-testid="exit-all-close">Close</button>
        ) : (
          <>
            <button type="button" className="pf-danger" disabled={phase.state === 'sending'} onClick={send} data-testid="exit-all-confirm">
              {phase.state === 'sending' ? 'Exiting…' : 'Exit all'}
            </button>
            {/* The focus starts on Back: Enter alone never exits everything. */}
            <button type="button" autoFocus onClick={onClose} disabled={phase.state === 'sending'} data-testid="exit-all-back">Back <kbd>Esc</kbd></button>
          </>
        )}
      </footer>
    </ActionDialog>
  );
}
