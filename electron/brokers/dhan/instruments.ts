/**
 * DhanHQ v2 instrument master parser: the compact CSV (`api-scrip-master.csv`), the detailed CSV
 * (`api-scrip-master-detailed.csv`) and the segment-wise list (`GET /v2/instrument/{exchangeSegment}`,
 * detailed columns), to shared `Instrument`s.
 *
 * Source: seeds/002, "Instrument List" (URLs, "Segmentwise List", "Column Description"); the real
 * files' oddities are in shared/fixtures/README.md and handled in `instruments-map.ts`, the one
 * place where master columns become `Instrument` fields.
 *
 * CSV: papaparse's core parser, fed piece by piece (instruments-csv.ts: RFC 4180 quoting; on
 * quote-free input such as Dhan's it takes its fast path). A gzipped master is gunzipped as a
 * stream on the libuv thread pool while the pieces already out are parsed and mapped, so the 35 MB
 * text is never one string. Measured here on the full compact master (273,027 rows, 35 MB), CSV
 * step alone: csv-parse 7 sync 1.3-1.5 s, its stream API 1.7-2.3 s, `Papa.parse` with `step`
 * 0.35-0.5 s, papaparse's `Parser` in pieces 0.22-0.27 s CPU.
 *
 * Errors: a bad record is counted by reason and skipped; a file that cannot be read as a master at
 * all (empty, unknown header, missing required columns, bad gzip, unreadable file) gives
 * `{ ok: false, error }`. Nothing here throws on bad data.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { bridgeError, type Result } from '../../../shared/errors';
import { EXCHANGE_SEGMENTS, istDateOf, type ExchangeSegment, type Instrument } from '../../../shared/instruments';
import {
  detectDhanMasterFormat,
  resolveDhanMasterColumns,
  type DhanMasterColumns,
  type DhanMasterFormat,
} from './instruments-columns';
import { CsvRecordReader } from './instruments-csv';
import { countSkip, createRowMapper, newMapStats, SKIP } from './instruments-map';

export type { DhanMasterFormat } from './instruments-columns';

/** Bytes of gunzipped text per piece (zlib's default is 16 KB: more, smaller thread-pool round trips). */
const GUNZIP_CHUNK = 128 * 1024;

/** What a master parse produced. */
export interface DhanMasterParse {
  /** Which master the header said this is. */
  readonly format: DhanMasterFormat;
  /** The instruments, in file order (the first row wins when a security id repeats in a segment). */
  readonly instruments: readonly Instrument[];
  /** Data rows read (header and blank lines excluded). */
  readonly rows: number;
  /** Instruments kept, by exchange segment (every segment present, 0 when none). */
  readonly bySegment: Readonly<Record<ExchangeSegment, number>>;
  /**
   * Rows skipped: total, count by reason (`SKIP` in instruments-map.ts, e.g. `bad lot size`), and
   * the 1-based data-row number of the first row skipped for each reason.
   */
  readonly skipped: {
    readonly count: number;
    readonly reasons: Readonly<Record<string, number>>;
    readonly firstRow: Readonly<Record<string, number>>;
  };
  /** Rows kept after a documented repair, by repair (`ADJUST` in instruments-map.ts). */
  readonly adjusted: Readonly<Record<string, number>>;
}

/** Options of the master parsers. */
export interface DhanMasterOptions {
  /**
   * "Today" as an IST date `YYYY-MM-DD`; derivative display names show the expiry year when it is
   * not this date's year (`SENSEX 27 JUN 2030 90000 PE`). Defaults to the current IST date.
   */
  readonly today?: string;
}

/** Input of the synchronous parsers: CSV text, or its UTF-8 bytes (not gzip: see {@link readDhanMaster}). */
export type DhanMasterInput = string | Uint8Array;

function malformed(message: string): Result<DhanMasterParse> {
  return { ok: false, error: bridgeError('MALFORMED_FRAME', `Dhan instrument master: ${message}`) };
}

/** Characters (or bytes) handed to the CSV reader at a time by the in-memory parsers. */
const PIECE = 128 * 1024;

