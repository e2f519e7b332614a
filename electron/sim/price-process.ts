/**
 * The stochastic parts of the simulated market, as pure step functions of seeded normal draws.
 *
 * - Underlyings (stocks, stand-alone indices): geometric Brownian motion in trading time with a
 *   common market factor (correlation `beta`), rare jumps and an overnight gap at each pre-open.
 * - Futures basis noise: an Ornstein-Uhlenbeck process in ticks around the cost-of-carry fair value.
 *
 * Time: volatilities are annual over trading time, `TRADING_YEAR_MS` = 252 sessions of 375 minutes.
 */

import { SESSION_MINUTES } from './market-hours';
import type { Rng } from './rng';

/** Milliseconds of trading time in one year (252 sessions × 375 minutes). */
export const TRADING_YEAR_MS = 252 * 375 * 60_000;

/** Milliseconds in a calendar year (365 days), for time to expiry. */
export const CALENDAR_YEAR_MS = 365 * 86_400_000;

/** Per-step draws shared by all instruments: the market factor. */
export interface MarketDraw {
  /** Standard normal of the common factor for this step. */
  readonly z: number;
}

/**
 * Log-return of one underlying over `dtMs` of trading time: drift `mu`, volatility `sigma`
 * (annual), loading `beta` on the common factor `zMarket`, idiosyncratic normal `zOwn`, and a
 * jump with probability 0.5 per trading day of size N(0, 2.5·σ_minute·√15) drawn from `rng`.
 */
export function logReturn(mu: number, sigma: number, beta: number, dtMs: number, zMarket: number, rng: Rng): number {
  const dt = dtMs / TRADING_YEAR_MS;
  const z = beta * zMarket + Math.sqrt(Math.max(0, 1 - beta * beta)) * rng.normal();
  let r = (mu - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * z;
  const jumpProb = (0.5 * dtMs) / (375 * 60_000);
  if (rng.next() < jumpProb) r += sigma * Math.sqrt(15 / (252 * 375)) * 2.5 * rng.normal();
  return r;
}

/** Overnight gap (log) at the pre-open: about 30 % of one day's volatility. */
export function overnightGap(sigma: number, rng: Rng): number {
  return 0.3 * sigma * Math.sqrt(1 / 252) * rng.normal();
}

/**
 * One step of an Ornstein-Uhlenbeck process `x` (ticks) with mean 0, reversion time `tauMs` and
 * stationary standard deviation `sd` (ticks), exact discretisation.
 */
export function ouStep(x: number, dtMs: number, tauMs: number, sd: number, rng: Rng): number {
  const a = Math.exp(-dtMs / tauMs);
  return x * a + sd * Math.sqrt(1 - a * a) * rng.normal();
}

/**
 * Intraday seasonality: volatility and trading are heavier after the open and before the close
 * (the U shape of Indian cash and F&O sessions); `m` is minutes after 09:15 IST. Its square
 * averages 1 over a session, so annual volatilities keep their meaning; 1 outside the session
 * (always-open mode at night).
 */
export function sessionActivity(m: number): number {
  if (!(m >= 0 && m < SESSION_MINUTES)) return 1;
  return 0.875 + 1.01 * Math.exp(-m / 25) + 0.505 * Math.exp(-(SESSION_MINUTES - m) / 30);
}
