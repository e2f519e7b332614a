/**
 * The instrument master in a compact, transferable form, for handing it to the search worker
 * once (`postMessage(packed, packedTransferables(packed))` moves the buffers, no copy, no
 * structured clone of 228k objects).
 *
 * Layout, row `i` of `count`:
 * - `text`: UTF-16 code units of 7 string fields per row, each ended by U+001F (a U+001F inside a
 *   field is written as a space): security id, trading symbol, underlying symbol, display name,
 *   long name, series, expiry (`YYYY-MM-DD`); an empty name, series or expiry means null;
 * - `numbers[3i…3i+2]`: strike in rupees (NaN = null), lot size, tick size in rupees;
 * - `codes[2i]`: index into `EXCHANGE_SEGMENTS`; `codes[2i+1]`: index into `INSTRUMENT_TYPES`
 *   in the low 4 bits, option type in bits 4-5 (0 none, 1 CE, 2 PE).
 *
 * Pure TypeScript: imports nothing outside shared/.
 */
import {
  EXCHANGE_SEGMENTS,
  INSTRUMENT_TYPES,
  type ExchangeSegment,
  type Instrument,
  type InstrumentType,
  type OptionType,
} from '../instruments';
import type { SearchableInstrument } from './instrument-index';

/** Fields of an instrument that travel to the search worker. */
export type PackableInstrument = Pick<
  Instrument,
  | 'segment'
  | 'securityId'
  | 'tradingSymbol'
  | 'underlying'
  | 'displayName'
  | 'name'
  | 'instrumentType'
  | 'series'
  | 'expiry'
  | 'strike'
  | 'optionType'
  | 'lotSize'
  | 'tickSize'
>;

/** An instrument as unpacked in the worker: what the index reads plus the display fields. */
export interface SearchRecord extends SearchableInstrument {
  /** Lot size, units of the underlying. */
  readonly lotSize: number;
  /** Tick size in rupees. */
  readonly tickSize: number;
}

/** The packed master (see the file comment for the layout). */
export interface PackedInstruments {
  readonly count: number;
  readonly text: Uint16Array;
  readonly numbers: Float64Array;
  readonly codes: Uint8Array;
}

const SEP = 0x1f;
const FIELDS = 7;
const SEGMENT_CODE = new Map<ExchangeSegment, number>(EXCHANGE_SEGMENTS.map((s, i) => [s, i]));
const TYPE_CODE = new Map<InstrumentType, number>(INSTRUMENT_TYPES.map((t, i) => [t, i]));

function fieldsOf(it: PackableInstrument): string[] {
  return [it.securityId, it.tradingSymbol, it.underlying, it.displayName, it.name ?? '', it.series ?? '', it.expiry ?? ''];
}

/**
 * Packs instruments for the search worker. Rows whose segment or instrument type is not in the
 * shared vocabulary cannot be represented and are left out; `skipped` counts them.
 */
export function packInstruments(instruments: readonly PackableInstrument[]): PackedInstruments & { readonly skipped: number } {
  const rows: PackableInstrument[] = [];
  let chars = 0;
  for (const it of instruments) {
    if (!SEGMENT_CODE.has(it.segment) || !TYPE_CODE.has(it.instrumentType)) continue;
    rows.push(it);
    for (const f of fieldsOf(it)) chars += f.length + 1;
  }
  const text = new Uint16Array(chars);
  const numbers = new Float64Array(rows.length * 3);
  const codes = new Uint8Array(rows.length * 2);
  let p = 0;
  for (let i = 0; i < rows.length; i++) {
    const it = rows[i]!;
    for (const f of fieldsOf(it)) {
      for (let c = 0; c < f.length; c++) {
        const u = f.charCodeAt(c);
        text[p++] = u === SEP ? 32 : u;
      }
      text[p++] = SEP;
    }
    numbers[3 * i] = it.strike ?? NaN;
    numbers[3 * i + 1] = it.lotSize;
    numbers[3 * i + 2] = it.tickSize;
    codes[2 * i] = SEGMENT_CODE.get(it.segment)!;
    codes[2 * i + 1] = TYPE_CODE.get(it.instrumentType)! | (it.optionType === 'CE' ? 16 : it.optionType === 'PE' ? 32 : 0);
  }
  return { count: rows.length, text, numbers, codes, skipped: instruments.length - rows.length };
}

/** The buffers to transfer with `postMessage` (they become unusable on the sending side). */
export function packedTransferables(packed: PackedInstruments): ArrayBuffer[] {
  return [packed.text.buffer, packed.numbers.buffer, packed.codes.buffer] as ArrayBuffer[];
}

/** Why {@link unpackInstruments} refused a packed master. */
export class PackedInstrumentsError extends Error {
  override readonly name = 'PackedInstrumentsError';
}

/** Decodes UTF-16 code units to one string, in chunks (argument-count limits of fromCharCode). */
function decodeText(text: Uint16Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < text.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, text.subarray(i, Math.min(text.length, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Unpacks {@link packInstruments}'s output. Throws {@link PackedInstrumentsError} when the parts
 * disagree (wrong field count, array sizes, codes out of range): a truncated or foreign message.
 */
export function unpackInstruments(packed: PackedInstruments): SearchRecord[] {
  const { count, numbers, codes } = packed;
  if (!Number.isInteger(count) || count < 0 || numbers.length !== count * 3 || codes.length !== count * 2) {
    throw new PackedInstrumentsError(`packed instruments: ${count} rows but ${numbers.length} numbers, ${codes.length} codes`);
  }
  const s = decodeText(packed.text);
  const out: SearchRecord[] = new Array(count);
  let p = 0;
  const next = (): string => {
    const e = s.indexOf('\u001f', p);
    if (e < 0) throw new PackedInstrumentsError('packed instruments: text ends before the last row');
    const f = s.slice(p, e);
    p = e + 1;
    return f;
  };
  for (let i = 0; i < count; i++) {
    const securityId = next();
    const tradingSymbol = next();
    const underlying = next();
    const displayName = next();
    const name = next();
    const series = next();
    const expiry = next();
    const segment = EXCHANGE_SEGMENTS[codes[2 * i]!];
    const tc = codes[2 * i + 1]!;
    const instrumentType = INSTRUMENT_TYPES[tc & 15];
    if (segment === undefined || instrumentType === undefined) {
      throw new PackedInstrumentsError(`packed instruments: row ${i} has an unknown segment or type code`);
    }
    const opt = (tc >> 4) & 3;
    const optionType: OptionType | null = opt === 1 ? 'CE' : opt === 2 ? 'PE' : null;
    const strike = numbers[3 * i]!;
    out[i] = {
      segment,
      securityId,
      tradingSymbol,
      underlying,
      displayName,
      name: name === '' ? null : name,
      instrumentType,
      series: series === '' ? null : series,
      expiry: expiry === '' ? null : expiry,
      strike: Number.isNaN(strike) ? null : strike,
      optionType,
      lotSize: numbers[3 * i + 1]!,
      tickSize: numbers[3 * i + 2]!,
    };
  }
  if (p !== s.length) throw new PackedInstrumentsError('packed instruments: text goes on after the last row');
  return out;
}
