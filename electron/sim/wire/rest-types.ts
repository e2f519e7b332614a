/**
 * Plumbing shared by the simulated exchange's REST handlers: the answer type and Dhan's error
 * envelope.
 *
 * Source: seeds/000 "Errors" and seeds/002 Annexure "Trading API Error" (`{ errorType, errorCode,
 * errorMessage }`, DH-901…DH-910); recorded envelopes fixtures/dhan/rest/error.*.json (DH-901 with
 * HTTP 401, DH-904 with 429, DH-905/906 with 400).
 */

import type { SimRateLimiter } from './rate-limits';
import type { SimMarket } from './sim-market';

/** One REST answer: HTTP status and a JSON body (or CSV text). */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Content type when not JSON (the instrument CSV). */
  readonly contentType?: string;
}

/** What every handler needs. */
export interface RestContext {
  readonly market: SimMarket;
  readonly clientId: string;
  /** Rate limits to enforce (DH-904); none when absent. */
  readonly limiter?: SimRateLimiter;
}

/** Dhan's error envelope with an HTTP status. */
export function dhanError(status: number, errorCode: string, errorType: string, errorMessage: string): RestAnswer {
  return { status, body: { errorType, errorCode, errorMessage } };
}

/** DH-905 Input_Exception (HTTP 400), the answer to a malformed request. */
export function inputError(message: string): RestAnswer {
  return dhanError(400, 'DH-905', 'Input_Exception', message);
}

/** DH-907 Data_Error (HTTP 400): no data for correct-looking parameters (unknown id, no order). */
export function dataError(message: string): RestAnswer {
  return dhanError(400, 'DH-907', 'Data_Error', message);
}

/** A 200 answer. */
export function ok(body: unknown, status = 200): RestAnswer {
  return { status, body };
}

/** Reads a JSON object body or explains why not. */
export function objectBody(body: unknown): Record<string, unknown> | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the request body must be a JSON object';
  return body as Record<string, unknown>;
}

/** A finite number from a JSON number or numeric text, else undefined. */
export function numberField(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A string field (numbers become text, as Dhan accepts `securityId` either way), else undefined. */
export function textField(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
