/**
 * The page side of the option-chain benchmark (../option-chain.bench.ts bundles this file and runs
 * it in headless Chromium): a 100-strike chain with every strike shown, scrolled to the ATM strike
 * in an 860 px high scroller, rendered as the panel renders it: the real `OptionChainRow`s of the
 * rows on screen ± the subscription margin (../chain-view.ts), spacer rows for the others, the
 * scroller scrolled so that the rows the range was computed for are the ones on screen. Each
 * animation frame a stand-in quote hub delivers one new tick to every rendered leg (LTP, bid, ask,
 * OI and volume all change), as the hub hands a conflated batch to its listeners, then the page
 * reads the table's height, which makes Chromium recalculate style and layout inside the callback.
 * The bench reads each callback's main-thread CPU time from a trace.
 */
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { InstrumentKey } from '../../../../shared/instruments';
import type { OptionChainQuoteLeg, OptionChainQuoteRow, QuoteTick } from '../../../../shared/ipc/contract';
import type { QuoteHub, QuoteListener } from '../../../app/quote-hub';
import { ROW_HEIGHT_PX, subscribedRows, visibleRows } from '../chain-view';
import { CALL_COLUMNS, OptionChainRow, PUT_COLUMNS, chainTableStyle } from '../option-chain-row';
import { VISIBLE_MARGIN_ROWS, createRowVisibility } from '../row-visibility';

/** Arguments of {@link runChainBench}. */
export interface ChainBenchArgs {
  readonly strikes: number;
  readonly frames: number;
  readonly warmup: number;
  /** Skip the forced style/layout read (experiments). */
  readonly noLayout?: boolean;
  /** Leave the chain mounted at the end (for a screenshot). */
  readonly keep?: boolean;
}

/** Per-frame wall times (ms) and what was measured. */
export interface ChainBenchResult {
  readonly frameMs: number[];
  /** Rows in the DOM (on screen ± the subscription margin) and their legs, all ticking. */
  readonly rows: number;
  readonly legs: number;
  readonly cells: number;
  /** Rows within {@link VISIBLE_MARGIN_ROWS} of the scroller's visible part (below the header) at the end: the ones whose cells are written each frame. */
  readonly writtenRows: number;
  /** Live cells clipping at the end (text wider than the column, ../cell-fit.ts). */
  readonly clipped: number;
}

function leg(id: number, strike: number, spot: number, call: boolean): OptionChainQuoteLeg {
  const intrinsic = Math.max(0, call ? spot - strike : strike - spot);
  const ltp = Math.round((intrinsic + 80 * Math.exp(-Math.abs(strike - spot) / 600)) * 20) / 20 + 0.05;
  return {
    key: `NSE_FNO:${id}`,
    securityId: String(id),
    ltp,
    atp: null,
    previousClose: ltp,
    iv: 14.2,
    greeks: { delta: call ? 0.5 : -0.5, gamma: 0.001, theta: -12, vega: 9 },
    oi: 1_000_000 + id,
    previousOi: 990_000,
    volume: 5_000_000,
    previousVolume: 4_000_000,
    bidPrice: ltp - 0.05,
    bidQuantity: 650,
    askPrice: ltp + 0.05,
    askQuantity: 650,
  };
}

