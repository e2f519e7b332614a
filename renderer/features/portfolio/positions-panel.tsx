/**
 * The positions panel (registered as `positions`, Alt+F6): the day's positions from the
 * `portfolio.snapshot` stream (after every fill), with live MTM from ticks and the realised P&L of
 * the snapshot, and a total row.
 *
 * Ticks never re-render React: the panel listens to the quote hub and, at most once per display
 * frame, writes LTP, unrealised and total P&L (./mtm.ts) into the cells' DOM nodes and their
 * green/red class. React renders only when the positions themselves change.
 *
 * Actions on an open position (./position-actions.ts): Exit opens the order ticket pre-filled to
 * close it (opposite side, |net| quantity, its product, LIMIT at the best bid/ask; sent through
 * `orders.place` like any order: risk gate, confirmation, fresh correlation id, slicing); Convert
 * opens a dialog for `portfolio.convert`; Exit all (bar) confirms with the count and total
 * quantity, then `portfolio.exitAll` (the broker also cancels every open order). Keyboard (the
 * table has the focus): Up/Down select (and focus the instrument, so F1/F2 act on it), X or
 * Shift+X exits the selected position, V converts it.
 *
 * Source: issue 5 "positions with live MTM from ticks and realised P&L"; DESIGN.md "Data flow"
 * (market data never makes React re-render per tick); seeds/002 "Convert Position", "Exit All
 * Positions".
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatQuantity, formatQuantityWithLots, formatSegmentPrice, formatSignedNumber } from '../../../shared/format';
import { keyOf, type InstrumentKey } from '../../../shared/instruments';
import { isOpenStatus } from '../../../shared/orders';
import type { Position } from '../../../shared/portfolio';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { ConvertDialog } from './convert-dialog';
import { ExitAllDialog } from './exit-all-dialog';
import { liveUnrealised, openAverage, pnlTone, pnlTotals } from './mtm';
import { conversionTargets, exitAllSummary, exitTicketParams } from './position-actions';
import './portfolio.css';

interface RowCells {
  ltp: HTMLTableCellElement | null;
  mtm: HTMLTableCellElement | null;
  total: HTMLTableCellElement | null;
}

function paintPnl(el: HTMLElement | null, value: number): void {
  if (!el) return;
  const text = formatSignedNumber(value, 2);
  if (el.textContent !== text) el.textContent = text;
  const tone = pnlTone(value);
  if (el.dataset.tone !== tone) el.dataset.tone = tone;
}

/** Identity of a position row: instrument and product. */
function rowId(p: Position): string {
  return `${keyOf(p.instrument)}:${p.product}`;
}

