/**
 * Which strikes of the shown window the panel keeps subscribed, and their keys. Pure.
 *
 * The panel subscribes the legs of the rows on screen plus a margin on each side, widened to
 * whole blocks of rows so that scrolling a row or two does not change the subscription (each
 * change opens one `market.quotes` subscription and closes the previous one).
 *
 * Source: the option-chain brief (subscribe what is visible ± a margin; unsubscribe on scroll and
 * close); shared/ipc/contract.ts `market.quotes` (at most 1000 keys).
 */
import type { InstrumentKey } from '../../../shared/instruments';
import type { OptionChainQuoteRow } from '../../../shared/ipc/contract';
import type { IndexRange } from '../../../shared/options/chain-window';

/** Height of one strike row, CSS px (option-chain.css: `.oc-table td { height: 21px }`). */
export const ROW_HEIGHT_PX = 21;

/** Rows kept subscribed beyond each edge of the screen. */
export const SUBSCRIBE_MARGIN_ROWS = 6;
/** The subscribed range moves in whole blocks of this many rows. */
export const SUBSCRIBE_BLOCK_ROWS = 8;

/**
 * The rows to subscribe, as indices into the shown rows (`count` of them), when rows
 * `[firstVisible, lastVisible]` are on screen: widened by `margin` and rounded out to `block`.
 */
export function subscribedRows(firstVisible: number, lastVisible: number, count: number, margin = SUBSCRIBE_MARGIN_ROWS, block = SUBSCRIBE_BLOCK_ROWS): IndexRange {
  if (count <= 0) return { from: 0, to: 0 };
  const a = Math.max(0, Math.min(firstVisible, lastVisible) - margin);
  const b = Math.min(count, Math.max(firstVisible, lastVisible) + 1 + margin);
  const from = Math.floor(a / block) * block;
  const to = Math.min(count, Math.ceil(b / block) * block);
  return { from, to: Math.max(from, to) };
}

/** The instrument keys of the calls and puts of `rows[from…to)` (legs without a key skipped), calls first per row. */
export function legKeysOf(rows: readonly OptionChainQuoteRow[], range: IndexRange): InstrumentKey[] {
  const out: InstrumentKey[] = [];
  for (let i = Math.max(0, range.from); i < Math.min(rows.length, range.to); i++) {
    const r = rows[i]!;
    if (r.call?.key) out.push(r.call.key);
    if (r.put?.key) out.push(r.put.key);
  }
  return out;
}

/** Rows `[first, last]` of a list of rows `rowHeight` px high starting `top` px into a scroller showing `[scrollTop, scrollTop + height)`. */
export function visibleRows(scrollTop: number, height: number, top: number, rowHeight: number, count: number): { first: number; last: number } {
  if (count <= 0 || !(rowHeight > 0)) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor((scrollTop - top) / rowHeight));
  const last = Math.min(count - 1, Math.max(first, Math.ceil((scrollTop + height - top) / rowHeight) - 1));
  return { first: Math.min(first, count - 1), last };
}
