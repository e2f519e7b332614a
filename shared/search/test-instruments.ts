/**
 * Small hand-made instruments for the search tests (not a fixture of real data: the real master
 * is exercised in electron/brokers/dhan/search.test.ts). Derivative display names come from
 * `formatDerivativeName`, as the Dhan mapper makes them.
 */
import { formatDerivativeName, type ExchangeSegment, type InstrumentType, type OptionType } from '../instruments';
import type { SearchableInstrument } from './instrument-index';

/** What the search tests index: the searchable fields plus lot and tick size (rupees). */
export interface SearchRecord extends SearchableInstrument {
  readonly lotSize: number;
  readonly tickSize: number;
}

let nextId = 1000;

/** A cash or index row. */
export function cash(
  segment: ExchangeSegment,
  tradingSymbol: string,
  displayName: string,
  extra: { name?: string | null; series?: string | null; type?: InstrumentType; securityId?: string } = {},
): SearchRecord {
  return {
    segment,
    securityId: extra.securityId ?? String(nextId++),
    tradingSymbol,
    underlying: tradingSymbol,
    displayName,
    name: extra.name ?? displayName.toUpperCase(),
    instrumentType: extra.type ?? (segment === 'IDX_I' ? 'INDEX' : 'EQUITY'),
    series: extra.series === undefined ? (segment === 'NSE_EQ' ? 'EQ' : segment === 'BSE_EQ' ? 'A' : null) : extra.series,
    expiry: null,
    strike: null,
    optionType: null,
    lotSize: 1,
    tickSize: 0.05,
  };
}

/** A future (`strike` absent) or an option. `expiry` is `YYYY-MM-DD`. */
export function deriv(
  segment: ExchangeSegment,
  underlying: string,
  expiry: string,
  strike?: number,
  optionType?: OptionType,
  extra: { type?: InstrumentType; securityId?: string } = {},
): SearchRecord {
  const isOpt = strike !== undefined && optionType !== undefined;
  const type: InstrumentType = extra.type ?? (isOpt ? 'OPTIDX' : 'FUTIDX');
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(expiry.slice(5, 7)) - 1];
  const tradingSymbol = `${underlying}-${mon}${expiry.slice(0, 4)}-${isOpt ? `${strike}-${optionType}` : 'FUT'}`;
  return {
    segment,
    securityId: extra.securityId ?? String(nextId++),
    tradingSymbol,
    underlying,
    displayName: formatDerivativeName(
      { underlying, instrumentType: type, expiry, expiryCycle: 'MONTHLY', strike: strike ?? null, optionType: optionType ?? null },
      Number(expiry.slice(0, 4)),
    ),
    name: null,
    instrumentType: type,
    series: null,
    expiry,
    strike: isOpt ? strike : null,
    optionType: isOpt ? optionType : null,
    lotSize: 75,
    tickSize: 0.05,
  };
}
