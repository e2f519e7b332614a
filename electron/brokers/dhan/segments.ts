/**
 * DhanHQ v2 exchange segments: wire names and the numeric codes of the binary feed.
 *
 * Source: seeds/002 (DhanHQ v2 reference), Annexure, "Exchange Segment". Code 6 is unused.
 */
import type { ExchangeSegment } from '../../../shared/instruments';

/**
 * Segment names exactly as the annexure writes them: the shared `ExchangeSegment`, which uses the
 * annexure's names (shared/instruments.ts), so the two never drift apart.
 */
export type DhanSegment = ExchangeSegment;

/** Numeric code on the binary feed (header byte 4) for each segment. */
export const SEGMENT_CODE: Readonly<Record<DhanSegment, number>> = {
  IDX_I: 0,
  NSE_EQ: 1,
  NSE_FNO: 2,
  NSE_CURRENCY: 3,
  BSE_EQ: 4,
  MCX_COMM: 5,
  BSE_CURRENCY: 7,
  BSE_FNO: 8,
};

/** Segment name by numeric code; `undefined` for codes the annexure does not list (such as 6). */
export const SEGMENT_BY_CODE: readonly (DhanSegment | undefined)[] = (() => {
  const a: (DhanSegment | undefined)[] = new Array(9).fill(undefined);
  for (const [name, code] of Object.entries(SEGMENT_CODE)) a[code] = name as DhanSegment;
  return a;
})();

/** Every segment name, in code order. */
export const DHAN_SEGMENTS: readonly DhanSegment[] = SEGMENT_BY_CODE.filter((s): s is DhanSegment => s !== undefined);

/** True for the currency segments, whose prices carry 4 decimals instead of 2 (seeds/002, feed). */
export function isCurrencySegment(code: number): boolean {
  return code === 3 || code === 7;
}

/** Parses a segment name; `null` when it is not one of the annexure's. */
export function parseSegment(name: string): DhanSegment | null {
  return Object.hasOwn(SEGMENT_CODE, name) ? (name as DhanSegment) : null;
}

/**
 * Exchange and segment letter of each segment as the instrument master writes them
 * (`SEM_EXM_EXCH_ID`, `SEM_SEGMENT`: seeds/002, "Instrument List"), and as order and position
 * payloads carry `exchange`. Index rows are written under NSE (BSE indices also exist in IDX_I).
 */
export const SEGMENT_MASTER_CODE: Readonly<Record<DhanSegment, readonly [exchange: 'NSE' | 'BSE' | 'MCX', letter: 'E' | 'D' | 'C' | 'M' | 'I']>> = {
  IDX_I: ['NSE', 'I'],
  NSE_EQ: ['NSE', 'E'],
  NSE_FNO: ['NSE', 'D'],
  NSE_CURRENCY: ['NSE', 'C'],
  BSE_EQ: ['BSE', 'E'],
  BSE_FNO: ['BSE', 'D'],
  BSE_CURRENCY: ['BSE', 'C'],
  MCX_COMM: ['MCX', 'M'],
};
