/**
 * The chart panel (registered as `chart`, one per instrument): toolbar (interval, indicators), the
 * OHLC legend under the crosshair, the chart itself (./chart-controller.ts), a progress bar while
 * history loads, and chart-driven order placement.
 *
 * - Ticks come from the quote hub straight into the controller (no React render per tick).
 * - History loads in chunks (./history-loader.ts): the newest chunk draws at once, older chunks
 *   follow up to INITIAL_BARS with progress, and more load as the user scrolls back.
 * - Working orders of the instrument are drawn as price lines (`orders.list` + `orders.events`).
 * - Alt+click on the candles opens the order ticket at that price (buy below the LTP, sell above);
 *   right-click opens a small menu (Buy / Sell at that price): `commands.openOrderTicket(side, key, price)`.
 * - Working order lines are tradeable (./line-drag.ts, the controller's pointer handling): drag a
 *   line to a new price → the order ticket in modify mode (`{ orderId, key, side, price |
 *   triggerPrice }`, as the order book opens it) pre-filled with the dragged price, which runs the
 *   risk gate and the confirmation step before `orders.modify`; right-click on a line → Modify… /
 *   Cancel order; the × at the line's left end → `orders.cancel` (sent once, never retried).
 *
 * Params: `key` (the instrument), optional `interval` and `indicators`, written back through
 * `updateParams` so that they are saved with the layout (./chart-params.ts).
 * Source: issue 5, "Chart"; the product's "charts with chart-driven order placement".
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { formatPrice } from '../../../shared/format';
import { parseInstrumentKey, priceDecimals, type InstrumentKey } from '../../../shared/instruments';
import type { CandleInterval } from '../../../shared/market';
import type { OrderSide } from '../../../shared/orders';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { CHART_INTERVALS, sessionOpenMinute } from './candle-buckets';
import { ChartController } from './chart-controller';
import { loadChunk, loadInitial, historyInvoke, type LoadProgress } from './history-loader';
import { INDICATORS, type IndicatorId } from './indicator-series';
import { chartParamsPatch, readChartParams } from './chart-params';
import type { LegendText } from './legend';
import { cancelOutcomeText, modifyTicketParams } from './line-drag';
import { applyOrderEvent, orderBookFrom, sameLines, sideForClick, workingOrderLines, type OrderBook, type OrderLine } from './order-lines';
import './chart.css';

/** Toolbar labels of the intervals. */
const INTERVAL_LABEL: Readonly<Record<CandleInterval, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '25m': '25m', '60m': '1h', '1d': 'D' };

/** Interval names for messages. */
const INTERVAL_NAME: Readonly<Record<CandleInterval, string>> = { '1m': '1-minute', '5m': '5-minute', '15m': '15-minute', '25m': '25-minute', '60m': 'hourly', '1d': 'daily' };

/** The panel. */
export function ChartPanel({ store, bridge, quotes, commands, params, setTitle, updateParams }: PanelProps) {
  const key = params.key;
  if (key === undefined) {
    return (
      <div className="chart-panel chart-empty" data-testid="chart-empty">
        No instrument: open a chart from the watchlist (double-click a row or press Enter).
      </div>
    );
  }
  return <ChartView key={key} instrumentKey={key} store={store} bridge={bridge} quotes={quotes} commands={commands} params={params} setTitle={setTitle} updateParams={updateParams} />;
}

interface ChartViewProps extends PanelProps {
  readonly instrumentKey: InstrumentKey;
}

/** The right-click menu: buy/sell at a price, or the actions on a working order's line. */
type MenuState =
  | { readonly kind: 'price'; readonly price: number; readonly x: number; readonly y: number }
  | { readonly kind: 'order'; readonly line: OrderLine; readonly x: number; readonly y: number };

