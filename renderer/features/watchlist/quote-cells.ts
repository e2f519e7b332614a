/**
 * The text of a watchlist row's market cells from one tick, and the direction of the flash.
 * Pure: the row writes these strings into its DOM nodes (no React render per tick).
 *
 * Units: prices rupees at the instrument's decimals (2, or 4 for currency segments), change in
 * rupees against the previous close, % change in percent, volume and OI in units with Indian
 * grouping, and again in lakh/crore form (`9.12 L`, `2.40 Cr`) for a narrow panel (the stylesheet
 * shows one or the other). A side with no price (0 on the wire) shows `—`.
 *
 * Source: issue 5, "Watchlists" (LTP, change, % change, bid, ask, volume, OI for F&O).
 */
import { NO_VALUE, formatIndianCompact, formatPercentChange, formatPrice, formatQuantity, formatSignedNumber, percentChange } from '../../../shared/format';
import type { QuoteTick } from '../../../shared/ipc/contract';

/** The cells of one row. */
export interface QuoteCells {
  readonly ltp: string;
  readonly change: string;
  readonly changePct: string;
  readonly bid: string;
  readonly ask: string;
  /** Volume in units, Indian grouping (`1,23,45,678`). */
  readonly volume: string;
  /** Volume in lakh/crore (`1.23 Cr`), for a narrow panel. */
  readonly volumeShort: string;
  /** Open interest in units (F&O), else `—`. */
  readonly oi: string;
  /** Open interest in lakh/crore, for a narrow panel. */
  readonly oiShort: string;
  /** Sign of the change against the previous close: colours change and % change. */
  readonly trend: 'up' | 'down' | 'flat';
}

/** Formats `tick`; `showOi` false (cash, index) prints `—` for OI. */
export function quoteCells(tick: QuoteTick, decimals: 2 | 4, showOi: boolean): QuoteCells {
  const hasClose = tick.prevClose > 0 && tick.ltp > 0;
  const change = hasClose ? tick.ltp - tick.prevClose : null;
  const price = (p: number) => (p > 0 ? formatPrice(p, decimals) : NO_VALUE);
  return {
    ltp: price(tick.ltp),
    change: formatSignedNumber(change, decimals),
    changePct: formatPercentChange(hasClose ? percentChange(tick.ltp, tick.prevClose) : null),
    bid: price(tick.bidPrice),
    ask: price(tick.askPrice),
    volume: formatQuantity(tick.volume),
    volumeShort: formatIndianCompact(tick.volume),
    oi: showOi ? formatQuantity(tick.oi) : NO_VALUE,
    oiShort: showOi ? formatIndianCompact(tick.oi) : NO_VALUE,
    trend: change === null || Math.abs(change) < 1e-9 ? 'flat' : change > 0 ? 'up' : 'down',
  };
}

/** Which way to flash a row on a new tick: the LTP's move from the previous tick, else none. */
export function flashDirection(tick: QuoteTick, previous: QuoteTick | undefined): 'up' | 'down' | null {
  if (previous === undefined || previous.ltp <= 0 || tick.ltp === previous.ltp) return null;
  return tick.ltp > previous.ltp ? 'up' : 'down';
}
