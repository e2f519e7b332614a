/**
 * The positions panel (registered as `positions`, Alt+F6): the day's positions from the
 * `portfolio.snapshot` stream (after every fill), with live MTM from ticks and the realised P&L of
 * the snapshot, and a total row.
 *
 * Ticks never re-render React: the panel listens to the quote hub and, at most once per display
 * frame, writes LTP, unrealised and total P&L (./mtm.ts) into the cells' DOM nodes and their
 * green/red class. React renders only when the positions themselves change.
 *
 * Source: issue 5 "positions with live MTM from ticks and realised P&L"; DESIGN.md "Data flow"
 * (market data never makes React re-render per tick).
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatQuantity, formatQuantityWithLots, formatSegmentPrice, formatSignedNumber } from '../../../shared/format';
import { keyOf, type InstrumentKey } from '../../../shared/instruments';
import type { Position } from '../../../shared/portfolio';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { liveUnrealised, openAverage, pnlTone, pnlTotals } from './mtm';
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

/** The panel. */
export function PositionsPanel({ store, bridge, quotes, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const positions = useAppStore(store, (s) => s.portfolio.positions);
  const error = useAppStore(store, (s) => s.portfolio.error);
  const snapshotAtMs = useAppStore(store, (s) => s.portfolio.snapshotAtMs);
  const names = useAppStore(store, (s) => s.instruments);
  const keys = useMemo(() => [...new Set(positions.map((p) => keyOf(p.instrument)))], [positions]);
  const rowCells = useRef<RowCells[]>([]);
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
  return (
    <div className="portfolio" data-testid="positions">
      <div className="portfolio-bar">
        <span>
          {open} open · {positions.length - open} closed
          {snapshotAtMs === null ? <span className="dim"> · waiting for the first snapshot</span> : null}
        </span>
        <button type="button" onClick={refresh}>Refresh</button>
      </div>
      {error !== null && <div className="portfolio-note tone-bad">Positions not updated: {error}</div>}
      <div className="table-scroll">
        <table className="grid portfolio-grid" aria-label="Positions">
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
            </tr>
          </thead>
          <tbody>
            {positions.map((p: Position, i) => {
              const key = keyOf(p.instrument);
              const inst = names[key];
              const lot = inst?.lotSize ?? 1;
              return (
                <tr key={`${key}:${p.product}`} data-testid="position-row" data-key={key} data-net={p.netQuantity} className={p.netQuantity === 0 ? 'closed' : ''}>
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
              </tr>
            </tfoot>
          )}
        </table>
        {positions.length === 0 && <p className="panel-empty">{snapshotAtMs === null ? 'Loading positions…' : 'No positions today.'}</p>}
      </div>
    </div>
  );
}
