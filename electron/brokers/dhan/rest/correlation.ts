/**
 * Correlation ids: every Dhan order carries one so that a lost answer can be reconciled with
 * `GET /orders/external/{correlation-id}` (seeds/002, "Get Order by Correlation Id").
 *
 * The seeds give no length or character limit; we send at most `DHAN_CORRELATION_ID_MAX` (25)
 * characters from `[A-Za-z0-9_-]` (limits.ts) and generate 20-character ids.
 */

import { randomBytes } from 'node:crypto';
import { DHAN_CORRELATION_ID_PATTERN } from '../limits';

/**
 * A new correlation id: `td` + epoch ms in base 36 (8 chars until 2059) + 10 random hex chars,
 * e.g. `tdmhz3k2a1f09c2b7e41`. Unique enough across restarts (time) and bursts (40 random bits).
 */
export function newCorrelationId(nowMs: number = Date.now()): string {
  return `td${nowMs.toString(36).padStart(8, '0')}${randomBytes(5).toString('hex')}`;
}

/** True when `id` may be sent as a Dhan correlation id (1-25 chars of `[A-Za-z0-9_-]`). */
export function isValidCorrelationId(id: string): boolean {
  return DHAN_CORRELATION_ID_PATTERN.test(id);
}
