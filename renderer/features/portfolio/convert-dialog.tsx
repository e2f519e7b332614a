/**
 * Convert a position's product (INTRADAY ↔ CNC for equity, INTRADAY ↔ MARGIN for F&O): the target
 * among those the position allows, and the quantity (lots for F&O, units otherwise; the whole open
 * quantity by default). Sends `portfolio.convert` once; the broker's refusal is shown in its words.
 *
 * Source: seeds/002 "Convert Position" (`fromProductType`, `toProductType`, `positionType`,
 * `convertQty`); DESIGN.md "Money rules".
 */
import { useRef, useState } from 'react';
import { formatQuantityWithLots } from '../../../shared/format';
import type { Bridge } from '../../../shared/ipc/contract';
import type { ProductType } from '../../../shared/orders';
import type { Position } from '../../../shared/portfolio';
import { ActionDialog } from './action-dialog';
import { conversionTargets, convertQuantity, convertRequest, countsLots, positionActionText } from './position-actions';

/** Props of {@link ConvertDialog}. */
export interface ConvertDialogProps {
  readonly bridge: Bridge;
  readonly position: Position;
  readonly name: string;
  readonly lotSize: number;
  readonly onClose: () => void;
  readonly onOutcome: (o: { readonly tone: 'good' | 'bad' | 'warn'; readonly text: string }) => void;
}

type Phase = { readonly state: 'edit' } | { readonly state: 'sending' } | { readonly state: 'done'; readonly tone: 'good' | 'bad' | 'warn'; readonly text: string };

/** See the file comment. */
export function ConvertDialog({ bridge, position: p, name, lotSize, onClose, onOutcome }: ConvertDialogProps) {
  const targets = conversionTargets(p);
  const open = Math.abs(p.netQuantity);
  const lots = countsLots(lotSize);
  const [to, setTo] = useState<ProductType | undefined>(targets[0]);
  const [qtyText, setQtyText] = useState(String(lots && open % lotSize === 0 ? open / lotSize : open));
  const [phase, setPhase] = useState<Phase>({ state: 'edit' });
  const sent = useRef(false);
  const qty = convertQuantity(qtyText, lotSize, open);
  const canSend = phase.state === 'edit' && to !== undefined && qty.ok;

  const send = () => {
    if (!canSend || sent.current || to === undefined || !qty.ok) return;
    sent.current = true;
    setPhase({ state: 'sending' });
    void bridge.invoke('portfolio.convert', convertRequest(p, to, qty.units)).then((r) => {
      const t = positionActionText('Conversion', r);
      setPhase({ state: 'done', ...t });
      onOutcome(t);
    });
  };

  return (
    <ActionDialog title="Convert position" testId="convert-dialog" onClose={onClose} onEnter={phase.state === 'done' ? onClose : send}>
      <p className="pf-dialog-lead">
        {p.netQuantity > 0 ? 'LONG' : 'SHORT'} {formatQuantityWithLots(open, lotSize)} <strong>{name}</strong> · {p.product}
      </p>
      {targets.length === 0 ? (
        <p className="tone-warn">A {p.netQuantity < 0 ? 'short ' : ''}{p.product} position in {p.instrument.segment} cannot be converted here.</p>
      ) : (
        <div className="pf-dialog-fields">
          <label>
            To product
            <select value={to} disabled={phase.state !== 'edit'} onChange={(e) => setTo(e.target.value as ProductType)} data-testid="convert-to">
              {targets.map((t) => (
                <option key={t} value={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            Quantity {lots ? '(lots)' : ''}
            <input
              autoFocus
              inputMode="numeric"
              value={qtyText}
              readOnly={phase.state !== 'edit'}
              aria-invalid={!qty.ok}
              onChange={(e) => setQtyText(e.target.value)}
              data-testid="convert-quantity"
            />
          </label>
        </div>
      )}
      {!qty.ok && phase.state === 'edit' && <p className="tone-bad" data-testid="convert-error">{qty.message}</p>}
      {phase.state === 'done' && (
        <p className={`pf-dialog-outcome tone-${phase.tone}`} data-testid="convert-outcome" data-tone={phase.tone}>
          {phase.text}
        </p>
      )}
      <footer className="pf-dialog-foot">
        {phase.state === 'done' ? (
          <button type="button" autoFocus onClick={onClose} data-testid="convert-close">Close</button>
        ) : (
          <>
            <button type="button" className="pf-primary" disabled={!canSend} onClick={send} data-testid="convert-submit">
              {phase.state === 'sending' ? 'Converting…' : `Convert${to ? ` to ${to}` : ''}`} <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={onClose} disabled={phase.state === 'sending'}>Cancel <kbd>Esc</kbd></button>
          </>
        )}
      </footer>
    </ActionDialog>
  );
}
