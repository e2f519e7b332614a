/**
 * A small NSE-like universe for tests and demos: five large stocks, NIFTY 50 following them as
 * constituents, NIFTY BANK on its own process, a NIFTY future, and NIFTY options of two weekly
 * expiries (strike step 50, lot 65 as on NSE from January 2026). Expiries are the next Tuesdays
 * after `startTimeMs` (NIFTY's weekly expiry day). Security ids of indices and stocks are Dhan's
 * real ones (seeds/002 annexure examples, the Dhan scrip master); derivative ids are synthetic.
 */

import { istDay, istMidnightMs } from './market-hours';
import type { SimInstrumentSpec } from './sim-instrument';

const STOCKS: readonly [string, string, number, number][] = [
  ['2885', 'RELIANCE', 1480.4, 0.22],
  ['1333', 'HDFCBANK', 1985.1, 0.18],
  ['1594', 'INFY', 1530.25, 0.24],
  ['11536', 'TCS', 3120.6, 0.2],
  ['4963', 'ICICIBANK', 1402.35, 0.21],
];

/** `YYYY-MM-DD` of an IST day number. */
export function istDateString(day: number): string {
  return new Date(istMidnightMs(day) + 330 * 60_000).toISOString().slice(0, 10);
}

/** The next `count` Tuesdays strictly after the IST day of `fromMs`, as `YYYY-MM-DD`. */
export function nextTuesdays(fromMs: number, count: number): string[] {
  const out: string[] = [];
  for (let d = istDay(fromMs) + 1; out.length < count; d++) if ((d + 4) % 7 === 2) out.push(istDateString(d));
  return out;
}

/** Builds the sample universe around a start time (epoch ms UTC). */
export function sampleUniverse(startTimeMs: number, strikesEachSide = 10): SimInstrumentSpec[] {
  const base = { lotSize: 1, tickSize: 0.05, expiry: null, strike: null, optionType: null, underlyingSecurityId: null } as const;
  const out: SimInstrumentSpec[] = STOCKS.map(([id, sym, px, vol]) => ({
    ...base,
    segment: 'NSE_EQ',
    securityId: id,
    tradingSymbol: sym,
    instrumentType: 'EQUITY',
    initialPrice: px,
    volatility: vol,
  }));
  out.push({
    ...base,
    segment: 'IDX_I',
    securityId: '13',
    tradingSymbol: 'NIFTY',
    instrumentType: 'INDEX',
    initialPrice: 25_960.55,
    volatility: 0.13,
    constituents: STOCKS.map(([id], i) => ({ securityId: id, weight: [10, 13, 6, 4, 9][i]! })),
  });
  out.push({ ...base, segment: 'IDX_I', securityId: '25', tradingSymbol: 'BANKNIFTY', instrumentType: 'INDEX', initialPrice: 58_120.3, volatility: 0.15 });
  const [e1, e2] = nextTuesdays(startTimeMs, 2) as [string, string];
  out.push({
    ...base,
    segment: 'NSE_FNO',
    securityId: '900001',
    tradingSymbol: `NIFTY-FUT-${e2}`,
    instrumentType: 'FUTIDX',
    lotSize: 65,
    expiry: e2,
    underlyingSecurityId: '13',
    initialPrice: 26_020,
    volatility: 0.13,
    initialOi: 65 * 180_000,
  });
  let id = 910_000;
  const atm = Math.round(25_960.55 / 50) * 50;
  for (const exp of [e1, e2]) {
    for (let k = -strikesEachSide; k <= strikesEachSide; k++) {
      const strike = atm + 50 * k;
      for (const optionType of ['CE', 'PE'] as const) {
        out.push({
          ...base,
          segment: 'NSE_FNO',
          securityId: String(id++),
          tradingSymbol: `NIFTY-${exp}-${strike}-${optionType}`,
          instrumentType: 'OPTIDX',
          lotSize: 65,
          expiry: exp,
          strike,
          optionType,
          underlyingSecurityId: '13',
          initialPrice: 0,
          volatility: 0.13,
          initialOi: 65 * Math.round(40_000 * Math.exp(-Math.abs(k) / 6) * (1 + (optionType === 'PE' ? -k : k) * 0.04)),
        });
      }
    }
  }
  return out;
}

/**
 * `n` made-up NSE_EQ stocks for load tests and benchmarks: security ids from `firstSecurityId`
 * up, symbols `<prefix><i>`, tick ₹0.05, lot 1, LTP ₹100-999 (rupees), 30 % volatility, three
 * trades a second each.
 */
export function syntheticStocks(n: number, firstSecurityId = 100_001, prefix = 'STOCK'): SimInstrumentSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    segment: 'NSE_EQ',
    securityId: String(firstSecurityId + i),
    tradingSymbol: `${prefix}${i}`,
    instrumentType: 'EQUITY',
    lotSize: 1,
    tickSize: 0.05,
    expiry: null,
    strike: null,
    optionType: null,
    underlyingSecurityId: null,
    initialPrice: 100 + (i % 900),
    volatility: 0.3,
    tradesPerSecond: 3,
  }));
}
