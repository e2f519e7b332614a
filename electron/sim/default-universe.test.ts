import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../shared/price';
import { defaultUniverse, upcomingExpiries } from './default-universe';
import { createMarketModel } from './market-model';
import type { SimInstrumentSpec } from './sim-instrument';

const START = Date.parse('2026-11-20T04:30:00Z'); // Friday 10:00 IST

describe('default universe', () => {
  it('has the indices, 50 stocks, futures and three or more expiries of NIFTY and BANKNIFTY options', () => {
    const u = defaultUniverse(START);
    const idx = u.filter((s) => s.instrumentType === 'INDEX').map((s) => s.tradingSymbol);
    expect(idx).toEqual(['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'SENSEX']);
    expect(u.filter((s) => s.instrumentType === 'EQUITY').length).toBe(50);
    expect(u.filter((s) => s.instrumentType === 'FUTIDX').length).toBe(9);
    const m = createMarketModel({ seed: 1, instruments: u, startTimeMs: START, alwaysOpen: true });
    const nifty = m.expiries({ segment: 'IDX_I', securityId: '13' });
    // weeklies 24 Nov, 1 Dec, 8 Dec; monthlies 24 Nov (shared), 29 Dec, 26 Jan
    expect(nifty).toEqual(['2026-11-24', '2026-12-01', '2026-12-08', '2026-12-29', '2027-01-26']);
    expect(m.expiries({ segment: 'IDX_I', securityId: '25' })).toEqual(['2026-11-24', '2026-12-29', '2027-01-26']);
    const chain = m.optionChain({ segment: 'IDX_I', securityId: '25' }, '2026-12-29');
    expect(chain.rows.length).toBe(41);
    expect(chain.rows[1]!.strike - chain.rows[0]!.strike).toBe(100);
    const opt = m.instrument({ segment: 'NSE_FNO', securityId: chain.rows[0]!.call!.securityId! })!;
    expect(opt.lotSize).toBe(30);
    for (const s of u) expect(isOnTick(m.ltp(s), s.tickSize), s.tradingSymbol).toBe(true);
  });

  it('follows the real NSE calendar: NIFTY weekly and monthly, BANKNIFTY monthly only (docs/decisions.md), real lots and strike steps', () => {
    const u = defaultUniverse(START);
    /** Last Tuesday of its month (NSE's monthly expiry since September 2025), from the date alone. */
    const isMonthly = (d: string) => {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, day)).getUTCDay() === 2 && new Date(Date.UTC(y, m - 1, day + 7)).getUTCMonth() !== m - 1;
    };
    const options = (underlying: string) => u.filter((s) => s.instrumentType === 'OPTIDX' && s.underlyingSecurityId === underlying);
    const expiriesOf = (list: readonly { expiry: string | null }[]) => [...new Set(list.map((s) => s.expiry!))].sort();

    const nifty = options('13');
    const niftyExpiries = expiriesOf(nifty);
    const niftyWeekly = niftyExpiries.filter((d) => !isMonthly(d));
    const niftyMonthly = niftyExpiries.filter(isMonthly);
    expect(niftyWeekly.length).toBeGreaterThanOrEqual(2); // 1 and 8 Dec; 24 Nov is both the week's and the month's
    expect(niftyExpiries.slice(0, 3)).toEqual(['2026-11-24', '2026-12-01', '2026-12-08']); // the next three Tuesdays
    expect(niftyMonthly.length).toBeGreaterThanOrEqual(3);
    const bank = options('25');
    const bankExpiries = expiriesOf(bank);
    expect(bankExpiries.length).toBeGreaterThanOrEqual(3);
    expect(bankExpiries.every(isMonthly)).toBe(true); // NSE ended BANKNIFTY weeklies in November 2024

    // lot sizes of the February 2026 master (NIFTY 65, BANKNIFTY 30, FINNIFTY 60), options tick ₹0.05
    expect(new Set(nifty.map((s) => s.lotSize))).toEqual(new Set([65]));
    expect(new Set(bank.map((s) => s.lotSize))).toEqual(new Set([30]));
    expect(new Set([...nifty, ...bank].map((s) => s.tickSize))).toEqual(new Set([0.05]));
    const futures = u.filter((s) => s.instrumentType === 'FUTIDX');
    expect(Object.fromEntries(futures.map((f) => [f.underlyingSecurityId, [f.lotSize, f.tickSize]]))).toEqual({ '13': [65, 0.1], '25': [30, 0.2], '27': [60, 0.1] });
    // strike steps 50 (NIFTY) and 100 (BANKNIFTY) on every expiry, calls and puts on each strike
    const steps = (list: readonly SimInstrumentSpec[], expiry: string) => {
      const calls = list.filter((s) => s.expiry === expiry && s.optionType === 'CE').map((s) => s.strike!).sort((a, b) => a - b);
      const puts = list.filter((s) => s.expiry === expiry && s.optionType === 'PE').map((s) => s.strike!).sort((a, b) => a - b);
      expect(puts).toEqual(calls);
      return new Set(calls.slice(1).map((k, i) => k - calls[i]!));
    };
    for (const e of niftyExpiries) expect(steps(nifty, e), `NIFTY ${e}`).toEqual(new Set([50]));
    for (const e of bankExpiries) expect(steps(bank, e), `BANKNIFTY ${e}`).toEqual(new Set([100]));
  });

  it('tells apart the same security id in two segments (25: BANKNIFTY index, ADANIENT stock)', () => {
    const m = createMarketModel({ seed: 2, instruments: defaultUniverse(START, 2), startTimeMs: START, alwaysOpen: true });
    expect(m.instrument({ segment: 'IDX_I', securityId: '25' })!.tradingSymbol).toBe('BANKNIFTY');
    expect(m.instrument({ segment: 'NSE_EQ', securityId: '25' })!.tradingSymbol).toBe('ADANIENT');
    expect(m.ltp({ segment: 'IDX_I', securityId: '25' })).toBeGreaterThan(50_000);
    expect(m.ltp({ segment: 'NSE_EQ', securityId: '25' })).toBeLessThan(5_000);
    // BANKNIFTY options price off the index, not the stock
    const chain = m.optionChain({ segment: 'IDX_I', securityId: '25' }, m.expiries({ segment: 'IDX_I', securityId: '25' })[0]!);
    expect(chain.spot).toBe(m.ltp({ segment: 'IDX_I', securityId: '25' }));
  });

  it('counts expiries from after the close on an expiry day', () => {
    expect(upcomingExpiries(Date.parse('2026-11-24T09:00:00Z'), 1, 1).weekly).toEqual(['2026-11-24']); // 14:30 IST
    expect(upcomingExpiries(Date.parse('2026-11-24T10:00:00Z'), 1, 1)).toEqual({ weekly: ['2026-12-01'], monthly: ['2026-12-29'] });
  });
});
