/**
 * A tiny software rasteriser for the ladder: opaque rectangle fills and anti-aliased glyph masks
 * blended into a 32-bit RGBA framebuffer, which the renderer hands to the canvas with one
 * `putImageData` of the changed band per frame.
 *
 * Why: in Chromium's software raster (`--disable-gpu`, and many real desktops) a canvas
 * `fillText` costs about 10 µs (text shaping, glyph lookup, blending; measured here: 1,200 varied
 * numbers 12 ms p50) and a per-glyph `drawImage` from an atlas more; a full 200-level ladder draws
 * ~1,600 numbers. Blitting cached glyph masks in JS and one `putImageData` (420 × 7218 px: 0.6 ms)
 * is several times cheaper and still exact per pixel.
 *
 * Pure (no DOM): the framebuffer is any `{ width, height, px }`; glyph masks come from
 * ./glyph-masks.ts. Pixels are little-endian RGBA in a Uint32Array (R in the low byte), alpha 255.
 * Coordinates are integer device pixels; everything is clipped to the framebuffer.
 */

/** A framebuffer: `px[y * width + x]`. */
export interface Framebuffer {
  readonly width: number;
  readonly height: number;
  readonly px: Uint32Array;
}

/** A glyph's coverage mask, trimmed to its ink box. */
export interface GlyphMask {
  /** Offset of the ink box from the pen position (x) and from the baseline (y, negative = above). */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Coverage 0..255, row-major `width × height`. */
  readonly alpha: Uint8Array;
}

/** `#rrggbb` → an opaque pixel value. Throws on any other form (palette colours are fixed). */
export function rgb(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`soft-raster: colour must be #rrggbb, got ${hex}`);
  const v = parseInt(m[1]!, 16);
  const r = (v >> 16) & 255;
  const g = (v >> 8) & 255;
  const b = v & 255;
  return (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
}

/** Fills the rectangle (clipped) with `colour` (from {@link rgb}). */
export function fillRect(fb: Framebuffer, x: number, y: number, w: number, h: number, colour: number): void {
  let x0 = x | 0;
  let y0 = y | 0;
  let x1 = (x + w) | 0;
  let y1 = (y + h) | 0;
  if (x0 < 0) x0 = 0;
  if (y0 < 0) y0 = 0;
  if (x1 > fb.width) x1 = fb.width;
  if (y1 > fb.height) y1 = fb.height;
  if (x0 >= x1 || y0 >= y1) return;
  const px = fb.px;
  const W = fb.width;
  const span = x1 - x0;
  if (span >= 128) {
    for (let yy = y0; yy < y1; yy++) px.fill(colour, yy * W + x0, yy * W + x1);
    return;
  }
  // Short spans (ladder cells): a plain loop beats a TypedArray.fill call per scanline.
  for (let yy = y0; yy < y1; yy++) {
    const end = yy * W + x1;
    for (let i = yy * W + x0; i < end; i++) px[i] = colour;
  }
}

/**
 * Fills the cell (x, y, w, h) with `background` and, in one pass, the bar (bx, by, bw, bh) inside
 * it with `bar`: each pixel is written once (a quantity cell with its bar). The bar is clipped to
 * the cell; both to the framebuffer.
 */
export function fillCellWithBar(fb: Framebuffer, x: number, y: number, w: number, h: number, background: number, bx: number, by: number, bw: number, bh: number, bar: number): void {
  const cx0 = Math.max(0, x | 0);
  const cx1 = Math.min(fb.width, (x + w) | 0);
  const cy0 = Math.max(0, y | 0);
  const cy1 = Math.min(fb.height, (y + h) | 0);
  if (cx0 >= cx1 || cy0 >= cy1) return;
  const b0 = Math.min(cx1, Math.max(cx0, bx | 0));
  const b1 = Math.min(cx1, Math.max(b0, (bx + bw) | 0));
  const by0 = by | 0;
  const by1 = (by + bh) | 0;
  const px = fb.px;
  const W = fb.width;
  for (let yy = cy0; yy < cy1; yy++) {
    const row = yy * W;
    if (yy < by0 || yy >= by1 || b0 === b1) {
      for (let i = row + cx0, end = row + cx1; i < end; i++) px[i] = background;
      continue;
    }
    let i = row + cx0;
    for (const end = row + b0; i < end; i++) px[i] = background;
    for (const end = row + b1; i < end; i++) px[i] = bar;
    for (const end = row + cx1; i < end; i++) px[i] = background;
  }
}

