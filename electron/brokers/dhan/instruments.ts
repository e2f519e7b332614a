/**
 * DhanHQ v2 instrument master parser: the compact CSV (`api-scrip-master.csv`), the detailed CSV
 * (`api-scrip-master-detailed.csv`) and the segment-wise list (`GET /v2/instrument/{exchangeSegment}`,
 * detailed columns), to shared `Instrument`s.
 *
 * Source: seeds/002, "Instrument List" (URLs, "Segmentwise List", "Column Description"); the real
 * files' oddities are in shared/fixtures/README.md and handled in `instruments-map.ts`, the one
 * place where master columns become `Instrument` fields.
 *
 * CSV: papaparse (RFC 4180 quoting; on quote-free input such as Dhan's it takes its fast path).
 * Measured here on the full compact master (273,027 rows, 35 MB), CSV step alone: csv-parse 7 sync
 * 1.3-1.5 s, its stream API 1.7-2.3 s, papaparse 0.45-0.55 s; the issue-5 budget for master parse
 * + search index is 1.5 s, so csv-parse alone would spend it.
 *
 * Errors: a bad record is counted by reason and skipped; a file that cannot be read as a master at
 * all (empty, unknown header, missing required columns, bad gzip, unreadable file) gives
 * `{ ok: false, error }`. Nothing here throws on bad data.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import Papa from 'papaparse';
import { bridgeError, type Result } from '../../../shared/errors';
import { EXCHANGE_SEGMENTS, istDateOf, type ExchangeSegment, type Instrument } from '../../../shared/instruments';
import {
  detectDhanMasterFormat,
  resolveDhanMasterColumns,
  type DhanMasterColumns,
  type DhanMasterFormat,
} from './instruments-columns';
import { countSkip, createRowMapper, newMapStats, SKIP } from './instruments-map';

export type { DhanMasterFormat } from './instruments-columns';

const gunzipAsync = promisify(gunzip);

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

function toText(input: DhanMasterInput): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
}

/** The first line of `text` (without CR/LF). */
function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  const line = nl < 0 ? text : text.slice(0, nl);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function parseWith(
  input: DhanMasterInput,
  expect: DhanMasterFormat | null,
  options: DhanMasterOptions,
  onlySegment?: ExchangeSegment,
): Result<DhanMasterParse> {
  const text = toText(input);
  if (text.trim() === '') return malformed('the file is empty');

  // Header first (papaparse on one line), so a wrong file fails before the whole parse.
  const headerRows = Papa.parse<string[]>(firstLine(text), { header: false }).data;
  const header = headerRows[0] ?? [];
  const format = detectDhanMasterFormat(header);
  if (format === null) {
    return malformed(`unknown header (neither compact nor detailed columns): ${firstLine(text).slice(0, 120)}`);
  }
  if (expect !== null && format !== expect) return malformed(`expected the ${expect} master, got the ${format} one`);
  const resolved = resolveDhanMasterColumns(header, format);
  if (!resolved.ok) return malformed(`missing column(s) ${resolved.missing.join(', ')}`);

  return { ok: true, value: mapRecords(text, resolved.columns, options, onlySegment) };
}

function mapRecords(
  text: string,
  cols: DhanMasterColumns,
  options: DhanMasterOptions,
  onlySegment?: ExchangeSegment,
): DhanMasterParse {
  const today = options.today ?? istDateOf(Date.now());
  const stats = newMapStats();
  const map = createRowMapper(cols, stats, {
    referenceYear: Number(today.slice(0, 4)),
    ...(onlySegment === undefined ? {} : { onlySegment }),
  });
  const instruments: Instrument[] = [];
  const bySegment = Object.fromEntries(EXCHANGE_SEGMENTS.map((s) => [s, 0])) as Record<ExchangeSegment, number>;
  let rowNo = 0;
  let header = true;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: true,
    step(result) {
      if (header) {
        header = false;
        return;
      }
      rowNo++;
      if (result.errors.length > 0) {
        countSkip(stats, SKIP.csvQuotes, rowNo);
        return;
      }
      const inst = map(result.data, rowNo);
      if (inst !== null) {
        instruments.push(inst);
        bySegment[inst.segment]++;
      }
    },
  });
  return {
    format: cols.format,
    instruments,
    rows: rowNo,
    bySegment,
    skipped: { count: stats.skipped, reasons: stats.reasons, firstRow: stats.firstRow },
    adjusted: stats.adjusted,
  };
}

/**
 * Parses a Dhan master of either format, told apart by its header (compact: `SEM_*` columns;
 * detailed: `EXCH_ID`, `SECURITY_ID`...). Synchronous; run it off the UI thread (273k rows take
 * a few hundred ms). Bad rows are counted and skipped; an unusable file gives `{ ok: false }`
 * with code `MALFORMED_FRAME`.
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
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (e) {
      return malformed(`bad gzip data (${(e as Error).message})`);
    }
  }
  const expect = options.segment !== undefined ? 'detailed' : (options.format ?? null);
  return parseWith(bytes, expect, options, options.segment);
}
