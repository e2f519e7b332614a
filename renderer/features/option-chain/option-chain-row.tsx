/**
 * One strike of the option chain: calls on the left, the strike in the middle, puts on the right.
 *
 * React renders a row when its snapshot (every few seconds: IV and delta change), its ATM or ITM
 * marks change; ticks never re-render it. The row listens to the quote hub for its two legs and
 * writes the live cells' text into DOM nodes (cells without React children, like the watchlist's),
 * and flashes the LTP cell on a change of LTP.
 *
 * Clicks: a leg's bid opens a SELL ticket at the bid, its ask a BUY ticket at the ask (as in NEST);
 * any other cell of a leg makes that option the focused instrument (F1/F2/F6 act on it).
 */
import { memo, useEffect, useRef, type RefObject } from 'react';
import { formatPrice } from '../../../shared/format';
import type { InstrumentKey } from '../../../shared/instruments';
import type { OptionChainQuoteLeg, OptionChainQuoteRow, QuoteTick } from '../../../shared/ipc/contract';
import type { OrderSide } from '../../../shared/orders';
import type { QuoteHub } from '../../app/quote-hub';
import { LIVE_CELLS, legGreekCells, legLiveCells, legValues, type LiveCell } from './chain-cells';

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

function useLegPainter(quotes: QuoteHub, leg: OptionChainQuoteLeg | null, cells: RefObject<Partial<Record<LiveCell, HTMLTableCellElement | null>>>) {
  useEffect(() => {
    if (leg === null) return;
    let parity = false;
    const paint = (tick: QuoteTick | undefined, previous: QuoteTick | undefined) => {
      const c = legLiveCells(tick, leg);
      const els = cells.current;
      for (const name of LIVE_CELLS) {
        const el = els[name];
        if (el && el.textContent !== c[name]) el.textContent = c[name];
      }
      const ch = els.change;
      if (ch && ch.dataset.trend !== c.trend) ch.dataset.trend = c.trend;
      const oc = els.oiChange;
      if (oc && oc.dataset.trend !== c.oiTrend) oc.dataset.trend = c.oiTrend;
      const ltp = els.ltp;
      if (ltp && previous !== undefined && tick !== undefined && previous.ltp > 0 && tick.ltp !== previous.ltp) {
        parity = !parity;
        ltp.classList.remove('flash-up-a', 'flash-up-b', 'flash-down-a', 'flash-down-b');
        ltp.classList.add(`flash-${tick.ltp > previous.ltp ? 'up' : 'down'}-${parity ? 'a' : 'b'}`);
      }
    };
    paint(leg.key ? quotes.latest(leg.key) : undefined, undefined);
    return leg.key ? quotes.listen(leg.key, (t, prev) => paint(t, prev)) : undefined;
  }, [quotes, leg, cells]);
}

function RowImpl(p: OptionChainRowProps) {
  const callCells = useRef<Partial<Record<LiveCell, HTMLTableCellElement | null>>>({});
  const putCells = useRef<Partial<Record<LiveCell, HTMLTableCellElement | null>>>({});
  useLegPainter(p.quotes, p.row.call, callCells);
  useLegPainter(p.quotes, p.row.put, putCells);

  const cell = (side: Side, leg: OptionChainQuoteLeg | null, col: Column) => {
    const itm = side === 'ce' ? p.callItm : p.putItm;
    const className = `num oc-${col} ${side}${itm ? ' itm' : ''}`;
    if (leg === null) return <td key={`${side}-${col}`} className={className} />;
    const key = leg.key;
    if (col === 'iv' || col === 'delta') {
      const g = legGreekCells(leg);
      return (
        <td key={`${side}-${col}`} className={className} title={g.title} onClick={key ? () => p.onFocusLeg(key) : undefined}>
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
    return <td key={`${side}-${col}`} ref={ref} className={className} data-testid={col === 'ltp' ? `oc-${side}-ltp` : undefined} onClick={key ? () => p.onFocusLeg(key) : undefined} />;
  };

  const cls = `oc-row${p.atm ? ' atm' : ''}`;
  return (
    <tr className={cls} data-strike={p.row.strike} data-atm={p.atm ? 'true' : undefined} data-testid="oc-row" data-call-key={p.row.call?.key ?? undefined} data-put-key={p.row.put?.key ?? undefined}>
      {CALL_COLUMNS.map((c) => cell('ce', p.row.call, c))}
      <td className="num oc-strike" data-testid="oc-strike">
        {formatPrice(p.row.strike, 2).replace(/\.00$/, '')}
      </td>
      {PUT_COLUMNS.map((c) => cell('pe', p.row.put, c))}
    </tr>
  );
}

/** A memoised row: re-renders when its snapshot or marks change, never per tick. */
export const OptionChainRow = memo(RowImpl);
