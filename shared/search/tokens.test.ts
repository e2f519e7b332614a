import { describe, expect, it } from 'vitest';
import { newFieldTokens, TokenInterner, tokenizeField } from './token-interner';
import { normalizeQuery, prefixRange } from './tokens';

describe('query normalisation', () => {
  it('upper-cases, trims, collapses whitespace, keeps punctuation inside words', () => {
    expect(normalizeQuery('  nifty\t 24500  ce ')).toEqual({ whole: 'NIFTY 24500 CE', tokens: ['NIFTY', '24500', 'CE'] });
    expect(normalizeQuery('bajaj-auto')).toEqual({ whole: 'BAJAJ-AUTO', tokens: ['BAJAJ-AUTO'] });
    expect(normalizeQuery('   ')).toEqual({ whole: '', tokens: [] });
    expect(normalizeQuery('a b c d e f g h i j').tokens).toHaveLength(8);
  });
});

describe('field tokens', () => {
  it('gives the words in order and the letter/digit runs of punctuated words, upper-cased', () => {
    const interner = new TokenInterner(4);
    const out = newFieldTokens();
    tokenizeField('Mahindra & Mahindra', interner, out);
    expect(Array.from(out.words.subarray(0, out.wordCount), (id) => interner.list[id])).toEqual(['MAHINDRA', '&', 'MAHINDRA']);
    expect(out.runCount).toBe(0);
    tokenizeField('SFL-9.4%-NCD bajaj-auto', interner, out);
    expect(Array.from(out.words.subarray(0, out.wordCount), (id) => interner.list[id])).toEqual(['SFL-9.4%-NCD', 'BAJAJ-AUTO']);
    expect(Array.from(out.runs.subarray(0, out.runCount), (id) => interner.list[id])).toEqual(['SFL', '9', '4', 'NCD', 'BAJAJ', 'AUTO']);
  });

  it('interns a token once whatever its case, including non-ASCII and through table growth', () => {
    const interner = new TokenInterner(2);
    const a = interner.id('x Nifty y', 2, 7);
    expect(interner.id('NIFTY', 0, 5)).toBe(a);
    const e = interner.id('éclair', 0, 6);
    expect(interner.id('ÉCLAIR', 0, 6)).toBe(e);
    expect(interner.list[e]).toBe('ÉCLAIR');
    for (let i = 0; i < 5000; i++) interner.id(`T${i}`, 0, `T${i}`.length);
    expect(interner.id('nifty', 0, 5)).toBe(a);
    expect(interner.id('t4999', 0, 5)).toBe(interner.list.indexOf('T4999'));
    expect(interner.size).toBe(5002);
    const { sorted, remap } = interner.sorted();
    expect(sorted[remap[a]!]).toBe('NIFTY');
    expect([...sorted].sort()).toEqual(sorted);
  });
});

describe('prefix ranges', () => {
  it('is the contiguous run of sorted entries starting with the prefix', () => {
    const xs = ['BANK', 'NIFTY', 'NIFTY50', 'NIFTYIT', 'NIFTZ', 'RELIANCE'];
    expect(prefixRange(xs, 'NIFTY')).toEqual({ lo: 1, hi: 4 });
    expect(prefixRange(xs, 'Q')).toEqual({ lo: 5, hi: 5 });
    expect(prefixRange(xs, '')).toEqual({ lo: 0, hi: 6 });
  });
});