/**
 * Builds a {@link DhanMasterParse} from CSV record batches ({@link CsvRecordReader}): the first
 * record is the header (format and columns are resolved from it, and reading stops at once when it
 * is not a master's), every later one goes through the row mapper.
 */
class MasterAssembler {
  private failure: Result<DhanMasterParse> | null = null;
  private cols: DhanMasterColumns | null = null;
  private map: ((row: readonly string[], rowNo: number) => Instrument | null) | null = null;
  private readonly stats = newMapStats();
  private readonly instruments: Instrument[] = [];
  private readonly bySegment = Object.fromEntries(EXCHANGE_SEGMENTS.map((s) => [s, 0])) as Record<ExchangeSegment, number>;
  private rowNo = 0;
  /** Whether any text but whitespace was seen (a blank file is "empty", not "unknown header"). */
  private sawText = false;
  readonly reader: CsvRecordReader;

  constructor(
    private readonly expect: DhanMasterFormat | null,
    private readonly options: DhanMasterOptions,
    private readonly onlySegment: ExchangeSegment | undefined,
  ) {
    this.reader = new CsvRecordReader((records, bad) => this.take(records, bad));
  }

  /** Feeds the next piece of CSV text; false once reading should stop (the header was refused). */
  feed(text: string): boolean {
    if (!this.sawText && /\S/.test(text)) this.sawText = true;
    return this.reader.push(text);
  }

  /** Ends the input and gives the parse (or the file-level error). */
  finish(): Result<DhanMasterParse> {
    this.reader.end();
    if (!this.sawText) return malformed('the file is empty');
    if (this.failure !== null) return this.failure;
    if (this.cols === null) return malformed('the file is empty');
    const stats = this.stats;
    return {
      ok: true,
      value: {
        format: this.cols.format,
        instruments: this.instruments,
        rows: this.rowNo,
        bySegment: this.bySegment,
        skipped: { count: stats.skipped, reasons: stats.reasons, firstRow: stats.firstRow },
        adjusted: stats.adjusted,
      },
    };
  }

  private header(cells: readonly string[]): boolean {
    const format = detectDhanMasterFormat(cells);
    if (format === null) {
      this.failure = malformed(`unknown header (neither compact nor detailed columns): ${cells.join(',').slice(0, 120)}`);
      return false;
    }
    if (this.expect !== null && format !== this.expect) {
      this.failure = malformed(`expected the ${this.expect} master, got the ${format} one`);
      return false;
    }
    const resolved = resolveDhanMasterColumns(cells, format);
    if (!resolved.ok) {
      this.failure = malformed(`missing column(s) ${resolved.missing.join(', ')}`);
      return false;
    }
    this.cols = resolved.columns;
    const today = this.options.today ?? istDateOf(Date.now());
    this.map = createRowMapper(resolved.columns, this.stats, {
      referenceYear: Number(today.slice(0, 4)),
      ...(this.onlySegment === undefined ? {} : { onlySegment: this.onlySegment }),
    });
    return true;
  }

  private take(records: readonly (readonly string[])[], bad: ReadonlySet<number> | null): boolean {
    let k = 0;
    if (this.map === null) {
      if (!this.header(records[0]!)) return false;
      k = 1;
    }
    const map = this.map!;
    const { instruments, bySegment, stats } = this;
    let rowNo = this.rowNo;
    for (; k < records.length; k++) {
      rowNo++;
      if (bad !== null && bad.has(k)) {
        countSkip(stats, SKIP.csvQuotes, rowNo);
        continue;
      }
      const inst = map(records[k]!, rowNo);
      if (inst !== null) {
        instruments.push(inst);
        bySegment[inst.segment]++;
      }
    }
    this.rowNo = rowNo;
    return true;
  }
}

function parseWith(
  input: DhanMasterInput,
  expect: DhanMasterFormat | null,
  options: DhanMasterOptions,
  onlySegment?: ExchangeSegment,
): Result<DhanMasterParse> {
  const asm = new MasterAssembler(expect, options, onlySegment);
  if (typeof input === 'string') {
    for (let i = 0; i < input.length && asm.feed(input.substring(i, i + PIECE)); i += PIECE);
  } else {
    // Decoded piece by piece (a UTF-8 sequence cut at a piece end is completed by the next one).
    const decoder = new TextDecoder('utf-8');
    for (let i = 0; i < input.length && asm.feed(decoder.decode(input.subarray(i, i + PIECE), { stream: true })); i += PIECE);
    asm.feed(decoder.decode());
  }
  return asm.finish();
}

