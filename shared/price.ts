/**
 * Price arithmetic on the tick grid, done in integers so that no float error reaches an order.
 *
 * Convention (docs/decisions.md, "Prices"): domain types carry prices in **rupees** as numbers that
 * are already snapped: to paise (2 decimals) for every segment except currency, to 4 decimals for
 * currency (seeds/002, live market feed: "4 decimals for currency"). Tick checks and rounding convert
 * to integer units of 1/10000 rupee (`PRICE_SCALE`) first, where every Indian tick size is exact.
 */

/** Integer price units per rupee used for grid arithmetic (1 unit = ₹0.0001). */
export const PRICE_SCALE = 10_000;

/** Rupees → integer units of ₹0.0001 (nearest). */
export function toUnits(rupees: number): number {
  return Math.round(rupees * PRICE_SCALE);
}

/** Integer units of ₹0.0001 → rupees. */
export function fromUnits(units: number): number {
  return units / PRICE_SCALE;
}

/**
 * Snaps a wire float (Dhan sends float32) to paise, or to 4 decimals when `decimals` is 4:
 * `snapDecimals(247.8000030517578)` → `247.8`. Non-finite input returns NaN (callers count it).
 */
export function snapDecimals(value: number, decimals: 2 | 4 = 2): number {
  if (!Number.isFinite(value)) return NaN;
  const f = decimals === 2 ? 100 : 10_000;
  return Math.round(value * f) / f;
}

/** How to round onto the grid: nearest, or toward the passive side (down for a buy, up for a sell). */
export type TickRounding = 'nearest' | 'down' | 'up';

/**
 * Rounds `price` (rupees) to a multiple of `tickSize` (rupees, > 0) and returns rupees.
 * Throws RangeError when `tickSize` is not positive or either number is not finite.
 */
export function roundToTick(price: number, tickSize: number, mode: TickRounding = 'nearest'): number {
  if (!Number.isFinite(price) || !Number.isFinite(tickSize) || tickSize <= 0) {
    throw new RangeError(`roundToTick: bad price ${price} or tick size ${tickSize}`);
  }
  const t = toUnits(tickSize);
  if (t <= 0) throw new RangeError(`roundToTick: tick size ${tickSize} is finer than ₹0.0001`);
  const p = toUnits(price);
  const q = p / t;
  const n = mode === 'down' ? Math.floor(q) : mode === 'up' ? Math.ceil(q) : Math.round(q);
  return fromUnits(n * t);
}

/** True when `price` (rupees) lies on the grid of `tickSize` (rupees). */
export function isOnTick(price: number, tickSize: number): boolean {
  if (!Number.isFinite(price) || !Number.isFinite(tickSize) || tickSize <= 0) return false;
  const t = toUnits(tickSize);
  return t > 0 && toUnits(price) % t === 0;
}
