/**
 * zod schemas for every argument that enters the main process over the bridge.
 *
 * Source: DESIGN.md, "The IPC contract": payloads are validated at the boundary; a malformed one
 * gets an error reply, never a crash. Each schema is checked at compile time against the
 * contract's argument type, so the two cannot drift apart.
 */
import { z } from 'zod';
import type { RequestArgs, RequestChannel, StreamArgs, StreamChannel } from '../../../shared/ipc/contract';

const empty = z.object({}).strict();
const liveBroker = z.enum(['dhan', 'kite']);

/** Request argument schemas, one per channel of `RequestMap`. */
export const requestSchemas = {
  'app.info': empty,
  'app.ping': z.object({ nonce: z.number().int().safe() }).strict(),
  'session.status': empty,
  'vault.status': z.object({ broker: liveBroker }).strict(),
  'vault.set': z
    .object({
      broker: liveBroker,
      clientId: z.string().trim().min(1).max(64),
      secret: z.string().min(1).max(4096),
      expiresAtMs: z.number().int().positive().nullable().optional(),
      allowInsecureBackend: z.boolean().optional(),
    })
    .strict(),
  'vault.clear': z.object({ broker: liveBroker }).strict(),
} satisfies { [C in RequestChannel]: z.ZodType<RequestArgs<C>> };

/** Stream argument schemas, one per stream of `StreamMap`. */
export const streamSchemas = {
  'session.status': empty,
  'app.heartbeat': z.object({ intervalMs: z.number().int().min(250).max(60_000) }).strict(),
} satisfies { [S in StreamChannel]: z.ZodType<StreamArgs<S>> };

/** Formats zod issues as one line for the user: `secret: Too small…; broker: Invalid option…`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}
