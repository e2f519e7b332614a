/**
 * Black-Scholes-Merton pricing for European index and stock options, the greeks, an implied
 * volatility solver, and the volatility surface (smile by moneyness, term structure by expiry) the
 * simulated market prices its option chains with.
 *
 * Units: prices in rupees; time to expiry in years (calendar, 365 days); rates and dividend yield
 * continuously compounded per year; volatility as a fraction per year (0.15 = 15%; Dhan's option
 * chain prints `implied_volatility` in percent, so the wire layer multiplies by 100); theta in
 * rupees per calendar day; vega in rupees per one volatility point (1%). Source for the greek
 * units: the recorded Dhan option chain (fixtures/dhan/rest/optionchain.*.json), whose theta is per
 * day and vega per point.
 */

/** Call or put, as Dhan writes `drvOptionType`. */
export type OptionType = 'CALL' | 'PUT';

/** Standard normal density. */
export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal cumulative distribution (Hart 1968 / West 2005, ~1e-14 absolute accuracy). */
export function normCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) c = 0;
  else {
    const e = Math.exp(-z * z / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let d = z + 0.65;
      d = z + 4 / d;
      d = z + 3 / d;
      d = z + 2 / d;
      d = z + 1 / d;
      c = e / d / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Inputs of one Black-Scholes valuation. */
export interface BsInputs {
  /** Spot price of the underlying, rupees. */
  readonly spot: number;
  /** Strike, rupees. */
  readonly strike: number;
  /** Time to expiry, years (> 0; callers clamp at expiry). */
  readonly t: number;
  /** Risk-free rate, continuous, per year. */
  readonly r: number;
  /** Dividend yield, continuous, per year. */
  readonly q: number;
  /** Volatility, fraction per year. */
  readonly sigma: number;
  readonly type: OptionType;
}

/** Price and greeks of one option. */
export interface OptionGreeks {
  /** Theoretical price, rupees (unrounded). */
  readonly price: number;
  /** ∂price/∂spot: calls in (0, 1), puts in (-1, 0). */
  readonly delta: number;
  /** ∂²price/∂spot², per rupee. */
  readonly gamma: number;
  /** Price change for one calendar day passing, rupees (negative for long options, mostly). */
  readonly theta: number;
  /** Price change for +1 volatility point (1%), rupees. */
  readonly vega: number;
}

/** Black-Scholes-Merton price of a European option. */
export function bsPrice(p: BsInputs): number {
  const { spot, strike, t, r, q, sigma, type } = p;
  const dfR = Math.exp(-r * t);
  const dfQ = Math.exp(-q * t);
  if (t <= 0 || sigma <= 0) {
    const fwdIntrinsic = type === 'CALL' ? spot * dfQ - strike * dfR : strike * dfR - spot * dfQ;
    return Math.max(0, fwdIntrinsic);
  }
  const sq = sigma * Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + (r - q + 0.5 * sigma * sigma) * t) / sq;
  const d2 = d1 - sq;
  return type === 'CALL'
    ? spot * dfQ * normCdf(d1) - strike * dfR * normCdf(d2)
    : strike * dfR * normCdf(-d2) - spot * dfQ * normCdf(-d1);
}

/** Price and greeks (see `OptionGreeks` for units). `t` must be > 0. */
export function bsGreeks(p: BsInputs): OptionGreeks {
  const { spot, strike, t, r, q, sigma, type } = p;
  const dfR = Math.exp(-r * t);
  const dfQ = Math.exp(-q * t);
  const sqrtT = Math.sqrt(t);
  const sq = sigma * sqrtT;
  const d1 = (Math.log(spot / strike) + (r - q + 0.5 * sigma * sigma) * t) / sq;
  const d2 = d1 - sq;
  const pdf = normPdf(d1);
  const gamma = (dfQ * pdf) / (spot * sq);
  const vegaPerUnit = spot * dfQ * pdf * sqrtT;
  let price: number;
  let delta: number;
  let thetaYear: number;
  const common = -(spot * dfQ * pdf * sigma) / (2 * sqrtT);
  if (type === 'CALL') {
    price = spot * dfQ * normCdf(d1) - strike * dfR * normCdf(d2);
    delta = dfQ * normCdf(d1);
    thetaYear = common - r * strike * dfR * normCdf(d2) + q * spot * dfQ * normCdf(d1);
  } else {
    price = strike * dfR * normCdf(-d2) - spot * dfQ * normCdf(-d1);
    delta = -dfQ * normCdf(-d1);
    thetaYear = common + r * strike * dfR * normCdf(-d2) - q * spot * dfQ * normCdf(-d1);
  }
  return { price, delta, gamma, theta: thetaYear / 365, vega: vegaPerUnit / 100 };
}

/**
 * Implied volatility (fraction per year) that reproduces `price` under Black-Scholes with the other
 * inputs of `p` (its `sigma` is ignored). Newton steps on vega, safeguarded by bisection on
 * [0.0001, 5]. Returns NaN when the price lies outside the no-arbitrage bounds (below discounted
 * intrinsic value or above the spot/strike bound) or `t` ≤ 0.
 */
export function impliedVol(price: number, p: Omit<BsInputs, 'sigma'>, tolerance = 1e-10): number {
  if (!(p.t > 0) || !Number.isFinite(price)) return NaN;
  let lo = 1e-4;
  let hi = 5;
  const f = (s: number) => bsPrice({ ...p, sigma: s }) - price;
  let flo = f(lo);
  const fhi = f(hi);
  if (flo > 0 || fhi < 0) return NaN;
  let s = 0.2;
  for (let i = 0; i < 100; i++) {
    const g = bsGreeks({ ...p, sigma: s });
    const diff = g.price - price;
    if (Math.abs(diff) < tolerance) return s;
    if (diff > 0) hi = s;
    else {
      lo = s;
      flo = diff;
    }
    const vega = g.vega * 100;
    let nextS = vega > 1e-12 ? s - diff / vega : NaN;
    if (!(nextS > lo && nextS < hi)) nextS = (lo + hi) / 2;
    if (Math.abs(nextS - s) < 1e-12) return nextS;
    s = nextS;
  }
  return s;
}

/**
 * Parameters of the simulated volatility surface. At-the-money volatility by expiry follows
 * `atm(T) = longVol + (shortVol − longVol)·exp(−T / termDecayYears)`; across strikes the smile is
 * `σ(K,T) = atm(T)·(1 + skew·x + curvature·x²)` with standardised moneyness
 * `x = ln(K/F) / (atm(T)·√T)`, clamped to [0.4, 3]×atm. A negative skew makes low strikes (OTM
 * puts) dearer, as in Indian index options.
 */
export interface VolSurface {
  readonly shortVol: number;
  readonly longVol: number;
  readonly termDecayYears: number;
  readonly skew: number;
  readonly curvature: number;
}

/** A surface for an underlying whose annual volatility is `baseVol` (index-like negative skew). */
export function defaultSurface(baseVol: number): VolSurface {
  return { shortVol: baseVol * 1.1, longVol: baseVol * 0.95, termDecayYears: 0.08, skew: -0.09, curvature: 0.035 };
}

/** At-the-money volatility for time to expiry `t` (years). */
export function atmVol(s: VolSurface, t: number): number {
  return s.longVol + (s.shortVol - s.longVol) * Math.exp(-Math.max(t, 0) / s.termDecayYears);
}

/** Volatility of strike `strike` for an underlying whose forward is `forward`, `t` years out. */
export function surfaceVol(s: VolSurface, forward: number, strike: number, t: number): number {
  const atm = atmVol(s, t);
  const tt = Math.max(t, 1 / (365 * 24 * 60));
  const x = Math.log(strike / forward) / (atm * Math.sqrt(tt));
  const factor = 1 + s.skew * x + s.curvature * x * x;
  return atm * Math.min(3, Math.max(0.4, factor));
}

/**
 * Black-Scholes prices of one option on the smile of `surface` at one instant, as a function of
 * the spot (rupees): the time-dependent parts (discount factors, carry to the forward, ATM
 * volatility) are computed once, so pricing several spots at the same instant (a history minute's
 * open, high and low) costs two logs and two `normCdf` each. Equals
 * `bsPrice({ spot, strike, t, r, q, sigma: surfaceVol(surface, spot·e^((r−q)t), strike, max(t, 1e-6)), type })`.
 * `t` in years (≥ 0).
 */
export function smilePricer(surface: VolSurface, strike: number, t: number, r: number, q: number, type: OptionType): (spot: number) => number {
  const tv = Math.max(t, 1e-6);
  const atm = atmVol(surface, tv);
  const xScale = atm * Math.sqrt(Math.max(tv, 1 / (365 * 24 * 60)));
  const carry = Math.exp((r - q) * t);
  const dfR = Math.exp(-r * t);
  const dfQ = Math.exp(-q * t);
  const sqrtT = Math.sqrt(t);
  return (spot) => {
    const x = Math.log(strike / (spot * carry)) / xScale;
    const sigma = atm * Math.min(3, Math.max(0.4, 1 + surface.skew * x + surface.curvature * x * x));
    if (t <= 0 || sigma <= 0) return Math.max(0, type === 'CALL' ? spot * dfQ - strike * dfR : strike * dfR - spot * dfQ);
    const sq = sigma * sqrtT;
    const d1 = (Math.log(spot / strike) + (r - q + 0.5 * sigma * sigma) * t) / sq;
    const d2 = d1 - sq;
    return type === 'CALL' ? spot * dfQ * normCdf(d1) - strike * dfR * normCdf(d2) : strike * dfR * normCdf(-d2) - spot * dfQ * normCdf(-d1);
  };
}
