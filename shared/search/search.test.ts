import { describe, expect, it } from 'vitest';
import { buildInstrumentIndex } from './instrument-index';
import type { SearchRecord } from './test-instruments';
import { createInstrumentSearch, type SearchHit, type SearchOptions } from './search';
import { cash, deriv } from './test-instruments';

const TODAY = '2026-02-06';

function searcher(rows: SearchRecord[]) {
  const s = createInstrumentSearch(buildInstrumentIndex(rows, { today: TODAY }));
  const find = (q: string, o?: SearchOptions): { hits: SearchHit[]; names: string[] } => {
    const hits = s.search(q, o);
    return { hits, names: hits.map((h) => `${rows[h.index]!.segment} ${rows[h.index]!.displayName}`) };
  };
  return { s, find };
}

describe('ranking tiers', () => {
  const rows = [
    deriv('NSE_FNO', 'RELIANCE', '2026-03-30', 1400, 'CE', { type: 'OPTSTK' }),
    cash('NSE_EQ', 'RELINFRA', 'Reliance Infrastructure'),
    cash('NSE_EQ', 'RPOWER', 'Reliance Power'),
    deriv('NSE_FNO', 'RELIANCE', '2026-02-24', undefined, undefined, { type: 'FUTSTK' }),
    cash('BSE_EQ', 'RELIANCE', 'Reliance Industries'),
    cash('NSE_EQ', 'RELIANCE', 'Reliance Industries'),
    cash('NSE_EQ', 'RELAXO', 'Relaxo Footwears'),
  ];
  const { find } = searcher(rows);

  it('puts the exact symbol first: cash NSE, cash BSE, then its contracts by expiry', () => {
    const { hits, names } = find('RELIANCE');
    expect(names.slice(0, 4)).toEqual([
      'NSE_EQ Reliance Industries',
      'BSE_EQ Reliance Industries',
      'NSE_FNO RELIANCE FEB FUT',
      'NSE_FNO RELIANCE 30 MAR 1400 CE',
    ]);
    expect(hits.slice(0, 4).every((h) => h.tier === 'exact')).toBe(true);
    // "Reliance Infrastructure" / "Reliance Power" match the display name's first word only.
    expect(hits.slice(4).map((h) => h.tier)).toEqual(['prefix', 'prefix']);
  });

  it('puts symbol prefixes before display-name prefixes', () => {
    const { hits, names } = find('RELI');
    expect(names.slice(0, 5)).toEqual([
      'NSE_EQ Reliance Infrastructure', // RELINFRA: symbol prefix, 8 letters
      'NSE_EQ Reliance Industries', // RELIANCE
      'BSE_EQ Reliance Industries',
      'NSE_FNO RELIANCE FEB FUT',
      'NSE_FNO RELIANCE 30 MAR 1400 CE',
    ]);
    expect(names[5]).toBe('NSE_EQ Reliance Power'); // RPOWER: only its display name starts with RELI
    expect(hits.slice(0, 6).every((h) => h.tier === 'prefix')).toBe(true);
    // RELAXO is one letter off RELI: only as a fuzzy match, after everything else.
    expect(names.slice(6)).toEqual(['NSE_EQ Relaxo Footwears']);
    expect(hits[6]!.tier).toBe('fuzzy');
  });

  it('matches words in any order across fields, whole words first', () => {
    const { hits, names } = find('1400 ce reliance');
    expect(names).toEqual(['NSE_FNO RELIANCE 30 MAR 1400 CE']);
    expect(hits[0]!.tier).toBe('tokens');
    // The long name is searchable too ("RELIANCE POWER" is not a name here; "Footwears" is).
    expect(find('footw').names).toEqual(['NSE_EQ Relaxo Footwears']);
  });

  it('falls back to fuzzy symbols only when nothing better fills the list', () => {
    const { hits, names } = find('RELAINCE');
    expect(names[0]).toBe('NSE_EQ Reliance Industries');
    expect(hits.every((h) => h.tier === 'fuzzy')).toBe(true);
    expect(find('RELIANCEE').names[0]).toBe('NSE_EQ Reliance Industries'); // an extra letter
    expect(find('RPWER').names).toEqual(['NSE_EQ Reliance Power']); // a missing letter
    expect(find('RPWER', { limit: 1 }).names).toEqual(['NSE_EQ Reliance Power']);
    expect(find('XYZQW').names).toEqual([]);
  });

  it('lists a row once when it holds the word whole and as a prefix of another token', () => {
    const one = searcher([deriv('NSE_FNO', 'NIFTY', '2026-02-24', 24500, 'CE')]);
    expect(one.find('24').hits).toEqual([{ index: 0, tier: 'tokens' }]);
    expect(one.find('2').hits).toEqual([{ index: 0, tier: 'tokens' }]);
  });

  it('gives nothing for a blank query', () => {
    expect(find('').hits).toEqual([]);
    expect(find('   \t ').hits).toEqual([]);
  });
});

