import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyBound, newEditScratch, prefixEditDistance } from './fuzzy';

/** Textbook optimal-string-alignment distance, full matrix, no bound. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Smallest OSA distance from `typed` to any prefix of `key`. */
function slowPrefixDistance(typed: string, key: string): number {
  let best = Infinity;
  for (let j = 0; j <= key.length; j++) best = Math.min(best, osa(typed, key.slice(0, j)));
  return best;
}

describe('prefix edit distance', () => {
  const scratch = newEditScratch(4);

  it('counts a missing letter, a swap, an extra letter, and is 0 on a prefix', () => {
    expect(prefixEditDistance('HDFCBNK', 'HDFCBANK', 2, scratch)).toBe(1);
    expect(prefixEditDistance('RELAINCE', 'RELIANCE', 2, scratch)).toBe(1);
    expect(prefixEditDistance('RELIANCEE', 'RELIANCE', 2, scratch)).toBe(1);
    expect(prefixEditDistance('RELIANC', 'RELIANCE', 2, scratch)).toBe(0);
    expect(prefixEditDistance('TATAMOTRS', 'TATAMOTORS', 2, scratch)).toBe(1);
    expect(prefixEditDistance('INFOSYS', 'INFY', 2, scratch)).toBe(3); // above the bound: bound + 1
  });

  it('equals the textbook distance wherever that is within the bound (any length: scratch grows)', () => {
    const letters = fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'N'), maxLength: 9 });
    fc.assert(
      fc.property(letters, letters, fc.integer({ min: 0, max: 3 }), (typed, key, bound) => {
        const slow = slowPrefixDistance(typed, key);
        expect(prefixEditDistance(typed, key, bound, scratch)).toBe(slow <= bound ? slow : bound + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('allows no typo under 4 letters, 1 up to 6, 2 from 7', () => {
    expect([3, 4, 6, 7, 12].map(fuzzyBound)).toEqual([0, 1, 1, 2, 2]);
  });
});
