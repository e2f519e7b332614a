/**
 * The order book panel (registered as `orders`, F3): the day's orders, newest first, status live
 * from `orders.events` (merged by order id in the orders slice; a terminal order never moves back),
 * filter Open / All, the rejection reason in the broker's words, requests whose outcome is unknown
 * (being reconciled by correlation id).
 *
 * Actions on an open order: Modify (the order ticket in modify mode → `orders.modify`) and Cancel
 * (`orders.cancel`, sent once, never retried). Keyboard (the table has the focus): Up/Down select,
 * Enter or M modifies, Delete or C cancels the selected open order, O / A switch the filter.
 * "Cancel all" (Open filter): a confirmation naming the count, then one `orders.cancel` per open
 * order, each sent once, and one summary toast (./cancel-all.ts).
 *
 * Source: issue 5 "Order book (modify, cancel, status live from the order-update stream, rejection
 * reason shown in the broker's words)".
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatIstTime, formatQuantity, formatSegmentPrice } from '../../../shared/format';
import { keyOf } from '../../../shared/instruments';
import { isOpenStatus, type Order } from '../../../shared/orders';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { compareOrdersNewestFirst } from '../../stores/order-merge';
import { useTradingSync } from '../../stores/use-trading-sync';
import { cancelOutcomeText, orderTypeLabel, statusTone } from './blotter-text';
import { cancelAllSummary, cancelEach } from './cancel-all';
import './blotter.css';

/** Which orders the book shows. */
export type OrderFilter = 'open' | 'all';

