/**
 * Quantity bars: the scale (the quantity a full-width bar stands for) and each bar's width.
 *
 * The scale is a "nice" number (1, 2 or 5 × 10^n) at or above the largest shown quantity. It grows
 * at once when a quantity exceeds it and shrinks only when the largest quantity falls below a
 * quarter of it, so that bars do not all change width (a full redraw) on every frame.
 *
 * Units: quantities units; widths integer CSS px. Source: issue 5, "Depth ladder" (bars).
 */

/** The smallest nice number (1, 2, 5 × 10^n, >= 1) at or above `q`. */
export function niceCeil(q: number): number {
  if (!(q > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(q));
  for (const m of [1, 2, 5, 10]) {
    const v = m * p;
    if (v >= q) return v;
  }
  return 10 * p;
}

/** The next scale given the current one and the largest shown quantity (see the file comment). */
export function nextScale(current: number, maxQuantity: number): number {
  const want = niceCeil(maxQuantity);
  if (!(current > 0) || want > current) return want;
  if (maxQuantity * 4 < current) return want;
  return current;
}

/** Bar width in whole px for `quantity` on `scale` in a column `width` px wide (0..width). */
export function barWidth(quantity: number, scale: number, width: number): number {
  if (!(quantity > 0) || !(scale > 0) || width <= 0) return 0;
  const w = Math.round((quantity / scale) * width);
  return w < 1 ? 1 : w > width ? width : w;
}
