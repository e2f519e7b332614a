/**
 * The holdings panel (registered as `holdings`): the demat holdings from `portfolio.holdings`
 * (re-read on open, on Refresh and after each portfolio snapshot), with live LTP, current value and
 * P&L against the average cost written into the cells per display frame (no React render per
 * tick).
 *
 * Holdings name an exchange (`NSE`, `BSE`, or Dhan's `ALL`) and a security id; the live quote is
 * read from that exchange's cash segment (NSE for `ALL`).
 *
 * Source: issue 5 "holdings"; seeds/002 "Portfolio and Positions" (holdings).
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatQuantity, formatRupees, formatSegmentPrice, formatSignedNumber } from '../../../shared/format';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { holdingKey, holdingPnl, pnlTone, roundPaise } from './mtm';
import './portfolio.css';

/** The panel. */
export function HoldingsPanel({ store, bridge, quotes, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const holdings = useAppStore(store, (s) => s.portfolio.holdings);
  const snapshotAtMs = useAppStore(store, (s) => s.portfolio.snapshotAtMs);
  const list = useMemo(() => holdings ?? [], [holdings]);
  const keys = useMemo(() => [...new Set(list.map(holdingKey))], [list]);
  const cells = useRef<{ ltp: HTMLElement | null; value: HTMLElement | null; pnl: HTMLElement | null }[]>([]);
  const totalRef = useRef<{ value: HTMLElement | null; pnl: HTMLElement | null }>({ value: null, pnl: null });

  const load = (say: boolean) =>
    void bridge.invoke('portfolio.holdings', {}).then((r) => {
      if (r.ok) store.getState().setHoldings(r.value);
      else if (say) commands.toast(`Holdings not loaded: ${r.error.message}`, 'bad');
    });
  useEffect(() => {
    load(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, store, snapshotAtMs]);

  useEffect(() => quotes.acquire(keys), [quotes, keys]);
  useEffect(() => {
    let frame: number | null = null;
    const paint = () => {
      frame = null;
      let value = 0;
      let pnl = 0;
      list.forEach((h, i) => {
        const ltp = quotes.latest(holdingKey(h))?.ltp;
        const c = cells.current[i];
        const p = holdingPnl(h, ltp);
        const v = ltp !== undefined && ltp > 0 ? ltp * h.totalQuantity : h.averageCostPrice * h.totalQuantity;
        value += v;
        pnl += p ?? 0;
        if (!c) return;
        if (c.ltp && ltp !== undefined) c.ltp.textContent = formatSegmentPrice(ltp, 'NSE_EQ');
        if (c.value) c.value.textContent = formatRupees(v);
        if (c.pnl && p !== null) {
          c.pnl.textContent = formatSignedNumber(p, 2);
          c.pnl.dataset.tone = pnlTone(p);
        }
      });
      if (totalRef.current.value) totalRef.current.value.textContent = formatRupees(value);
      if (totalRef.current.pnl) {
        totalRef.current.pnl.textContent = formatSignedNumber(roundPaise(pnl), 2);
        totalRef.current.pnl.dataset.tone = pnlTone(pnl);
      }
    };
    paint();
    const stops = keys.map((k) => quotes.listen(k, () => void (frame ??= requestAnimationFrame(paint))));
    return () => {
      for (const s of stops) s();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [list, keys, quotes]);

  const slot = (i: number) => (cells.current[i] ??= { ltp: null, value: null, pnl: null });
  return (
    <div className="portfolio" data-testid="holdings">
      <div className="portfolio-bar">
        <span>{list.length} {list.length === 1 ? 'holding' : 'holdings'}</span>
        <button type="button" onClick={() => load(true)}>Refresh</button>
      </div>
      <div className="table-scroll">
        <table className="grid portfolio-grid" aria-label="Holdings">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>ISIN</th>
              <th className="num">Qty</th>
              <th className="num">Available</th>
              <th className="num">T1</th>
              <th className="num">Collateral</th>
              <th className="num">Avg cost</th>
              <th className="num">LTP</th>
              <th className="num">Value</th>
              <th className="num">P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {list.map((h, i) => (
              <tr key={`${h.exchange}:${h.securityId}`} data-testid="holding-row">
                <td className="pf-name">{h.symbol}</td>
                <td className="dim">{h.isin}</td>
                <td className="num">{formatQuantity(h.totalQuantity)}</td>
                <td className="num">{formatQuantity(h.availableQuantity)}</td>
                <td className="num">{formatQuantity(h.t1Quantity)}</td>
                <td className="num">{formatQuantity(h.collateralQuantity)}</td>
                <td className="num">{formatSegmentPrice(h.averageCostPrice, 'NSE_EQ')}</td>
                <td className="num" ref={(el) => void (slot(i).ltp = el)} />
                <td className="num" ref={(el) => void (slot(i).value = el)} />
                <td className="num pnl" ref={(el) => void (slot(i).pnl = el)} />
              </tr>
            ))}
          </tbody>
          {list.length > 0 && (
            <tfoot>
              <tr className="pf-total">
                <td colSpan={8}>Total</td>
                <td className="num" ref={(el) => void (totalRef.current.value = el)} />
                <td className="num pnl" ref={(el) => void (totalRef.current.pnl = el)} />
              </tr>
            </tfoot>
          )}
        </table>
        {list.length === 0 && <p className="panel-empty">{holdings === null ? 'Loading holdings…' : 'No holdings in the demat account.'}</p>}
      </div>
    </div>
  );
}
