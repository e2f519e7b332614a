/**
 * The ladder's testing hook: what the canvas shows, as data, written (a few times a second, not per
 * frame) into the canvas's `data-ladder` attribute for end-to-end tests and accessibility tools,
 * which cannot read pixels. Rows are `[kind, price, quantity, orders, myBuy, mySell]` in the drawn
 * order, one per drawn row (row i's top edge is at y = i·rowHeight − scrollTop in the canvas), kind
 * `a` (ask), `s` (spread), `b` (bid) or `e` (an empty padding slot of a side with fewer levels
 * than the ladder shows: drawn blank, not clickable, all numbers 0). The spread row is always
 * `spreadRow` (= `levels`; see ./ladder-rows.ts). Columns, row height and the viewport height in
 * CSS px, so that a test can click a row's bid or ask side.
 *
 * Source: issue 5, end-to-end test ("open its 20-level ladder and see 20 rows per side change").
 */
import { COLUMNS, type LadderColumn, type LadderLayout } from './ladder-layout';
import { ROW_ASK, ROW_BID, ROW_EMPTY, ROW_SPREAD, type LadderRows } from './ladder-rows';

/** The hook's content. */
export interface LadderHookData {
  readonly levels: number;
  /** Index of the spread row in `rows`. */
  readonly spreadRow: number;
  /** Ask / bid levels shown (rows of kind `a` / `b`). */
  readonly asks: number;
  readonly bids: number;
  readonly ltp: number;
  readonly spread: number | null;
  readonly rowHeight: number;
  readonly scrollTop: number;
  /** Height of the canvas viewport, CSS px. */
  readonly viewHeight: number;
  readonly columns: Readonly<Record<LadderColumn, readonly [number, number]>>;
  readonly rows: readonly (readonly [string, number, number, number, number, number])[];
}

const KIND: Readonly<Record<number, string>> = { [ROW_ASK]: 'a', [ROW_SPREAD]: 's', [ROW_BID]: 'b', [ROW_EMPTY]: 'e' };

/** The hook's data for the frame just drawn (scroll position and viewport height in CSS px). */
export function ladderHookData(rows: LadderRows, layout: LadderLayout, scrollTop: number, levels: number, viewHeight: number): LadderHookData {
  const out: [string, number, number, number, number, number][] = [];
  for (let i = 0; i < rows.count; i++) {
    const k = rows.kind[i];
    out.push([KIND[k!] ?? 'e', rows.price[i]!, rows.quantity[i]!, rows.orders[i]!, rows.myBuy[i]!, rows.mySell[i]!]);
  }
  const columns = {} as Record<LadderColumn, readonly [number, number]>;
  for (const c of COLUMNS) columns[c] = [layout.x[c], layout.w[c]];
  return {
    levels,
    spreadRow: rows.spreadRow,
    asks: rows.asks,
    bids: rows.bids,
    ltp: rows.ltp,
    spread: Number.isNaN(rows.spread) ? null : rows.spread,
    rowHeight: layout.rowHeight,
    scrollTop,
    viewHeight,
    columns,
    rows: out,
  };
}
