import { describe, expect, it } from 'vitest';
import { INSTRUMENT_TYPES, type InstrumentType } from '../../../shared/instruments';
import { showsOiColumn } from './watchlist-columns';

const of = (...types: InstrumentType[]) => types.map((instrumentType) => ({ instrumentType }));

describe('watchlist OI column', () => {
  it('is hidden for a list of cash equities and indices, and for an empty list', () => {
    expect(showsOiColumn(of('EQUITY', 'INDEX', 'EQUITY'))).toBe(false);
    expect(showsOiColumn([])).toBe(false);
  });

  it('shows as soon as one row is a future or an option of any segment', () => {
    for (const t of INSTRUMENT_TYPES.filter((x) => x !== 'EQUITY' && x !== 'INDEX')) {
      expect(showsOiColumn(of('EQUITY', t)), t).toBe(true);
    }
  });

  it('ignores rows whose details are not loaded yet', () => {
    expect(showsOiColumn([undefined, { instrumentType: 'EQUITY' }])).toBe(false);
    expect(showsOiColumn([undefined, { instrumentType: 'FUTIDX' }])).toBe(true);
  });
});
