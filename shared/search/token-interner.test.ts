/**
 * tokenizeFieldAfter (reuses the words a field shares with the previous one) against
 * tokenizeField: the same tokens for any run of fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newFieldMemo, newFieldTokens, TokenInterner, tokenizeField, tokenizeFieldAfter, type FieldTokens } from './token-interner';

function tokens(f: FieldTokens, interner: TokenInterner): { words: string[]; runs: string[] } {
  return {
    words: [...f.words.subarray(0, f.wordCount)].map((id) => interner.list[id]!),
    runs: [...f.runs.subarray(0, f.runCount)].map((id) => interner.list[id]!),
  };
}

describe('tokenizeFieldAfter', () => {
  it('gives the tokens tokenizeField gives, for runs of similar display names', () => {
    const word = fc.constantFrom('NIFTY', 'nifty', 'NIFTYNXT50', '30', '3', 'MAR', 'MARCH', '31250', '3125', 'CE', 'PE', 'BAJAJ-AUTO', 'M&M', 'Café', 'FUT', '');
    const field = fc.array(word, { maxLength: 6 }).chain((ws) =>
      fc.constantFrom(' ', '  ', '\t').map((sep) => ws.join(sep)),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 12 }), (fields) => {
        const interner = new TokenInterner(16);
        const plain = newFieldTokens();
        const after = newFieldTokens();
        const memo = newFieldMemo();
        for (const s of fields) {
          tokenizeField(s, interner, plain);
          tokenizeFieldAfter(s, interner, after, memo);
          expect(tokens(after, interner), JSON.stringify(s)).toEqual(tokens(plain, interner));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the shared words of `NIFTY 30 MAR 31250 CE` and re-reads a word that only starts alike', () => {
    const interner = new TokenInterner(16);
    const f = newFieldTokens();
    const memo = newFieldMemo();
    tokenizeFieldAfter('NIFTY 30 MAR 31250 CE', interner, f, memo);
    tokenizeFieldAfter('NIFTY 30 MAR 31250 PE', interner, f, memo);
    expect(tokens(f, interner).words).toEqual(['NIFTY', '30', 'MAR', '31250', 'PE']);
    tokenizeFieldAfter('NIFTY 30 MARCH', interner, f, memo);
    expect(tokens(f, interner).words).toEqual(['NIFTY', '30', 'MARCH']);
    tokenizeFieldAfter('NIFTY 3', interner, f, memo);
    expect(tokens(f, interner).words).toEqual(['NIFTY', '3']);
    tokenizeFieldAfter('BAJAJ-AUTO 26 FEB', interner, f, memo);
    expect(tokens(f, interner)).toEqual({ words: ['BAJAJ-AUTO', '26', 'FEB'], runs: ['BAJAJ', 'AUTO'] });
    tokenizeFieldAfter('BAJAJ-AUTO 26 FEB 9500 CE', interner, f, memo);
    expect(tokens(f, interner)).toEqual({ words: ['BAJAJ-AUTO', '26', 'FEB', '9500', 'CE'], runs: ['BAJAJ', 'AUTO'] });
  });
});