/** The panel. */
export function OrderBookPanel({ store, bridge, commands }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const { byId, loaded, unknowns, error } = useAppStore(
    store,
    useShallow((s) => ({ byId: s.orderBook.byId, loaded: s.orderBook.loaded, unknowns: s.orderBook.unknowns, error: s.orderBook.error })),
  );
  const names = useAppStore(store, (s) => s.instruments);
  const [filter, setFilter] = useState<OrderFilter>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [cancelAll, setCancelAll] = useState<'idle' | 'confirm' | 'sending'>('idle');
  const tableRef = useRef<HTMLTableElement>(null);

  const all = useMemo(() => Object.values(byId).sort(compareOrdersNewestFirst), [byId]);
  const rows = useMemo(() => (filter === 'open' ? all.filter((o) => isOpenStatus(o.status)) : all), [all, filter]);
  const openCount = useMemo(() => all.filter((o) => isOpenStatus(o.status)).length, [all]);

  const modify = (o: Order) => {
    if (!isOpenStatus(o.status)) return;
    commands.openOverlay('order-ticket', { orderId: o.orderId, key: keyOf(o.instrument), side: o.side });
  };
  const cancel = (o: Order) => {
    if (!isOpenStatus(o.status) || cancelling.has(o.orderId)) return;
    setCancelling((s) => new Set(s).add(o.orderId));
    void bridge.invoke('orders.cancel', { orderId: o.orderId }).then((r) => {
      setCancelling((s) => {
        const n = new Set(s);
        n.delete(o.orderId);
        return n;
      });
      const t = cancelOutcomeText(o.orderId, r);
      commands.toast(t.text, t.tone);
    });
  };

  /** Cancels every open order not already being cancelled: each once, one after another. */
  const cancelAllOpen = () => {
    if (cancelAll === 'sending') return;
    const ids = all.filter((o) => isOpenStatus(o.status) && !cancelling.has(o.orderId)).map((o) => o.orderId);
    setCancelAll('sending');
    setCancelling((s) => new Set([...s, ...ids]));
    void cancelEach(
      ids,
      (orderId) => bridge.invoke('orders.cancel', { orderId }),
      ({ orderId }) =>
        setCancelling((s) => {
          const n = new Set(s);
          n.delete(orderId);
          return n;
        }),
    ).then((results) => {
      setCancelAll('idle');
      const t = cancelAllSummary(results);
      commands.toast(t.text, t.tone);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const i = selected === null ? -1 : rows.findIndex((o) => o.orderId === selected);
    const cur = i >= 0 ? rows[i]! : null;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (rows.length === 0) return;
      const next = i < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      setSelected(rows[next]!.orderId);
      tableRef.current?.querySelector(`[data-order-id="${CSS.escape(rows[next]!.orderId)}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if ((e.key === 'Enter' || e.key === 'm' || e.key === 'M') && cur) {
      e.preventDefault();
      modify(cur);
    } else if ((e.key === 'Delete' || e.key === 'c' || e.key === 'C') && cur) {
      e.preventDefault();
      cancel(cur);
    } else if (e.key === 'o' || e.key === 'O') setFilter('open');
    else if (e.key === 'a' || e.key === 'A') setFilter('all');
  };

  return (
    <div className="blotter" data-testid="order-book">
      <div className="blotter-bar">
        <div className="seg-tabs" role="tablist" aria-label="Filter">
          <button type="button" role="tab" aria-selected={filter === 'open'} className={filter === 'open' ? 'active' : ''} onClick={() => setFilter('open')} data-testid="orders-filter-open">
            Open <span className="count">{openCount}</span>
          </button>
          <button type="button" role="tab" aria-selected={filter === 'all'} className={filter === 'all' ? 'active' : ''} onClick={() => setFilter('all')} data-testid="orders-filter-all">
            All <span className="count">{all.length}</span>
          </button>
        </div>
        {filter === 'open' && openCount > 0 && cancelAll === 'idle' && (
          <button type="button" onClick={() => setCancelAll('confirm')} data-testid="orders-cancel-all">
            Cancel all open
          </button>
        )}
        {cancelAll === 'sending' && <span className="dim" data-testid="orders-cancel-all-sending">Cancelling…</span>}
        <span className="dim blotter-help">↑↓ select · Enter/M modify · Del/C cancel</span>
      </div>
      {cancelAll === 'confirm' && (
        <div
          className="blotter-note tone-warn"
          role="alertdialog"
          aria-label="Cancel all open orders"
          data-testid="orders-cancel-all-confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setCancelAll('idle');
            }
          }}
        >
          Cancel all {openCount} open {openCount === 1 ? 'order' : 'orders'}? Each is sent once, never retried.{' '}
          <button type="button" onClick={cancelAllOpen} data-testid="orders-cancel-all-yes">
            Cancel {openCount === 1 ? 'it' : `all ${openCount}`}
          </button>{' '}
          <button type="button" autoFocus onClick={() => setCancelAll('idle')}>
            Back <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {error !== null && <div className="blotter-note tone-bad">Order book not loaded: {error}</div>}
      {unknowns.map((u, i) => (
        <div key={i} className="blotter-note tone-warn" data-testid="order-unknown">
          Outcome unknown{u.orderId ? ` for order ${u.orderId}` : ''}{u.correlationId ? ` (correlation id ${u.correlationId})` : ''}: {u.error.message}. Being reconciled; not sent again.
        </div>
      ))}
      <div className="table-scroll">
        <table className="grid blotter-grid" ref={tableRef} tabIndex={0} onKeyDown={onKeyDown} aria-label="Order book">
          <thead>
            <tr>
              <th>Time</th>
              <th>Instrument</th>
              <th>Side</th>
              <th>Type</th>
              <th>Product</th>
              <th className="num">Qty</th>
              <th className="num">Filled</th>
              <th className="num">Price</th>
              <th className="num">Trigger</th>
              <th className="num">Avg</th>
              <th>Status</th>
              <th>Order id · reason</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => {
              const seg = o.instrument.segment;
              const name = names[keyOf(o.instrument)]?.displayName ?? (o.symbol || o.instrument.securityId);
              const open = isOpenStatus(o.status);
              return (
                <tr
                  key={o.orderId}
                  data-order-id={o.orderId}
                  data-status={o.status}
                  data-testid="order-row"
                  className={`${selected === o.orderId ? 'selected' : ''} ${open ? '' : 'closed'}`}
                  aria-selected={selected === o.orderId}
                  onClick={() => setSelected(o.orderId)}
                  onDoubleClick={() => modify(o)}
                >
                  <td className="num dim">{formatIstTime(o.createdAtMs ?? o.updatedAtMs)}</td>
                  <td className="blotter-name">{name}</td>
                  <td className={o.side === 'BUY' ? 'side-buy' : 'side-sell'}>{o.side}</td>
                  <td>{orderTypeLabel(o.orderType)}{o.afterMarketOrder ? ' AMO' : ''}</td>
                  <td>{o.product}</td>
                  <td className="num">{formatQuantity(o.quantity)}</td>
                  <td className="num">{formatQuantity(o.filledQuantity)}</td>
                  <td className="num">{o.price > 0 ? formatSegmentPrice(o.price, seg) : 'MKT'}</td>
                  <td className="num">{o.triggerPrice > 0 ? formatSegmentPrice(o.triggerPrice, seg) : ''}</td>
                  <td className="num">{o.averageTradedPrice > 0 ? formatSegmentPrice(o.averageTradedPrice, seg) : ''}</td>
                  <td>
                    <span className={`status status-${statusTone(o.status)}`} data-testid="order-status">{o.status}</span>
                  </td>
                  <td className="blotter-reason" title={o.rejectionReason ?? ''}>
                    <span className="dim">{o.orderId}</span>
                    {o.rejectionReason ? <span className="tone-bad" data-testid="order-reason"> {o.rejectionReason}</span> : null}
                  </td>
                  <td className="blotter-actions">
                    {open && (
                      <>
                        <button type="button" onClick={() => modify(o)} data-testid="order-modify">Modify</button>
                        <button type="button" onClick={() => cancel(o)} disabled={cancelling.has(o.orderId)} data-testid="order-cancel">
                          {cancelling.has(o.orderId) ? 'Cancelling…' : 'Cancel'}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <p className="panel-empty">{!loaded ? 'Loading the order book…' : filter === 'open' ? 'No open orders.' : 'No orders today. F1 buys, F2 sells the selected instrument.'}</p>}
      </div>
    </div>
  );
}
