/**
 * The canvas ladder renderer: draws `LadderRows` (./ladder-rows.ts) into a canvas, only what changed
 * since the last frame (./ladder-diff.ts), at integer device pixels, through a software framebuffer
 * (./soft-raster.ts: rectangle fills and cached glyph masks) handed to the canvas with one
 * `putImageData` of the changed band. It only draws: the panel keeps the latest snapshot in a ref
 * and calls `draw` from requestAnimationFrame, at most once per frame.
 *
 * The canvas is the viewport, not the whole 401-row ladder: `scrollTop` (CSS px) picks the rows.
 * A second small canvas, when given, carries the summary strip (total bid and ask quantity), drawn
 * only when its text changes.
 *
 * Source: issue 5, "Depth ladder" and "Speed".
 */
import { formatPrice, formatQuantity } from '../../../shared/format';
import { toUnits } from '../../../shared/price';
import { barWidth, nextScale } from './bar-scale';
import { createCharBuf, writeIndianInt, writeString, type CharBuf } from './digits';
import { createGlyphSet, type GlyphSet } from './glyph-masks';
import {
  CELL_ALL,
  CELL_ASK_ORDERS,
  CELL_ASK_QTY,
  CELL_BID_ORDERS,
  CELL_BID_QTY,
  CELL_MY_BUY,
  CELL_MY_SELL,
  CELL_PRICE,
  createDrawn,
  diffRows,
  invalidate,
  SLOT_EMPTY,
  type DrawnSlots,
} from './ladder-diff';
import { computeLayout, visibleRows, ROW_HEIGHT, type LadderColumn, type LadderLayout } from './ladder-layout';
import { DARK_PALETTE, type LadderPalette } from './ladder-palette';
import { ltpRow, ROW_ASK, ROW_BID, ROW_SPREAD, type LadderRows } from './ladder-rows';
import { drawCharsLeft, drawCharsRight, fillCellWithBar, fillRect, type Framebuffer } from './soft-raster';

/** Options of {@link createLadderRenderer}. */
export interface LadderRendererOptions {
  /** Font size, CSS px (default 12). */
  readonly fontPx?: number;
  /** Row height, CSS px (default 18). */
  readonly rowHeight?: number;
  /** Colours (default the dark theme's). */
  readonly palette?: LadderPalette;
}

/** One frame to draw. */
export interface LadderFrame {
  readonly rows: LadderRows;
  /** Scroll position, CSS px. */
  readonly scrollTop: number;
  /** Price decimals of the instrument (2, or 4 for currency). */
  readonly decimals: 2 | 4;
}

/** What a draw did. */
export interface LadderDrawStats {
  /** Slots redrawn (0 when nothing changed). */
  readonly dirtySlots: number;
  /** True when the whole viewport was redrawn (scroll, size, decimals or bar scale changed). */
  readonly full: boolean;
}

/** See the file comment. */
export interface LadderRenderer {
  /** Sets the viewport size (CSS px) and device pixel ratio; the next draw is full. */
  resize(widthCss: number, heightCss: number, dpr: number): void;
  /** Changes the colours (theme); the next draw is full. */
  setPalette(palette: LadderPalette): void;
  draw(frame: LadderFrame): LadderDrawStats;
  /** The column layout in CSS px (for hit testing). */
  readonly layout: LadderLayout;
  /** Quantity a full bar stands for, units. */
  readonly scale: number;
}

const CELLS: readonly (readonly [number, LadderColumn])[] = [
  [CELL_MY_BUY, 'myBuy'],
  [CELL_BID_ORDERS, 'bidOrders'],
  [CELL_BID_QTY, 'bidQty'],
  [CELL_PRICE, 'price'],
  [CELL_ASK_QTY, 'askQty'],
  [CELL_ASK_ORDERS, 'askOrders'],
  [CELL_MY_SELL, 'mySell'],
];