/**
 * Blends `mask` in `colour` with its pen at (penX, baseline), over whatever the framebuffer holds
 * (rows, bars), clipped. Coverage 255 writes the colour; 0 leaves the pixel.
 */
export function blitGlyph(fb: Framebuffer, mask: GlyphMask, penX: number, baseline: number, colour: number): void {
  const gx = penX + mask.left;
  const gy = baseline + mask.top;
  const fr = colour & 255;
  const fg = (colour >>> 8) & 255;
  const fbl = (colour >>> 16) & 255;
  const W = fb.width;
  const H = fb.height;
  const px = fb.px;
  const a = mask.alpha;
  const mw = mask.width;
  if (gx >= 0 && gy >= 0 && gx + mw <= W && gy + mask.height <= H) {
    // Wholly inside (the usual case): no per-pixel clipping.
    for (let j = 0; j < mask.height; j++) {
      const row = (gy + j) * W + gx;
      const mrow = j * mw;
      for (let i = 0; i < mw; i++) {
        const cov = a[mrow + i]!;
        if (cov === 0) continue;
        if (cov === 255) {
          px[row + i] = colour;
          continue;
        }
        const p = px[row + i]!;
        const r = p & 255;
        const g = (p >>> 8) & 255;
        const b = (p >>> 16) & 255;
        const k = cov * 257 + 1;
        px[row + i] = (0xff000000 | ((b + (((fbl - b) * k + 32768) >> 16)) << 16) | ((g + (((fg - g) * k + 32768) >> 16)) << 8) | (r + (((fr - r) * k + 32768) >> 16))) >>> 0;
      }
    }
    return;
  }
  for (let j = 0; j < mask.height; j++) {
    const y = gy + j;
    if (y < 0 || y >= H) continue;
    const row = y * W;
    const mrow = j * mw;
    for (let i = 0; i < mw; i++) {
      const cov = a[mrow + i]!;
      if (cov === 0) continue;
      const x = gx + i;
      if (x < 0 || x >= W) continue;
      if (cov === 255) {
        px[row + x] = colour;
        continue;
      }
      const p = px[row + x]!;
      const r = p & 255;
      const g = (p >>> 8) & 255;
      const b = (p >>> 16) & 255;
      // dst + (src - dst) * cov / 255, rounded: /255 as * (cov * 257 + 1) / 65536, + 0.5 before the floor.
      const k = cov * 257 + 1;
      const nr = r + (((fr - r) * k + 32768) >> 16);
      const ng = g + (((fg - g) * k + 32768) >> 16);
      const nb = b + (((fbl - b) * k + 32768) >> 16);
      px[row + x] = (0xff000000 | (nb << 16) | (ng << 8) | nr) >>> 0;
    }
  }
}

/** Where to find the mask of a character code (null: draw nothing, e.g. a space). */
export type GlyphSource = (code: number) => GlyphMask | null;

/**
 * Draws char codes `codes[start..end)` right-aligned so that the last character's advance ends at
 * device x `right`, each at `round(x0 + i * advance)` (monospaced font).
 */
export function drawCharsRight(
  fb: Framebuffer,
  glyphs: GlyphSource,
  advance: number,
  codes: ArrayLike<number>,
  start: number,
  end: number,
  right: number,
  baseline: number,
  colour: number,
): void {
  const x0 = right - (end - start) * advance;
  for (let i = start; i < end; i++) {
    const m = glyphs(codes[i]!);
    if (m !== null) blitGlyph(fb, m, Math.round(x0 + (i - start) * advance), baseline, colour);
  }
}

/** Same as {@link drawCharsRight}, left-aligned at device x `left`. */
export function drawCharsLeft(
  fb: Framebuffer,
  glyphs: GlyphSource,
  advance: number,
  codes: ArrayLike<number>,
  start: number,
  end: number,
  left: number,
  baseline: number,
  colour: number,
): void {
  drawCharsRight(fb, glyphs, advance, codes, start, end, left + (end - start) * advance, baseline, colour);
}
