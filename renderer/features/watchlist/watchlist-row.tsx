/**
 * One watchlist row. React renders it when the row's identity, instrument or selection changes;
 * ticks never re-render it: the row listens to the quote hub and writes the cells' text into DOM
 * nodes, and flashes the row with a CSS class (alternating two animation names so that each tick
 * restarts the animation without forcing a layout). The cells have no React children (React never
 * owns their text); an empty cell shows `—` through CSS.
 */
import { memo, useEffect, useRef, type DragEvent } from 'react';
import { isDerivative, priceDecimals, secondaryLabel, tradingLabel, type Instrument, type InstrumentKey } from '../../../shared/instruments';
import type { QuoteHub } from '../../app/quote-hub';
import { flashDirection, quoteCells, type QuoteCells } from './quote-cells';

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

/**
 * The text nodes a tick writes: `[data-cell name, QuoteCells field]`. Change, volume and OI have
 * a second node for a narrow panel (% change stacked under change, lakh/crore figures); the
 * stylesheet shows one form or the other, so both are kept current.
 */
const NODES: readonly (readonly [string, Exclude<keyof QuoteCells, 'trend'>])[] = [
  ['ltp', 'ltp'],
  ['change', 'change'],
  ['changePctStacked', 'changePct'],
  ['changePct', 'changePct'],
  ['bid', 'bid'],
  ['ask', 'ask'],
  ['volume', 'volume'],
  ['volumeShort', 'volumeShort'],
  ['oi', 'oi'],
  ['oiShort', 'oiShort'],
];

function RowImpl(p: WatchlistRowProps) {
  const rowRef = useRef<HTMLTableRowElement>(null);
  const cellRefs = useRef<Record<string, HTMLElement | null>>({});
  const inst = p.instrument;
  const decimals = inst ? priceDecimals(inst.segment) : 2;
  const showOi = inst ? isDerivative(inst.instrumentType) : false;

  useEffect(() => {
    let parity = false;
    const paint = (tick = p.quotes.latest(p.rowKey), previous?: Parameters<typeof flashDirection>[1]) => {
      if (tick === undefined) return;
      const c = quoteCells(tick, decimals, showOi);
      for (const [name, field] of NODES) {
        const el = cellRefs.current[name];
        if (el && el.textContent !== c[field]) el.textContent = c[field];
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

  const node = (name: string) => (el: HTMLElement | null) => void (cellRefs.current[name] = el);
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
        <button type="button" className="icon-button wl-remove" title="Remove from this list (Delete)" aria-label={`Remove ${name}`} onClick={(e) => (e.stopPropagation(), p.onRemove(p.rowKey))}>
          ×
        </button>
      </td>
      <td className="num wl-ltp" data-cell="ltp" ref={node('ltp')} />
      <td className="num wl-change">
        <span className="wl-chg-abs" data-cell="change" ref={node('change')} />
        <span className="wl-chg-pct" data-cell="changePctStacked" ref={node('changePctStacked')} />
      </td>
      <td className="num wl-changePct" data-cell="changePct" ref={node('changePct')} />
      <td className="num wl-bid" data-cell="bid" ref={node('bid')} />
      <td className="num wl-ask" data-cell="ask" ref={node('ask')} />
      <td className="num wl-volume">
        <span className="wl-full" data-cell="volume" ref={node('volume')} />
        <span className="wl-short" data-cell="volumeShort" ref={node('volumeShort')} />
      </td>
      {p.oiColumn && (
        <td className="num wl-oi">
          <span className="wl-full" data-cell="oi" ref={node('oi')} />
          <span className="wl-short" data-cell="oiShort" ref={node('oiShort')} />
        </td>
      )}
    </tr>
  );
}

/**
 * The small second line of the symbol cell: segment, then the company name (cash) or the contract
 * type and lot size (F&O; expiry, strike and CE/PE are in the first line already).
 */
function describe(i: Instrument): string {
  const seg = i.segment.replace('_', ' ');
  if (!isDerivative(i.instrumentType)) {
    const name = secondaryLabel(i);
    return name ? `${seg} · ${name}` : seg;
  }
  return `${seg} · ${i.instrumentType} · lot ${i.lotSize}`;
}

/** A memoised row (re-renders only when its props change, never per tick). */
export const WatchlistRow = memo(RowImpl);
