/**
 * Types of the pre-trade risk gate: what it reads (the order, the instrument, the market, the
 * user's limits) and what it returns (findings with a machine code and a trader-readable message,
 * and the quantities to send when an order must be sliced at the freeze quantity).
 *
 * Units: quantities are units (shares, or contracts × lot as the exchange counts them; the F&O
 * ticket converts lots with ./lots.ts), prices rupees, values rupees, times epoch ms UTC.
 *
 * Source: DESIGN.md "Money rules" (every order passes the risk gate before any network call: tick
 * size, lot size, freeze quantity, max quantity and value, price band around LTP, stale-quote check,
 * kill switch); issue 5 "Order ticket" (inline validation: tick, lot, trigger rules) and "Settings"
 * (limits for the risk gate).
 */

import type { Instrument } from '../instruments';
import type { PlaceOrderRequest } from '../orders';

/** The parts of an order the gate checks (any `PlaceOrderRequest` or `ModifyOrderRequest`-like shape). */
export type RiskOrder = Pick<PlaceOrderRequest, 'side' | 'orderType' | 'quantity' | 'price' | 'triggerPrice' | 'disclosedQuantity'>;

/** The parts of an instrument the gate reads. */
export type RiskInstrument = Pick<
  Instrument,
  'segment' | 'instrumentType' | 'tradingSymbol' | 'underlying' | 'lotSize' | 'tickSize' | 'freezeQuantity'
>;

/** What the gate knows of the market for the instrument. */
export interface RiskMarket {
  /** Last traded price, rupees; null when none is known (no tick received yet). */
  readonly ltp: number | null;
  /**
   * When the last quote for the instrument was received, epoch ms UTC; null when never. This is
   * our receive time of the latest feed packet, not the exchange's LTT: an illiquid instrument
   * can have a live quote and an old last trade.
   */
  readonly quoteTimeMs: number | null;
}

/** Which orders the stale-quote check applies to. */
export type StaleQuoteScope = 'MARKET_ORDERS' | 'ALL_ORDERS';

/** What to do with an order above the freeze quantity. */
export type FreezeAction = 'SLICE' | 'REFUSE';

/** The user's risk settings (Settings screen) and the exchange tables the gate uses. */
export interface RiskLimits {
  /** When true every new order is refused. */
  readonly killSwitch: boolean;
  /** Largest quantity of one order, units; null for no limit. */
  readonly maxQuantityPerOrder: number | null;
  /** Largest value of one order (quantity × price), rupees; null for no limit. */
  readonly maxValuePerOrder: number | null;
  /** Half-width of the allowed band around LTP, percent (5 → LTP ± 5 %); null turns the check off. */
  readonly priceBandPercent: number | null;
  /** A quote older than this many seconds is stale; null turns the check off. */
  readonly staleQuoteSeconds: number | null;
  /** Which orders a stale quote stops: market orders only (MARKET, STOP_LOSS_MARKET) or all. */
  readonly staleQuoteScope: StaleQuoteScope;
  /** Above the freeze quantity: slice into several orders, or refuse. */
  readonly freezeAction: FreezeAction;
  /**
   * Freeze quantities per underlying, units, used for derivatives whose instrument row carries
   * none (`Instrument.freezeQuantity` wins when present).
   */
  readonly freezeQuantities: Readonly<Record<string, number>>;
  /** Smallest disclosed quantity as a percent of the quantity, when one is given (Dhan: 30). */
  readonly minDisclosedPercent: number;
}

/** Machine codes of findings. */
export type RiskCode =
  /** A field is missing, not a number, negative or otherwise unusable. */
  | 'BAD_INPUT'
  /** The kill switch is on. */
  | 'KILL_SWITCH'
  /** Price or trigger price off the tick grid. */
  | 'TICK_SIZE'
  /** Quantity not a multiple of the lot size. */
  | 'LOT_SIZE'
  /** Above the freeze quantity and slicing is off: refused. */
  | 'FREEZE_QUANTITY'
  /** Above the freeze quantity: will be sent as several orders (see `slices`). */
  | 'FREEZE_SLICED'
  /** Above the user's max quantity per order. */
  | 'MAX_QUANTITY'
  /** Above the user's max value per order. */
  | 'MAX_VALUE'
  /** The order value cannot be computed (market order with no LTP) while a max value is set. */
  | 'VALUE_UNKNOWN'
  /** Price outside the band around LTP. */
  | 'PRICE_BAND'
  /** No LTP: the band and trigger-side checks could not run. */
  | 'NO_LTP'
  /** The last quote is too old (or there is none). */
  | 'STALE_QUOTE'
  /** A limit price is required (LIMIT, STOP_LOSS) and missing. */
  | 'PRICE_REQUIRED'
  /** A trigger price is required (STOP_LOSS, STOP_LOSS_MARKET) and missing. */
  | 'TRIGGER_REQUIRED'
  /** Trigger on the wrong side of the limit price (SL buy: trigger <= price; SL sell: trigger >= price). */
  | 'TRIGGER_PRICE_SIDE'
  /** Trigger on the wrong side of LTP (would trigger at once). */
  | 'TRIGGER_LTP_SIDE'
  /** A trigger was given for an order type that does not use one. */
  | 'TRIGGER_IGNORED'
  /** Disclosed quantity breaks the broker's rules. */
  | 'DISCLOSED_QUANTITY'
  /**
   * A sliced order stopped part-way: a slice was refused or its outcome is unknown, so the rest were
   * not sent (reported after sending, by the core).
   */
  | 'SLICES_NOT_SENT';

/** `block` stops the order; `warn` is shown but lets it go; `info` explains what will happen. */
export type RiskSeverity = 'block' | 'warn' | 'info';

/** The order field a finding is about, so the ticket can mark it inline. */
export type RiskField = 'quantity' | 'price' | 'triggerPrice' | 'disclosedQuantity' | null;

/** One result of one check. */
export interface RiskFinding {
  readonly code: RiskCode;
  readonly severity: RiskSeverity;
  /** For the trader: what is wrong and what would be valid. */
  readonly message: string;
  readonly field: RiskField;
  /** Valid values near the entered one (prices in rupees, quantities in units), nearest first; may be empty. */
  readonly suggestions: readonly number[];
}

/** What the gate decides. */
export interface RiskVerdict {
  /** True when no finding blocks the order. */
  readonly ok: boolean;
  /** Every finding, blocking ones first, in the gate's check order within a severity. */
  readonly findings: readonly RiskFinding[];
  /**
   * Quantities (units) of the orders to send: `[quantity]` normally, several when sliced at the
   * freeze quantity; empty when the order is refused.
   */
  readonly slices: readonly number[];
}

/** Builds a finding. */
export function finding(
  code: RiskCode,
  severity: RiskSeverity,
  field: RiskField,
  message: string,
  suggestions: readonly number[] = [],
): RiskFinding {
  return { code, severity, field, message, suggestions };
}
