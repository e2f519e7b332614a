/**
 * Turns a `DhanHttpResult` into the shared `Result` (reads) or an outcome (order changes), running
 * the zod schema and the mapping, so a bad answer becomes a clear error instead of an exception.
 *
 * Source: DESIGN.md ("Errors cross as data"; "Money rules"), seeds/002 response structures.
 */

import type { z } from 'zod';
import { bridgeError, type BridgeError, type Result } from '../../../../shared/errors';
import type { DhanHttpResult } from './http';
import { DhanWireError } from './mapping';

/** Short text of the first zod issues: `data.oc.17600.ce.oi: expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** A MALFORMED_FRAME error for an answer of the wrong shape. */
export function malformedAnswer(what: string, detail: string): BridgeError {
  return bridgeError('MALFORMED_FRAME', `Dhan ${what}: unexpected answer (${detail})`, false);
}

/**
 * Validates `body` with `schema` and maps it; a schema failure or a `DhanWireError` from the mapping
 * becomes `{ ok: false }` with MALFORMED_FRAME naming the field.
 */
export function parseBody<S extends z.ZodType, T>(body: unknown, schema: S, map: (wire: z.output<S>) => T, what: string): Result<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, error: malformedAnswer(what, describeIssues(parsed.error)) };
  try {
    return { ok: true, value: map(parsed.data) };
  } catch (e) {
    if (e instanceof DhanWireError) return { ok: false, error: malformedAnswer(what, e.message) };
    throw e;
  }
}

/** A read's result: the mapped value, or the transport's / broker's error. */
export function readResult<S extends z.ZodType, T>(r: DhanHttpResult, schema: S, map: (wire: z.output<S>) => T, what: string): Result<T> {
  if (r.kind !== 'ok') return { ok: false, error: r.error };
  return parseBody(r.body, schema, map, what);
}

/** Outcome of an order-changing request that is not an order itself (convert, exit all). */
export type DhanChangeOutcome =
  | { readonly kind: 'accepted'; readonly message: string }
  | { readonly kind: 'rejected'; readonly error: BridgeError }
  | { readonly kind: 'unknown'; readonly error: BridgeError };