/**
 * Parses a Dhan master of either format, told apart by its header (compact: `SEM_*` columns;
 * detailed: `EXCH_ID`, `SECURITY_ID`...): the first line that is not blank (a UTF-8 byte-order
 * mark and CRLF, CR or LF line ends are fine). Synchronous; run it off the UI thread (the 273k-row
 * compact master takes about 0.5 s). Bad rows are counted and skipped; an unusable file gives
 * `{ ok: false }` with code `MALFORMED_FRAME`.
 */
export function parseDhanMaster(input: DhanMasterInput, options: DhanMasterOptions = {}): Result<DhanMasterParse> {
  return parseWith(input, null, options);
}

/** Parses the compact master (`api-scrip-master.csv`); any other header is an error. See {@link parseDhanMaster}. */
export function parseDhanMasterCompact(
  input: DhanMasterInput,
  options: DhanMasterOptions = {},
): Result<DhanMasterParse> {
  return parseWith(input, 'compact', options);
}

/** Parses the detailed master (`api-scrip-master-detailed.csv`); any other header is an error. See {@link parseDhanMaster}. */
export function parseDhanMasterDetailed(
  input: DhanMasterInput,
  options: DhanMasterOptions = {},
): Result<DhanMasterParse> {
  return parseWith(input, 'detailed', options);
}

/**
 * Parses the body of `GET /v2/instrument/{exchangeSegment}` (detailed columns, seeds/002
 * "Segmentwise List"). Rows of any other segment are skipped under `row outside the requested segment`.
 */
export function parseDhanMasterSegment(
  input: DhanMasterInput,
  segment: ExchangeSegment,
  options: DhanMasterOptions = {},
): Result<DhanMasterParse> {
  return parseWith(input, 'detailed', options, segment);
}

/** Where {@link readDhanMaster} reads from: a file path, a byte stream, or bytes already in memory. */
export type DhanMasterSource = string | Readable | Uint8Array;

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Reads a master from a file path, a stream (a download, a cache file) or bytes, gunzips it when it
 * starts with the gzip magic (so `.csv` and `.csv.gz` both work; the decompression runs on the
 * libuv thread pool), and parses it with {@link parseDhanMaster} (or the given `format` only).
 * Resolves `{ ok: false }` (never rejects) when the file cannot be read (`NOT_FOUND` / `INTERNAL`),
 * the gzip is corrupt or the CSV is not a master (`MALFORMED_FRAME`).
 */
export async function readDhanMaster(
  source: DhanMasterSource,
  options: DhanMasterOptions & { readonly format?: DhanMasterFormat; readonly segment?: ExchangeSegment } = {},
): Promise<Result<DhanMasterParse>> {
  let bytes: Uint8Array;
  try {
    bytes = typeof source === 'string' ? await readFile(source) : source instanceof Uint8Array ? source : await readAll(source);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const code = err.code === 'ENOENT' ? 'NOT_FOUND' : 'INTERNAL';
    return { ok: false, error: bridgeError(code, `Dhan instrument master: cannot read it (${err.message})`) };
  }
  const expect = options.segment !== undefined ? 'detailed' : (options.format ?? null);
  if (!isGzip(bytes)) return parseWith(bytes, expect, options, options.segment);
  // Gunzipped as a stream (on the libuv thread pool) while the pieces already out are parsed.
  const asm = new MasterAssembler(expect, options, options.segment);
  const decoder = new TextDecoder('utf-8');
  const gz = createGunzip({ chunkSize: GUNZIP_CHUNK });
  gz.end(bytes);
  try {
    for await (const chunk of gz) if (!asm.feed(decoder.decode(chunk as Buffer, { stream: true }))) break;
  } catch (e) {
    return malformed(`bad gzip data (${(e as Error).message})`);
  } finally {
    gz.destroy();
  }
  asm.feed(decoder.decode());
  return asm.finish();
}
