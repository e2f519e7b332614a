/**
 * What the simulated market needs to know about one instrument: its identity and contract terms
 * (tick size, lot size, expiry, strike) and the parameters of its price process.
 *
 * Until `shared/instruments.ts` lands this is the sim's own shape; it only uses shared types.
 * Source: issue 4 ("Market model", "Universe"); seeds/002 Annexure (segments, instrument kinds).
 */

import type { ExchangeSegment, Instrument } from '../../shared/instruments';

/**
 * Contract terms the simulator and its matching engine use: a subset of the shared `Instrument`,
 * so any instrument from a master is one. Units: tick size and strike in rupees, lot size in units,
 * expiry an IST calendar date `YYYY-MM-DD` (expires 15:30 IST).
 */
export type SimContract = Pick<
  Instrument,
  | 'segment'
  | 'securityId'
  | 'tradingSymbol'
  | 'instrumentType'
  | 'lotSize'
  | 'tickSize'
  | 'expiry'
  | 'strike'
  | 'optionType'
  | 'underlyingSecurityId'
>;

/** One constituent of an index: its security id (an instrument of the universe) and weight. */
export interface IndexConstituent {
  /** Segment of the constituent (default NSE_EQ). */
  readonly segment?: ExchangeSegment;
  readonly securityId: string;
  /** Weight, any positive number; weights are normalised. */
  readonly weight: number;
}

/** An instrument with the parameters of its simulated price. */
export interface SimInstrumentSpec extends SimContract {
  /**
   * Reference price, rupees: the close of the session before the one in which the instrument comes
   * alive (model start or `addInstruments`). Stocks and stand-alone indices walk their seeded
   * history forward from it and start at that walk's price now (so, alive mid-session, not at this
   * price); before 09:16 IST they start at it. Composite indices start at their constituents'
   * weighted value; derivatives ignore it (priced off the live underlying).
   */
  readonly initialPrice: number;
  /** Annual volatility, fraction (0.2 = 20 %). Options ignore it (they use the surface). */
  readonly volatility: number;
  /** Previous session's close, rupees; defaults to the close of the history's previous session. */
  readonly previousClose?: number;
  /** Index only: constituents it follows. Without them (or when absent) it runs its own process. */
  readonly constituents?: readonly IndexConstituent[];
  /** Expected trades per simulated second (0 for indices, which print from their inputs). */
  readonly tradesPerSecond?: number;
  /** Typical trade size, lots. */
  readonly tradeLots?: number;
  /** Open interest at start, contracts-units (derivatives). */
  readonly initialOi?: number;
  /** Continuous dividend yield, per year (underlyings). */
  readonly dividendYield?: number;
}
