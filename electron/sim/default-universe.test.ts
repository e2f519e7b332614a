import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../shared/price';
import { defaultUniverse, upcomingExpiries } from './default-universe';
import { createMarketModel } from './market-model';

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
