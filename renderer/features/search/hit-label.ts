/**
 * How a search hit is described in the result list: name, segment, instrument type, expiry and
 * strike for derivatives, lot size. Pure.
 */
import { formatStrike, isDerivative, secondaryLabel, tradingLabel, type Instrument } from '../../../shared/instruments';

/** The columns of one result row. */
export interface HitLabel {
  /** What traders read first: `RELIANCE`, or `NIFTY 27 NOV 24500 CE` for a derivative. */
  readonly symbol: string;
  /** The company or index name when it says more than the symbol (`Reliance Industries`), else ''. */
  readonly name: string;
  readonly segment: string;
  readonly type: string;
  /** `27 NOV 2025 · 24500 CE` for options, `27 NOV 2025` for futures, '' otherwise. */
  readonly contract: string;
  /** `lot 75`, or '' for a lot of 1 in cash and index rows. */
  readonly lot: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `2025-11-27` → `27 NOV 2025` (the input unchanged when not a date). */
export function formatExpiry(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${m[3]} ${month} ${m[1]}` : iso;
}

/** Describes `i`. */
export function hitLabel(i: Instrument): HitLabel {
  const deriv = isDerivative(i.instrumentType);
  let contract = '';
  if (deriv && i.expiry) {
    contract = formatExpiry(i.expiry);
    if (i.strike !== null && i.optionType !== null) contract += ` · ${formatStrike(i.strike)} ${i.optionType}`;
  }
  return {
    symbol: tradingLabel(i),
    name: secondaryLabel(i),
    segment: i.segment,
    type: i.instrumentType,
    contract,
    lot: deriv || i.lotSize > 1 ? `lot ${i.lotSize}` : '',
  };
}
