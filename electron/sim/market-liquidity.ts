/**
 * Adapters that put the matching engine on the simulated market: the model's books as the engine's
 * `LiquiditySource`, and its instruments as the engine's `ContractLookup`.
 */

import type { ContractLookup, LiquiditySource } from './matching/types';
import type { MarketModel } from './market-model';

/** The model's 200-level books as a liquidity source (taking liquidity consumes the book and prints). */
export function marketLiquidity(model: MarketModel): LiquiditySource {
  return {
    top: (ref) => (model.instrument(ref) ? model.top(ref) : null),
    take: (ref, side, quantity, limitPrice) => (model.instrument(ref) ? model.takeLiquidity(ref, side, quantity, limitPrice) : []),
  };
}

/** The model's instruments as contract terms; undefined when the id is unknown in that segment. */
export function marketContracts(model: MarketModel): ContractLookup {
  return (ref) => model.instrument(ref);
}