function ChartView({ store, bridge, quotes, commands, params, setTitle, updateParams, instrumentKey: key }: ChartViewProps) {
  const instrument = useAppStore(store, (s) => s.instruments[key]);
  // The saved interval and indicators (./chart-params.ts), read once: later changes are ours.
  const [saved] = useState(() => readChartParams(params));
  const [interval, setChartInterval] = useState<CandleInterval>(saved.interval);
  const [enabled, setEnabled] = useState<readonly IndicatorId[]>(saved.indicators);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const ctlRef = useRef<ChartController | null>(null);
  const enabledRef = useRef(enabled);
  const linesRef = useRef<readonly OrderLine[]>([]);

  const segment = parseInstrumentKey(key)?.segment ?? null;
  const decimals = instrument ? priceDecimals(instrument.segment) : segment ? priceDecimals(segment) : 2;
  const tickSize = instrument?.tickSize ?? (decimals === 4 ? 0.0025 : 0.05);
  const name = instrument?.displayName ?? key;

  useEffect(() => setTitle(`Chart · ${name}`), [setTitle, name]);

  // Instrument details (tick size, name) when the cache does not have them.
  useEffect(() => {
    if (instrument !== undefined) return;
    let live = true;
    void bridge.invoke('instruments.get', { keys: [key] }).then((r) => {
      if (!live) return;
      if (r.ok) store.getState().rememberInstruments(r.value);
      else commands.toast(`Instrument ${key} not loaded: ${r.error.message}`, 'warn');
    });
    return () => {
      live = false;
    };
  }, [bridge, store, commands, key, instrument]);

  const openTicket = useCallback(
    (side: OrderSide, price: number) => {
      setMenu(null);
      commands.openOrderTicket(side, key, price);
    },
    [commands, key],
  );

  // A dropped order line (or Modify… on it): the order ticket in modify mode, with the new price in
  // the dragged field. The ticket runs the risk gate and its confirmation step, then `orders.modify`
  // (sent once); the chart never sends a modification itself.
  const modifyOrder = useCallback(
    (line: OrderLine, price: number | null) => {
      setMenu(null);
      if (price === null || line.field === null) {
        commands.openOverlay('order-ticket', { orderId: line.orderId, key, side: line.side });
        return;
      }
      commands.openOverlay('order-ticket', modifyTicketParams(line.orderId, key, line.side, line.field, price));
    },
    [commands, key],
  );

  // × on a line, or Cancel order in its menu: `orders.cancel`, sent once (as the order book does).
  const cancelling = useRef(new Set<string>());
  const cancelOrder = useCallback(
    (line: OrderLine) => {
      setMenu(null);
      if (cancelling.current.has(line.orderId)) return;
      cancelling.current.add(line.orderId);
      void bridge.invoke('orders.cancel', { orderId: line.orderId }).then((r) => {
        cancelling.current.delete(line.orderId);
        const t = cancelOutcomeText(line.orderId, r);
        commands.toast(t.text, t.tone);
      });
    },
    [bridge, commands],
  );

  // The chart itself: one controller per instrument, interval and price grid.
  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    let alive = true;
    let loadingOlder = false;
    let hasMore = false;
    const invoke = historyInvoke(bridge);
    const ctl = new ChartController(host, {
      interval,
      instrument: { tickSize, decimals, openMinute: sessionOpenMinute(segment) },
      onLegend: (l) => writeLegend(legendRef.current, l),
      onNeedOlder: () => void loadOlder(),
      onNeedNewest: () => void loadNewest(),
      onOrderAt: (price, ltp) => openTicket(sideForClick(price, ltp), price),
      onContextMenu: (price, x, y) => setMenu({ kind: 'price', price, x, y }),
      onOrderLineDrop: (line, price) => modifyOrder(line, price),
      onOrderLineMenu: (line, x, y) => setMenu({ kind: 'order', line, x, y }),
      onOrderLineCancel: (line) => cancelOrder(line),
    });
    ctlRef.current = ctl;
    // What the window holds, on the host element for tests and inspection (not React state).
    const noteWindow = () => {
      host.dataset.bars = String(ctl.window.length);
      host.dataset.oldest = String(ctl.oldestTime ?? '');
      host.dataset.live = String(ctl.live);
    };
    ctl.setIndicators(enabledRef.current);
    ctl.setOrderLines(linesRef.current);

    const release = quotes.acquire([key]);
    const unlisten = quotes.listen(key, (t) => ctl.pushTick(t));
    const latest = quotes.latest(key);
    if (latest !== undefined) ctl.pushTick(latest);

    async function loadOlder() {
      const oldest = ctl.oldestTime;
      if (!alive || loadingOlder || !hasMore || oldest === null) return;
      loadingOlder = true;
      const r = await loadChunk(invoke, key, interval, oldest);
      loadingOlder = false;
      if (!alive) return;
      if (!r.ok) {
        setError(`Older history not loaded: ${r.error.message}`);
        return;
      }
      const added = ctl.prependOlder(r.value.candles);
      hasMore = r.value.hasMore && added > 0;
      noteWindow();
    }

    async function loadNewest() {
      if (!alive || loadingOlder) return;
      loadingOlder = true;
      setProgress({ done: 0, total: 1 });
      const r = await loadInitial(invoke, key, interval, (chunk, first, p) => {
        if (!alive) return;
        if (first) ctl.setHistory(chunk);
        else ctl.prependOlder(chunk);
        noteWindow();
        setProgress(p);
      }, () => !alive);
      loadingOlder = false;
      if (!alive) return;
      setProgress(null);
      if (!r.ok) {
        setError(`History not loaded: ${r.error.message}`);
        ctl.setHistory([]);
        return;
      }
      hasMore = r.value.hasMore;
      setError(r.value.error ? `Older history not loaded: ${r.value.error.message}` : null);
    }

    void loadNewest();
    return () => {
      alive = false;
      unlisten();
      release();
      ctl.dispose();
      if (ctlRef.current === ctl) ctlRef.current = null;
    };
  }, [bridge, quotes, key, interval, tickSize, decimals, segment, openTicket, modifyOrder, cancelOrder]);

  // Working orders as price lines.
  useEffect(() => {
    let book: OrderBook = new Map();
    let live = true;
    const redraw = () => {
      const lines = workingOrderLines(book, key);
      if (sameLines(lines, linesRef.current)) return;
      linesRef.current = lines;
      ctlRef.current?.setOrderLines(lines);
    };
    void bridge.invoke('orders.list', {}).then((r) => {
      if (!live || !r.ok) return;
      // Events that arrived first are newer than the list or equal to it; the list fills the rest.
      const listed = orderBookFrom(r.value);
      const merged = new Map(listed);
      for (const [id, o] of book) merged.set(id, o);
      book = merged;
      redraw();
    });
    const stop = bridge.subscribe('orders.events', {}, (e) => {
      const next = applyOrderEvent(book, e);
      if (next === book) return;
      book = next;
      redraw();
    });
    return () => {
      live = false;
      stop();
    };
  }, [bridge, key]);

  const toggle = (id: IndicatorId) => {
    const next = enabled.includes(id) ? enabled.filter((x) => x !== id) : [...enabled, id];
    enabledRef.current = next;
    setEnabled(next);
    ctlRef.current?.setIndicators(next);
    updateParams(chartParamsPatch({ interval, indicators: next }));
  };

  const chooseInterval = (iv: CandleInterval) => {
    setChartInterval(iv);
    updateParams(chartParamsPatch({ interval: iv, indicators: enabledRef.current }));
  };

  const onMenuKey = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setMenu(null);
    }
  };

  return (
    <div className="chart-panel" data-testid="chart-panel" data-key={key}>
      <div className="chart-toolbar" role="toolbar" aria-label="Chart">
        <span className="chart-name" title="Alt+click on the chart: order at that price (buy below the LTP, sell above). Right-click: buy or sell there.">
          {name}
        </span>
        <span className="chart-group" role="group" aria-label="Interval">
          {CHART_INTERVALS.map((iv) => (
            <button key={iv} type="button" className={iv === interval ? 'active' : ''} aria-pressed={iv === interval} data-testid={`chart-interval-${iv}`} onClick={() => chooseInterval(iv)}>
              {INTERVAL_LABEL[iv]}
            </button>
          ))}
        </span>
        <span className="chart-group" role="group" aria-label="Indicators" data-testid="chart-toolbar-indicators">
          {INDICATORS.map((s) => (
            <button key={s.id} type="button" className={enabled.includes(s.id) ? 'active' : ''} aria-pressed={enabled.includes(s.id)} data-testid={`chart-indicator-${s.id}`} onClick={() => toggle(s.id)}>
              {s.label}
            </button>
          ))}
        </span>
      </div>
      <div className="chart-body">
        <div className="chart-legend" ref={legendRef} data-testid="chart-legend" />
        <div className="chart-host" ref={hostRef} data-testid="chart-host" onClick={() => setMenu(null)} />
        {progress !== null && (
          <div className="chart-progress" data-testid="chart-progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
            <span>Loading {INTERVAL_NAME[interval]} history… {progress.done.toLocaleString('en-IN')} / {progress.total.toLocaleString('en-IN')}</span>
            <div className="chart-progress-bar" style={{ width: `${progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0}%` }} />
          </div>
        )}
        {error !== null && (
          <div className="chart-error" role="alert" data-testid="chart-error">
            {error}
          </div>
        )}
        {menu !== null && menu.kind === 'order' && (
          <div className="chart-menu" role="menu" style={{ left: menu.x, top: menu.y }} onKeyDown={onMenuKey} data-testid="chart-order-menu" data-order-id={menu.line.orderId}>
            <div className="chart-menu-head">
              {menu.line.title} @ {formatPrice(menu.line.price, decimals)}
            </div>
            <button type="button" role="menuitem" autoFocus onClick={() => modifyOrder(menu.line, null)} data-testid="chart-order-modify">
              Modify…
            </button>
            <button type="button" role="menuitem" className="sell" onClick={() => cancelOrder(menu.line)} data-testid="chart-order-cancel-item">
              Cancel order
            </button>
            <button type="button" role="menuitem" onClick={() => setMenu(null)}>
              Close
            </button>
          </div>
        )}
        {menu !== null && menu.kind === 'price' && (
          <div className="chart-menu" role="menu" style={{ left: menu.x, top: menu.y }} onKeyDown={onMenuKey} data-testid="chart-menu">
            <button type="button" role="menuitem" className="buy" autoFocus onClick={() => openTicket('BUY', menu.price)}>
              Buy at {formatPrice(menu.price, decimals)}
            </button>
            <button type="button" role="menuitem" className="sell" onClick={() => openTicket('SELL', menu.price)}>
              Sell at {formatPrice(menu.price, decimals)}
            </button>
            <button type="button" role="menuitem" onClick={() => setMenu(null)}>
              Cancel
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Legend nodes, built once per legend element and then only their text changes. */
const legendNodes = new WeakMap<HTMLDivElement, Record<'time' | 'O' | 'H' | 'L' | 'C' | 'change' | 'V' | 'ind', HTMLSpanElement>>();

/** Writes the legend into its DOM node (on crosshair moves, and at most once per frame while ticking). */
function writeLegend(el: HTMLDivElement | null, l: LegendText | null): void {
  if (el === null) return;
  let n = legendNodes.get(el);
  if (n === undefined) {
    const make = (cls: string, label?: string) => {
      const v = document.createElement('span');
      v.className = cls;
      if (label === undefined) {
        el.append(v);
        return v;
      }
      const pairEl = document.createElement('span');
      pairEl.className = 'chart-legend-pair';
      const b = document.createElement('b');
      b.textContent = label;
      v.dataset.field = label;
      pairEl.append(b, v);
      el.append(pairEl);
      return v;
    };
    n = {
      time: make('chart-legend-time'),
      O: make('', 'O'),
      H: make('', 'H'),
      L: make('', 'L'),
      C: make('chart-legend-close', 'C'),
      change: make('chart-legend-change'),
      V: make('', 'V'),
      ind: make('chart-legend-ind'),
    };
    legendNodes.set(el, n);
  }
  el.hidden = l === null;
  if (l === null) return;
  el.dataset.direction = l.direction;
  const set = (node: HTMLSpanElement, text: string) => {
    if (node.textContent !== text) node.textContent = text;
  };
  set(n.time, l.time);
  set(n.O, l.open);
  set(n.H, l.high);
  set(n.L, l.low);
  set(n.C, l.close);
  set(n.change, l.change);
  set(n.V, l.volume);
  set(n.ind, l.indicators);
}