describe('derivatives named the way traders say them', () => {
  const rows = [
    cash('IDX_I', 'NIFTY', 'Nifty 50', { name: 'NIFTY' }),
    cash('IDX_I', 'BANKNIFTY', 'Nifty Bank', { name: 'BANKNIFTY' }),
    deriv('NSE_FNO', 'NIFTY', '2026-03-30', 24500, 'CE'),
    deriv('NSE_FNO', 'NIFTY', '2026-02-10', 24500, 'PE'),
    deriv('NSE_FNO', 'NIFTY', '2026-02-10', 24500, 'CE'),
    deriv('NSE_FNO', 'NIFTY', '2026-02-10', 24000, 'CE'),
    deriv('NSE_FNO', 'NIFTY', '2026-02-10', 25000, 'CE'),
    deriv('NSE_FNO', 'NIFTYNXT50', '2026-02-24', 24500, 'CE'),
    deriv('NSE_FNO', 'NIFTY', '2026-02-24'),
    deriv('NSE_FNO', 'BANKNIFTY', '2026-11-24'),
    deriv('NSE_FNO', 'BANKNIFTY', '2026-02-24'),
    deriv('NSE_FNO', 'NIFTY', '2025-12-30', 24500, 'CE'), // expired before TODAY
  ];
  const { find } = searcher(rows);

  it('reads "NIFTY 24500 CE" in any case and order, nearest expiry first, expired last', () => {
    const want = [
      'NSE_FNO NIFTY 10 FEB 24500 CE',
      'NSE_FNO NIFTY 30 MAR 24500 CE',
      'NSE_FNO NIFTY 30 DEC 24500 CE',
      'NSE_FNO NIFTYNXT50 24 FEB 24500 CE', // NIFTY only prefixes its underlying: after whole-word matches
    ];
    expect(find('NIFTY 24500 CE').names).toEqual(want);
    expect(find('nifty 24500 ce').names).toEqual(want);
    expect(find('24500 CE NIFTY').names).toEqual(want);
    expect(find('NIFTY 24500 CE', { hideExpired: true }).names).not.toContain('NSE_FNO NIFTY 30 DEC 24500 CE');
  });

  it('finds the full trader name exactly and a partial one by prefix', () => {
    const exact = find('nifty 10 feb 24500 ce');
    expect(exact.names[0]).toBe('NSE_FNO NIFTY 10 FEB 24500 CE');
    expect(exact.hits[0]!.tier).toBe('exact');
    const partial = find('NIFTY 10 F');
    expect(partial.hits[0]!.tier).toBe('prefix');
    expect(partial.names).toContain('NSE_FNO NIFTY 10 FEB 24000 CE');
    expect(find('BANKNIFTY NOV FUT').names).toEqual(['NSE_FNO BANKNIFTY NOV FUT']);
  });

  it('shows the index before its contracts, futures before options, strikes near the middle first', () => {
    const { names } = find('NIFTY');
    expect(names.slice(0, 2)).toEqual(['IDX_I Nifty 50', 'NSE_FNO NIFTY FEB FUT']);
    // Feb 10 options: strikes 24000, 24500, 25000 → middle 24500 first, then the two 500 away.
    expect(names.slice(2, 6)).toEqual([
      'NSE_FNO NIFTY 10 FEB 24500 CE',
      'NSE_FNO NIFTY 10 FEB 24500 PE',
      'NSE_FNO NIFTY 10 FEB 24000 CE',
      'NSE_FNO NIFTY 10 FEB 25000 CE',
    ]);
    // the expired contract ends the exact tier; then the symbol-key prefix, then the display-name prefix
    expect(names.slice(-3)).toEqual(['NSE_FNO NIFTY 30 DEC 24500 CE', 'NSE_FNO NIFTYNXT50 24 FEB 24500 CE', 'IDX_I Nifty Bank']);
  });

  it('filters by segment and by instrument type', () => {
    expect(find('NIFTY', { segments: ['IDX_I'] }).names).toEqual(['IDX_I Nifty 50', 'IDX_I Nifty Bank']);
    expect(find('NIFTY', { instrumentTypes: ['FUTIDX'] }).names).toEqual(['NSE_FNO NIFTY FEB FUT']);
    expect(find('BANKNIFTY', { instrumentTypes: ['FUTIDX', 'INDEX'] }).names).toEqual([
      'IDX_I Nifty Bank',
      'NSE_FNO BANKNIFTY FEB FUT',
      'NSE_FNO BANKNIFTY NOV FUT',
    ]);
    expect(find('NIFTY', { segments: ['BSE_FNO'] }).names).toEqual([]);
  });

  it('stops at the limit (clamped; a limit that is not a number means the default)', () => {
    expect(find('NIFTY', { limit: 3 }).names).toHaveLength(3);
    expect(find('NIFTY', { limit: 0 }).names).toHaveLength(1);
    // every row with a word starting NIFTY (all but the two BANKNIFTY futures), under the default 50
    expect(find('NIFTY', { limit: Number.NaN }).names).toHaveLength(rows.length - 2);
    expect(find('NIFTY', { limit: 3 }).names[0]).toBe('IDX_I Nifty 50');
  });
});

