import { describe, expect, it } from 'vitest';
import {
  EXCHANGE_SEGMENTS,
  INSTRUMENT_TYPES,
  formatDerivativeName,
  formatStrike,
  instrumentKey,
  isDerivative,
  isExpired,
  isFuture,
  isIsoDate,
  isOption,
  istDateOf,
  keyOf,
  parseInstrumentKey,
  priceDecimals,
} from './instruments';

describe('instrument keys', () => {
  it('joins segment and security id, and splits them back', () => {
    expect(instrumentKey('NSE_EQ', '1333')).toBe('NSE_EQ:1333');
    expect(instrumentKey('IDX_I', 13)).toBe('IDX_I:13');
    expect(keyOf({ segment: 'BSE_FNO', securityId: '1161944' })).toBe('BSE_FNO:1161944');
    for (const s of EXCHANGE_SEGMENTS) {
      expect(parseInstrumentKey(instrumentKey(s, '35060'))).toEqual({ segment: s, securityId: '35060' });
    }
  });

  it('refuses keys with an unknown segment or a non-numeric security id', () => {
    expect(parseInstrumentKey('NFO:35060')).toBeNull();
    expect(parseInstrumentKey('NSE_EQ:HDFCBANK')).toBeNull();
    expect(parseInstrumentKey('NSE_EQ:')).toBeNull();
    expect(parseInstrumentKey('NSE_EQ1333')).toBeNull();
  });
});

describe('instrument type predicates', () => {
  it('split the annexure types into cash/index, futures and options', () => {
    const fut = INSTRUMENT_TYPES.filter(isFuture);
    const opt = INSTRUMENT_TYPES.filter(isOption);
    const der = INSTRUMENT_TYPES.filter(isDerivative);
    expect(fut).toEqual(['FUTIDX', 'FUTSTK', 'FUTCOM', 'FUTCUR']);
    expect(opt).toEqual(['OPTIDX', 'OPTSTK', 'OPTFUT', 'OPTCUR']);
    expect([...der].sort()).toEqual([...fut, ...opt].sort());
    expect(INSTRUMENT_TYPES.filter((t) => !isDerivative(t))).toEqual(['INDEX', 'EQUITY']);
  });

  it('gives currency segments 4 price decimals and the others 2', () => {
    expect(EXCHANGE_SEGMENTS.filter((s) => priceDecimals(s) === 4)).toEqual(['NSE_CURRENCY', 'BSE_CURRENCY']);
  });
});

describe('dates', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2026-03-30')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(false);
    expect(isIsoDate('2026-3-30')).toBe(false);
    expect(isIsoDate('2026-03-30 14:30:00')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('takes the IST calendar date of a UTC instant', () => {
    expect(istDateOf(Date.UTC(2026, 1, 4, 18, 29))).toBe('2026-02-04');
    expect(istDateOf(Date.UTC(2026, 1, 4, 18, 30))).toBe('2026-02-05');
  });

  it('calls a contract expired only after its expiry day', () => {
    expect(isExpired({ expiry: '2026-02-10' }, '2026-02-10')).toBe(false);
    expect(isExpired({ expiry: '2026-02-10' }, '2026-02-11')).toBe(true);
    expect(isExpired({ expiry: null }, '2099-01-01')).toBe(false);
  });
});

describe('formatDerivativeName', () => {
  const opt = {
    underlying: 'NIFTY',
    instrumentType: 'OPTIDX',
    expiry: '2025-11-27',
    expiryCycle: 'WEEKLY',
    strike: 24500,
    optionType: 'CE',
  } as const;

  it('names options the way traders say them', () => {
    expect(formatDerivativeName(opt)).toBe('NIFTY 27 NOV 24500 CE');
    expect(formatDerivativeName({ ...opt, optionType: 'PE', expiry: '2026-03-05' })).toBe('NIFTY 05 MAR 24500 PE');
    expect(
      formatDerivativeName({ ...opt, underlying: 'EURINR', instrumentType: 'OPTCUR', strike: 104.75, expiry: '2026-03-27' }),
    ).toBe('EURINR 27 MAR 104.75 CE');
  });

  it('names monthly futures without the day and weekly futures with it', () => {
    const fut = { ...opt, instrumentType: 'FUTIDX', strike: null, optionType: null } as const;
    expect(formatDerivativeName({ ...fut, expiryCycle: 'MONTHLY' })).toBe('NIFTY NOV FUT');
    expect(formatDerivativeName({ ...fut, expiryCycle: null })).toBe('NIFTY NOV FUT');
    expect(formatDerivativeName({ ...fut, expiryCycle: 'WEEKLY' })).toBe('NIFTY 27 NOV FUT');
  });

  it('adds the year only when the expiry is in another year than the reference one', () => {
    expect(formatDerivativeName(opt, 2025)).toBe('NIFTY 27 NOV 24500 CE');
    expect(formatDerivativeName({ ...opt, expiry: '2030-06-27', strike: 90000, optionType: 'PE' }, 2026)).toBe(
      'NIFTY 27 JUN 2030 90000 PE',
    );
  });

  it('falls back on the underlying when the expiry is not a date', () => {
    expect(formatDerivativeName({ ...opt, expiry: '' })).toBe('NIFTY');
    expect(formatDerivativeName({ ...opt, expiry: '2026-13-01' })).toBe('NIFTY');
  });

  it('writes strikes without trailing zeros or float noise', () => {
    expect(formatStrike(24500)).toBe('24500');
    expect(formatStrike(82.5)).toBe('82.5');
    expect(formatStrike(0.1 + 0.2)).toBe('0.3');
    expect(formatStrike(104.7525)).toBe('104.7525');
  });
});

describe('trading labels', () => {
  it('puts the symbol first for cash and index rows and the spoken name for derivatives', async () => {
    const { tradingLabel, secondaryLabel } = await import('./instruments');
    const cash = { instrumentType: 'EQUITY', tradingSymbol: 'RELIANCE', displayName: 'Reliance Industries' } as const;
    const opt = { instrumentType: 'OPTIDX', tradingSymbol: 'NIFTY-Nov2026-24500-CE', displayName: 'NIFTY 27 NOV 24500 CE' } as const;
    const same = { instrumentType: 'INDEX', tradingSymbol: 'NIFTY', displayName: 'Nifty' } as const;
    expect([tradingLabel(cash), secondaryLabel(cash)]).toEqual(['RELIANCE', 'Reliance Industries']);
    expect([tradingLabel(opt), secondaryLabel(opt)]).toEqual(['NIFTY 27 NOV 24500 CE', '']);
    expect([tradingLabel(same), secondaryLabel(same)]).toEqual(['NIFTY', '']);
  });
});
