/**
 * CsvRecordReader: records come out the same wherever the text is cut into pieces (inside a
 * record, a quoted field, a CRLF pair, an escaped quote), with CRLF, CR or LF line ends, a
 * byte-order mark kept for the header reader, blank lines dropped and quoting errors reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from './instruments-csv';

interface Read {
  records: string[][];
  bad: number[];
}

/** Reads `pieces` one after the other (parsing at every piece) and collects records and bad-row positions. */
function read(pieces: readonly string[], minParseChars = 1, stopAfter = Infinity): Read {
  const out: Read = { records: [], bad: [] };
  const reader = new CsvRecordReader((records, bad) => {
    for (let k = 0; k < records.length; k++) {
      if (bad?.has(k)) out.bad.push(out.records.length);
      out.records.push([...records[k]!]);
    }
    return out.records.length < stopAfter;
  }, minParseChars);
  for (const p of pieces) reader.push(p);
  reader.end();
  return out;
}

const BODY = [
  '\uFEFFSEM_EXM_EXCH_ID,SEM_SMST_SECURITY_ID,SM_SYMBOL_NAME',
  'NSE,1333,"HDFC BANK, LTD"',
  '',
  'NSE,2885,"RELIANCE ""RIL"" IND"',
  'BSE,500325,"two',
  'lines"',
  'MCX,451666,Café ₹',
];
const EXPECTED = [
  ['\uFEFFSEM_EXM_EXCH_ID', 'SEM_SMST_SECURITY_ID', 'SM_SYMBOL_NAME'],
  ['NSE', '1333', 'HDFC BANK, LTD'],
  ['NSE', '2885', 'RELIANCE "RIL" IND'],
  ['BSE', '500325', 'two\nlines'],
  ['MCX', '451666', 'Café ₹'],
];

describe('CsvRecordReader', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`gives the same records for every cut of a ${name} file into two pieces, and for one-character pieces`, () => {
      const text = BODY.join(eol) + eol;
      const expected = EXPECTED.map((r) => r.map((f) => f.replace('\n', eol)));
      expect(read([text]).records).toEqual(expected);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(read([text.slice(0, cut), text.slice(cut)]).records, `cut at ${cut}`).toEqual(expected);
      }
      expect(read([...text]).records).toEqual(expected);
      // Without a line end after the last record.
      expect(read([...text.slice(0, -eol.length)]).records).toEqual(expected);
    });
  }

  it('agrees with a one-piece parse for random quote-free and quoted files cut anywhere', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9 .\-]{0,8}$/),
      fc.stringMatching(/^[A-Za-z,"\n ]{0,8}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const file = fc.tuple(
      fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
    );
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { maxLength: 6 }), ([rows, eol], cuts) => {
        const text = rows.map((r) => r.join(',')).join(eol) + eol;
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, i) => text.slice(from, [...at, text.length][i]));
        expect(read(pieces)).toEqual(read([text], Infinity));
      }),
      { numRuns: 500 },
    );
  });

  it('reports a quote left open as a bad record that swallows the rest, however the text is cut', () => {
    const text = 'a,b\nc,"d\ne,f\ng,h\n';
    const whole = read([text]);
    expect(whole.records).toEqual([['a', 'b'], ['c', 'd\ne,f\ng,h\n']]);
    expect(whole.bad).toEqual([1]);
    for (let cut = 0; cut <= text.length; cut++) expect(read([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('reports a stray quote inside a quoted field on its record only', () => {
    const r = read(['x,"ab"c",d\n', 'y,z\n']);
    expect(r.bad).toEqual([0]);
    expect(r.records[1]).toEqual(['y', 'z']);
  });

  it('stops reading when the sink says so', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n');
    const r = read(rows.match(/[^]{1,7}/g)!, 1, 3);
    expect(r.records.length).toBeGreaterThanOrEqual(3);
    expect(r.records.length).toBeLessThan(50);
    expect(r.records.slice(0, 3)).toEqual([['0', 'x'], ['1', 'x'], ['2', 'x']]);
  });

  it('gathers small pieces before parsing and still reads everything', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `${i},"v,${i}"`).join('\r\n');
    const r = read(text.match(/[^]{1,100}/g)!, 4096);
    expect(r.records).toHaveLength(3000);
    expect(r.records[2999]).toEqual(['2999', 'v,2999']);
    expect(r.bad).toEqual([]);
  });
});
