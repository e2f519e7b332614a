import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../../shared/format';
import { charBufText, createCharBuf, writeIndianInt, writeString } from './digits';

describe('writeIndianInt', () => {
  it('groups in the Indian way', () => {
    const b = createCharBuf();
    expect(charBufText(writeIndianInt(b, 0))).toBe('0');
    expect(charBufText(writeIndianInt(b, 999))).toBe('999');
    expect(charBufText(writeIndianInt(b, 1000))).toBe('1,000');
    expect(charBufText(writeIndianInt(b, 123456))).toBe('1,23,456');
    expect(charBufText(writeIndianInt(b, 12345678))).toBe('1,23,45,678');
    expect(charBufText(writeIndianInt(b, -1234))).toBe('-1,234');
  });

  it('equals shared/format formatQuantity for every safe integer', () => {
    const b = createCharBuf();
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(charBufText(writeIndianInt(b, n))).toBe(formatQuantity(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('hands fractions and non-finite values to formatQuantity', () => {
    const b = createCharBuf();
    expect(charBufText(writeIndianInt(b, 1.5))).toBe('1.50');
    expect(charBufText(writeIndianInt(b, Number.NaN))).toBe('—');
  });

  it('writeString right-aligns any text', () => {
    const b = createCharBuf(8);
    writeString(b, 'LTP 1');
    expect(b.end).toBe(8);
    expect(charBufText(b)).toBe('LTP 1');
  });
});
