/**
 * Ports of the matching engine: where liquidity comes from and how instruments are looked up, plus
 * the events and results it produces. The engine depends only on these, never on the simulated
 * price process, so a paper-trading mode can feed it live books (issue 4, "Matching engine").
 */

import type { InstrumentRef } from '../../../shared/market';
import type { Order, OrderSide, Trade } from '../../../shared/orders';
import type { Position } from '../../../shared/portfolio';
import type { SimContract } from '../sim-instrument';
import type { Rejection } from './rejections';

/** Best bid, best ask and LTP of an instrument, rupees (NaN when a side is missing). */
export interface MarketTop {
  readonly bid: number;
  readonly ask: number;
  readonly ltp: number;
}

/** One execution against the book, rupees and units. */
export interface BookFill {
  readonly price: number;
  readonly quantity: number;
}

/**
 * Where orders find liquidity. The simulated market consumes its book (market-liquidity.ts); a live
 * source would answer from the latest depth without consuming it.
 */
export interface LiquiditySource {
  /** Current top of book and LTP, or null when the instrument has no market. */
  top(instrument: InstrumentRef): MarketTop | null;
  /**
   * An aggressor of `side` takes up to `quantity` units at prices no worse than `limitPrice`
   * (rupees; null = any price). Returns the fills, best first; may return fewer units (or none).
   */
  take(instrument: InstrumentRef, side: OrderSide, quantity: number, limitPrice: number | null): readonly BookFill[];
}

/** Finds the contract terms of an instrument; undefined when the security id is unknown in that segment. */
export type ContractLookup = (instrument: InstrumentRef) => SimContract | undefined;

/** The fill that caused an order event. */
export interface FillInfo {
  readonly tradeId: string;
  /** Rupees. */
  readonly price: number;
  /** Units. */
  readonly quantity: number;
}

/**
 * What the engine emits: every status change or modification of an order (with the fill that
 * caused it, if any), and every trade. The wire layer turns these into Dhan `order_alert`s.
 */
export type EngineEvent =
  | { readonly kind: 'order'; readonly order: Order; readonly fill: FillInfo | null }
  | { readonly kind: 'trade'; readonly trade: Trade };

/** The answer to place/modify/cancel. On a refusal, `order` is the REJECTED order when one was recorded. */
export type EngineResult =
  | { readonly ok: true; readonly order: Order }
  | { readonly ok: false; readonly rejection: Rejection; readonly order: Order | null };

/**
 * The answer to a position conversion: the position the quantity moved to (unrealised P&L at the
 * LTP), or the refusal (nothing changed).
 */
export type ConversionResult =
  | { readonly ok: true; readonly position: Position }
  | { readonly ok: false; readonly rejection: Rejection };
