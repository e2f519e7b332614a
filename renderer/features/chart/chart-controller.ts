/**
 * The chart controller: owns one lightweight-charts instance (candles, volume, indicators, order
 * price lines) and keeps it current from history chunks and ticks, outside React.
 *
 * - History: `setHistory` (newest window) and `prependOlder` (a chunk from scrolling back) go
 *   through the bounded window (./bar-window.ts, at most WINDOW_CAP bars) and `setData`.
 * - Ticks: `pushTick` folds a tick into the live candle (./live-candle.ts) and hands the candle to
 *   the frame coalescer (./frame-coalescer.ts); once per animation frame the flush gives each series
 *   ONE `update()` (candles, volume, each indicator line), writes the legend when the crosshair is
 *   away, and nothing else. No React state changes per tick.
 * - Scrolling: `subscribeVisibleLogicalRangeChange` calls `onNeedOlder` near the oldest bar and,
 *   when the window lost its newest end to the cap, `onNeedNewest` near the newest bar.
 * - Time axis in IST by shifting times (./chart-time.ts).
 * - Orders: `setOrderLines` draws working orders with `createPriceLine`; Alt+click and right-click
 *   report a price read off the candles' pane (`onOrderAt`, `onContextMenu`).
 * - Trading from the order lines (./line-drag.ts): a press within LINE_HIT_PX of a draggable line
 *   grabs it (lightweight-charts has no draggable price lines: pointer events on the container, in
 *   the capture phase, with `coordinateToPrice`/`priceToCoordinate`); while dragging the line and
 *   its axis label sit at the snapped price and its title reads `BUY 10 LIMIT → 1,398.75`; Esc
 *   puts it back; a drop reports `onOrderLineDrop` and puts the line back (the modification is the
 *   order ticket's to make; the line moves when the order event says so). A right-click on a line
 *   reports `onOrderLineMenu`; each line has a small × handle at its left end (`onOrderLineCancel`).
 *
 * Source: issue 5, "Chart" and "Speed" (chart frame <= 10 ms while ticking).
 */
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { QuoteTick } from '../../../shared/ipc/contract';
import type { Candle, CandleInterval } from '../../../shared/market';
import { WINDOW_CAP, WINDOW_SLACK, applyNewest, mergeOlder, nearNewestEdge, nearOldestEdge } from './bar-window';
import { fromChartTime, toChartTime } from './chart-time';
import { animationFrames, createFrameCoalescer, type FrameCoalescer, type FrameScheduler } from './frame-coalescer';
import { INDICATORS, computeIndicator, createIndicatorStepper, legendValues, toPoints, type IndicatorId, type IndicatorSpec, type IndicatorStepper } from './indicator-series';
import { legendText, type LegendIndicator, type LegendText } from './legend';
import { LiveCandleBuilder } from './live-candle';
import { clickedPrice, type OrderLine } from './order-lines';
import { dragPrice, dragStarted, dragTitle, hitLine } from './line-drag';
import { indicatorDrawFrom, indicatorScroll } from './indicator-window';
import { RoundRobinUpdates } from './update-budget';

/** Colours of the dark theme (renderer/styles/workstation.css). */
const THEME = {
  background: '#0d1117',
  text: '#8a96a3',
  grid: '#1a2029',
  border: '#262e38',
  up: '#26a69a',
  down: '#ef5350',
  upVolume: 'rgba(38, 166, 154, 0.45)',
  downVolume: 'rgba(239, 83, 80, 0.45)',
  buyLine: '#3fb950',
  sellLine: '#f85149',
} as const;

/** Instrument facts the chart draws with. */
export interface ChartInstrumentInfo {
  /** Tick size, rupees (price scale step and clicked-price snapping). */
  readonly tickSize: number;
  /** Price decimals: 2, or 4 for currency segments. */
  readonly decimals: 2 | 4;
  /** Session open, minutes after IST midnight (./candle-buckets.ts `sessionOpenMinute`). */
  readonly openMinute: number;
}

