/**
 * Header handling for the DhanHQ v2 instrument masters: which format a header is, and where each
 * column the parser reads sits in it. Columns are found by name, so a reordered or extended file
 * still parses.
 *
 * Source: seeds/002, "Instrument List", "Column Description" (detailed tag / compact tag table).
 * The segment-wise list `GET /v2/instrument/{exchangeSegment}` has the detailed columns.
 */

/** Which master a header belongs to. */
export type DhanMasterFormat = 'compact' | 'detailed';

/**
 * Column positions (index into a record, -1 when the column is absent) of the fields the mapper
 * reads, the same for both formats. Names are the detailed master's, with the compact tag in the
 * comment.
 */
export interface DhanMasterColumns {
  readonly format: DhanMasterFormat;
  /** Number of fields in the header; records with another count are skipped. */
  readonly width: number;
  /** EXCH_ID / SEM_EXM_EXCH_ID: NSE, BSE, MCX. */
  readonly exchId: number;
  /** SEGMENT / SEM_SEGMENT: E, D, C, M, I. */
  readonly segment: number;
  /** SECURITY_ID / SEM_SMST_SECURITY_ID. */
  readonly securityId: number;
  /** ISIN (detailed only). */
  readonly isin: number;
  /** INSTRUMENT / SEM_INSTRUMENT_NAME: the annexure's instrument type. */
  readonly instrument: number;
  /** UNDERLYING_SECURITY_ID (detailed only). */
  readonly underlyingSecurityId: number;
  /** UNDERLYING_SYMBOL (detailed only; for cash rows it is the trading symbol). */
  readonly underlyingSymbol: number;
  /** SEM_TRADING_SYMBOL (compact only; "removed" from the detailed master). */
  readonly tradingSymbol: number;
  /** SYMBOL_NAME / SM_SYMBOL_NAME: long name of cash rows; the trading symbol on detailed F&O rows. */
  readonly symbolName: number;
  /** DISPLAY_NAME / SEM_CUSTOM_SYMBOL: Dhan's display name. */
  readonly displayName: number;
  /** SERIES / SEM_SERIES. */
  readonly series: number;
  /** LOT_SIZE / SEM_LOT_UNITS (a float string such as `65.0`). */
  readonly lotSize: number;
  /** SM_EXPIRY_DATE / SEM_EXPIRY_DATE (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`). */
  readonly expiryDate: number;
  /** STRIKE_PRICE / SEM_STRIKE_PRICE (rupees; a negative placeholder on futures). */
  readonly strikePrice: number;
  /** OPTION_TYPE / SEM_OPTION_TYPE: CE, PE, XX. */
  readonly optionType: number;
  /** TICK_SIZE / SEM_TICK_SIZE: paise, except on index rows where it is rupees. */
  readonly tickSize: number;
  /** EXPIRY_FLAG / SEM_EXPIRY_FLAG: W, M, Q, H. */
  readonly expiryFlag: number;
  /** SM_FREEZE_QTY (newer detailed masters only). */
  readonly freezeQty: number;
}

type Field = Exclude<keyof DhanMasterColumns, 'format' | 'width'>;

/** Compact tag of each field ('' = not in the compact master); `true` marks a required column. */
const COMPACT: Readonly<Record<Field, readonly [string, boolean]>> = {
  exchId: ['SEM_EXM_EXCH_ID', true],
  segment: ['SEM_SEGMENT', true],
  securityId: ['SEM_SMST_SECURITY_ID', true],
  isin: ['', false],
  instrument: ['SEM_INSTRUMENT_NAME', true],
  underlyingSecurityId: ['', false],
  underlyingSymbol: ['', false],
  tradingSymbol: ['SEM_TRADING_SYMBOL', true],
  symbolName: ['SM_SYMBOL_NAME', false],
  displayName: ['SEM_CUSTOM_SYMBOL', false],
  series: ['SEM_SERIES', false],
  lotSize: ['SEM_LOT_UNITS', true],
  expiryDate: ['SEM_EXPIRY_DATE', true],
  strikePrice: ['SEM_STRIKE_PRICE', true],
  optionType: ['SEM_OPTION_TYPE', true],
  tickSize: ['SEM_TICK_SIZE', true],
  expiryFlag: ['SEM_EXPIRY_FLAG', false],
  freezeQty: ['', false],
};

/** Detailed tag of each field; `true` marks a required column. */
const DETAILED: Readonly<Record<Field, readonly [string, boolean]>> = {
  exchId: ['EXCH_ID', true],
  segment: ['SEGMENT', true],
  securityId: ['SECURITY_ID', true],
  isin: ['ISIN', false],
  instrument: ['INSTRUMENT', true],
  underlyingSecurityId: ['UNDERLYING_SECURITY_ID', false],
  underlyingSymbol: ['UNDERLYING_SYMBOL', true],
  tradingSymbol: ['', false],
  symbolName: ['SYMBOL_NAME', true],
  displayName: ['DISPLAY_NAME', false],
  series: ['SERIES', false],
  lotSize: ['LOT_SIZE', true],
  expiryDate: ['SM_EXPIRY_DATE', true],
  strikePrice: ['STRIKE_PRICE', true],
  optionType: ['OPTION_TYPE', true],
  tickSize: ['TICK_SIZE', true],
  expiryFlag: ['EXPIRY_FLAG', false],
  freezeQty: ['SM_FREEZE_QTY', false],
};

/** Normalises a header cell: trims spaces and a UTF-8 byte-order mark, upper-cases. */
function norm(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toUpperCase();
}

/** Tells the format of a header row, or null when it is neither master's. */
export function detectDhanMasterFormat(header: readonly string[]): DhanMasterFormat | null {
  const names = new Set(header.map(norm));
  if (names.has('SEM_SMST_SECURITY_ID')) return 'compact';
  if (names.has('SECURITY_ID') && names.has('EXCH_ID')) return 'detailed';
  return null;
}

/**
 * Resolves the column positions of `header` for `format`.
 * Returns the missing required column names instead when there are any.
 */
export function resolveDhanMasterColumns(
  header: readonly string[],
  format: DhanMasterFormat,
): { ok: true; columns: DhanMasterColumns } | { ok: false; missing: string[] } {
  const spec = format === 'compact' ? COMPACT : DETAILED;
  const at = new Map<string, number>();
  header.forEach((cell, i) => {
    const n = norm(cell);
    if (n !== '' && !at.has(n)) at.set(n, i);
  });
  const missing: string[] = [];
  const out: Record<string, number | string> = { format, width: header.length };
  for (const [field, [tag, required]] of Object.entries(spec)) {
    const i = tag === '' ? -1 : (at.get(tag) ?? -1);
    if (i < 0 && required) missing.push(tag);
    out[field] = i;
  }
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, columns: out as unknown as DhanMasterColumns };
}
