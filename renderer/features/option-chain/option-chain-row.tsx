/**
 * One strike of the option chain: calls on the left, the strike in the middle, puts on the right.
 *
 * React renders a row when its snapshot (every few seconds: IV and delta change), its ATM or ITM
 * marks change; ticks never re-render it. The row listens to the quote hub for its two legs and
 * writes the live cells' text into DOM nodes (cells without React children, like the watchlist's),
 * only while the row is on screen ± 2 rows; a row off screen is written once, from the latest tick,
 * when it comes back (./row-visibility.ts).
 * No flash per tick: with a whole chain ticking it is noise, and restarting 100+ CSS animations a
 * frame doubled the frame's cost (./option-chain.bench.ts); the Chg column carries the colour.
 *
 * Clicks: a leg's bid opens a SELL ticket at the bid, its ask a BUY ticket at the ask (as in NEST);
 * any other cell of a leg makes that option the focused instrument (F1/F2/F6 act on it).
 */
import { memo, useEffect, useMemo, useRef, type CSSProperties, type RefObject } from 'react';
import { formatPrice } from '../../../shared/format';
import type { InstrumentKey } from '../../../shared/instruments';
import type { OptionChainQuoteLeg, OptionChainQuoteRow, QuoteTick } from '../../../shared/ipc/contract';
import type { OrderSide } from '../../../shared/orders';
import type { QuoteHub } from '../../app/quote-hub';
import { LIVE_CELLS, legGreekCells, legLiveCells, legValues, type LiveCell } from './chain-cells';
import { cellCapacity, digitAdvancePx } from './cell-fit';
import { createRowGate, type RowGate, type RowVisibility } from './row-visibility';

/** Props of a row. */
export interface OptionChainRowProps {
  readonly row: OptionChainQuoteRow;
  readonly atm: boolean;
  readonly callItm: boolean;
  readonly putItm: boolean;
  readonly quotes: QuoteHub;
  /** A bid/ask click: side, the option, the price clicked (rupees). */
  readonly onTrade: (side: OrderSide, key: InstrumentKey, price: number | undefined) => void;
  readonly onFocusLeg: (key: InstrumentKey) => void;
  /** The panel's row watcher: live cells of rows off screen are written when they come back (./row-visibility.ts). Null: always written. */
  readonly visibility: RowVisibility | null;
}

type Side = 'ce' | 'pe';

/** Calls, left to right (NSE's order): OI, OI change, volume, IV, delta, LTP, change, bid, ask. */
const CALL_COLUMNS = ['oi', 'oiChange', 'volume', 'iv', 'delta', 'ltp', 'change', 'bid', 'ask'] as const;
/** Puts mirror the calls around the strike. */
const PUT_COLUMNS = ['bid', 'ask', 'change', 'ltp', 'delta', 'iv', 'volume', 'oiChange', 'oi'] as const;
type Column = (typeof CALL_COLUMNS)[number];

/** Column headers (a `<th>` each), per side, for the panel's table head. */
export const COLUMN_LABELS: Readonly<Record<Column, string>> = {
  oi: 'OI',
  oiChange: 'OI Chg',
  volume: 'Volume',
  iv: 'IV',
  delta: 'Delta',
  ltp: 'LTP',
  change: 'Chg',
  bid: 'Bid',
  ask: 'Ask',
};
export { CALL_COLUMNS, PUT_COLUMNS };

/**
 * Column widths, CSS px. The chain is a `<table>` in the DOM (tags and roles) but its rows are
 * flex boxes (./option-chain.css): with table layout, even `table-layout: fixed`, every changed
 * cell text made Chromium lay the table out again (~15 µs a changed cell on this machine, against
 * ~8 µs in a flex row); a flex row with fixed bases never measures its cells' text.
 * Each cell grows beyond its width in proportion to it when the panel is wider than the table.
 */
export const COLUMN_WIDTHS: Readonly<Record<Column | 'strike', number>> = {
  oi: 74,
  oiChange: 62,
  volume: 58,
  iv: 44,
  delta: 46,
  ltp: 68,
  change: 56,
  bid: 66,
  ask: 66,
  strike: 72,
};

/** Width of the whole table, CSS px (the panel scrolls sideways below it). */
export const TABLE_MIN_WIDTH = 2 * CALL_COLUMNS.reduce((sum, c) => sum + COLUMN_WIDTHS[c], 0) + COLUMN_WIDTHS.strike;

/**
 * The table's inline style: its minimum width and one custom property per column, `--oc-w-<column>`
 * (a unitless number of px: option-chain.css uses it as the cell's flex grow factor and, times
 * 1 px, as its flex basis), plus `--oc-w-side` for the CALLS and PUTS headers.
 */
export function chainTableStyle(): CSSProperties {
  const style: Record<string, string | number> = { minWidth: TABLE_MIN_WIDTH };
  for (const [c, w] of Object.entries(COLUMN_WIDTHS)) style[`--oc-w-${c}`] = String(w);
  style['--oc-w-side'] = String(CALL_COLUMNS.reduce((sum, c) => sum + COLUMN_WIDTHS[c], 0));
  return style as CSSProperties;
}

/** Writes `text` into the cell's one text node (its `data`), creating it the first time. */
function setText(el: HTMLTableCellElement, text: string): void {
  const node = el.firstChild;
  if (node !== null && node.nodeType === 3) (node as Text).data = text;
  else el.textContent = text;
}

