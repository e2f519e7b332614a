import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/instruments';
import { formatExpiry, hitLabel } from './hit-label';

const base: Instrument = {
  exchange: 'NSE', segment: 'NSE_EQ', securityId: '2885', securityIdNum: 2885, tradingSymbol: 'RELIANCE', underlying: 'RELIANCE',
  underlyingSecurityId: null, displayName: 'Reliance Industries', name: 'RELIANCE INDUSTRIES LTD', instrumentType: 'EQUITY',
  series: 'EQ', lotSize: 1, tickSize: 0.1, expiry: null, expiryCycle: null, strike: null, optionType: null, isin: null, freezeQuantity: null,
};

describe('search hit label', () => {
  it('shows a cash row without contract or lot', () => {
    expect(hitLabel(base)).toEqual({ symbol: 'RELIANCE', name: 'Reliance Industries', segment: 'NSE_EQ', type: 'EQUITY', contract: '', lot: '' });
  });

  it('shows expiry, strike, option type and lot size of an option', () => {
    const opt: Instrument = {
      ...base, segment: 'NSE_FNO', instrumentType: 'OPTIDX', displayName: 'NIFTY 27 NOV 24500 CE', expiry: '2025-11-27',
      strike: 24500, optionType: 'CE', lotSize: 75,
    };
    expect(hitLabel(opt)).toMatchObject({ contract: '27 NOV 2025 · 24500 CE', lot: 'lot 75', type: 'OPTIDX' });
  });

  it('shows the expiry of a future without a strike', () => {
    expect(hitLabel({ ...base, segment: 'MCX_COMM', instrumentType: 'FUTCOM', expiry: '2026-02-05', lotSize: 1 }).contract).toBe('05 FEB 2026');
    expect(formatExpiry('not-a-date')).toBe('not-a-date');
  });
});
