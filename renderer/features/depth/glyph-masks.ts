/**
 * Glyph coverage masks for ./soft-raster.ts: each character is drawn once with the canvas's own
 * `fillText` (so the ladder's digits look like the browser's text) into a small offscreen canvas,
 * and its alpha channel kept, trimmed to the ink box. Masks are cached per character code; the
 * font is monospaced, so one measured advance positions every character.
 *
 * Source: issue 5, "Speed" (text measured/cached, glyph atlas).
 */
import type { GlyphMask, GlyphSource } from './soft-raster';

/** The ladder's font family: monospaced so that every digit has the same advance. */
export const LADDER_FONT_FAMILY = '"DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';

/** Glyphs of one font at one device size. */
export interface GlyphSet {
  readonly glyph: GlyphSource;
  /** Advance of one character, device px (fractional). */
  readonly advance: number;
  /** The CSS font string used, e.g. `12px "DejaVu Sans Mono", ...`. */
  readonly font: string;
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function scratch(w: number, h: number): Ctx2D {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c.getContext('2d', { willReadFrequently: true })!;
}

/** A glyph set for `fontPx` CSS px at pixel ratio `dpr`. */
export function createGlyphSet(fontPx: number, dpr: number): GlyphSet {
  const size = Math.max(4, Math.round(fontPx * dpr));
  const font = `${size}px ${LADDER_FONT_FAMILY}`;
  const cellW = size * 2;
  const cellH = size * 2;
  const base = Math.round(size * 1.4);
  const ctx = scratch(cellW, cellH);
  ctx.font = font;
  const advance = ctx.measureText('0').width;
  const cache = new Map<number, GlyphMask | null>();
  const pen = Math.round(size * 0.5);
  const render = (code: number): GlyphMask | null => {
    ctx.clearRect(0, 0, cellW, cellH);
    ctx.font = font;
    ctx.fillStyle = '#ffffff';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(String.fromCharCode(code), pen, base);
    const data = ctx.getImageData(0, 0, cellW, cellH).data;
    let x0 = cellW;
    let y0 = cellH;
    let x1 = -1;
    let y1 = -1;
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        if (data[(y * cellW + x) * 4 + 3]! === 0) continue;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
    if (x1 < 0) return null;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const alpha = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) alpha[y * w + x] = data[((y0 + y) * cellW + x0 + x) * 4 + 3]!;
    return { left: x0 - pen, top: y0 - base, width: w, height: h, alpha };
  };
  const ascii: (GlyphMask | null | undefined)[] = new Array<GlyphMask | null | undefined>(128).fill(undefined);
  const glyph: GlyphSource = (code) => {
    if (code < 128) {
      let a = ascii[code];
      if (a === undefined) ascii[code] = a = render(code);
      return a;
    }
    let m = cache.get(code);
    if (m === undefined) {
      m = render(code);
      cache.set(code, m);
    }
    return m;
  };
  return { glyph, advance, font };
}
