/**
 * The built-in universe of the simulated exchange, shaped like the real NSE:
 * - indices NIFTY 50 (IDX_I 13), NIFTY BANK (25), FINNIFTY (27) and SENSEX (51), each following
 *   its constituents in the universe with approximate free-float weights;
 * - the 50 NIFTY 50 stocks (NSE_EQ) with their real Dhan security ids and tick sizes and a starting
 *   price near the middle of their price band, all from the Dhan detailed scrip master of April
 *   2026 (fixtures/dhan/api-scrip-master-detailed.NSE_EQ+IDX.2026-04.csv; SENSEX id from the
 *   compact master of February 2026);
 * - NIFTY, BANKNIFTY and FINNIFTY futures for the next three monthly expiries;
 * - NIFTY options for the next three weekly expiries plus the monthly ones up to three months out
 *   (strike step 50), and BANKNIFTY options for the next three monthly expiries (strike step 100),
 *   each ATM ± 20 strikes.
 * Lot sizes as in the February 2026 master: NIFTY 65, BANKNIFTY 30, FINNIFTY 60; ticks: options
 * ₹0.05, NIFTY/FINNIFTY futures ₹0.10, BANKNIFTY futures ₹0.20. Expiries are Tuesdays (weekly) and
 * the last Tuesday of the month (monthly), as on NSE since September 2025; exchange holidays are
 * not modelled. Derivative security ids are synthetic (futures from 60000, options from 70000).
 */

import { istDay, istMinuteOfDay, CLOSE_MIN } from './market-hours';
import { istDateString } from './sample-universe';
import type { IndexConstituent, SimInstrumentSpec } from './sim-instrument';

/** [security id, symbol, tick size (rupees), start price (rupees), annual vol, NIFTY weight]. */
const NIFTY50: readonly (readonly [string, string, number, number, number, number])[] = [
  ['1333', 'HDFCBANK', 0.05, 794.7, 0.18, 12.9],
  ['4963', 'ICICIBANK', 0.1, 1351.1, 0.21, 8.9],
  ['2885', 'RELIANCE', 0.1, 1315.1, 0.22, 8.4],
  ['1594', 'INFY', 0.1, 1276.8, 0.25, 4.9],
  ['10604', 'BHARTIARTL', 0.1, 1870.9, 0.2, 4.7],
  ['11483', 'LT', 0.1, 3954.3, 0.22, 3.9],
  ['1660', 'ITC', 0.05, 298.65, 0.18, 3.4],
  ['11536', 'TCS', 0.1, 2472.6, 0.21, 2.9],
  ['3045', 'SBIN', 0.05, 1063.55, 0.24, 3.1],
  ['5900', 'AXISBANK', 0.1, 1353.6, 0.24, 3.0],
  ['1922', 'KOTAKBANK', 0.05, 371.9, 0.22, 2.7],
  ['2031', 'M&M', 0.1, 3220.2, 0.27, 2.6],
  ['317', 'BAJFINANCE', 0.05, 898.95, 0.28, 2.3],
  ['1394', 'HINDUNILVR', 0.1, 2127.2, 0.18, 2.0],
  ['3351', 'SUNPHARMA', 0.1, 1652.2, 0.2, 1.6],
  ['7229', 'HCLTECH', 0.1, 1429.4, 0.24, 1.6],
  ['10999', 'MARUTI', 1, 13076, 0.22, 1.6],
  ['3506', 'TITAN', 0.1, 4439.3, 0.23, 1.3],
  ['11630', 'NTPC', 0.05, 386.25, 0.24, 1.4],
  ['11532', 'ULTRACEMCO', 1, 11502, 0.22, 1.2],
  ['3456', 'TMPV', 0.05, 345.5, 0.32, 1.0],
  ['14977', 'POWERGRID', 0.05, 300.35, 0.22, 1.1],
  ['236', 'ASIANPAINT', 0.1, 2352.4, 0.22, 0.9],
  ['25', 'ADANIENT', 0.1, 2129, 0.38, 0.6],
  ['15083', 'ADANIPORTS', 0.1, 1465.3, 0.3, 0.9],
  ['16675', 'BAJAJFINSV', 0.1, 1788.3, 0.25, 0.9],
  ['17963', 'NESTLEIND', 0.1, 1226.1, 0.17, 0.7],
  ['2475', 'ONGC', 0.05, 287.55, 0.28, 0.8],
  ['11723', 'JSWSTEEL', 0.1, 1204.2, 0.28, 0.8],
  ['3499', 'TATASTEEL', 0.01, 206.39, 0.3, 1.0],
  ['20374', 'COALINDIA', 0.05, 435.1, 0.27, 0.7],
  ['3787', 'WIPRO', 0.01, 202.97, 0.24, 0.6],
  ['13538', 'TECHM', 0.1, 1435.4, 0.26, 0.8],
  ['1232', 'GRASIM', 0.1, 2713, 0.22, 0.8],
  ['1363', 'HINDALCO', 0.05, 978.25, 0.3, 0.9],
  ['881', 'DRREDDY', 0.1, 1235.9, 0.21, 0.6],
  ['694', 'CIPLA', 0.1, 1211.1, 0.21, 0.7],
  ['16669', 'BAJAJ-AUTO', 0.5, 9816, 0.24, 0.8],
  ['910', 'EICHERMOT', 0.5, 7050, 0.26, 0.7],
  ['1348', 'HEROMOTOCO', 0.5, 5247, 0.26, 0.5],
  ['157', 'APOLLOHOSP', 0.5, 7516.5, 0.24, 0.6],
  ['547', 'BRITANNIA', 0.5, 5589, 0.19, 0.5],
  ['3432', 'TATACONSUM', 0.1, 1090.3, 0.23, 0.6],
  ['21808', 'SBILIFE', 0.1, 1914.4, 0.22, 0.7],
  ['467', 'HDFCLIFE', 0.05, 619.1, 0.22, 0.6],
  ['5258', 'INDUSINDBK', 0.05, 818.9, 0.35, 0.5],
  ['4306', 'SHRIRAMFIN', 0.05, 1004.1, 0.3, 0.8],
  ['1964', 'TRENT', 0.1, 3875.4, 0.32, 0.8],
  ['383', 'BEL', 0.05, 441.55, 0.3, 1.2],
  ['18143', 'JIOFIN', 0.01, 237.68, 0.3, 0.8],
];

