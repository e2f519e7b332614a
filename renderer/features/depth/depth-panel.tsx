/**
 * The depth ladder panel (registered as `depth`, params `{ key, levels? }`): a canvas ladder of
 * 5, 20 or 200 levels (as the broker's capabilities offer them) with one-click trading.
 *
 * Data never goes through React state: `market.depth` snapshots land in a ref and the canvas is
 * drawn from requestAnimationFrame, at most once per frame (./ladder-renderer.ts). The user's
 * working orders come from the store's order book (kept by renderer/stores/trading-sync.ts).
 *
 * One click (see ./README.md): left half of a row = BUY LIMIT at the row's price, right half = SELL
 * LIMIT; quantity from the header box (lots for F&O, shown as both), product and validity from the
 * header; the shared risk gate runs first (nothing is sent when it blocks); with `confirmOrders` on
 * (Settings) a confirmation bar asks first. Shift+click opens the order ticket at that price
 * instead. A click on one of the user's order markers asks to cancel those orders. Nothing is ever
 * sent without a click, nothing is retried; the status line shows the outcome in the broker's words.
 *
 * Source: issue 5, "Depth ladder", "Speed"; DESIGN.md "Data flow", "Money rules".
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { BridgeError } from '../../../shared/errors';
import { formatPrice } from '../../../shared/format';
import type { DepthLevels, DepthSnapshot } from '../../../shared/ipc/contract';
import { parseInstrumentKey, priceDecimals, type InstrumentKey } from '../../../shared/instruments';
import type { Order, PlaceOrderRequest, ProductType, Validity } from '../../../shared/orders';
import { toUnits } from '../../../shared/price';
import type { PanelProps } from '../../app/panel-types';
import { useAppStore } from '../../stores/app-store';
import { useTradingSync } from '../../stores/use-trading-sync';
import { ladderHookData } from './ladder-hook';
import { centredScrollTop, COLUMNS, computeLayout, contentHeight, hitTest, ROW_HEIGHT, type LadderColumn, type LadderLayout } from './ladder-layout';
import { paletteFor } from './ladder-palette';
import { createLadderRenderer, type LadderRenderer } from './ladder-renderer';
import { bestAskOf, bestBidOf, createRows, fillRows } from './ladder-rows';
import {
  blockedText,
  cancelQuestion,
  cancelReplyText,
  checkLadderOrder,
  describeOrder,
  entersLots,
  ladderOrder,
  marketableWarning,
  placeReplyText,
  readQuantity,
  replyTone,
} from './one-click';
import { aggregateMarkers, markersOffLadder, NO_MARKERS, type MarkerSet, type OrderMarker } from './order-markers';
import './depth.css';

/** Levels offered when the capabilities cannot be read. */
const FALLBACK_LEVELS: readonly DepthLevels[] = [5];
/** Products a one-click ladder offers (CO/BO need legs the ladder does not ask for). */
const LADDER_PRODUCTS: readonly ProductType[] = ['INTRADAY', 'CNC', 'MARGIN', 'MTF'];
/** Height of the column headings row above the canvas (sticky in the scroller), CSS px. */
const HEADINGS_PX = 18;
/** The testing hook is written at most this often, ms. */
const HOOK_MS = 250;

const HEADINGS: Readonly<Record<LadderColumn, string>> = {
  myBuy: 'My buy',
  bidOrders: 'Ord',
  bidQty: 'Bid qty',
  price: 'Price',
  askQty: 'Ask qty',
  askOrders: 'Ord',
  mySell: 'My sell',
};

type Pending = { readonly kind: 'place'; readonly order: PlaceOrderRequest; readonly text: string; readonly warning: string } | { readonly kind: 'cancel'; readonly marker: OrderMarker; readonly text: string };

type Status = { readonly text: string; readonly tone: 'info' | 'good' | 'warn' | 'bad' };

function isLevels(v: unknown): v is DepthLevels {
  return v === 5 || v === 20 || v === 200;
}

/** The offered level count closest to `want` (20 when nothing is asked and 20 is offered). */
function pickLevels(want: DepthLevels | null, offered: readonly DepthLevels[]): DepthLevels {
  if (want !== null && offered.includes(want)) return want;
  if (offered.includes(20)) return 20;
  return offered[offered.length - 1] ?? 5;
}

