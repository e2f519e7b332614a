import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListMerge } from './list-merge';

describe('ListMerge', () => {
  it('yields the union of ascending lists in order, repeats once per list', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(50)), { maxLength: 12 }), (lists) => {
        const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
        const arr = Int32Array.from(sorted.flat());
        const m = new ListMerge(lists.length);
        m.reset(arr);
        let at = 0;
        for (const l of sorted) {
          m.add(at, at + l.length);
          at += l.length;
        }
        m.build();
        const out: number[] = [];
        for (let v = m.next(); v !== -1; v = m.next()) out.push(v);
        expect(out).toEqual(sorted.flat().sort((a, b) => a - b));
      }),
    );
  });
});
