/**
 * The static order of instruments inside the search index: within a match tier (see search.ts),
 * results come out in this order, so a bare symbol shows the cash or index row before its futures
 * and options, and near contracts before far ones.
 *
 * Order, most important first (documented in shared/search/README.md):
 * 1. group: index rows (IDX_I), NSE cash, BSE cash (and any other row without expiry), live
 *    derivatives, expired derivatives (expiry before "today");
 * 2. cash and index rows: main series first (NSE `EQ`, BSE `A`, index rows), then other series
 *    (BE, SM, bonds, NCDs...), then shorter trading symbols first;
 * 3. live derivatives: futures before options (a bare `NIFTY` shows its futures before the first
 *    of its hundreds of weekly strikes); then nearer expiry first; NSE, BSE, MCX; options by
 *    distance of the strike from the middle of that series' listed strike range (an at-the-money
 *    proxy: exchanges list strikes around the money), then CE before PE;
 *    expired derivatives: the same, most recently expired first;
 * 4. last, the position in the input (stable).
 *
 * The order is a packed integer key (34 bits of rank, 19 bits of input position, below 2^53) so
 * the whole master sorts as one Float64Array; inputs of 2^19 rows or more fall back to a
 * comparator sort of the same keys.
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import type { ExchangeSegment, InstrumentType, OptionType } from '../instruments';

/** What the static rank reads of an instrument (all upper-case comparisons are done by the caller). */
export interface RankFields {
  readonly segment: ExchangeSegment;
  readonly instrumentType: InstrumentType;
  readonly series: string | null;
  readonly tradingSymbol: string;
  readonly expiry: string | null;
  readonly strike: number | null;
  readonly optionType: OptionType | null;
}

/** Days from 2000-01-01 to an ISO date `YYYY-MM-DD`, clamped to 0…65535. */
export function dayNumber(iso: string): number {
  const ms = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const d = Math.round((ms - 946_684_800_000) / 86_400_000);
  return Number.isFinite(d) ? Math.min(65_535, Math.max(0, d)) : 0;
}

const POS_BITS = 2 ** 19;

function exchangeCode(segment: ExchangeSegment): number {
  if (segment.startsWith('NSE')) return 0;
  if (segment.startsWith('BSE')) return 1;
  return 2;
}

/**
 * Computes the rank key (without the input position) of every instrument.
 * `todayDay` is {@link dayNumber} of today's IST date; `mid` gives, for option `i`, the middle of
 * its series' strike range (NaN for non-options).
 */
function rankKeys(
  items: readonly RankFields[],
  todayDay: number,
  expiryDay: Int32Array,
  mid: Float64Array,
): Float64Array {
  const keys = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    let group: number;
    let rest: number;
    if (it.expiry === null) {
      group = it.segment === 'IDX_I' ? 0 : it.segment === 'NSE_EQ' ? 1 : 2;
      const main = it.segment === 'IDX_I' || it.series === 'EQ' || it.series === 'A' ? 0 : 1;
      rest = (main * 64 + Math.min(63, it.tradingSymbol.length)) * 2 ** 24;
    } else {
      const day = expiryDay[i]!;
      const expired = day < todayDay;
      group = expired ? 4 : 3;
      const isOpt = it.optionType !== null ? 1 : 0;
      const m = mid[i]!;
      let atm = 0;
      if (isOpt === 1 && it.strike !== null && m > 0) atm = Math.min(2047, Math.round((Math.abs(it.strike - m) / m) * 4000));
      const isPe = it.optionType === 'PE' ? 1 : 0;
      rest = (((isOpt * 65_536 + (expired ? 65_535 - day : day)) * 4 + exchangeCode(it.segment)) * 2048 + atm) * 2 + isPe;
    }
    keys[i] = group * 2 ** 31 + rest;
  }
  return keys;
}

/**
 * The static order: `order[r]` is the input position of the instrument ranked `r`-th.
 * `todayDay` is {@link dayNumber} of today's IST date (contracts expiring before it count as
 * expired); `expiryDay[i]` is {@link dayNumber} of row i's expiry (any value for rows without one);
 * `series[i]` numbers row i's option series (segment, underlying, expiry), -1 for non-options.
 */
export function staticOrder(
  items: readonly RankFields[],
  todayDay: number,
  expiryDay: Int32Array,
  series: Int32Array,
): Int32Array {
  const n = items.length;
  const mid = seriesMidStrikes(items, series);
  const keys = rankKeys(items, todayDay, expiryDay, mid);
  const order = new Int32Array(n);
  if (n < POS_BITS) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i]! * POS_BITS + i;
    packed.sort();
    for (let r = 0; r < n; r++) order[r] = packed[r]! % POS_BITS;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  }
  return order;
}

/** For every option, (lowest + highest strike) / 2 of its series; NaN otherwise. */
function seriesMidStrikes(items: readonly RankFields[], series: Int32Array): Float64Array {
  let count = 0;
  for (let i = 0; i < series.length; i++) if (series[i]! >= count) count = series[i]! + 1;
  const lo = new Float64Array(count).fill(Infinity);
  const hi = new Float64Array(count).fill(-Infinity);
  for (let i = 0; i < items.length; i++) {
    const s = series[i]!;
    const k = items[i]!.strike;
    if (s < 0 || k === null) continue;
    if (k < lo[s]!) lo[s] = k;
    if (k > hi[s]!) hi[s] = k;
  }
  const mid = new Float64Array(items.length).fill(NaN);
  for (let i = 0; i < items.length; i++) {
    const s = series[i]!;
    if (s >= 0 && lo[s]! <= hi[s]!) mid[i] = (lo[s]! + hi[s]!) / 2;
  }
  return mid;
}
