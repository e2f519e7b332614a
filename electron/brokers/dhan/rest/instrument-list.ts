/**
 * DhanHQ v2 instrument lists: the compact and detailed master CSVs and the segment-wise list.
 *
 * Source: seeds/002, "Instrument List": compact `https://images.dhan.co/api-data/api-scrip-master.csv`,
 * detailed `https://images.dhan.co/api-data/api-scrip-master-detailed.csv`, and "Segmentwise List"
 * `GET https://api.dhan.co/v2/instrument/{exchangeSegment}` (detailed columns, one segment).
 * Parsing is `electron/brokers/dhan/instruments.ts` (`parseDhanMaster*`); nothing here reads CSV.
 * The static files live on images.dhan.co: no credentials are sent there.
 */

import type { Result } from '../../../../shared/errors';
import type { ExchangeSegment } from '../../../../shared/instruments';
import { parseDhanMaster, parseDhanMasterSegment, type DhanMasterOptions, type DhanMasterParse } from '../instruments';
import type { DhanHttp, DownloadProgress } from './http';

/** The compact master's URL (seeds/002). */
export const DHAN_MASTER_COMPACT_URL = 'https://images.dhan.co/api-data/api-scrip-master.csv';
/** The detailed master's URL (seeds/002). */
export const DHAN_MASTER_DETAILED_URL = 'https://images.dhan.co/api-data/api-scrip-master-detailed.csv';

/** Options of `DhanInstrumentListApi`. */
export interface DhanInstrumentListOptions {
  /** Overrides of the two master URLs (the simulator and tests serve their own). */
  readonly compactUrl?: string;
  readonly detailedUrl?: string;
  /** Timeout of one list download, ms. Default 120000 (the compact master is ≈ 35 MB). */
  readonly downloadTimeoutMs?: number;
}

/** Downloads (and parses) Dhan's instrument lists over one `DhanHttp`. */
export class DhanInstrumentListApi {
  constructor(private readonly http: DhanHttp, private readonly options: DhanInstrumentListOptions = {}) {}

  private timeout(): number {
    return this.options.downloadTimeoutMs ?? 120_000;
  }

  /**
   * The raw master CSV text (compact ≈ 35 MB, detailed larger). `onProgress` hears the bytes
   * received and the total (`Content-Length`, null when unknown) as the body arrives.
   */
  async downloadMaster(kind: 'compact' | 'detailed', signal?: AbortSignal, onProgress?: DownloadProgress): Promise<Result<string>> {
    const url = kind === 'compact' ? (this.options.compactUrl ?? DHAN_MASTER_COMPACT_URL) : (this.options.detailedUrl ?? DHAN_MASTER_DETAILED_URL);
    const r = await this.http.send({
      method: 'GET',
      path: '',
      absoluteUrl: url,
      text: true,
      limitClass: null,
      timeoutMs: this.timeout(),
      signal,
      ...(onProgress !== undefined ? { onProgress } : {}),
    });
    if (r.kind !== 'ok') return { ok: false, error: r.error };
    return { ok: true, value: String(r.body) };
  }

  /** The raw CSV of one segment (`GET /instrument/{exchangeSegment}`, detailed columns). */
  async downloadSegment(segment: ExchangeSegment, signal?: AbortSignal): Promise<Result<string>> {
    const r = await this.http.send({ method: 'GET', path: `/instrument/${segment}`, text: true, limitClass: 'data', timeoutMs: this.timeout(), signal });
    if (r.kind !== 'ok') return { ok: false, error: r.error };
    return { ok: true, value: String(r.body) };
  }

  /** Downloads and parses a master with `parseDhanMaster` (bad rows counted and skipped there). */
  async master(kind: 'compact' | 'detailed', options: DhanMasterOptions = {}, signal?: AbortSignal): Promise<Result<DhanMasterParse>> {
    const text = await this.downloadMaster(kind, signal);
    return text.ok ? parseDhanMaster(text.value, options) : text;
  }

  /** Downloads and parses one segment's list with `parseDhanMasterSegment`. */
  async segment(segment: ExchangeSegment, options: DhanMasterOptions = {}, signal?: AbortSignal): Promise<Result<DhanMasterParse>> {
    const text = await this.downloadSegment(segment, signal);
    return text.ok ? parseDhanMasterSegment(text.value, segment, options) : text;
  }
}
