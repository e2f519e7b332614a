/**
 * CSV records from text that arrives in pieces (gunzip output, slices of a big string), tokenised
 * by papaparse's core `Parser` (RFC 4180 quoting; on quote-free text such as Dhan's masters it
 * takes its fast path: one `split` per line and per field).
 *
 * Why not `Papa.parse` with `step`: its per-row callback builds a result object, a meta object and
 * a filtered array for every row (about 190 ms and much of the garbage on the 273k-row master);
 * here a batch of records comes out per parse call, as arrays of fields, and the batch is dropped
 * once mapped, so the 35 MB text is never held as one string nor as 273k live arrays.
 *
 * Piece boundaries may fall anywhere: inside a record, a quoted field (even one holding newlines),
 * a CRLF pair or an escaped quote. The text after the last complete record is carried into the
 * next parse; it is parsed again only once the carried text has at least doubled, so tiny pieces
 * and a quote that is never closed (which swallows the rest of the file) stay linear.
 *
 * Line ends: `\n`, `\r\n` or `\r`, decided by the first line end of the input.
 * A byte-order mark is not removed here (the header reader strips it from the first field).
 */
import Papa from 'papaparse';

/**
 * Receives each batch of records: `records[k]` is one record's fields (never an empty line: those
 * are dropped before); `badRows` holds the positions in `records` of records papaparse reported a
 * quoting error for (unclosed or stray quote), null when none. Returns false to stop reading.
 */
export type CsvBatchSink = (records: readonly (readonly string[])[], badRows: ReadonlySet<number> | null) => boolean;

/** Default smallest text worth a parse call (smaller pieces are gathered first). */
const MIN_PARSE_CHARS = 64 * 1024;

/** The line end of `text` once it is known: null while `text` holds no line end yet (or ends in a lone `\r`). */
function detectNewline(text: string, final: boolean): '\n' | '\r\n' | '\r' | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf >= 0 ? '\n' : final ? '\n' : null;
  if (cr + 1 < text.length) return text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
  return final ? '\r' : null;
}

/** Splits CSV text given in pieces into records. See the file comment. */
export class CsvRecordReader {
  private pending = '';
  /** Length of the text carried over from the last parse (the start of an incomplete record). */
  private carried = 0;
  private parser: Papa.Parser | null = null;
  private stopped = false;
  private ended = false;

  /**
   * @param sink receives the records, batch by batch.
   * @param minParseChars smallest carried text worth a parse call (pieces are gathered up to it);
   *   tests pass 1 to parse at every piece.
   */
  constructor(
    private readonly sink: CsvBatchSink,
    private readonly minParseChars = MIN_PARSE_CHARS,
  ) {}

  /** True once the sink asked to stop (or {@link end} ran): further pieces are ignored. */
  get done(): boolean {
    return this.stopped || this.ended;
  }

  /** Adds the next piece of text. Returns false once the sink has asked to stop. */
  push(text: string): boolean {
    if (this.done || text === '') return !this.stopped;
    this.pending = this.pending === '' ? text : this.pending + text;
    if (this.pending.length >= Math.max(this.minParseChars, 2 * this.carried)) this.parse(false);
    return !this.stopped;
  }

  /** Parses what is left, the last record included even without a final line end. */
  end(): void {
    if (this.done) return;
    if (this.pending !== '') this.parse(true);
    this.ended = true;
    this.pending = '';
  }

  private parse(final: boolean): void {
    if (this.parser === null) {
      const newline = detectNewline(this.pending, final);
      if (newline === null) {
        this.carried = this.pending.length; // no line end yet: wait for twice as much text
        return;
      }
      this.parser = new Papa.Parser({ delimiter: ',', newline, quoteChar: '"' });
    }
    const input = this.pending;
    const res = this.parser.parse(input, 0, !final) as {
      data: string[][];
      errors: { row?: number }[];
      meta: { cursor: number };
    };
    const records = res.data;
    let bad: Set<number> | null = null;
    for (const e of res.errors) {
      // An error on the incomplete last record (row === records.length) is seen again when it is complete.
      if (e.row !== undefined && e.row < records.length) (bad ??= new Set()).add(e.row);
    }
    const cursor = final ? input.length : res.meta.cursor;
    this.pending = cursor >= input.length ? '' : input.substring(cursor);
    this.carried = this.pending.length;
    // Empty lines come out as one empty field: dropped (positions of bad rows shift with them).
    let kept: string[][] = records;
    if (hasEmptyRecord(records)) {
      kept = [];
      let shifted: Set<number> | null = null;
      for (let k = 0; k < records.length; k++) {
        const r = records[k]!;
        if (r.length === 1 && r[0] === '') continue;
        if (bad !== null && bad.has(k)) (shifted ??= new Set()).add(kept.length);
        kept.push(r);
      }
      bad = shifted;
    }
    if (kept.length > 0 && !this.sink(kept, bad)) this.stopped = true;
  }
}

function hasEmptyRecord(records: readonly (readonly string[])[]): boolean {
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    if (r.length === 1 && r[0] === '') return true;
  }
  return false;
}