/** Builds a renderer drawing into `canvas` (and the summary strip into `summary`, when given). */
export function createLadderRenderer(canvas: HTMLCanvasElement, summary: HTMLCanvasElement | null, options: LadderRendererOptions = {}): LadderRenderer {
  const fontPx = options.fontPx ?? 12;
  const rowHeight = options.rowHeight ?? ROW_HEIGHT;
  let PALETTE = (options.palette ?? DARK_PALETTE).css;
  let PIXELS = (options.palette ?? DARK_PALETTE).px;
  const ctx = canvas.getContext('2d', { alpha: false })!;
  const sctx = summary ? summary.getContext('2d', { alpha: false }) : null;
  let layout = computeLayout(300, rowHeight);
  let dpr = 1;
  let viewH = 100;
  let glyphs: GlyphSet = createGlyphSet(fontPx, 1);
  let image: ImageData = ctx.createImageData(1, 1);
  let fb: Framebuffer = { width: 1, height: 1, px: new Uint32Array(image.data.buffer) };
  let drawn: DrawnSlots = createDrawn(8);
  let scale = 0;
  let lastScroll = -1;
  let lastDecimals = 0;
  let lastSummary = '';
  let bars = new Float64Array(512);
  let spanL = new Int32Array(0);
  let spanR = new Int32Array(0);
  const buf: CharBuf = createCharBuf(48);
  const priceCache = new Map<number, string>();
  const dx: Record<LadderColumn, number> = { myBuy: 0, bidOrders: 0, bidQty: 0, price: 0, askQty: 0, askOrders: 0, mySell: 0 };
  const dw: Record<LadderColumn, number> = { ...dx };
  let rowDev = rowHeight;
  let pad = 4;
  let inset = 2;
  let baseOff = 12;

  const applySize = () => {
    for (const c of Object.keys(dx) as LadderColumn[]) {
      dx[c] = Math.round(layout.x[c] * dpr);
      dw[c] = Math.round((layout.x[c] + layout.w[c]) * dpr) - dx[c];
    }
    rowDev = Math.round(rowHeight * dpr);
    pad = Math.round(4 * dpr);
    inset = Math.round(2 * dpr);
    baseOff = Math.round(rowDev / 2 + fontPx * dpr * 0.36);
    glyphs = createGlyphSet(fontPx, dpr);
    image = ctx.createImageData(canvas.width, canvas.height);
    fb = { width: canvas.width, height: canvas.height, px: new Uint32Array(image.data.buffer) };
    fb.px.fill(PIXELS.background);
    drawn = createDrawn(Math.ceil(viewH / rowHeight) + 2);
    lastScroll = -1;
    lastSummary = '';
  };

  const priceText = (price: number, decimals: 2 | 4): string => {
    const u = toUnits(price) * 10 + decimals;
    let s = priceCache.get(u);
    if (s === undefined) {
      if (priceCache.size > 4096) priceCache.clear();
      s = formatPrice(price, decimals, { grouping: false });
      priceCache.set(u, s);
    }
    return s;
  };

  const right = (b: CharBuf, x: number, baseline: number, colour: number) =>
    drawCharsRight(fb, glyphs.glyph, glyphs.advance, b.codes, b.start, b.end, x, baseline, colour);

  const cellBg = (kind: number, c: LadderColumn, ltp: boolean): number => {
    if (kind === ROW_SPREAD) return PIXELS.spreadRow;
    if (kind === SLOT_EMPTY) return PIXELS.background;
    if (c === 'price') return ltp ? PIXELS.ltpCell : PIXELS.priceCell;
    return kind === ROW_ASK ? PIXELS.askRow : PIXELS.bidRow;
  };

  const drawSummary = (rows: LadderRows) => {
    if (!sctx || !summary) return;
    const bid = `Total bid ${formatQuantity(rows.totalBid)}`;
    const ask = `Total ask ${formatQuantity(rows.totalAsk)}`;
    if (bid + ask === lastSummary) return;
    lastSummary = bid + ask;
    const w = summary.width;
    const h = summary.height;
    sctx.fillStyle = PALETTE.spreadRow;
    sctx.fillRect(0, 0, w, h);
    sctx.font = glyphs.font;
    sctx.textBaseline = 'middle';
    sctx.textAlign = 'left';
    sctx.fillStyle = PALETTE.bidText;
    sctx.fillText(bid, pad, Math.round(h / 2));
    sctx.textAlign = 'right';
    sctx.fillStyle = PALETTE.askText;
    sctx.fillText(ask, w - pad, Math.round(h / 2));
  };

  /** Left device x of the dirty cells of a slot, -1 when none. */
  const spanLeft = (mask: number, kind: number): number => {
    if (mask === 0) return -1;
    if (mask === CELL_ALL || kind === ROW_SPREAD || kind === SLOT_EMPTY) return 0;
    for (const [bit, c] of CELLS) if (mask & bit) return dx[c];
    return -1;
  };
  /** Right device x (exclusive) of the dirty cells of a slot. */
  const spanRight = (mask: number, kind: number): number => {
    if (mask === CELL_ALL || kind === ROW_SPREAD || kind === SLOT_EMPTY) return fb.width;
    for (let i = CELLS.length - 1; i >= 0; i--) {
      const [bit, c] = CELLS[i]!;
      if (mask & bit) return dx[c] + dw[c];
    }
    return 0;
  };

  const drawSlot = (s: number, top: number, decimals: 2 | 4) => {
    const d = drawn;
    const mask = d.dirty[s]!;
    const kind = d.kind[s]!;
    const y = top + s * rowDev;
    const base = y + baseOff;
    const W = fb.width;
    if (kind === ROW_SPREAD || kind === SLOT_EMPTY) {
      fillRect(fb, 0, y, W, rowDev, cellBg(kind, 'price', false));
      if (kind === ROW_SPREAD) {
        const ltp = d.quantity[s]!;
        const spread = d.price[s]!;
        writeString(buf, `LTP ${ltp > 0 ? priceText(ltp, decimals) : '—'}`);
        drawCharsLeft(fb, glyphs.glyph, glyphs.advance, buf.codes, buf.start, buf.end, pad, base, PIXELS.ltpText);
        writeString(buf, `Spread ${Number.isNaN(spread) ? '—' : priceText(spread, decimals)}`);
        right(buf, W - pad, base, PIXELS.summaryText);
      }
      return;
    }
    const ltp = d.ltp[s] === 1;
    // Backgrounds (the quantity cell of the row's own side is filled together with its bar below).
    // Unless the row changed kind, a cell's background colour is unchanged and everything drawn in
    // it (text, bar, marker pill) stays inside the band between the insets: only the band is
    // cleared. The price cell is cleared whole (its colour follows the LTP marker).
    const ownQty = kind === ROW_BID ? CELL_BID_QTY : CELL_ASK_QTY;
    const whole = mask === CELL_ALL;
    const cy = whole ? y : y + inset;
    const ch = whole ? rowDev : rowDev - 2 * inset;
    for (const [bit, c] of CELLS) {
      if ((mask & bit) === 0 || bit === ownQty) continue;
      if (bit === CELL_PRICE) fillRect(fb, dx[c], y, dw[c], rowDev, cellBg(kind, c, ltp));
      else fillRect(fb, dx[c], cy, dw[c], ch, cellBg(kind, c, ltp));
    }
    const barH = rowDev - 2 * inset;
    if (kind === ROW_BID) {
      if (mask & CELL_BID_QTY) {
        const bw = Math.round(d.bar[s]! * dpr);
        const r = dx.bidQty + dw.bidQty - Math.round(dpr);
        fillCellWithBar(fb, dx.bidQty, cy, dw.bidQty, ch, cellBg(kind, 'bidQty', false), r - bw, y + inset, bw, barH, PIXELS.bidBar);
        right(writeIndianInt(buf, d.quantity[s]!), dx.bidQty + dw.bidQty - pad, base, PIXELS.bidText);
      }
      if (mask & CELL_BID_ORDERS) right(writeIndianInt(buf, d.orders[s]!), dx.bidOrders + dw.bidOrders - pad, base, PIXELS.ordersText);
    } else {
      if (mask & CELL_ASK_QTY) {
        const bw = Math.round(d.bar[s]! * dpr);
        fillCellWithBar(fb, dx.askQty, cy, dw.askQty, ch, cellBg(kind, 'askQty', false), dx.askQty + Math.round(dpr), y + inset, bw, barH, PIXELS.askBar);
        right(writeIndianInt(buf, d.quantity[s]!), dx.askQty + dw.askQty - pad, base, PIXELS.askText);
      }
      if (mask & CELL_ASK_ORDERS) right(writeIndianInt(buf, d.orders[s]!), dx.askOrders + dw.askOrders - pad, base, PIXELS.ordersText);
    }
    if (mask & CELL_PRICE) right(writeString(buf, priceText(d.price[s]!, decimals)), dx.price + dw.price - pad, base, ltp ? PIXELS.ltpText : PIXELS.priceText);
    if (mask & CELL_MY_BUY && d.myBuy[s]! > 0) {
      fillRect(fb, dx.myBuy + inset, y + inset, dw.myBuy - 2 * inset, barH, PIXELS.buyMarker);
      right(writeIndianInt(buf, d.myBuy[s]!), dx.myBuy + dw.myBuy - inset - pad, base, PIXELS.markerText);
    }
    if (mask & CELL_MY_SELL && d.mySell[s]! > 0) {
      fillRect(fb, dx.mySell + inset, y + inset, dw.mySell - 2 * inset, barH, PIXELS.sellMarker);
      right(writeIndianInt(buf, d.mySell[s]!), dx.mySell + dw.mySell - inset - pad, base, PIXELS.markerText);
    }
  };

  return {
    resize(widthCss, heightCss, ratio) {
      dpr = ratio > 0 && Number.isFinite(ratio) ? ratio : 1;
      viewH = Math.max(rowHeight, Math.floor(heightCss));
      layout = computeLayout(widthCss, rowHeight);
      canvas.width = Math.round(layout.width * dpr);
      canvas.height = Math.round(viewH * dpr);
      if (summary) {
        summary.width = canvas.width;
        summary.height = Math.round(rowHeight * dpr);
      }
      applySize();
    },
    setPalette(p) {
      if (p.px === PIXELS) return;
      PALETTE = p.css;
      PIXELS = p.px;
      fb.px.fill(PIXELS.background);
      invalidate(drawn);
      lastSummary = '';
      lastScroll = -1;
    },
    get layout() {
      return layout;
    },
    get scale() {
      return scale;
    },
    draw({ rows, scrollTop, decimals }) {
      const vis = visibleRows(scrollTop, viewH, rows.count, rowHeight);
      // One bar scale for both sides (bars compare across the spread), over every row.
      let maxQ = 0;
      for (let i = 0; i < rows.count; i++) if (rows.quantity[i]! > maxQ) maxQ = rows.quantity[i]!;
      const newScale = nextScale(scale, maxQ);
      let full = false;
      if (newScale !== scale || lastScroll !== scrollTop || lastDecimals !== decimals) {
        invalidate(drawn);
        full = true;
      }
      scale = newScale;
      lastScroll = scrollTop;
      lastDecimals = decimals;
      if (bars.length < rows.count) bars = new Float64Array(rows.count * 2);
      const qtyW = layout.w.bidQty - 2;
      for (let r = vis.first; r < vis.end; r++) bars[r] = barWidth(rows.quantity[r]!, scale, qtyW);
      const dirty = diffRows(drawn, rows, vis.first, vis.end, bars, ltpRow(rows));
      drawSummary(rows);
      if (dirty === 0) return { dirtySlots: 0, full };
      const top = Math.round(vis.offsetY * dpr);
      for (let s = 0; s < drawn.slots; s++) if (drawn.dirty[s] !== 0) drawSlot(s, top, decimals);
      // Hand the changed pixels to the canvas: one putImageData per run of slots whose dirty cells
      // span the same columns (a frame where every quantity changes puts two narrow strips, the bid
      // cells of the bid rows and the ask cells of the ask rows, not the whole canvas).
      const n = drawn.slots;
      if (spanL.length < n) {
        spanL = new Int32Array(n);
        spanR = new Int32Array(n);
      }
      for (let s = 0; s < n; s++) {
        spanL[s] = spanLeft(drawn.dirty[s]!, drawn.kind[s]!);
        spanR[s] = spanL[s]! < 0 ? 0 : spanRight(drawn.dirty[s]!, drawn.kind[s]!);
      }
      for (let s = 0; s < n; ) {
        const x0 = spanL[s]!;
        if (x0 < 0) {
          s++;
          continue;
        }
        const x1 = spanR[s]!;
        let e = s + 1;
        while (e < n && spanL[e] === x0 && spanR[e] === x1) e++;
        const y0 = Math.max(0, top + s * rowDev);
        const y1 = Math.min(fb.height, top + e * rowDev);
        if (y1 > y0 && x1 > x0) ctx.putImageData(image, 0, 0, x0, y0, x1 - x0, y1 - y0);
        s = e;
      }
      return { dirtySlots: dirty, full };
    },
  };
}
