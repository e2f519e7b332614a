import { describe, expect, it } from 'vitest';
import type { Instrument } from '../instruments';
import { packedTransferables, packInstruments, PackedInstrumentsError, unpackInstruments } from './packed-instruments';
import { cash, deriv } from './test-instruments';

describe('packed instruments', () => {
  const rows = [
    cash('NSE_EQ', 'M&M', 'Mahindra & Mahindra', { name: 'MAHINDRA & MAHINDRA LTD' }),
    cash('IDX_I', 'NIFTY', 'Nifty 50', { name: null, series: null }),
    { ...cash('BSE_EQ', 'ÉCLAIR', 'Éclair\u001fSweets'), tickSize: 0.01 },
    deriv('NSE_CURRENCY', 'USDINR', '2026-03-27', 85.25, 'PE', { type: 'OPTCUR' }),
    deriv('MCX_COMM', 'GOLD', '2026-04-02', undefined, undefined, { type: 'FUTCOM' }),
  ];

  it('round-trips every field (a U+001F inside a field becomes a space)', () => {
    const packed = packInstruments(rows);
    expect(packed.count).toBe(5);
    expect(packed.skipped).toBe(0);
    const back = unpackInstruments(packed);
    expect(back[0]).toEqual(rows[0]);
    expect(back[1]).toEqual(rows[1]);
    expect(back[2]).toEqual({ ...rows[2], displayName: 'Éclair Sweets', name: 'ÉCLAIR SWEETS' });
    expect(back[3]).toEqual(rows[3]);
    expect(back[3]!.strike).toBe(85.25);
    expect(back[4]).toEqual(rows[4]);
    expect(back[4]!.strike).toBeNull();
  });

  it('leaves out rows it cannot represent and counts them', () => {
    const odd = { ...rows[0]!, segment: 'NCDEX' } as unknown as Instrument;
    const packed = packInstruments([odd, rows[1]!]);
    expect(packed.skipped).toBe(1);
    expect(unpackInstruments(packed).map((r) => r.tradingSymbol)).toEqual(['NIFTY']);
  });

  it('hands over its three buffers for transfer', () => {
    const packed = packInstruments(rows);
    expect(packedTransferables(packed)).toEqual([packed.text.buffer, packed.numbers.buffer, packed.codes.buffer]);
  });

  it('refuses parts that disagree instead of inventing rows', () => {
    const packed = packInstruments(rows);
    expect(() => unpackInstruments({ ...packed, count: 6 })).toThrow(PackedInstrumentsError);
    expect(() => unpackInstruments({ ...packed, text: packed.text.subarray(0, packed.text.length - 3) })).toThrow(/ends before/);
    const extra = new Uint16Array(packed.text.length + 1);
    extra.set(packed.text);
    extra[packed.text.length] = 65;
    expect(() => unpackInstruments({ ...packed, text: extra })).toThrow(/after the last row/);
    const codes = packed.codes.slice();
    codes[0] = 99;
    expect(() => unpackInstruments({ ...packed, codes })).toThrow(/unknown segment/);
  });
});