const BANK_WEIGHTS: Readonly<Record<string, number>> = { HDFCBANK: 28, ICICIBANK: 25, SBIN: 9, KOTAKBANK: 8.5, AXISBANK: 8.5, INDUSINDBK: 2 };
const FIN_WEIGHTS: Readonly<Record<string, number>> = {
  HDFCBANK: 33, ICICIBANK: 22, SBIN: 9, AXISBANK: 8, KOTAKBANK: 7, BAJFINANCE: 7, BAJAJFINSV: 3, SHRIRAMFIN: 3, SBILIFE: 2.5, HDFCLIFE: 2.5, JIOFIN: 3,
};
const SENSEX_EXCLUDED = new Set(['ONGC', 'COALINDIA', 'WIPRO', 'GRASIM', 'HINDALCO', 'DRREDDY', 'CIPLA', 'BAJAJ-AUTO', 'EICHERMOT', 'HEROMOTOCO', 'APOLLOHOSP', 'BRITANNIA', 'TATACONSUM', 'SBILIFE', 'HDFCLIFE', 'INDUSINDBK', 'SHRIRAMFIN', 'JIOFIN', 'JSWSTEEL', 'NESTLEIND']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `NIFTY-Nov2026` style prefix of Dhan's compact-master trading symbols. */
function symbolMonth(root: string, date: string): string {
  const [y, m] = date.split('-') as [string, string];
  return `${root}-${MONTHS[Number(m) - 1]}${y}`;
}

/** True when IST day `d` is the last Tuesday of its month. */
function isLastTuesday(d: number): boolean {
  return (d + 4) % 7 === 2 && istDateString(d).slice(5, 7) !== istDateString(d + 7).slice(5, 7);
}

/** Expiries still alive at `startMs`: the first `weekly` Tuesdays and the first `monthly` last-Tuesdays. */
export function upcomingExpiries(startMs: number, weekly: number, monthly: number): { weekly: string[]; monthly: string[] } {
  let d = istDay(startMs);
  if (istMinuteOfDay(startMs) >= CLOSE_MIN) d++; // today's contracts have expired
  const w: string[] = [];
  const m: string[] = [];
  for (; w.length < weekly || m.length < monthly; d++) {
    if ((d + 4) % 7 !== 2) continue;
    if (w.length < weekly) w.push(istDateString(d));
    if (m.length < monthly && isLastTuesday(d)) m.push(istDateString(d));
  }
  return { weekly: w, monthly: m };
}

function weights(table: Readonly<Record<string, number>>): IndexConstituent[] {
  return NIFTY50.filter(([, sym]) => table[sym] !== undefined).map(([id, sym]) => ({ segment: 'NSE_EQ', securityId: id, weight: table[sym]! }));
}

/** Builds the default universe for a simulated start time (epoch ms UTC). */
export function defaultUniverse(startTimeMs: number, strikesEachSide = 20): SimInstrumentSpec[] {
  const none = { expiry: null, strike: null, optionType: null, underlyingSecurityId: null } as const;
  const out: SimInstrumentSpec[] = [];
  for (const [id, sym, tick, px, vol] of NIFTY50) {
    out.push({ ...none, segment: 'NSE_EQ', securityId: id, tradingSymbol: sym, instrumentType: 'EQUITY', lotSize: 1, tickSize: tick, initialPrice: px, volatility: vol });
  }
  const index = (id: string, sym: string, level: number, vol: number, constituents: IndexConstituent[], tick = 0.05): SimInstrumentSpec => ({
    ...none,
    segment: 'IDX_I',
    securityId: id,
    tradingSymbol: sym,
    instrumentType: 'INDEX',
    lotSize: 1,
    tickSize: tick,
    initialPrice: level,
    volatility: vol,
    constituents,
  });
  const niftyW = Object.fromEntries(NIFTY50.map(([, sym, , , , w]) => [sym, w]));
  const sensexW = Object.fromEntries(NIFTY50.filter(([, sym]) => !SENSEX_EXCLUDED.has(sym)).map(([, sym, , , , w]) => [sym, w]));
  const underlyings = [
    { id: '13', sym: 'NIFTY', level: 25_700, vol: 0.13, lot: 65, futTick: 0.1, step: 50, table: niftyW },
    { id: '25', sym: 'BANKNIFTY', level: 59_500, vol: 0.15, lot: 30, futTick: 0.2, step: 100, table: BANK_WEIGHTS },
    { id: '27', sym: 'FINNIFTY', level: 27_400, vol: 0.15, lot: 60, futTick: 0.1, step: 50, table: FIN_WEIGHTS },
  ] as const;
  for (const u of underlyings) out.push(index(u.id, u.sym, u.level, u.vol, weights(u.table)));
  out.push(index('51', 'SENSEX', 84_000, 0.13, weights(sensexW), 0.01));

  const { weekly, monthly } = upcomingExpiries(startTimeMs, 3, 3);
  let futId = 60_000;
  let optId = 70_000;
  for (const u of underlyings) {
    for (const exp of monthly) {
      out.push({
        ...none,
        segment: 'NSE_FNO',
        securityId: String(futId++),
        tradingSymbol: `${symbolMonth(u.sym, exp)}-FUT`,
        instrumentType: 'FUTIDX',
        lotSize: u.lot,
        tickSize: u.futTick,
        expiry: exp,
        underlyingSecurityId: u.id,
        initialPrice: u.level,
        volatility: u.vol,
        initialOi: u.lot * 150_000,
      });
    }
    if (u.sym === 'FINNIFTY') continue;
    const expiries = u.sym === 'NIFTY' ? [...new Set([...weekly, ...monthly])].sort() : monthly;
    const atm = Math.round(u.level / u.step) * u.step;
    for (const exp of expiries) {
      for (let k = -strikesEachSide; k <= strikesEachSide; k++) {
        const strike = atm + k * u.step;
        for (const optionType of ['CE', 'PE'] as const) {
          const otm = optionType === 'CE' ? k : -k; // > 0 out of the money
          out.push({
            ...none,
            segment: 'NSE_FNO',
            securityId: String(optId++),
            tradingSymbol: `${symbolMonth(u.sym, exp)}-${strike}-${optionType}`,
            instrumentType: 'OPTIDX',
            lotSize: u.lot,
            tickSize: 0.05,
            expiry: exp,
            strike,
            optionType,
            underlyingSecurityId: u.id,
            initialPrice: 0,
            volatility: u.vol,
            initialOi: u.lot * Math.max(50, Math.round(60_000 * Math.exp(-Math.abs(k) / 7) * (otm > 0 ? 1.15 : 0.75))),
          });
        }
      }
    }
  }
  return out;
}
