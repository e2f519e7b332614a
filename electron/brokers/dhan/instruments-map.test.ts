/**
 * Row mapping and malformed input for the Dhan master parser. Good rows are real rows copied from
 * shared/fixtures/dhan (compact 2026-02 and detailed 2026-04 masters); bad rows are those rows with
 * one field broken.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDhanMaster,
  parseDhanMasterCompact,
  parseDhanMasterDetailed,
  readDhanMaster,
  type DhanMasterParse,
} from './instruments';
import { detectDhanMasterFormat, resolveDhanMasterColumns } from './instruments-columns';
import { parseDecimal, SKIP, underlyingOfTradingSymbol } from './instruments-map';

const C_HEADER =
  'SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME';
const HDFC = 'NSE,E,1333,EQUITY,0,HDFCBANK,1.0,HDFC Bank,,,,5.0000,NA,ES,EQ,HDFC BANK LTD';
const NIFTY_IDX = 'NSE,I,13,INDEX,0,NIFTY,1.0,Nifty 50,0001-01-01,,XX,0.0500,,INDEX,X,NIFTY';
const NIFTY_CE =
  'NSE,D,35060,OPTIDX,0,NIFTY-Mar2026-31250-CE,65.0,NIFTY 30 MAR 31250 CALL,2026-03-30 14:30:00,31250.00000,CE,5.0000,M,OP,,';
const NIFTY_FUT =
  'NSE,D,51714,FUTIDX,0,NIFTY-Mar2026-FUT,65.0,NIFTY MAR FUT,2026-03-30 14:30:00,-0.01000,XX,10.0000,M,FUT,,';
const NSE_M =
  'NSE,M,121601,OPTFUT,0,CRUDEOIL-10Feb2026-3950-CE,1.0,CRUDEOIL 10 FEB 3950 CALL,2026-02-10 20:00:00,3950.00000,CE,10.0000,M,OPTFUT,1,CRUDEOIL';

const D_HEADER =
  'EXCH_ID,SEGMENT,SECURITY_ID,ISIN,INSTRUMENT,UNDERLYING_SECURITY_ID,UNDERLYING_SYMBOL,SYMBOL_NAME,DISPLAY_NAME,INSTRUMENT_TYPE,SERIES,LOT_SIZE,SM_EXPIRY_DATE,STRIKE_PRICE,OPTION_TYPE,TICK_SIZE,EXPIRY_FLAG,BRACKET_FLAG,COVER_FLAG,ASM_GSM_FLAG,ASM_GSM_CATEGORY,BUY_SELL_INDICATOR,BUY_CO_MIN_MARGIN_PER,BUY_CO_SL_RANGE_MAX_PERC,BUY_CO_SL_RANGE_MIN_PERC,BUY_BO_MIN_MARGIN_PER,BUY_BO_PROFIT_RANGE_MAX_PERC,BUY_BO_PROFIT_RANGE_MIN_PERC,MTF_LEVERAGE,SM_UPPER_LIMIT,SM_LOWER_LIMIT';
const D_HDFC =
  'NSE,E,1333,INE040A01034,EQUITY,,HDFCBANK,HDFC BANK LTD,HDFC Bank,ES,EQ,1,,,,5,NA,N,N,N,NA,A,0,0,0,0,0,0,4.545455,874.15,715.25';

const TODAY = { today: '2026-02-04' };

function ok(r: ReturnType<typeof parseDhanMaster>): DhanMasterParse {
  if (!r.ok) throw new Error(`expected a parse, got ${r.error.message}`);
  return r.value;
}

/** Replaces field `i` of a CSV row. */
function withField(row: string, i: number, value: string): string {
  const f = row.split(',');
  f[i] = value;
  return f.join(',');
}

