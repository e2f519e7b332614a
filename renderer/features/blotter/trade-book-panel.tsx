/**
 * The trade book panel (registered as `trades`, F8): the day's executions from `trades.list`,
 * newest first, refreshed after every fill by the trading sync (renderer/stores/trading-sync.ts).
 *
 * Source: issue 5 "trade book"; seeds/002 "Orders" (trade book).
 */
import { useMemo } from 'react';
import { formatIstTime, formatQuantity, formatRupees, formatSegmentPrice } from '../../../shared/format';
import { keyOf } from '../../../shared/instruments';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { orderTypeLabel } from './blotter-text';
import './blotter.css';

/** The panel. */
export function TradeBookPanel({ store, bridge, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const trades = useAppStore(store, (s) => s.trades);
  const loaded = useAppStore(store, (s) => s.tradesLoaded);
  const names = useAppStore(store, (s) => s.instruments);
  const totals = useMemo(() => {
    let bought = 0;
    let sold = 0;
    for (const t of trades) {
      if (t.side === 'BUY') bought += t.quantity * t.price;
      else sold += t.quantity * t.price;
    }
    return { bought, sold };
  }, [trades]);
  const refresh = () =>
    void bridge.invoke('trades.list', {}).then((r) => {
      if (r.ok) store.getState().setTrades(r.value);
      else commands.toast(`Trade book not loaded: ${r.error.message}`, 'bad');
    });

  return (
    <div className="blotter" data-testid="trade-book">
      <div className="blotter-bar">
        <span>
          {trades.length} {trades.length === 1 ? 'trade' : 'trades'} · <span className="dim">bought</span> {formatRupees(totals.bought)} · <span className="dim">sold</span>{' '}
          {formatRupees(totals.sold)}
        </span>
        <button type="button" onClick={refresh}>Refresh</button>
      </div>
      <div className="table-scroll">
        <table className="grid blotter-grid" aria-label="Trade book">
          <thead>
            <tr>
              <th>Time</th>
              <th>Instrument</th>
              <th>Side</th>
              <th>Type</th>
              <th>Product</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Value</th>
              <th>Order id</th>
              <th>Trade id</th>
            </tr>
          </thead>
          <tbody>
            {trades.map((t) => (
              <tr key={`${t.orderId}:${t.tradeId}`} data-testid="trade-row" data-order-id={t.orderId}>
                <td className="num dim">{formatIstTime(t.tradeTimeMs)}</td>
                <td className="blotter-name">{names[keyOf(t.instrument)]?.displayName ?? (t.symbol || t.instrument.securityId)}</td>
                <td className={t.side === 'BUY' ? 'side-buy' : 'side-sell'}>{t.side}</td>
                <td>{orderTypeLabel(t.orderType)}</td>
                <td>{t.product}</td>
                <td className="num">{formatQuantity(t.quantity)}</td>
                <td className="num">{formatSegmentPrice(t.price, t.instrument.segment)}</td>
                <td className="num">{formatRupees(t.quantity * t.price)}</td>
                <td className="dim">{t.orderId}</td>
                <td className="dim">{t.tradeId}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {trades.length === 0 && <p className="panel-empty">{loaded ? 'No trades today.' : 'Loading the trade book…'}</p>}
      </div>
    </div>
  );
}
