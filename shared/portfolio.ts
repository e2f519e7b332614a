/**
 * Broker-neutral portfolio types: positions, holdings, funds, margin requirements.
 *
 * Conventions: money in **rupees** (P&L and balances to 2 decimals), quantities in units.
 *
 * Source: seeds/002 (DhanHQ v2), "Portfolio and Positions" (holdings, positions, convert, exit all),
 * "Funds & Margin" (fund limit, margin calculator single and multi).
 */

import type { OptionType, InstrumentRef } from './market';
import type { ProductType } from './orders';

/** Direction of a position (CLOSED once net quantity is back to 0). */
export type PositionType = 'LONG' | 'SHORT' | 'CLOSED';

/** An open (or today-closed) position. */
export interface Position {
  readonly instrument: InstrumentRef;
  readonly symbol: string;
  readonly product: ProductType;
  readonly positionType: PositionType;
  /** Net quantity = bought − sold, units (negative when short). */
  readonly netQuantity: number;
  /** Total bought (carry forward + day), units. */
  readonly buyQuantity: number;
  /** Total sold (carry forward + day), units. */
  readonly sellQuantity: number;
  /** Bought today, units. */
  readonly dayBuyQuantity: number;
  /** Sold today, units. */
  readonly daySellQuantity: number;
  /** Carried forward long quantity (F&O), units. */
  readonly carryForwardBuyQuantity: number;
  /** Carried forward short quantity (F&O), units. */
  readonly carryForwardSellQuantity: number;
  /** Average buy price, rupees. */
  readonly buyAverage: number;
  /** Average sell price, rupees. */
  readonly sellAverage: number;
  /** The broker's cost price, rupees. */
  readonly costPrice: number;
  /** Value bought today, rupees. */
  readonly dayBuyValue: number;
  /** Value sold today, rupees. */
  readonly daySellValue: number;
  /** Booked profit (+) or loss (−), rupees. */
  readonly realisedPnl: number;
  /** Mark-to-market profit or loss of the open quantity, rupees. */
  readonly unrealisedPnl: number;
  /** Contract multiplier (currency and commodity F&O), 1 otherwise. */
  readonly multiplier: number;
  readonly expiryDate: string | null;
  readonly optionType: OptionType | null;
  /** Strike, rupees; null when not an option. */
  readonly strikePrice: number | null;
}

/** A holding in the demat account. */
export interface Holding {
  /** Exchange the broker lists (`ALL`, `NSE`, `BSE`). */
  readonly exchange: string;
  readonly symbol: string;
  readonly securityId: string;
  readonly isin: string;
  /** Total quantity, units. */
  readonly totalQuantity: number;
  /** Delivered into the demat account, units. */
  readonly dematQuantity: number;
  /** Bought, pending delivery (T1), units. */
  readonly t1Quantity: number;
  /** Available to sell, units. */
  readonly availableQuantity: number;
  /** Pledged as collateral, units. */
  readonly collateralQuantity: number;
  /** Average cost, rupees. */
  readonly averageCostPrice: number;
}

/** Funds of the trading account. */
export interface Funds {
  /** Available to trade, rupees (Dhan's misspelt `availabelBalance`). */
  readonly availableBalance: number;
  /** Start-of-day limit, rupees. */
  readonly startOfDayLimit: number;
  /** Margin from collateral, rupees. */
  readonly collateralAmount: number;
  /** Credit from sold deliveries, rupees. */
  readonly receivableAmount: number;
  /** Used today, rupees. */
  readonly utilisedAmount: number;
  /** Blocked for a payout request, rupees. */
  readonly blockedPayoutAmount: number;
  /** Withdrawable to the bank, rupees. */
  readonly withdrawableBalance: number;
}

/** One leg for the margin calculator. */
export interface MarginLeg {
  readonly instrument: InstrumentRef;
  readonly side: 'BUY' | 'SELL';
  /** Units. */
  readonly quantity: number;
  readonly product: ProductType;
  /** Rupees. */
  readonly price: number;
  /** Rupees, for stop-loss orders. */
  readonly triggerPrice?: number;
}

/** Margin needed for one order. All amounts rupees. */
export interface MarginRequirement {
  readonly totalMargin: number;
  readonly spanMargin: number;
  readonly exposureMargin: number;
  readonly variableMargin: number;
  readonly availableBalance: number;
  /** Shortfall (0 when the balance covers the order). */
  readonly insufficientBalance: number;
  readonly brokerage: number;
  /** Leverage the product gives, a ratio (4 means 4×). */
  readonly leverage: number;
}

/** Margin needed for a basket, with hedge benefit. All amounts rupees. */
export interface BasketMarginRequirement {
  readonly totalMargin: number;
  readonly spanMargin: number;
  readonly exposureMargin: number;
  readonly equityMargin: number;
  readonly foMargin: number;
  readonly commodityMargin: number;
  /** Currency of the amounts (`INR`). */
  readonly currency: string;
  /** Hedge benefit, rupees; null when the broker sent none. */
  readonly hedgeBenefit: number | null;
}

/** Convert an open position from one product to another (intraday ↔ delivery). */
export interface ConvertPositionRequest {
  readonly instrument: InstrumentRef;
  readonly symbol?: string;
  readonly positionType: PositionType;
  readonly fromProduct: ProductType;
  readonly toProduct: ProductType;
  /** Units to convert. */
  readonly quantity: number;
}
