/**
 * The pure core of the simulated exchange: one seeded market model and one matching engine on it,
 * advanced together by `step(realDtMs)` (the caller owns the timer; the wire servers sit on top).
 * Market trade prints feed the engine (stop triggers, passive fills); after each model step the
 * engine catches up to the model's time (session boundaries, AMO release, DAY expiry).
 */

import { createMatchingEngine, type MatchingEngine } from './matching/engine';
import { createMarketModel, type MarketModel, type MarketModelOptions } from './market-model';
import { marketContracts, marketLiquidity } from './market-liquidity';

/** Options of `createSimExchange`: the model's, plus the opening cash limit (rupees). */
export interface SimExchangeOptions extends MarketModelOptions {
  readonly startOfDayLimit?: number;
}

/** A model and its engine, wired together. */
export interface SimExchange {
  readonly model: MarketModel;
  readonly engine: MatchingEngine;
  /** Advances simulated time by `realDtMs × speed`. */
  step(realDtMs: number): void;
  /** Unhooks the engine from the model's ticks. */
  dispose(): void;
}

/**
 * Hooks `engine` to `model`'s trade prints: each print (LTQ > 0) first brings the engine's clock to
 * the trade time (session boundaries, AMO release, DAY expiry), then lets it trigger stops and fill
 * passive orders at that price. Returns the function that unhooks it.
 */
export function feedTradesToEngine(model: Pick<MarketModel, 'onTick'>, engine: MatchingEngine): () => void {
  return model.onTick((t) => {
    if (t.ltq <= 0) return;
    if (t.lttMs > engine.now()) engine.advanceTo(t.lttMs);
    engine.onMarketTrade(t.key, t.ltp, t.ltq);
  });
}

/** Builds the exchange core. Throws when the universe is malformed (see createMarketModel). */
export function createSimExchange(options: SimExchangeOptions): SimExchange {
  const model = createMarketModel(options);
  const engine = createMatchingEngine({
    contracts: marketContracts(model),
    liquidity: marketLiquidity(model),
    startTimeMs: options.startTimeMs,
    alwaysOpen: options.alwaysOpen ?? false,
    ...(options.startOfDayLimit !== undefined ? { startOfDayLimit: options.startOfDayLimit } : {}),
  });
  const off = feedTradesToEngine(model, engine);
  return {
    model,
    engine,
    step(realDtMs) {
      model.step(realDtMs);
      engine.advanceTo(model.now());
    },
    dispose: off,
  };
}
