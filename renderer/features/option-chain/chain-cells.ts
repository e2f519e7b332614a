/**
 * The text of an option-chain leg's cells. Pure; the rows write these strings into their DOM
 * nodes on each tick (no React render per tick).
 *
 * Live cells (LTP, change, bid, ask, OI, OI change, volume) come from the leg's latest
 * `market.quotes` tick when one arrived, else from the chain snapshot (`options.chain`). Greek
 * cells (IV, delta, and gamma/theta/vega in the tooltip) come from the snapshot, refreshed every
 * few seconds (docs/decisions.md, "Option chain").
 *
 * Units: prices rupees at 2 decimals with Indian grouping (option prices are already on the tick
 * grid: the feed and the snapshot are snapped at the decoder); OI and its change in contracts as
 * the exchange counts them (units), Indian grouping; volume in units, compact lakh/crore; IV in
 * percent; theta rupees per day; vega rupees per volatility point. A price of 0 (no trade, empty
 * side) shows `—`.
 *
 * Source: seeds/002 "Option Chain" (leg fields); issue 5 (numbers in Indian grouping).
 */
import { NO_VALUE, formatIndianCompact, formatPrice, formatQuantity, formatSignedNumber } from '../../../shared/format';
import type { OptionChainQuoteLeg, QuoteTick } from '../../../shared/ipc/contract';
import { oiChange } from '../../../shared/options/chain-window';

/** Names of the live cells, in no particular order. */
export const LIVE_CELLS = ['oi', 'oiChange', 'volume', 'ltp', 'change', 'bid', 'ask'] as const;

/** One of {@link LIVE_CELLS}. */
export type LiveCell = (typeof LIVE_CELLS)[number];

/** The live cells of a leg, and the signs that colour them. */
export interface LegLiveCells {
  readonly oi: string;
  readonly oiChange: string;
  readonly volume: string;
  readonly ltp: string;
  readonly change: string;
  readonly bid: string;
  readonly ask: string;
  /** LTP against the previous close. */
  readonly trend: 'up' | 'down' | 'flat';
  /** OI against the previous day's OI. */
  readonly oiTrend: 'up' | 'down' | 'flat';
}

/** The prices and quantities a leg shows, whichever source gave them. */
export interface LegValues {
  readonly ltp: number;
  readonly previousClose: number;
  readonly bid: number;
  readonly ask: number;
  readonly oi: number;
  readonly volume: number;
}

/** The leg's current values: the tick's where it has them, else the snapshot's. */
export function legValues(tick: QuoteTick | undefined, snap: OptionChainQuoteLeg): LegValues {
  if (tick === undefined) {
    return { ltp: snap.ltp, previousClose: snap.previousClose, bid: snap.bidPrice, ask: snap.askPrice, oi: snap.oi, volume: snap.volume };
  }
  return {
    ltp: tick.ltp > 0 ? tick.ltp : snap.ltp,
    previousClose: tick.prevClose > 0 ? tick.prevClose : snap.previousClose,
    bid: tick.bidPrice,
    ask: tick.askPrice,
    // the ticker packet carries no OI (0): keep the snapshot's until an OI packet arrives
    oi: tick.oi > 0 ? tick.oi : snap.oi,
    volume: Math.max(tick.volume, 0),
  };
}

const sign = (x: number | null): 'up' | 'down' | 'flat' => (x === null || Math.abs(x) < 1e-9 ? 'flat' : x > 0 ? 'up' : 'down');
const price = (p: number) => (p > 0 ? formatPrice(p, 2) : NO_VALUE);

/**
 * True when a count prints in full within the OI columns (under one crore: at most `99,99,999`).
 * From one crore on the OI and OI-change cells use the compact lakh/crore form (`1.02 Cr`), as
 * the volume column always does, so a big index chain's OI is never clipped mid-number.
 */
function fitsColumn(n: number): boolean {
  return Math.abs(n) < 10_000_000;
}

/** Formats the live cells of a leg from its latest tick (or none yet) and its snapshot. */
export function legLiveCells(tick: QuoteTick | undefined, snap: OptionChainQuoteLeg): LegLiveCells {
  const v = legValues(tick, snap);
  const change = v.ltp > 0 && v.previousClose > 0 ? v.ltp - v.previousClose : null;
  const dOi = oiChange(v.oi, snap.previousOi);
  return {
    oi: fitsColumn(v.oi) ? formatQuantity(v.oi) : formatIndianCompact(v.oi),
    oiChange: dOi === null || fitsColumn(dOi) ? formatSignedNumber(dOi, 0) : `${dOi > 0 ? '+' : ''}${formatIndianCompact(dOi)}`,
    volume: v.volume > 0 ? formatIndianCompact(v.volume) : NO_VALUE,
    ltp: price(v.ltp),
    change: formatSignedNumber(change, 2),
    bid: price(v.bid),
    ask: price(v.ask),
    trend: sign(change),
    oiTrend: sign(dOi),
  };
}

/** The greek cells of a leg (from the snapshot). */
export interface LegGreekCells {
  /** IV in percent, 2 decimals; `—` when the broker gives none (0). */
  readonly iv: string;
  /** Delta, 2 decimals (calls 0…1, puts −1…0). */
  readonly delta: string;
  /** Tooltip: every greek with its unit. */
  readonly title: string;
}

/** Formats the greeks of a leg. */
export function legGreekCells(snap: OptionChainQuoteLeg): LegGreekCells {
  const g = snap.greeks;
  const fixed = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : NO_VALUE);
  return {
    iv: snap.iv > 0 ? fixed(snap.iv, 2) : NO_VALUE,
    delta: fixed(g.delta, 2),
    title: `IV ${snap.iv > 0 ? fixed(snap.iv, 2) + '%' : NO_VALUE} · Δ ${fixed(g.delta, 4)} · Γ ${fixed(g.gamma, 5)} · Θ ${fixed(g.theta, 2)}/day · ν ${fixed(g.vega, 2)}/vol pt`,
  };
}
