/**
 * Which market columns a watchlist shows. LTP, change, % change, bid, ask and volume always; OI
 * only when the list holds an F&O contract (a future or an option of any segment), since cash
 * equities and indices have no open interest. Rows whose details are not loaded yet (undefined)
 * do not count: the column appears once a derivative's details arrive.
 *
 * How much of each column fits is the stylesheet's job (renderer/styles/workstation.css,
 * "watchlist"): a narrow panel stacks % change under change and prints volume and OI in lakh/crore.
 *
 * Source: issue 5, "Watchlists" (LTP, change, % change, bid, ask, volume, OI for F&O).
 */
import { isDerivative, type Instrument } from '../../../shared/instruments';

/** True when the OI column shows: some row of the list is a derivative (FUT*, OPT*). */
export function showsOiColumn(instruments: readonly (Pick<Instrument, 'instrumentType'> | undefined)[]): boolean {
  return instruments.some((i) => i !== undefined && isDerivative(i.instrumentType));
}