/** Callbacks and options of a controller. */
export interface ChartControllerOptions {
  readonly interval: CandleInterval;
  readonly instrument: ChartInstrumentInfo;
  /** Bars the window holds at most (default WINDOW_CAP = 10 000). */
  readonly cap?: number;
  /** Frame scheduler (tests and the benchmark may pass their own). */
  readonly frames?: FrameScheduler;
  /** Called with the legend to show (crosshair candle, or the newest one), at most once per frame. */
  readonly onLegend?: (legend: LegendText | null) => void;
  /** The user scrolled near the oldest loaded bar. */
  readonly onNeedOlder?: () => void;
  /** The window lost its newest bars to the cap and the user scrolled back to its newest end. */
  readonly onNeedNewest?: () => void;
  /** Alt+click on the candles' pane at a price (snapped to the tick). */
  readonly onOrderAt?: (price: number, ltp: number | null) => void;
  /** Right-click on the candles' pane: price (snapped) and the point, relative to the container. */
  readonly onContextMenu?: (price: number, x: number, y: number) => void;
  /** A working order's line was dragged to `price` (snapped, different from its own) and dropped. */
  readonly onOrderLineDrop?: (line: OrderLine, price: number) => void;
  /** Right-click on a working order's line: the point, relative to the container. */
  readonly onOrderLineMenu?: (line: OrderLine, x: number, y: number) => void;
  /** The × handle of a working order's line was clicked. */
  readonly onOrderLineCancel?: (line: OrderLine) => void;
  /**
   * `update()`s per frame shared by the volume and indicator series (default 1; ./update-budget.ts).
   * The candle series is updated every frame regardless.
   */
  readonly secondaryUpdatesPerFrame?: number;
}

/** A point of a secondary series (chart time), with its colour for histograms. */
interface SecondaryPoint {
  readonly time: number;
  readonly value: number;
  readonly color?: string;
}

/** Counters for tests and the benchmark. */
export interface ChartStats {
  /** Frames that flushed at least one candle. */
  flushes: number;
  /** `update()` calls made on the candle series. */
  candleUpdates: number;
  /** `setData` calls on the candle series (history, chunks, trims). */
  resets: number;
  /** Time of the last flush, ms (performance.now difference). */
  lastFlushMs: number;
}

interface IndicatorSeries {
  readonly spec: IndicatorSpec;
  readonly series: ISeriesApi<'Line' | 'Histogram'>[];
  stepper: IndicatorStepper;
  /** Values per line, aligned with the window's bars (NaN in warm-up), for the legend. */
  values: number[][];
}

/** See the file comment. `dispose()` removes the chart and every listener. */
export class ChartController {
  readonly stats: ChartStats = { flushes: 0, candleUpdates: 0, resets: 0, lastFlushMs: 0 };
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly coalescer: FrameCoalescer<number, Candle>;
  private readonly frames: FrameScheduler;
  private readonly secondary = new RoundRobinUpdates<ISeriesApi<'Line' | 'Histogram'>, SecondaryPoint>();
  private secondaryFrame: number | null = null;
  private readonly builder: LiveCandleBuilder;
  private readonly cap: number;
  private bars: Candle[] = [];
  /** The window holds the newest bar (live updates go to the series). */
  private atLiveEdge = true;
  private enabled = new Set<IndicatorId>();
  private indicators = new Map<IndicatorId, IndicatorSeries>();
  /** Window index the user scrolled back to (indicator lines are drawn from there). */
  private indicatorVisibleFrom = Number.POSITIVE_INFINITY;
  private orderLines: readonly OrderLine[] = [];
  private priceLines = new Map<string, IPriceLine>();
  /** The × handles of the order lines, by order id. */
  private readonly handles = new Map<string, HTMLButtonElement>();
  private handleFrame: number | null = null;
  /** A press on a draggable line (a drag once the pointer moved DRAG_START_PX). */
  private drag: { readonly line: OrderLine; readonly pointerId: number; readonly pressY: number; price: number; active: boolean } | null = null;
  private hovering = false;
  private crosshairTime: number | null = null;
  private pendingTick: QuoteTick | null = null;
  private historyLoaded = false;
  private lastLtp: number | null = null;
  private disposed = false;
  private readonly onContextMenuEvent: (e: MouseEvent) => void;