/** Runs the benchmark in this page (see the file comment). */
export function runChainBench(a: ChainBenchArgs): Promise<ChainBenchResult> {
  const spot = 25_000;
  const rows: OptionChainQuoteRow[] = [];
  let id = 70_000;
  for (let i = 0; i < a.strikes; i++) {
    const strike = spot + (i - Math.floor(a.strikes / 2)) * 50;
    rows.push({ strike, call: leg(id++, strike, spot, true), put: leg(id++, strike, spot, false) });
  }
  const latest = new Map<InstrumentKey, QuoteTick>();
  const listeners = new Map<InstrumentKey, Set<QuoteListener>>();
  const hub: QuoteHub = {
    acquire: () => () => undefined,
    listen: (key, fn) => {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    latest: (key) => latest.get(key),
    subscriptionCount: 0,
    dispose: () => undefined,
  };

  const height = 860;
  const centre = Math.floor(a.strikes / 2);
  const onScreen = Math.ceil(height / ROW_HEIGHT_PX);
  const v = visibleRows((centre - onScreen / 2) * ROW_HEIGHT_PX, height, 0, ROW_HEIGHT_PX, rows.length);
  const range = subscribedRows(v.first, v.last, rows.length);
  const shown = rows.slice(range.from, range.to);
  const cols = CALL_COLUMNS.length + 1 + PUT_COLUMNS.length;
  document.body.style.margin = '0';
  const scroller = document.createElement('div');
  scroller.className = 'oc-panel';
  scroller.style.height = `${height}px`;
  document.body.replaceChildren(scroller);
  const root = createRoot(scroller);
  const visibility = createRowVisibility(() => scroller.querySelector('.oc-scroller'), VISIBLE_MARGIN_ROWS * ROW_HEIGHT_PX, () => scroller.querySelector('thead')?.offsetHeight ?? 0);
  flushSync(() =>
    root.render(
      <div className="oc-scroller">
        <table className="oc-table" style={chainTableStyle()}>
          <thead>
            <tr>
              {[...CALL_COLUMNS, 'strike', ...PUT_COLUMNS].map((c, i) => (
                <th key={i} className={c === 'strike' ? 'oc-strike-head' : `num oc-${c}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="oc-spacer" style={{ height: range.from * ROW_HEIGHT_PX }}>
              <td colSpan={cols} />
            </tr>
            {shown.map((r) => (
              <OptionChainRow key={r.strike} row={r} atm={r.strike === spot} callItm={r.strike < spot} putItm={r.strike > spot} quotes={hub} onTrade={() => undefined} onFocusLeg={() => undefined} visibility={visibility} />
            ))}
            <tr className="oc-spacer" style={{ height: (rows.length - range.to) * ROW_HEIGHT_PX }}>
              <td colSpan={cols} />
            </tr>
          </tbody>
        </table>
      </div>,
    ),
  );
  // Scrolled as the panel scrolls it: the rows the range was computed for on screen.
  const sc = scroller.querySelector<HTMLDivElement>('.oc-scroller')!;
  sc.scrollTop = (centre - onScreen / 2) * ROW_HEIGHT_PX;
  const legs = shown.flatMap((r) => [r.call!, r.put!]);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff), seed / 0x7fffffff);
  const frameMs: number[] = [];
  let frame = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const t0 = performance.now();
      for (const l of legs) {
        const key = l.key!;
        const prev = latest.get(key);
        const base = prev?.ltp ?? l.ltp;
        const ltp = Math.max(0.05, Math.round((base + (rnd() < 0.5 ? -0.05 : 0.05) * (1 + Math.floor(rnd() * 3))) * 20) / 20);
        const t: QuoteTick = {
          key,
          ltp,
          ltq: 65,
          lttMs: Date.now(),
          atp: ltp,
          volume: (prev?.volume ?? l.volume) + 65,
          open: l.previousClose,
          high: ltp,
          low: ltp,
          prevClose: l.previousClose,
          oi: (prev?.oi ?? l.oi) + (rnd() < 0.5 ? -65 : 65),
          bidPrice: ltp - 0.05,
          bidQty: 650,
          askPrice: ltp + 0.05,
          askQty: 650,
          totalBuyQty: 0,
          totalSellQty: 0,
          receivedAtMs: Date.now(),
        };
        latest.set(key, t);
        for (const fn of listeners.get(key) ?? []) fn(t, prev);
      }
      if (!a.noLayout) void scroller.offsetHeight; // style + layout now, inside this callback
      const ms = performance.now() - t0;
      if (frame >= a.warmup) frameMs.push(ms);
      frame++;
      if (frame < a.warmup + a.frames) requestAnimationFrame(tick);
      else {
        const box = sc.getBoundingClientRect();
        const margin = VISIBLE_MARGIN_ROWS * ROW_HEIGHT_PX;
        const top = box.top + (sc.querySelector('thead')?.offsetHeight ?? 0) - margin;
        const writtenRows = [...sc.querySelectorAll('tr[data-testid="oc-row"]')].filter((tr) => {
          const r = tr.getBoundingClientRect();
          return r.bottom > top && r.top < box.bottom + margin;
        }).length;
        const clipped = sc.querySelectorAll('td[data-clip]').length;
        if (!a.keep) root.unmount();
        resolve({ frameMs, rows: shown.length, legs: legs.length, cells: legs.length * 7, writtenRows, clipped });
      }
    };
    requestAnimationFrame(tick);
  });
}