function mayHaveReached(e: BridgeError): boolean {
  return e.code === 'TIMEOUT' || e.code === 'NETWORK' || e.code === 'UNKNOWN_OUTCOME';
}

/** The panel (registered as `depth`). */
export function DepthPanel({ store, bridge, commands, params, setTitle }: PanelProps) {
  useTradingSync(store, bridge, commands);
  const key = typeof params.key === 'string' ? (params.key as InstrumentKey) : null;
  const parsed = key ? parseInstrumentKey(key) : null;
  const decimals = parsed ? priceDecimals(parsed.segment) : 2;
  const instrument = useAppStore(store, (s) => (key ? s.instruments[key] : undefined));
  const settings = useAppStore(store, (s) => s.settings);
  const theme = settings?.theme ?? 'dark';
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const [offered, setOffered] = useState<readonly DepthLevels[] | null>(null);
  const [products, setProducts] = useState<readonly ProductType[]>(['INTRADAY', 'CNC']);
  const [validities, setValidities] = useState<readonly Validity[]>(['DAY', 'IOC']);
  const [wantLevels, setWantLevels] = useState<DepthLevels | null>(isLevels(params.levels) ? params.levels : null);
  const [qtyText, setQtyText] = useState('1');
  const [product, setProduct] = useState<ProductType>('INTRADAY');
  const [validity, setValidity] = useState<Validity>('DAY');
  const [status, setStatus] = useState<Status | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [layout, setLayout] = useState<LadderLayout>(() => computeLayout(300));
  const levels = pickLevels(wantLevels, offered ?? FALLBACK_LEVELS);

  const scrollRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const summaryRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<LadderRenderer | null>(null);
  const snapRef = useRef<DepthSnapshot | null>(null);
  const rowsRef = useRef(createRows(64));
  const markersRef = useRef<MarkerSet>(NO_MARKERS);
  const rafRef = useRef(0);
  const centreRef = useRef(true);
  const heightRef = useRef(-1);
  const hookTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const busyRef = useRef(false);
  const offRef = useRef<HTMLSpanElement>(null);
  const levelsRef = useRef(levels);
  levelsRef.current = levels;
  const decimalsRef = useRef(decimals);
  decimalsRef.current = decimals;

  useEffect(() => setTitle(`Depth · ${instrument?.tradingSymbol ?? key ?? '—'}`), [setTitle, instrument?.tradingSymbol, key]);

  // Capabilities (levels, products, validities), the instrument, the settings: once.
  useEffect(() => {
    let live = true;
    void bridge.invoke('broker.capabilities', {}).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setOffered(FALLBACK_LEVELS);
        setStatus({ text: `Broker capabilities not read (${r.error.message}); showing 5 levels`, tone: 'warn' });
        return;
      }
      setOffered(r.value.depthLevels.length > 0 ? [...r.value.depthLevels].sort((a, b) => a - b) : FALLBACK_LEVELS);
      const ps = LADDER_PRODUCTS.filter((p) => r.value.products.includes(p));
      if (ps.length > 0) {
        setProducts(ps);
        setProduct((p) => (ps.includes(p) ? p : ps[0]!));
      }
      if (r.value.validities.length > 0) setValidities(r.value.validities);
    });
    if (key && store.getState().instruments[key] === undefined) {
      void bridge.invoke('instruments.get', { keys: [key] }).then((r) => {
        if (!live) return;
        if (r.ok && r.value[0]) store.getState().rememberInstruments(r.value);
        else setStatus({ text: r.ok ? `Instrument ${key} is not in the instrument master` : `Instrument details not loaded: ${r.error.message}`, tone: 'bad' });
      });
    }
    if (store.getState().settings === null) {
      void bridge.invoke('settings.get', {}).then((r) => {
        if (live && r.ok) store.getState().setSettings(r.value);
      });
    }
    return () => {
      live = false;
    };
  }, [bridge, store, key]);

  const writeHook = useCallback(() => {
    hookTimer.current = null;
    const canvas = canvasRef.current;
    const r = rendererRef.current;
    if (!canvas || !r) return;
    const rows = rowsRef.current;
    const el = scrollRef.current;
    canvas.dataset.ladder = JSON.stringify(ladderHookData(rows, r.layout, el?.scrollTop ?? 0, levelsRef.current, el ? el.clientHeight - HEADINGS_PX : 0));
    // The user's orders at prices the ladder does not show (beyond its depth) are said, not lost.
    if (offRef.current) {
      const prices = new Set<number>();
      for (let i = 0; i < rows.count; i++) if (rows.price[i]! > 0) prices.add(toUnits(rows.price[i]!));
      const off = markersOffLadder(markersRef.current, prices);
      offRef.current.textContent =
        off.length === 0 ? '' : `Beyond the ladder: ${off.map((m) => `${m.side} ${m.quantity} @ ${formatPrice(m.price, decimalsRef.current)}`).join(', ')}`;
    }
  }, []);

  const frame = useCallback(() => {
    rafRef.current = 0;
    const r = rendererRef.current;
    const el = scrollRef.current;
    if (!r || !el) return;
    const snap = snapRef.current;
    const m = markersRef.current;
    const rows = fillRows(rowsRef.current, snap?.bids ?? [], snap?.asks ?? [], snap?.ltp ?? 0, levelsRef.current, m.buyQty, m.sellQty);
    // The content height and the spread row's index depend only on the level setting (fixed slots
    // per side, ./ladder-rows.ts): a book that thins or fills never moves a row or the scroll.
    const h = contentHeight(rows.count, ROW_HEIGHT);
    if (h !== heightRef.current && spacerRef.current) {
      heightRef.current = h;
      spacerRef.current.style.height = `${HEADINGS_PX + Math.max(h, el.clientHeight - HEADINGS_PX)}px`;
    }
    // Centred on the spread row once per (instrument, level setting), as soon as the viewport has a size.
    const viewH = el.clientHeight - HEADINGS_PX;
    if (centreRef.current && viewH > 0) {
      el.scrollTop = centredScrollTop(rows.spreadRow, rows.count, ROW_HEIGHT, viewH);
      centreRef.current = false;
    }
    r.draw({ rows, scrollTop: el.scrollTop, decimals: decimalsRef.current });
    if (hookTimer.current === null) hookTimer.current = setTimeout(writeHook, HOOK_MS);
  }, [writeHook]);

  const schedule = useCallback(() => {
    if (rafRef.current === 0) rafRef.current = requestAnimationFrame(frame);
  }, [frame]);

  // The renderer, sized to the scroll viewport (and the device pixel ratio) whenever it changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    const el = scrollRef.current;
    if (!canvas || !el) return;
    const r = createLadderRenderer(canvas, summaryRef.current, { palette: paletteFor(themeRef.current) });
    rendererRef.current = r;
    // The live form of the testing hook (./ladder-hook.ts): what is on screen right now, for tests
    // that must click a given price while the book moves.
    Object.defineProperty(canvas, 'ladderHook', {
      configurable: true,
      value: () => ladderHookData(rowsRef.current, r.layout, el.scrollTop, levelsRef.current, el.clientHeight - HEADINGS_PX),
    });
    const fit = () => {
      const w = el.clientWidth;
      const h = el.clientHeight - HEADINGS_PX;
      if (w <= 0 || h <= 0) return;
      r.resize(w, h, window.devicePixelRatio || 1);
      canvas.style.width = `${r.layout.width}px`;
      canvas.style.height = `${h}px`;
      if (summaryRef.current) summaryRef.current.style.width = `${r.layout.width}px`;
      heightRef.current = -1;
      setLayout(r.layout);
      schedule();
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    // A move to a screen with another pixel ratio re-rasterises the glyphs at the new size.
    let dprQuery: MediaQueryList | null = null;
    const watchDpr = () => {
      dprQuery?.removeEventListener('change', onDpr);
      dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      dprQuery.addEventListener('change', onDpr);
    };
    const onDpr = () => {
      fit();
      watchDpr();
    };
    watchDpr();
    return () => {
      dprQuery?.removeEventListener('change', onDpr);
      ro.disconnect();
      if (rafRef.current !== 0) cancelAnimationFrame(rafRef.current);
      rafRef.current = 0;
      if (hookTimer.current !== null) clearTimeout(hookTimer.current);
      hookTimer.current = null;
      rendererRef.current = null;
    };
  }, [schedule]);

  // Settings' theme: the canvas follows it.
  useEffect(() => {
    rendererRef.current?.setPalette(paletteFor(theme));
    schedule();
  }, [theme, schedule]);

  // The depth stream of (key, levels): each snapshot into the ref, one draw per frame.
  useEffect(() => {
    if (!key || offered === null) return;
    snapRef.current = null;
    centreRef.current = true;
    schedule();
    return bridge.subscribe(
      'market.depth',
      { key, levels },
      (snap) => {
        snapRef.current = snap;
        schedule();
      },
      (err) => setStatus({ text: `Depth not available: ${err.message}`, tone: 'bad' }),
    );
  }, [bridge, key, levels, offered, schedule]);

  // The user's working orders of this instrument, from the store's order book.
  useEffect(() => {
    if (!key) return;
    const update = (byId: Readonly<Record<string, Order>>) => {
      markersRef.current = aggregateMarkers(Object.values(byId), key);
      schedule();
    };
    update(store.getState().orderBook.byId);
    return store.subscribe((s, prev) => {
      if (s.orderBook.byId !== prev.orderBook.byId) update(s.orderBook.byId);
    });
  }, [store, key, schedule]);

  const qty = useMemo(() => (instrument ? readQuantity(qtyText, instrument) : null), [qtyText, instrument]);

  const send = useCallback(
    (order: PlaceOrderRequest) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setStatus({ text: `Sending ${order.side} ${order.quantity} @ ${order.price}…`, tone: 'info' });
      void bridge.invoke('orders.place', order).then((r) => {
        busyRef.current = false;
        if (r.ok) setStatus({ text: placeReplyText(order, r.value, decimalsRef.current), tone: replyTone(r.value) });
        else if (mayHaveReached(r.error)) setStatus({ text: `Outcome unknown (not retried; check the order book): ${r.error.message}`, tone: 'warn' });
        else setStatus({ text: `Not sent: ${r.error.message}`, tone: 'bad' });
      });
    },
    [bridge],
  );

  const cancel = useCallback(
    async (marker: OrderMarker) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setStatus({ text: `Cancelling ${marker.orderIds.length} order(s)…`, tone: 'info' });
      const results = [];
      for (const orderId of marker.orderIds) {
        const r = await bridge.invoke('orders.cancel', { orderId });
        results.push(r.ok ? { orderId, outcome: r.value, error: null } : { orderId, outcome: null, error: r.error.message });
      }
      busyRef.current = false;
      const bad = results.some((x) => x.error !== null || x.outcome?.kind !== 'accepted');
      setStatus({ text: cancelReplyText(results), tone: bad ? 'bad' : 'good' });
    },
    [bridge],
  );

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current;
    const el = scrollRef.current;
    if (!r || !el || !key) return;
    // The second click of a double-click is not a second order.
    if (e.detail > 1) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const hit = hitTest(r.layout, rowsRef.current, e.clientX - rect.left, e.clientY - rect.top, el.scrollTop);
    if (hit.kind === 'none') return;
    if (hit.kind === 'marker') {
      const m = (hit.side === 'BUY' ? markersRef.current.buys : markersRef.current.sells).get(toUnits(hit.price));
      if (m) setPending({ kind: 'cancel', marker: m, text: cancelQuestion(m, decimals) });
      return;
    }
    if (e.shiftKey) {
      commands.openOrderTicket(hit.side, key, hit.price);
      return;
    }
    if (!instrument) {
      setStatus({ text: 'Instrument details not loaded yet: nothing sent', tone: 'warn' });
      return;
    }
    if (!qty || !qty.ok) {
      setStatus({ text: `Not sent: ${qty && !qty.ok ? qty.message : 'no quantity'}`, tone: 'bad' });
      return;
    }
    const order = ladderOrder(instrument, hit.side, hit.price, qty.units, { product, validity });
    const snap = snapRef.current;
    const verdict = checkLadderOrder(order, instrument, snap?.ltp ?? 0, snap?.atMs ?? null, settings?.risk, Date.now());
    if (!verdict.ok) {
      setStatus({ text: blockedText(verdict), tone: 'bad' });
      return;
    }
    const rows = rowsRef.current;
    const bestAsk = bestAskOf(rows);
    const bestBid = bestBidOf(rows);
    const warning = [marketableWarning(order, bestBid, bestAsk), ...verdict.findings.filter((f) => f.severity !== 'block').map((f) => f.message)].filter((s) => s !== '').join(' ');
    if (settings?.confirmOrders === false) send(order);
    else setPending({ kind: 'place', order, text: describeOrder(order, instrument), warning });
  };

  const confirmYes = () => {
    const p = pending;
    setPending(null);
    if (!p) return;
    if (p.kind === 'place') send(p.order);
    else void cancel(p.marker);
  };

  const onConfirmKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setPending(null);
    }
  };

  if (!key) return <div className="depth-panel depth-empty">Select an instrument and press F6 for its depth.</div>;

  const lotsMode = instrument ? entersLots(instrument) : false;
  return (
    <div className="depth-panel" data-testid="depth-panel">
      <div className="depth-toolbar">
        <span className="depth-name">{instrument?.displayName || instrument?.tradingSymbol || key}</span>
        <span className="depth-group" role="group" aria-label="Depth levels">
          {(offered ?? FALLBACK_LEVELS).map((l) => (
            <button key={l} type="button" className={l === levels ? 'on' : ''} data-testid={`depth-levels-${l}`} onClick={() => setWantLevels(l)}>
              {l}
            </button>
          ))}
        </span>
        <label className="depth-qty">
          Qty{lotsMode ? ' (lots)' : ''}
          <input data-testid="depth-qty" inputMode="numeric" value={qtyText} onChange={(e) => setQtyText(e.target.value)} size={5} />
        </label>
        <span className="depth-qty-units" data-testid="depth-qty-units">
          {qty === null || (qty.ok && !lotsMode) ? '' : qty.ok ? qty.label : qty.message}
        </span>
        <select aria-label="Product" value={product} onChange={(e) => setProduct(e.target.value as ProductType)}>
          {products.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select aria-label="Validity" value={validity} onChange={(e) => setValidity(e.target.value as Validity)}>
          {validities.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </div>
      <div className="depth-scroll" ref={scrollRef} onScroll={schedule}>
        <div className="depth-spacer" ref={spacerRef} style={{ width: layout.width }}>
          <div className="depth-headings" style={{ width: layout.width }}>
            {COLUMNS.map((c) => (
              <span key={c} className={`depth-h depth-h-${c}`} style={{ left: layout.x[c], width: layout.w[c] }}>
                {HEADINGS[c]}
              </span>
            ))}
          </div>
          <canvas
            ref={canvasRef}
            className="depth-canvas"
            data-testid="depth-canvas"
            role="img"
            aria-label={`Depth ladder, ${levels} levels`}
            onClick={onClick}
            title="Left half: BUY limit at the row's price · right half: SELL · Shift+click: order ticket · click your order marker to cancel"
          />
        </div>
      </div>
      <canvas ref={summaryRef} className="depth-summary" data-testid="depth-summary" />
      <span ref={offRef} className="depth-off" data-testid="depth-off-ladder" />
      {pending && (
        <div className={`depth-confirm ${pending.kind === 'place' ? pending.order.side.toLowerCase() : 'cancel'}`} data-testid="depth-confirm" onKeyDown={onConfirmKey}>
          <span className="depth-confirm-text">{pending.text}</span>
          {pending.kind === 'place' && pending.warning && <span className="depth-confirm-warn">{pending.warning}</span>}
          <button type="button" autoFocus data-testid="depth-confirm-yes" onClick={confirmYes}>
            {pending.kind === 'place' ? 'Send' : 'Cancel orders'}
          </button>
          <button type="button" data-testid="depth-confirm-no" onClick={() => setPending(null)}>
            Back
          </button>
        </div>
      )}
      <div className={`depth-status ${status?.tone ?? ''}`} data-testid="depth-status">
        {status?.text ?? ''}
      </div>
    </div>
  );
}
