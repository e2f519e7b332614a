/**
 * One watchlist row. React renders it when the row's identity, instrument or selection changes;
 * ticks never re-render it: the row listens to the quote hub and writes the cells' text into DOM
 * nodes, and flashes the row with a CSS class (alternating two animation names so that each tick
 * restarts the animation without forcing a layout). The cells have no React children (React never
 * owns their text); an empty cell shows `—` through CSS.
 */
import { memo, useEffect, useRef, type DragEvent } from 'react';
import { formatStrike, isDerivative, priceDecimals, secondaryLabel, tradingLabel, type Instrument, type InstrumentKey } from '../../../shared/instruments';
import type { QuoteHub } from '../../app/quote-hub';
import { flashDirection, quoteCells } from './quote-cells';

/** Props of a row. */
export interface WatchlistRowProps {
  readonly rowKey: InstrumentKey;
  readonly instrument: Instrument | undefined;
  /** The core does not know this key (not in the loaded master). */
  readonly unknown: boolean;
  readonly selected: boolean;
  readonly quotes: QuoteHub;
  /** Whether the list shows the OI column (some row is a derivative). */
  readonly oiColumn: boolean;
  readonly onSelect: (key: InstrumentKey) => void;
  readonly onOpen: (key: InstrumentKey) => void;
  readonly onRemove: (key: InstrumentKey) => void;
  readonly onDragStart: (key: InstrumentKey, e: DragEvent) => void;
  readonly onDrop: (key: InstrumentKey, e: DragEvent) => void;
}

const CELLS = ['ltp', 'change', 'changePct', 'bid', 'ask', 'volume', 'oi'] as const;
const CELLS_NO_OI = CELLS.filter((c) => c !== 'oi');

function RowImpl(p: WatchlistRowProps) {
  const rowRef = useRef<HTMLTableRowElement>(null);
  const cellRefs = useRef<Record<string, HTMLTableCellElement | null>>({});
  const inst = p.instrument;
  const decimals = inst ? priceDecimals(inst.segment) : 2;
  const showOi = inst ? isDerivative(inst.instrumentType) : false;

  useEffect(() => {
    let parity = false;
    const paint = (tick = p.quotes.latest(p.rowKey), previous?: Parameters<typeof flashDirection>[1]) => {
      if (tick === undefined) return;
      const c = quoteCells(tick, decimals, showOi);
      for (const name of CELLS) {
        const el = cellRefs.current[name];
        if (el && el.textContent !== c[name]) el.textContent = c[name];
      }
      const row = rowRef.current;
      if (!row) return;
      row.dataset.trend = c.trend;
      const dir = flashDirection(tick, previous);
      if (dir !== null) {
        parity = !parity;
        row.classList.remove('flash-up-a', 'flash-up-b', 'flash-down-a', 'flash-down-b');
        row.classList.add(`flash-${dir}-${parity ? 'a' : 'b'}`);
      }
    };
    paint();
    return p.quotes.listen(p.rowKey, (t, prev) => paint(t, prev));
  }, [p.quotes, p.rowKey, decimals, showOi, p.oiColumn]);

  const name = inst ? tradingLabel(inst) : p.rowKey;
  const sub = inst ? describe(inst) : p.unknown ? 'not in the instrument master' : 'loading…';
  return (
    <tr
      ref={rowRef}
      className={p.selected ? 'wl-row selected' : 'wl-row'}
      data-key={p.rowKey}
      data-testid="watchlist-row"
      aria-selected={p.selected}
      draggable
      onClick={() => p.onSelect(p.rowKey)}
      onDoubleClick={() => p.onOpen(p.rowKey)}
      onDragStart={(e) => p.onDragStart(p.rowKey, e)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => p.onDrop(p.rowKey, e)}
    >
      <td className="wl-symbol" title={inst ? `${inst.displayName} · ${inst.tradingSymbol} · ${inst.segment}` : p.rowKey}>
        <span className="wl-name">{name}</span>
        <span className="wl-sub">{sub}</span>
      </td>
      {(p.oiColumn ? CELLS : CELLS_NO_OI).map((c) => (
        <td key={c} className={`num wl-${c}`} data-cell={c} ref={(el) => void (cellRefs.current[c] = el)} />
      ))}
      <td className="wl-actions">
        <button type="button" className="icon-button" title="Remove from this list (Delete)" aria-label={`Remove ${name}`} onClick={(e) => (e.stopPropagation(), p.onRemove(p.rowKey))}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** The small second line of the symbol cell: segment, and for derivatives the lot size. */
function describe(i: Instrument): string {
  const seg = i.segment.replace('_', ' ');
  if (!isDerivative(i.instrumentType)) {
    const name = secondaryLabel(i);
    return name ? `${seg} · ${name}` : seg;
  }
  const strike = i.strike !== null ? ` ${formatStrike(i.strike)}` : '';
  return `${seg} · ${i.instrumentType}${strike} · lot ${i.lotSize}`;
}

/** A memoised row (re-renders only when its props change, never per tick). */
export const WatchlistRow = memo(RowImpl);
