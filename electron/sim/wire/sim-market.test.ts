import { describe, expect, it } from 'vitest';
import type { SimInstrumentSpec } from '../sim-instrument';
import { SimMarket } from './sim-market';

const START = Date.parse('2026-11-20T04:30:00Z');
const base = { lotSize: 1, tickSize: 0.05, expiry: null, strike: null, optionType: null, underlyingSecurityId: null, volatility: 0.2 } as const;
const stock = (id: string, price: number): SimInstrumentSpec => ({ ...base, segment: 'NSE_EQ', securityId: id, tradingSymbol: `S${id}`, instrumentType: 'EQUITY', initialPrice: price });

describe('SimMarket', () => {
  it('activates instruments lazily with their underlying, and skips one the model refuses without losing the rest', () => {
    const catalogue: SimInstrumentSpec[] = [
      { ...base, segment: 'IDX_I', securityId: '13', tradingSymbol: 'NIFTY', instrumentType: 'INDEX', initialPrice: 25_000 },
      stock('1', 100),
      stock('2', 200),
      { ...stock('3', 300), tickSize: 0 }, // a tick size of 0: the model refuses it
      { ...base, segment: 'NSE_FNO', securityId: '50', tradingSymbol: 'S1-FUT', instrumentType: 'FUTSTK', expiry: '2026-11-24', underlyingSecurityId: '1', initialPrice: 100, lotSize: 10 },
    ];
    const m = new SimMarket({ seed: 1, catalogue, startTimeMs: START, alwaysOpen: true, eagerLimit: 0 });
    expect(m.model.instruments().map((s) => s.securityId)).toEqual(['13']);
    expect(m.ensure(['NSE_FNO:50'])).toBe(true);
    expect(m.model.instruments().map((s) => s.securityId)).toEqual(['13', '1', '50']);
    expect(m.ensure(['NSE_EQ:3', 'NSE_EQ:2', 'NSE_EQ:404'])).toBe(true);
    expect(m.model.instruments().map((s) => s.securityId)).toEqual(['13', '1', '50', '2']);
    expect([m.refused, m.activeKey('NSE_EQ:3'), m.activeKey('NSE_EQ:2')]).toEqual([1, false, true]);
    expect(m.ensure(['NSE_EQ:2'])).toBe(false);
    // the engine trades the lazily added future against its book
    const r = m.engine.placeOrder({ instrument: { segment: 'NSE_FNO', securityId: '50' }, side: 'BUY', quantity: 10, product: 'MARGIN', orderType: 'MARKET', validity: 'DAY' });
    expect(r.ok && r.order.status).toBe('TRADED');
  });
});