/** The panel. */
export function PositionsPanel({ store, bridge, quotes, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const positions = useAppStore(store, (s) => s.portfolio.positions);
  const error = useAppStore(store, (s) => s.portfolio.error);
  const snapshotAtMs = useAppStore(store, (s) => s.portfolio.snapshotAtMs);
  const names = useAppStore(store, (s) => s.instruments);
  const keys = useMemo(() => [...new Set(positions.map((p) => keyOf(p.instrument)))], [positions]);
  const rowCells = useRef<RowCells[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ readonly kind: 'exitAll' } | { readonly kind: 'convert'; readonly position: Position } | null>(null);
  const openOrders = useAppStore(store, (s) => Object.values(s.orderBook.byId).filter((o) => isOpenStatus(o.status)).length);
  const tableRef = useRef<HTMLTableElement>(null);
  const totalCells = useRef<{ mtm: HTMLTableCellElement | null; realised: HTMLTableCellElement | null; total: HTMLTableCellElement | null }>({ mtm: null, realised: null, total: null });

  // Lot sizes and names of positions the cache does not know.
  useEffect(() => {
    const missing = keys.filter((k) => store.getState().instruments[k] === undefined);
    if (missing.length === 0) return;
    void bridge.invoke('instruments.get', { keys: missing.slice(0, 500) }).then((r) => {
      if (r.ok) store.getState().rememberInstruments(r.value);
    });
  }, [bridge, store, keys]);

  useEffect(() => quotes.acquire(keys), [quotes, keys]);

  useEffect(() => {
    let frame: number | null = null;
    const paint = () => {
      frame = null;
      const unreal = positions.map((p) => liveUnrealised(p, quotes.latest(keyOf(p.instrument))?.ltp));
      positions.forEach((p, i) => {
        const c = rowCells.current[i];
        if (!c) return;
        const tick = quotes.latest(keyOf(p.instrument));
        if (c.ltp && tick) {
          const t = formatSegmentPrice(tick.ltp, p.instrument.segment);
          if (c.ltp.textContent !== t) c.ltp.textContent = t;
        }
        paintPnl(c.mtm, unreal[i]!);
        paintPnl(c.total, p.realisedPnl + unreal[i]!);
      });
      const totals = pnlTotals(positions, (_p, i) => unreal[i]!);
      paintPnl(totalCells.current.mtm, totals.unrealised);
      paintPnl(totalCells.current.realised, totals.realised);
      paintPnl(totalCells.current.total, totals.total);
    };
    const schedule = () => {
      if (frame === null) frame = requestAnimationFrame(paint);
    };
    paint();
    const stops = keys.map((k: InstrumentKey) => quotes.listen(k, schedule));
    return () => {
      for (const s of stops) s();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [positions, keys, quotes]);

  const refresh = () =>
    void bridge.invoke('portfolio.positions', {}).then((r) => {
      if (r.ok) store.getState().setPositions(r.value);
      else commands.toast(`Positions not loaded: ${r.error.message}`, 'bad');
    });

  const open = positions.filter((p) => p.netQuantity !== 0).length;
  const lotOf = (p: Position) => names[keyOf(p.instrument)]?.lotSize ?? 1;
  const nameOf = (p: Position) => names[keyOf(p.instrument)]?.displayName ?? (p.symbol || p.instrument.securityId);

  /** Exit: the order ticket pre-filled to close the position (one ticket at a time). */
  const exit = (p: Position) => {
    const params = exitTicketParams(p);
    if (params === null) return;
    const s = store.getState();
    for (const o of s.overlays) if (o.id === 'order-ticket') s.closeOverlay(o.seq);
    commands.openOverlay('order-ticket', params);
  };
  const convert = (p: Position) => {
    if (conversionTargets(p).length > 0) setDialog({ kind: 'convert', position: p });
  };
  const select = (p: Position) => {
    setSelected(rowId(p));
    commands.focusInstrument(keyOf(p.instrument));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = selected === null ? -1 : positions.findIndex((p) => rowId(p) === selected);
    const cur = i >= 0 ? positions[i]! : null;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (positions.length === 0) return;
      const next = i < 0 ? 0 : Math.max(0, Math.min(positions.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      select(positions[next]!);
      tableRef.current?.querySelectorAll('tbody tr')[next]?.scrollIntoView({ block: 'nearest' });
    } else if ((e.key === 'x' || e.key === 'X') && cur && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      exit(cur);
    } else if ((e.key === 'v' || e.key === 'V') && cur && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      convert(cur);
    }
  };
  // The position as it was when the dialog opened: the snapshot after the conversion changes it.
  const converting = dialog?.kind === 'convert' ? dialog.position : undefined;

  return (
    <div className="portfolio" data-testid="positions">
      <div className="portfolio-bar">
        <span>
          {open} open · {positions.length - open} closed
          {snapshotAtMs === null ? <span className="dim"> · waiting for the first snapshot</span> : null}
        </span>
        <span className="pf-bar-actions">
          <span className="dim">↑↓ select · X exit · V convert</span>
          <button
            type="button"
            className="pf-danger"
            disabled={open === 0 && openOrders === 0}
            onClick={() => setDialog({ kind: 'exitAll' })}
            title="Square off every open position and cancel every open order"
            data-testid="positions-exit-all"
          >
            Exit all
          </button>
          <button type="button" onClick={refresh}>Refresh</button>
        </span>
      </div>
      {error !== null && <div className="portfolio-note tone-bad">Positions not updated: {error}</div>}
      <div className="table-scroll">
        <table className="grid portfolio-grid" aria-label="Positions" ref={tableRef} tabIndex={0} onKeyDown={onKeyDown}>
          <thead>
            <tr>
              <th>Instrument</th>
              <th>Product</th>
              <th className="num">Net qty</th>
              <th className="num">Buy qty</th>
              <th className="num">Sell qty</th>
              <th className="num">Avg</th>
              <th className="num">LTP</th>
              <th className="num">MTM</th>
              <th className="num">Realised</th>
              <th className="num">P&amp;L</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {positions.map((p: Position, i) => {
              const key = keyOf(p.instrument);
              const inst = names[key];
              const lot = inst?.lotSize ?? 1;
              return (
                <tr
                  key={rowId(p)}
                  data-testid="position-row"
                  data-key={key}
                  data-product={p.product}
                  data-net={p.netQuantity}
                  className={`${p.netQuantity === 0 ? 'closed' : ''} ${selected === rowId(p) ? 'selected' : ''}`}
                  aria-selected={selected === rowId(p)}
                  onClick={() => select(p)}
                >
                  <td className="pf-name">
                    {inst?.displayName ?? (p.symbol || p.instrument.securityId)}
                    {p.netQuantity === 0 ? <span className="dim"> · closed</span> : null}
                  </td>
                  <td>{p.product}</td>
                  <td className={`num ${p.netQuantity > 0 ? 'side-long' : p.netQuantity < 0 ? 'side-short' : ''}`} data-cell="net">
                    {formatQuantityWithLots(p.netQuantity, lot)}
                  </td>
                  <td className="num">{formatQuantity(p.buyQuantity)}</td>
                  <td className="num">{formatQuantity(p.sellQuantity)}</td>
                  <td className="num">{p.netQuantity !== 0 ? formatSegmentPrice(openAverage(p), p.instrument.segment) : ''}</td>
                  <td className="num" data-cell="ltp" ref={(el) => void ((rowCells.current[i] ??= { ltp: null, mtm: null, total: null }).ltp = el)} />
                  <td className="num pnl" data-cell="mtm" ref={(el) => void ((rowCells.current[i] ??= { ltp: null, mtm: null, total: null }).mtm = el)} />
                  <td className="num pnl" data-cell="realised" data-tone={pnlTone(p.realisedPnl)}>
                    {formatSignedNumber(p.realisedPnl, 2)}
                  </td>
                  <td className="num pnl" data-cell="total" ref={(el) => void ((rowCells.current[i] ??= { ltp: null, mtm: null, total: null }).total = el)} />
                  <td className="pf-actions">
                    {p.netQuantity !== 0 && (
                      <>
                        <button type="button" onClick={() => exit(p)} title="Order ticket pre-filled to close this position (X)" data-testid="position-exit">
                          Exit
                        </button>
                        {conversionTargets(p).length > 0 && (
                          <button type="button" onClick={() => convert(p)} title={`Convert to ${conversionTargets(p).join(' / ')} (V)`} data-testid="position-convert">
                            Convert
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          {positions.length > 0 && (
            <tfoot>
              <tr className="pf-total" data-testid="positions-total">
                <td colSpan={7}>Total</td>
                <td className="num pnl" data-cell="mtm" ref={(el) => void (totalCells.current.mtm = el)} />
                <td className="num pnl" data-cell="realised" ref={(el) => void (totalCells.current.realised = el)} />
                <td className="num pnl" data-cell="total" ref={(el) => void (totalCells.current.total = el)} />
                <td />
              </tr>
            </tfoot>
          )}
        </table>
        {positions.length === 0 && <p className="panel-empty">{snapshotAtMs === null ? 'Loading positions…' : 'No positions today.'}</p>}
      </div>
      {dialog?.kind === 'exitAll' && (
        <ExitAllDialog
          bridge={bridge}
          summary={exitAllSummary(positions, nameOf, lotOf)}
          openOrders={openOrders}
          onClose={() => {
            setDialog(null);
            tableRef.current?.focus();
          }}
          onOutcome={(o) => commands.toast(o.text, o.tone)}
        />
      )}
      {converting !== undefined && (
        <ConvertDialog
          bridge={bridge}
          position={converting}
          name={nameOf(converting)}
          lotSize={lotOf(converting)}
          onClose={() => {
            setDialog(null);
            tableRef.current?.focus();
          }}
          onOutcome={(o) => commands.toast(o.text, o.tone)}
        />
      )}
    </div>
  );
}
