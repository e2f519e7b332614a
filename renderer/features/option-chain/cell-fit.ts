/**
 * Whether a live cell's text fits its column, so that only cells whose text is too wide clip.
 *
 * A clipping cell (`overflow: hidden`) costs Chromium a clip and a paint layer: with every cell of
 * a ticking chain clipping, paint and layerization took ~4 ms more a frame
 * (./option-chain.bench.ts). The cells use a monospaced font with tabular figures, so a text of n
 * characters is n digit advances wide: the row measures the advance once (canvas `measureText`,
 * cached per font) and marks with `oc-clip` only a cell whose text has more characters than its
 * column's minimum width holds. A wider panel widens the columns, so the test errs on the side of
 * clipping.
 */

/** Horizontal padding of a chain cell, CSS px each side (option-chain.css `.oc-table td`). */
export const CELL_PADDING_X_PX = 4;

/**
 * Characters `advancePx` wide each that fit a cell `widthPx` wide (CSS px, its padding off). 0 when
 * the advance is unknown (not a positive finite number): every text then counts as too wide.
 */
export function cellCapacity(widthPx: number, advancePx: number): number {
  if (!(advancePx > 0) || !Number.isFinite(advancePx)) return 0;
  return Math.max(0, Math.floor((widthPx - 2 * CELL_PADDING_X_PX) / advancePx + 1e-6));
}

const advances = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/**
 * The advance of a digit in `el`'s font, CSS px: canvas `measureText` of ten zeros over ten,
 * cached per font (style, weight, size, family). NaN when no canvas is available.
 */
export function digitAdvancePx(el: Element): number {
  const s = getComputedStyle(el);
  const font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const known = advances.get(font);
  if (known !== undefined) return known;
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (context === null) return NaN;
  context.font = font;
  const advance = context.measureText('0000000000').width / 10;
  advances.set(font, advance);
  return advance;
}