/** Characters each live column holds, measured on a row's first paint (both legs share them). */
type Capacities = Partial<Record<LiveCell, number>>;

/**
 * Paints a leg's live cells: at once (on screen or not), then on each of its ticks through the
 * row's gate (now while the row is on screen, once from the latest tick when it comes back).
 */
function useLegPainter(quotes: QuoteHub, leg: OptionChainQuoteLeg | null, cells: RefObject<Partial<Record<LiveCell, HTMLTableCellElement | null>>>, gate: RowGate, capacity: Capacities) {
  useEffect(() => {
    if (leg === null) return;
    // What this painter last wrote, kept here: comparing with the DOM's text would read it back.
    const shown: Partial<Record<LiveCell | 'trend' | 'oiTrend', string>> = {};
    const clipped: Partial<Record<LiveCell, boolean>> = {};
    const paint = (tick: QuoteTick | undefined) => {
      const c = legLiveCells(tick, leg);
      const els = cells.current;
      for (const name of LIVE_CELLS) {
        const el = els[name];
        const text = c[name];
        if (!el || shown[name] === text) continue;
        shown[name] = text;
        setText(el, text);
        // Clip only a text wider than the column (./cell-fit.ts); the attribute is ours, not React's.
        const cap = (capacity[name] ??= cellCapacity(COLUMN_WIDTHS[name], digitAdvancePx(el)));
        const wide = text.length > cap;
        if (clipped[name] !== wide) {
          clipped[name] = wide;
          el.toggleAttribute('data-clip', wide);
        }
      }
      if (els.change && shown.trend !== c.trend) els.change.dataset.trend = shown.trend = c.trend;
      if (els.oiChange && shown.oiTrend !== c.oiTrend) els.oiChange.dataset.trend = shown.oiTrend = c.oiTrend;
    };
    const key = leg.key;
    const repaint = () => paint(key ? quotes.latest(key) : undefined);
    repaint();
    if (!key) return;
    const stop = quotes.listen(key, () => gate.paint(repaint));
    return () => {
      stop();
      gate.drop(repaint);
    };
  }, [quotes, leg, cells, gate, capacity]);
}

function RowImpl(p: OptionChainRowProps) {
  const callCells = useRef<Partial<Record<LiveCell, HTMLTableCellElement | null>>>({});
  const putCells = useRef<Partial<Record<LiveCell, HTMLTableCellElement | null>>>({});
  const tr = useRef<HTMLTableRowElement>(null);
  const gate = useMemo(createRowGate, []);
  const capacity = useMemo<Capacities>(() => ({}), []);
  const visibility = p.visibility;
  useEffect(() => (visibility && tr.current ? visibility.watch(tr.current, (v) => gate.setVisible(v)) : undefined), [visibility, gate]);
  useLegPainter(p.quotes, p.row.call, callCells, gate, capacity);
  useLegPainter(p.quotes, p.row.put, putCells, gate, capacity);

  const cell = (side: Side, leg: OptionChainQuoteLeg | null, col: Column) => {
    const itm = side === 'ce' ? p.callItm : p.putItm;
    const className = `num oc-${col} ${side}${itm ? ' itm' : ''}`;
    if (leg === null) return <td role="cell" key={`${side}-${col}`} className={`${className} oc-none`} />;
    const key = leg.key;
    if (col === 'iv' || col === 'delta') {
      const g = legGreekCells(leg);
      return (
        <td role="cell" key={`${side}-${col}`} className={className} title={g.title} onClick={key ? () => p.onFocusLeg(key) : undefined}>
          {g[col]}
        </td>
      );
    }
    const refs = side === 'ce' ? callCells : putCells;
    const ref = (el: HTMLTableCellElement | null) => void (refs.current[col] = el);
    if ((col === 'bid' || col === 'ask') && key !== null) {
      const trade = () => {
        const v = legValues(p.quotes.latest(key), leg);
        const price = col === 'bid' ? v.bid : v.ask;
        p.onTrade(col === 'bid' ? 'SELL' : 'BUY', key, price > 0 ? price : undefined);
      };
      return (
        <td
          role="cell"
          key={`${side}-${col}`}
          ref={ref}
          className={`${className} oc-trade`}
          data-leg={side}
          data-testid={`oc-${side}-${col}`}
          title={col === 'bid' ? 'Sell at the bid' : 'Buy at the ask'}
          onClick={trade}
        />
      );
    }
    return <td role="cell" key={`${side}-${col}`} ref={ref} className={className} data-testid={col === 'ltp' ? `oc-${side}-ltp` : undefined} onClick={key ? () => p.onFocusLeg(key) : undefined} />;
  };

  const cls = `oc-row${p.atm ? ' atm' : ''}`;
  return (
    <tr role="row" ref={tr} className={cls} data-strike={p.row.strike} data-atm={p.atm ? 'true' : undefined} data-testid="oc-row" data-call-key={p.row.call?.key ?? undefined} data-put-key={p.row.put?.key ?? undefined}>
      {CALL_COLUMNS.map((c) => cell('ce', p.row.call, c))}
      <td role="rowheader" className="num oc-strike" data-testid="oc-strike">
        {formatPrice(p.row.strike, 2).replace(/\.00$/, '')}
      </td>
      {PUT_COLUMNS.map((c) => cell('pe', p.row.put, c))}
    </tr>
  );
}

/** A memoised row: re-renders when its snapshot or marks change, never per tick. */
export const OptionChainRow = memo(RowImpl);
