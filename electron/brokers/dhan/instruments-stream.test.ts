/**
 * The master read as a stream: gunzip output pieces and in-memory slices are cut wherever they
 * fall (inside a record, inside a UTF-8 sequence), and the instruments come out the same as from
 * the whole text.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDhanMaster, readDhanMaster } from './instruments';

const C_HEADER =
  'SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME';
/** Where the parsers cut (among others): gunzip and in-memory pieces are 128 KiB. */
const CUTS = [256 * 1024, 2 * 256 * 1024, 1024 * 1024];

/** A compact master of `rows` NSE equity rows whose long names are mostly `₹` (3 UTF-8 bytes each). */
function master(rows: number, pad: number, eol: string): string {
  const lines = [`\uFEFF${C_HEADER}`];
  for (let i = 0; i < rows; i++) {
    const name = `"${'x'.repeat(i === 0 ? pad : 0)}${'₹'.repeat(60)}, ${i}"`;
    lines.push(`NSE,E,${100_000 + i},EQUITY,0,SYM${i},1.0,Sym ${i},,,,5.0000,NA,ES,EQ,${name}`);
  }
  return lines.join(eol) + eol;
}

/** A master where every cut falls inside a `₹` (on a UTF-8 continuation byte). */
function masterCutInsideUtf8(rows: number, eol: string): string {
  // Padding the first row by `pad` shifts every later byte by `pad`: find the padding on the unpadded bytes.
  const bytes = Buffer.from(master(rows, 0, eol));
  for (let pad = 0; pad < 200; pad++) {
    if (CUTS.every((c) => c - pad < bytes.length && (bytes[c - pad]! & 0xc0) === 0x80)) return master(rows, pad, eol);
  }
  throw new Error('no padding puts every cut inside a UTF-8 sequence');
}

describe('master read in pieces', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`gives the same instruments from gzip, bytes and text (${name}, 6,000 rows, cuts inside records and UTF-8)`, async () => {
      const text = masterCutInsideUtf8(6_000, eol);
      const fromText = parseDhanMaster(text, { today: '2026-02-04' });
      if (!fromText.ok) throw new Error(fromText.error.message);
      const m = fromText.value;
      expect(m.rows).toBe(6_000);
      expect(m.skipped.count).toBe(0);
      expect(m.instruments[5_999]).toMatchObject({ securityId: '105999', tradingSymbol: 'SYM5999', name: `${'₹'.repeat(60)}, 5999` });
      expect(m.instruments[0]!.name).toMatch(/^x*(₹){60}, 0$/u);
      expect(m.instruments.slice(1).filter((i, k) => i.name !== `${'₹'.repeat(60)}, ${k + 1}`)).toEqual([]);
      const fromBytes = parseDhanMaster(Buffer.from(text), { today: '2026-02-04' });
      const fromGzip = await readDhanMaster(gzipSync(text), { today: '2026-02-04' });
      expect(fromBytes).toEqual(fromText);
      expect(fromGzip).toEqual(fromText);
    });
  }

  it('stops at a header that is not a master without reading on, from gzip too', async () => {
    const text = `A,B,C\n${'1,2,3\n'.repeat(200_000)}`;
    const r = await readDhanMaster(gzipSync(text));
    expect(r.ok === false && r.error.message).toMatch(/unknown header/);
  });
});