describe('file-level errors come back as data', () => {
  it('an empty or blank file', () => {
    for (const text of ['', '\n\n', '   ', new Uint8Array()]) {
      const r = parseDhanMaster(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('MALFORMED_FRAME');
        expect(r.error.message).toMatch(/empty/);
      }
    }
  });

  it('a header that is neither master', () => {
    const r = parseDhanMaster('instrument_token,exchange_token,tradingsymbol\n1,2,X\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/unknown header/);
  });

  it('a missing required column, named in the message', () => {
    const header = C_HEADER.replace(',SEM_TICK_SIZE', '');
    const row = HDFC.split(',').filter((_, i) => i !== 11).join(',');
    const r = parseDhanMaster(`${header}\n${row}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/missing column\(s\) SEM_TICK_SIZE/);
  });

  it('the wrong master for the function asked', () => {
    const r1 = parseDhanMasterCompact(`${D_HEADER}\n${D_HDFC}\n`);
    const r2 = parseDhanMasterDetailed(`${C_HEADER}\n${HDFC}\n`);
    expect(r1.ok || r2.ok).toBe(false);
    if (!r1.ok) expect(r1.error.message).toMatch(/expected the compact master/);
  });

  it('a header with no rows is an empty master, not an error', () => {
    const m = ok(parseDhanMaster(`${C_HEADER}\n`));
    expect(m.rows).toBe(0);
    expect(m.instruments).toEqual([]);
  });
});

describe('bad rows are counted by reason and skipped; good rows are kept', () => {
  const bad: [string, string][] = [
    [withField(HDFC, 6, 'abc'), SKIP.lotSize],
    [withField(HDFC, 6, '0.0'), SKIP.lotSize],
    [withField(HDFC, 6, '2.5'), SKIP.lotSize],
    [withField(HDFC, 11, 'x'), SKIP.tickSize],
    [withField(HDFC, 11, '0.0000'), SKIP.tickSize],
    // ₹0.05 written in rupees on an equity row would read as 0.05 paise: refused, not traded x100 off.
    [withField(HDFC, 11, '0.0500'), SKIP.tickTooFine],
    [withField(HDFC, 2, 'A1333'), SKIP.securityId],
    [withField(HDFC, 2, ''), SKIP.securityId],
    [withField(HDFC, 2, '99999999999'), SKIP.securityId],
    [withField(HDFC, 3, 'FUTXYZ'), SKIP.instrument],
    [withField(HDFC, 1, 'D'), SKIP.typeSegment],
    [withField(HDFC, 0, 'NYSE'), SKIP.segment],
    [withField(HDFC, 1, 'Z'), SKIP.segment],
    [withField(HDFC, 5, ''), SKIP.tradingSymbol],
    [withField(NIFTY_CE, 10, 'XX'), SKIP.optionType],
    [withField(NIFTY_CE, 9, '-0.01000'), SKIP.strike],
    [withField(NIFTY_CE, 9, 'abc'), SKIP.strike],
    [withField(NIFTY_CE, 9, '0.001'), SKIP.strike],
    [withField(NIFTY_CE, 8, '0001-01-01'), SKIP.expiry],
    [withField(NIFTY_CE, 8, '2026-02-30 14:30:00'), SKIP.expiry],
    [withField(NIFTY_CE, 8, ''), SKIP.expiry],
    [withField(withField(NIFTY_CE, 5, 'NIFTY31250CE'), 7, ''), SKIP.underlying],
    [HDFC.split(',').slice(0, 12).join(','), SKIP.fieldCount],
    [`${HDFC},extra`, SKIP.fieldCount],
    [NSE_M, SKIP.nseCommodity],
    [withField(NIFTY_IDX, 11, '-0.05'), SKIP.tickSize],
  ];

  it('each broken field gives its own reason and the first row it happened on', () => {
    const rows = [NIFTY_IDX, ...bad.map(([row]) => row), HDFC, NIFTY_CE, NIFTY_FUT];
    const m = ok(parseDhanMaster([C_HEADER, ...rows].join('\n'), TODAY));
    expect(m.rows).toBe(rows.length);
    expect(m.instruments.map((i) => i.tradingSymbol)).toEqual(['NIFTY', 'HDFCBANK', 'NIFTY-Mar2026-31250-CE', 'NIFTY-Mar2026-FUT']);
    const expected: Record<string, number> = {};
    for (const [, reason] of bad) expected[reason] = (expected[reason] ?? 0) + 1;
    expect(m.skipped.reasons).toEqual(expected);
    expect(m.skipped.count).toBe(bad.length);
    // Row numbers are 1-based data rows: the index row is 1, the first bad row 2.
    expect(m.skipped.firstRow[SKIP.lotSize]).toBe(2);
    expect(m.skipped.firstRow[SKIP.nseCommodity]).toBe(2 + bad.findIndex(([, r]) => r === SKIP.nseCommodity));
  });

  it('a repeated security id in one segment keeps the first row; the same id in another segment is another instrument', () => {
    // Security ids are unique per segment only: 13 is ABB on NSE_EQ and NIFTY on IDX_I.
    const abb = withField(withField(withField(HDFC, 2, '13'), 5, 'ABB'), 7, 'ABB India');
    const m = ok(parseDhanMaster([C_HEADER, abb, NIFTY_IDX, withField(HDFC, 2, '13')].join('\n'), TODAY));
    expect(m.instruments.map((i) => `${i.segment}:${i.securityId}:${i.tradingSymbol}`)).toEqual([
      'NSE_EQ:13:ABB',
      'IDX_I:13:NIFTY',
    ]);
    expect(m.skipped.reasons).toEqual({ [SKIP.duplicate]: 1 });
  });
});

it('keeps an index row whose tick is 0 or empty with a ₹0.01 tick, and counts the repair', () => {
  const giftNifty = 'NSE,I,5024,INDEX,0,GIFTNIFTY,1.0,Gift Nifty,0001-01-01,,XX,0.0000,,INDEX,X,GIFTNIFTY';
  const empty = withField(withField(giftNifty, 2, '5025'), 11, '');
  const m = ok(parseDhanMaster([C_HEADER, giftNifty, empty].join('\n'), TODAY));
  expect(m.instruments.map((i) => i.tickSize)).toEqual([0.01, 0.01]);
  expect(Object.values(m.adjusted)).toEqual([2]);
  expect(m.skipped.count).toBe(0);
});

it('refuses a derivative with no expiry even as the first row of a file', () => {
  const m = ok(parseDhanMaster([C_HEADER, withField(NIFTY_FUT, 8, ''), NIFTY_CE].join('\n'), TODAY));
  expect(m.instruments.map((i) => i.expiry)).toEqual(['2026-03-30']);
  expect(m.skipped.reasons).toEqual({ [SKIP.expiry]: 1 });
});

it('writes a security id with leading zeros the canonical way', () => {
  const m = ok(parseDhanMaster([C_HEADER, withField(HDFC, 2, '001333')].join('\n'), TODAY));
  expect(m.instruments.map((i) => [i.securityId, i.securityIdNum])).toEqual([['1333', 1333]]);
});

describe('CSV shape', () => {
  it('maps columns by name: a reordered header gives the same instruments', () => {
    const straight = ok(parseDhanMaster([C_HEADER, HDFC, NIFTY_CE, NIFTY_IDX].join('\n'), TODAY));
    const rev = (line: string) => line.split(',').reverse().join(',');
    const reversed = ok(parseDhanMaster([C_HEADER, HDFC, NIFTY_CE, NIFTY_IDX].map(rev).join('\n'), TODAY));
    expect(reversed.instruments).toEqual(straight.instruments);
    expect(straight.instruments).toHaveLength(3);
  });

  it('reads quoted fields, CRLF line ends, a byte-order mark and blank lines', () => {
    const quoted = withField(HDFC, 15, '"HDFC BANK, LTD"');
    const text = `\uFEFF${C_HEADER}\r\n${quoted}\r\n\r\n${NIFTY_IDX}\r\n`;
    const m = ok(parseDhanMaster(new TextEncoder().encode(text), TODAY));
    expect(m.skipped.count).toBe(0);
    expect(m.instruments.map((i) => i.name)).toEqual(['HDFC BANK, LTD', 'NIFTY']);
  });

  it('counts a row with broken quoting as a CSV error, without throwing', () => {
    const broken = withField(HDFC, 7, '"HDFC Bank');
    const m = ok(parseDhanMaster([C_HEADER, NIFTY_IDX, withField(HDFC, 2, '1334'), broken, NIFTY_CE].join('\n'), TODAY));
    expect(m.instruments.map((i) => i.securityId)).toEqual(['13', '1334']);
    // The unclosed quote runs to the end of the file, taking the NIFTY option row with it.
    expect(m.skipped.reasons).toEqual({ [SKIP.csvQuotes]: 1 });
    expect(m.skipped.firstRow[SKIP.csvQuotes]).toBe(3);
  });

  it('reads a detailed master with a newer column set (SM_FREEZE_QTY, trailing comma) and F&O rows', () => {
    // Shaped like detailed F&O rows seen in public code (trading symbol in SYMBOL_NAME,
    // underlying id 26000): not from our fixtures, which hold no detailed F&O rows.
    const header = `${D_HEADER},SM_FREEZE_QTY,`;
    const ce =
      'NSE,D,35084,NA,OPTIDX,26000,NIFTY,NIFTY-Sep2026-29150-CE,NIFTY 29 SEP 29150 CALL,OP,NA,65.0,2026-09-29,29150.00000,CE,5.0000,M,N,N,N,NA,A,0,0,0,0,0,0,0,20.1000,0.0500,1756,';
    const fut =
      'NSE,D,49081,NA,FUTIDX,26000,NIFTY,NIFTY-Sep2026-FUT,NIFTY SEP FUT,FF,NA,65.0,2026-09-29,-0.01000,XX,10.0000,M,N,N,N,NA,A,0,0,0,0,0,0,0,26050.0000,20450.0000,1800,';
    const m = ok(parseDhanMasterDetailed([header, ce, fut, `${D_HDFC},,`].join('\n'), TODAY));
    expect(m.skipped.reasons).toEqual({});
    expect(m.instruments[0]).toMatchObject({
      segment: 'NSE_FNO',
      tradingSymbol: 'NIFTY-Sep2026-29150-CE',
      underlying: 'NIFTY',
      underlyingSecurityId: '26000',
      displayName: 'NIFTY 29 SEP 29150 CE',
      strike: 29150,
      optionType: 'CE',
      expiry: '2026-09-29',
      lotSize: 65,
      tickSize: 0.05,
      freezeQuantity: 1756,
      isin: null,
      series: null,
    });
    expect(m.instruments[1]).toMatchObject({ displayName: 'NIFTY SEP FUT', strike: null, tickSize: 0.1, freezeQuantity: 1800 });
    expect(m.instruments[2]).toMatchObject({ tradingSymbol: 'HDFCBANK', isin: 'INE040A01034', freezeQuantity: null });
  });

  it('detects the format from the header', () => {
    expect(detectDhanMasterFormat(C_HEADER.split(','))).toBe('compact');
    expect(detectDhanMasterFormat(D_HEADER.split(','))).toBe('detailed');
    expect(detectDhanMasterFormat(['a', 'b'])).toBeNull();
    const r = resolveDhanMasterColumns(D_HEADER.split(','), 'detailed');
    expect(r.ok && r.columns.freezeQty).toBe(-1);
  });
});

describe('readDhanMaster sources', () => {
  const text = [C_HEADER, HDFC, NIFTY_IDX].join('\n');

  it('reads gzip and plain bytes, from memory and from a stream, alike', async () => {
    const gz = gzipSync(text);
    for (const src of [gz, Buffer.from(text), Readable.from([gz.subarray(0, 10), gz.subarray(10)])]) {
      const r = await readDhanMaster(src, TODAY);
      expect(r.ok && r.value.instruments.map((i) => i.tradingSymbol)).toEqual(['HDFCBANK', 'NIFTY']);
    }
  });

  it('reports a missing file and corrupt gzip as errors, without throwing', async () => {
    const missing = await readDhanMaster('/nonexistent/dir/api-scrip-master.csv.gz');
    expect(missing.ok === false && missing.error.code).toBe('NOT_FOUND');
    const corrupt = gzipSync(text).subarray(0, 40);
    const bad = await readDhanMaster(corrupt);
    expect(bad.ok === false && bad.error.code).toBe('MALFORMED_FRAME');
    expect(bad.ok === false && bad.error.message).toMatch(/gzip/);
  });
});

describe('field helpers', () => {
  it('parseDecimal takes plain and E-notation decimals only', () => {
    expect(parseDecimal('65.0')).toBe(65);
    expect(parseDecimal('-0.01000')).toBe(-0.01);
    expect(parseDecimal('1.0E7')).toBe(10_000_000);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const s of ['', 'abc', '0x10', 'Infinity', '-', 'NA']) expect(parseDecimal(s)).toBeNaN();
  });

  it('underlyingOfTradingSymbol strips date, strike and CE/PE, keeping hyphens of the underlying', () => {
    expect(underlyingOfTradingSymbol('NIFTY-Mar2026-31250-CE', true)).toBe('NIFTY');
    expect(underlyingOfTradingSymbol('BAJAJ-AUTO-Feb2026-FUT', false)).toBe('BAJAJ-AUTO');
    expect(underlyingOfTradingSymbol('KAPAS-27Feb2026-FUT', false)).toBe('KAPAS');
    expect(underlyingOfTradingSymbol('EURINR-Mar2026-104.75-CE', true)).toBe('EURINR');
    expect(underlyingOfTradingSymbol('NIFTY-MAR2026-FUT', false)).toBe('');
    expect(underlyingOfTradingSymbol('NIFTY31250CE', true)).toBe('');
    expect(underlyingOfTradingSymbol('-Mar2026-FUT', false)).toBe('');
  });
});

describe('property: mutated masters never throw and never yield a bad instrument', () => {
  const rows = [HDFC, NIFTY_IDX, NIFTY_CE, NIFTY_FUT, NSE_M];
  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '"', '""', ',', '\n', '\r\n', '-0.01', '1.0E7', 'NaN', '0001-01-01', '2026-02-30', 'CE', 'XX', '１２', '007', '4294967296'),
    fc.double({ noNaN: false }).map(String),
  );
  const mutatedRow = fc
    .tuple(fc.constantFrom(...rows), fc.integer({ min: 0, max: 15 }), junk, fc.boolean())
    .map(([row, i, value, cut]) => (cut ? row.slice(0, (i * row.length) >> 4) : withField(row, i, value)));
  const master = fc.tuple(fc.boolean(), fc.array(fc.oneof(fc.constantFrom(...rows), mutatedRow), { maxLength: 30 }));

  const check = (m: DhanMasterParse): void => {
    expect(m.instruments.length + m.skipped.count).toBe(m.rows);
    const keys = new Set<string>();
    for (const i of m.instruments) {
      keys.add(`${i.segment}:${i.securityId}`);
      expect(i.tickSize).toBeGreaterThanOrEqual(0.0001);
      expect(Number.isInteger(i.lotSize) && i.lotSize >= 1).toBe(true);
      expect(i.expiry === null || /^\d{4}-\d{2}-\d{2}$/.test(i.expiry)).toBe(true);
      expect(i.strike === null || i.strike > 0).toBe(true);
      expect(Number.isInteger(i.securityIdNum) && String(i.securityIdNum) === i.securityId).toBe(true);
      expect(i.tradingSymbol.length > 0 && i.underlying.length > 0 && i.displayName.length > 0).toBe(true);
    }
    expect(keys.size).toBe(m.instruments.length);
  };

  it('holds for random detailed rows and cuts', () => {
    const header = `${D_HEADER},SM_FREEZE_QTY`;
    const dRows = [
      `${D_HDFC},`,
      'NSE,I,13,NA,INDEX,13,NIFTY,NIFTY,Nifty 50,INDEX,NA,1,0001-01-01,,XX,0.05,N,N,N,N,NA,A,0,0,0,0,0,0,0,0,0,',
      'NSE,D,35084,NA,OPTIDX,26000,NIFTY,NIFTY-Sep2026-29150-CE,NIFTY 29 SEP 29150 CALL,OP,NA,65.0,2026-09-29,29150.00000,CE,5.0000,M,N,N,N,NA,A,0,0,0,0,0,0,0,20.1000,0.0500,1756',
    ];
    // The unmutated rows are all good, so the mutations are what gets tested.
    expect(ok(parseDhanMasterDetailed([header, ...dRows].join('\n'), TODAY)).instruments).toHaveLength(3);
    const dMutated = fc
      .tuple(fc.constantFrom(...dRows), fc.integer({ min: 0, max: 31 }), junk, fc.boolean())
      .map(([row, i, value, cut]) => (cut ? row.slice(0, (i * row.length) >> 5) : withField(row, i, value)));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...dRows), dMutated), { maxLength: 30 }), (body) => {
        const r = parseDhanMasterDetailed([header, ...body].join('\n'), TODAY);
        if (r.ok) check(r.value);
      }),
      { numRuns: 1000 },
    );
  });

  it('holds for random rows and cuts', () => {
    expect(ok(parseDhanMaster([C_HEADER, ...rows].join('\n'), TODAY)).instruments).toHaveLength(4);
    fc.assert(
      fc.property(master, ([reversed, body]) => {
        const lines = [C_HEADER, ...body];
        const text = (reversed ? lines.map((l) => l.split(',').reverse().join(',')) : lines).join('\n');
        const r = parseDhanMaster(text, TODAY);
        if (!r.ok) return; // a file-level error is an allowed answer; throwing is not
        check(r.value);
      }),
      { numRuns: 1000 },
    );
  });
});