describe('symbols with punctuation', () => {
  const rows = [
    cash('NSE_EQ', 'BAJAJ-AUTO', 'Bajaj Auto'),
    cash('NSE_EQ', 'M&M', 'Mahindra & Mahindra'),
    deriv('NSE_FNO', 'M&M', '2026-02-24', 3500, 'CE', { type: 'OPTSTK' }),
  ];
  const { find } = searcher(rows);

  it('matches the symbol typed whole or in parts', () => {
    expect(find('BAJAJ-AUTO').hits[0]!.tier).toBe('exact');
    expect(find('bajaj auto').names).toEqual(['NSE_EQ Bajaj Auto']);
    expect(find('M&M').names).toEqual(['NSE_EQ Mahindra & Mahindra', 'NSE_FNO M&M 24 FEB 3500 CE']);
    expect(find('M&M 3500').names).toEqual(['NSE_FNO M&M 24 FEB 3500 CE']);
  });
});

describe('incremental narrowing', () => {
  const rows: SearchRecord[] = [];
  for (const u of ['NIFTY', 'BANKNIFTY', 'FINNIFTY']) {
    for (const e of ['2026-02-10', '2026-02-17', '2026-03-30']) {
      for (let k = 20000; k <= 26000; k += 500) {
        rows.push(deriv('NSE_FNO', u, e, k, 'CE'), deriv('NSE_FNO', u, e, k, 'PE'));
      }
      rows.push(deriv('NSE_FNO', u, e));
    }
    rows.push(cash('IDX_I', u, u));
  }

  it('gives the same answer typed key by key as asked fresh, with and without filters', () => {
    const typed = createInstrumentSearch(buildInstrumentIndex(rows, { today: TODAY }));
    const fresh = () => createInstrumentSearch(buildInstrumentIndex(rows, { today: TODAY }));
    for (const options of [{}, { segments: ['NSE_FNO' as const] }, { limit: 500 }]) {
      for (const q of ['NIFTY 24500 CE', 'BANKNIFTY 10 FEB 21000 PE', 'F 2 C']) {
        for (let i = 1; i <= q.length; i++) {
          const part = q.slice(0, i);
          expect(typed.search(part, options)).toEqual(fresh().search(part, options));
        }
      }
      // Backspacing (the query no longer extends the previous one).
      expect(typed.search('NIFTY 2', options)).toEqual(fresh().search('NIFTY 2', options));
    }
  });
});

describe('odd rows', () => {
  it('indexes rows with empty fields, unknown codes or a malformed expiry without throwing', () => {
    const odd = [
      { ...cash('NSE_EQ', '', ''), name: null },
      { ...cash('NSE_EQ', 'ODD', 'Odd Co'), segment: 'NCDEX' as never, instrumentType: 'BOND' as never },
      { ...deriv('NSE_FNO', 'ODDF', '2026-03-30'), expiry: '30/03/2026' },
      cash('NSE_EQ', 'GOOD', 'Good Co'),
    ];
    const { find } = searcher(odd);
    expect(find('GOOD').names).toEqual(['NSE_EQ Good Co']);
    expect(find('ODD').hits.map((h) => h.index).sort()).toEqual([1, 2]);
    // an unknown segment matches no segment filter
    expect(find('ODD', { segments: ['NSE_EQ'] }).hits).toEqual([]);
  });
});