  constructor(
    private readonly container: HTMLElement,
    private readonly o: ChartControllerOptions,
  ) {
    this.cap = o.cap ?? WINDOW_CAP;
    this.builder = new LiveCandleBuilder(o.interval, o.instrument.openMinute);
    const daily = o.interval === '1d';
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: THEME.background },
        textColor: THEME.text,
        fontSize: 11,
        panes: { separatorColor: THEME.border, separatorHoverColor: THEME.border },
        attributionLogo: false,
      },
      grid: { vertLines: { color: THEME.grid }, horzLines: { color: THEME.grid } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: THEME.border },
      timeScale: { borderColor: THEME.border, timeVisible: !daily, secondsVisible: false, rightOffset: 5 },
      localization: { priceFormatter: (p: number) => p.toFixed(o.instrument.decimals) },
    });
    const priceFormat = { type: 'price' as const, precision: o.instrument.decimals, minMove: o.instrument.tickSize > 0 ? o.instrument.tickSize : 0.05 };
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: THEME.up,
      downColor: THEME.down,
      borderVisible: false,
      wickUpColor: THEME.up,
      wickDownColor: THEME.down,
      priceFormat,
    });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.14, bottom: 0.22 } });

    this.frames = o.frames ?? animationFrames;
    this.coalescer = createFrameCoalescer<number, Candle>((values) => this.flush(values), this.frames);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.subscribeClick(this.onClick);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
    this.onContextMenuEvent = (e: MouseEvent) => {
      const rect = this.container.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      const line = this.lineAt(y, false);
      if (line !== null) {
        e.preventDefault();
        o.onOrderLineMenu?.(line, x, y);
        return;
      }
      const price = this.priceAt(y);
      if (price === null) return;
      e.preventDefault();
      o.onContextMenu?.(price, x, y);
    };
    container.addEventListener('contextmenu', this.onContextMenuEvent);
    // Capture phase: a press on an order line must not reach lightweight-charts (it would pan).
    container.addEventListener('pointerdown', this.onPointerDown, true);
    container.addEventListener('pointermove', this.onPointerMove, true);
    container.addEventListener('pointerup', this.onPointerUp, true);
    container.addEventListener('pointercancel', this.onPointerCancel, true);
    container.addEventListener('lostpointercapture', this.onPointerCancel, true);
    container.addEventListener('mousedown', this.onMouseDown, true);
  }

  /** The loaded window, oldest first (epoch seconds UTC). */
  get window(): readonly Candle[] {
    return this.bars;
  }

  /** False when scrolling back cut the newest bars (ticks are then kept but not drawn). */
  get live(): boolean {
    return this.atLiveEdge;
  }

  /** Time of the oldest loaded candle (epoch seconds UTC), the `toSec` of the next older chunk. */
  get oldestTime(): number | null {
    return this.bars.length > 0 ? this.bars[0]!.time : null;
  }

  /**
   * Replaces the window with the newest history (oldest first; cut to the cap from the old end) and
   * returns to the live edge. Applies the tick that arrived while history was loading.
   */
  setHistory(candles: readonly Candle[]): void {
    if (this.disposed) return;
    this.bars = candles.slice(Math.max(0, candles.length - this.cap));
    this.atLiveEdge = true;
    this.historyLoaded = true;
    this.builder.seed(this.bars[this.bars.length - 1]);
    this.redrawAll();
    this.chart.timeScale().scrollToRealTime();
    const t = this.pendingTick;
    this.pendingTick = null;
    if (t !== null) this.pushTick(t);
    this.showLegend(null);
  }

  /**
   * Puts an older chunk in front, keeping the user's view where it was. Returns how many bars went
   * in front (0: nothing older came back).
   */
  prependOlder(chunk: readonly Candle[]): number {
    if (this.disposed) return 0;
    const range = this.chart.timeScale().getVisibleLogicalRange();
    const r = mergeOlder(this.bars, chunk, this.cap);
    if (r.added === 0) return 0;
    this.bars = r.bars;
    if (r.trimmedNewest > 0) this.atLiveEdge = false;
    this.redrawAll();
    if (range !== null) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + r.added, to: range.to + r.added });
    return r.added;
  }

  /** Folds a tick into the live candle; the series see it at the next frame. */
  pushTick(tick: QuoteTick): void {
    if (this.disposed) return;
    this.lastLtp = tick.ltp > 0 ? tick.ltp : this.lastLtp;
    if (!this.historyLoaded) {
      this.pendingTick = tick;
      return;
    }
    if (this.builder.apply(tick) === 'ignored') return;
    const c = this.builder.current!;
    this.coalescer.push(c.time, c);
  }

  /** Shows exactly these indicators (overlays on the candles, RSI/MACD/ATR in panes below). */
  setIndicators(ids: Iterable<IndicatorId>): void {
    if (this.disposed) return;
    const next = new Set(ids);
    const paneChange = INDICATORS.some((s) => s.placement === 'pane' && next.has(s.id) !== this.enabled.has(s.id));
    for (const [id, ind] of this.indicators) {
      if (!next.has(id) || (paneChange && ind.spec.placement === 'pane')) {
        for (const s of ind.series) {
          this.secondary.drop(s);
          this.chart.removeSeries(s);
        }
        this.indicators.delete(id);
      }
    }
    this.enabled = next;
    // Panes are numbered in toolbar order so that toggling keeps a stable arrangement.
    let pane = 1;
    for (const spec of INDICATORS) {
      if (!next.has(spec.id)) continue;
      const paneIndex = spec.placement === 'pane' ? pane++ : 0;
      if (this.indicators.has(spec.id)) continue;
      const series = spec.lines.map((line) => {
        const common = { priceLineVisible: false, lastValueVisible: spec.placement === 'pane', crosshairMarkerVisible: false, title: '' };
        return line.kind === 'histogram'
          ? this.chart.addSeries(HistogramSeries, { ...common, color: line.color }, paneIndex)
          : this.chart.addSeries(LineSeries, { ...common, color: line.color, lineWidth: 1 }, paneIndex);
      });
      const ind: IndicatorSeries = { spec, series, stepper: createIndicatorStepper(spec.id, this.bars), values: [] };
      this.indicators.set(spec.id, ind);
      this.fillIndicator(ind);
    }
    const panes = this.chart.panes();
    panes[0]?.setStretchFactor(panes.length > 1 ? 3 : 1);
    for (let i = 1; i < panes.length; i++) panes[i]!.setStretchFactor(1);
  }

  /**
   * Draws these working orders as price lines (replacing the previous ones), each with its ×
   * handle. A drag in progress survives when its order is still drawn with the same price and
   * field; otherwise (filled, cancelled, modified elsewhere) it ends without a drop.
   */
  setOrderLines(lines: readonly OrderLine[]): void {
    if (this.disposed) return;
    const d = this.drag;
    if (d !== null) {
      const still = lines.find((l) => l.orderId === d.line.orderId);
      if (still === undefined || still.price !== d.line.price || still.field !== d.line.field) this.endDrag(false);
    }
    for (const l of this.priceLines.values()) this.candles.removePriceLine(l);
    this.priceLines = new Map(
      lines.map((l) => [
        l.orderId,
        this.candles.createPriceLine({
          id: l.orderId,
          price: l.price,
          color: l.side === 'BUY' ? THEME.buyLine : THEME.sellLine,
          lineWidth: l.field === null ? 1 : 2,
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
          title: l.title,
        }),
      ]),
    );
    this.orderLines = lines;
    const dragNow = this.drag;
    if (dragNow?.active === true) this.showDragAt(dragNow.price);
    this.syncHandles();
  }

  /** The order id being dragged and the price it would go to (tests and inspection), or null. */
  get dragging(): { readonly orderId: string; readonly price: number } | null {
    return this.drag?.active === true ? { orderId: this.drag.line.orderId, price: this.drag.price } : null;
  }

  /** Applies pending ticks now (tests; the benchmark's flush timing). */
  flushNow(): void {
    this.coalescer.flushNow();
  }

  /** Removes the chart, its listeners and pending frames. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.coalescer.dispose();
    if (this.secondaryFrame !== null) this.frames.cancel(this.secondaryFrame);
    this.container.removeEventListener('contextmenu', this.onContextMenuEvent);
    this.endDrag(false);
    this.container.removeEventListener('pointerdown', this.onPointerDown, true);
    this.container.removeEventListener('pointermove', this.onPointerMove, true);
    this.container.removeEventListener('pointerup', this.onPointerUp, true);
    this.container.removeEventListener('pointercancel', this.onPointerCancel, true);
    this.container.removeEventListener('lostpointercapture', this.onPointerCancel, true);
    this.container.removeEventListener('mousedown', this.onMouseDown, true);
    if (this.handleFrame !== null) this.frames.cancel(this.handleFrame);
    for (const h of this.handles.values()) h.remove();
    this.handles.clear();
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.unsubscribeClick(this.onClick);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.remove();
  }

  /**
   * One frame's worth of live candles: the coalescer hands over one candle per frame (the closing
   * candle's final state, then the new candle a frame later), so the candle series gets at most one
   * update() per frame; then the secondary series' turn (./update-budget.ts).
   */
  private flush(values: readonly Candle[]): void {
    if (this.disposed) return;
    const t0 = performance.now();
    let reset = false;
    let changed = false;
    for (const c of values) {
      if (!this.atLiveEdge) continue;
      const before = this.bars.length;
      const r = applyNewest(this.bars, c, this.cap, WINDOW_SLACK);
      if (r.kind === 'ignored') continue;
      changed = true;
      if (r.kind === 'reset') {
        reset = true;
        continue;
      }
      this.candles.update(this.toBar(c));
      this.stats.candleUpdates++;
      this.secondary.set(this.volume, this.toVolume(c));
      const time = toChartTime(c.time);
      const appended = this.bars.length > before;
      for (const ind of this.indicators.values()) {
        const v = ind.stepper.step(c);
        if (v === null) continue;
        for (let i = 0; i < v.length; i++) {
          const value = v[i]!;
          const col = ind.values[i]!;
          if (appended) col.push(value);
          else col[col.length - 1] = value;
          if (!Number.isFinite(value)) continue;
          const histogram = ind.spec.lines[i]!.kind === 'histogram';
          this.secondary.set(ind.series[i]!, histogram ? { time, value, color: value >= 0 ? THEME.upVolume : THEME.downVolume } : { time, value });
        }
      }
    }
    if (reset) this.redrawAll();
    else this.flushSecondary();
    if (changed) {
      this.stats.flushes++;
      if (this.crosshairTime === null) this.showLegend(null);
    }
    this.stats.lastFlushMs = performance.now() - t0;
  }

  /** Gives the secondary series this frame's budget; asks for another frame while some wait. */
  private flushSecondary(): void {
    for (const [series, points] of this.secondary.take(this.o.secondaryUpdatesPerFrame ?? 1)) {
      for (const p of points) series.update(p as never);
    }
    if (this.secondary.pending && this.secondaryFrame === null && !this.disposed) {
      this.secondaryFrame = this.frames.request(() => {
        this.secondaryFrame = null;
        if (!this.disposed) this.flushSecondary();
      });
    }
  }

  /** setData on every series from the window (history, chunks, trims). */
  private redrawAll(): void {
    const n = this.bars.length;
    const bars = new Array(n);
    const vols = new Array(n);
    for (let i = 0; i < n; i++) {
      bars[i] = this.toBar(this.bars[i]!);
      vols[i] = this.toVolume(this.bars[i]!);
    }
    this.candles.setData(bars);
    this.volume.setData(vols);
    this.secondary.clear();
    this.stats.resets++;
    // Window indices moved (an older chunk merged, or a trim): a scrolled-back view keeps its
    // indicator lines by drawing them over the whole window until it returns to the live edge.
    if (Number.isFinite(this.indicatorVisibleFrom)) this.indicatorVisibleFrom = 0;
    for (const ind of this.indicators.values()) {
      ind.stepper = createIndicatorStepper(ind.spec.id, this.bars);
      this.fillIndicator(ind);
    }
  }

  private fillIndicator(ind: IndicatorSeries): void {
    const values = computeIndicator(ind.spec.id, this.bars);
    ind.values = values.map((v) => Array.from(v));
    this.drawIndicator(ind);
  }

  /**
   * Hands an indicator's lines to lightweight-charts from bar `indicatorFrom` on. Its `update()`
   * rebuilds a whole series, so indicator lines hold only the newest INDICATOR_SPAN bars (and
   * whatever the user has scrolled back to, see onRange), not the whole window: that keeps a
   * ticking frame with every indicator on inside its budget. Values stay computed over the window.
   */
  private drawIndicator(ind: IndicatorSeries): void {
    const from = this.indicatorFrom;
    const bars = from > 0 ? this.bars.slice(from) : this.bars;
    ind.values.forEach((col, i) => {
      const line = ind.spec.lines[i]!;
      const v = from > 0 ? col.slice(from) : col;
      const pts = toPoints(bars, v).map((p) => ({ time: toChartTime(p.time), value: p.value, ...(line.kind === 'histogram' ? { color: p.value >= 0 ? THEME.upVolume : THEME.downVolume } : {}) }));
      ind.series[i]!.setData(pts);
    });
  }

  /** First window index drawn by the indicator lines (0 = the whole window). */
  private get indicatorFrom(): number {
    return indicatorDrawFrom(this.bars.length, this.indicatorVisibleFrom);
  }

  private toBar(c: Candle) {
    return { time: toChartTime(c.time), open: c.open, high: c.high, low: c.low, close: c.close };
  }

  private toVolume(c: Candle) {
    return { time: toChartTime(c.time), value: c.volume, color: c.close >= c.open ? THEME.upVolume : THEME.downVolume };
  }

  /** Index of the bar at `time` (epoch s UTC) in the window, or -1 (binary search). */
  private indexOf(time: number): number {
    let lo = 0;
    let hi = this.bars.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.bars[mid]!.time;
      if (t === time) return mid;
      if (t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Writes the legend for the bar at `time` (null: the newest bar). */
  private showLegend(time: number | null): void {
    const cb = this.o.onLegend;
    if (cb === undefined) return;
    const i = time === null ? this.bars.length - 1 : this.indexOf(time);
    if (i < 0) {
      cb(null);
      return;
    }
    const c = this.bars[i]!;
    const prev = i > 0 ? this.bars[i - 1]!.close : null;
    const inds: LegendIndicator[] = [];
    for (const ind of this.indicators.values()) inds.push({ label: ind.spec.label, values: legendValues(ind.spec, ind.values.map((col) => col[i])) });
    cb(legendText(c, prev, this.o.interval, this.o.instrument.decimals, inds));
  }

  private priceAt(y: number): number | null {
    const paneHeight = this.chart.paneSize(0).height;
    if (y < 0 || y > paneHeight) return null;
    return clickedPrice(this.candles.coordinateToPrice(y), this.o.instrument.tickSize);
  }

  private readonly onCrosshair = (p: MouseEventParams<Time>) => {
    const t = p.time === undefined || p.point === undefined ? null : fromChartTime(p.time as UTCTimestamp);
    this.crosshairTime = t;
    this.showLegend(t);
  };

  private readonly onClick = (p: MouseEventParams<Time>) => {
    if (p.sourceEvent?.altKey !== true || p.point === undefined || (p.paneIndex ?? 0) !== 0) return;
    const price = this.priceAt(p.point.y);
    if (price !== null) this.o.onOrderAt?.(price, this.lastLtp);
  };

  /** Height of the candles' pane, CSS px. */
  private get paneHeight(): number {
    return this.chart.paneSize(0).height;
  }

  /** The y of `price` on the candles' price scale, or null when off the pane. */
  private yOf(price: number): number | null {
    const y = this.candles.priceToCoordinate(price);
    return y === null || y < 0 || y > this.paneHeight ? null : y;
  }

  /** The order line at `y` (draggable ones only when `draggable`), or null. */
  private lineAt(y: number, draggable: boolean): OrderLine | null {
    if (y < 0 || y > this.paneHeight || this.orderLines.length === 0) return null;
    const candidates = draggable ? this.orderLines.filter((l) => l.field !== null) : this.orderLines;
    const id = hitLine(
      candidates.map((l) => ({ orderId: l.orderId, y: this.yOf(l.price) })),
      y,
    );
    return id === null ? null : candidates.find((l) => l.orderId === id) ?? null;
  }

  private pointerY(e: MouseEvent): number {
    return e.clientY - this.container.getBoundingClientRect().top;
  }

  private setHover(on: boolean): void {
    if (on === this.hovering) return;
    this.hovering = on;
    this.container.classList.toggle('chart-line-hover', on);
  }

  /** Puts the dragged line at `price` with the price in its title. */
  private showDragAt(price: number): void {
    const d = this.drag;
    if (d === null) return;
    this.priceLines.get(d.line.orderId)?.applyOptions({ price, title: dragTitle(d.line.title, price, this.o.instrument.decimals), lineStyle: LineStyle.Solid });
    this.container.dataset.dragOrder = d.line.orderId;
    this.container.dataset.dragPrice = String(price);
    this.positionHandles();
  }

  /** Ends a press or drag: the line goes back to its order's price; `drop` reports a moved drag. */
  private endDrag(drop: boolean): void {
    const d = this.drag;
    if (d === null) return;
    this.drag = null;
    window.removeEventListener('keydown', this.onDragKey, true);
    if (this.container.hasPointerCapture?.(d.pointerId)) this.container.releasePointerCapture(d.pointerId);
    this.container.classList.remove('chart-dragging');
    delete this.container.dataset.dragOrder;
    delete this.container.dataset.dragPrice;
    if (d.active) {
      this.priceLines.get(d.line.orderId)?.applyOptions({ price: d.line.price, title: d.line.title, lineStyle: LineStyle.Dashed });
      this.positionHandles();
    }
    if (drop && d.active && d.price !== d.line.price) this.o.onOrderLineDrop?.(d.line, d.price);
  }

  private readonly onPointerDown = (e: PointerEvent) => {
    if (this.disposed || e.button !== 0 || e.altKey || e.pointerType === 'touch' || this.drag !== null) return;
    if (e.target instanceof Element && e.target.closest('.chart-order-x') !== null) return;
    const y = this.pointerY(e);
    const line = this.lineAt(y, true);
    if (line === null) return;
    // Not for lightweight-charts: no pan, no price-scale drag, no click (the compatibility mouse
    // events of a cancelled pointerdown are not fired; onMouseDown stops the rest).
    e.preventDefault();
    e.stopPropagation();
    this.drag = { line, pointerId: e.pointerId, pressY: y, price: line.price, active: false };
    this.container.setPointerCapture?.(e.pointerId);
    window.addEventListener('keydown', this.onDragKey, true);
  };

  private readonly onMouseDown = (e: MouseEvent) => {
    if (this.drag !== null) e.stopPropagation();
  };

  private readonly onPointerMove = (e: PointerEvent) => {
    const d = this.drag;
    if (d === null) {
      if (e.buttons === 0) this.setHover(this.lineAt(this.pointerY(e), true) !== null);
      return;
    }
    if (e.pointerId !== d.pointerId) return;
    e.stopPropagation();
    const y = this.pointerY(e);
    if (!d.active) {
      if (!dragStarted(d.pressY, y)) return;
      d.active = true;
      this.container.classList.add('chart-dragging');
    }
    const clamped = Math.max(0, Math.min(this.paneHeight, y));
    const price = dragPrice(this.candles.coordinateToPrice(clamped), this.o.instrument.tickSize);
    if (price === null) return;
    d.price = price;
    this.showDragAt(price);
  };

  private readonly onPointerUp = (e: PointerEvent) => {
    const d = this.drag;
    if (d === null || e.pointerId !== d.pointerId) return;
    e.stopPropagation();
    this.endDrag(true);
  };

  private readonly onPointerCancel = (e: PointerEvent) => {
    const d = this.drag;
    if (d !== null && e.pointerId === d.pointerId) this.endDrag(false);
  };

  /** Esc during a press or drag puts the line back; nothing else sees that Esc. */
  private readonly onDragKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || this.drag === null) return;
    e.preventDefault();
    e.stopPropagation();
    this.endDrag(false);
  };

  /** One × handle per order line (created, removed), then positioned. */
  private syncHandles(): void {
    const ids = new Set(this.orderLines.map((l) => l.orderId));
    for (const [id, h] of this.handles) {
      if (!ids.has(id)) {
        h.remove();
        this.handles.delete(id);
      }
    }
    for (const l of this.orderLines) {
      let h = this.handles.get(l.orderId);
      if (h === undefined) {
        h = document.createElement('button');
        h.type = 'button';
        h.className = 'chart-order-x';
        h.textContent = '×';
        h.dataset.testid = 'chart-order-cancel';
        h.dataset.orderId = l.orderId;
        const id = l.orderId;
        h.addEventListener('click', (e) => {
          e.stopPropagation();
          const line = this.orderLines.find((x) => x.orderId === id);
          if (line !== undefined) this.o.onOrderLineCancel?.(line);
        });
        this.container.append(h);
        this.handles.set(l.orderId, h);
      }
      h.title = `Cancel order ${l.orderId} (${l.title})`;
      h.setAttribute('aria-label', h.title);
      h.dataset.side = l.side;
    }
    this.positionHandles();
    if (this.handles.size > 0 && this.handleFrame === null) this.handleFrame = this.frames.request(this.followHandles);
  }

  /**
   * Keeps the handles on their lines while the price scale moves (autoscale on ticks, zoom, scroll,
   * resize): one check per frame while there are lines, DOM writes only when a y changed.
   */
  private readonly followHandles = () => {
    this.handleFrame = null;
    if (this.disposed || this.handles.size === 0) return;
    this.positionHandles();
    this.handleFrame = this.frames.request(this.followHandles);
  };

  private positionHandles(): void {
    const d = this.drag;
    for (const l of this.orderLines) {
      const h = this.handles.get(l.orderId);
      if (h === undefined) continue;
      const y = this.yOf(d?.active === true && d.line.orderId === l.orderId ? d.price : l.price);
      const top = y === null ? '' : `${Math.round(y)}px`;
      if (h.style.top !== top) h.style.top = top;
      const hidden = y === null;
      if (h.hidden !== hidden) h.hidden = hidden;
    }
  }

  private readonly onRange = (range: LogicalRange | null) => {
    if (range === null || this.bars.length === 0) return;
    // Scrolled back past the indicator lines' start: draw them from a margin before the view; back
    // near the live edge again: shrink them to the newest INDICATOR_SPAN bars.
    if (this.indicators.size > 0) {
      const next = indicatorScroll(this.bars.length, this.indicatorVisibleFrom, range.from);
      if (next !== null) {
        this.indicatorVisibleFrom = next;
        for (const ind of this.indicators.values()) this.drawIndicator(ind);
      }
    }
    if (nearOldestEdge(range.from)) this.o.onNeedOlder?.();
    if (!this.atLiveEdge && nearNewestEdge(range.to, this.bars.length)) this.o.onNeedNewest?.();
  };
}
