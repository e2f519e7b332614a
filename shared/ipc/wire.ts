/**
 * Envelopes carried by every bridge transport, as JSON text frames.
 *
 * Client → core: `req` (one request, answered by one `res`), `sub` (open a stream, answered by
 * `ev` frames until `unsub` or an `end`), `unsub`.
 * Core → client: `res`, `ev`, `end` (a stream refused or ended by error), `err` (a frame the core
 * could not read; carries the request id when one could be read).
 *
 * Source: DESIGN.md, "The IPC contract". The same frames pass through Electron IPC and the
 * loopback WebSocket, so one client (`client.ts`) and one server (`electron/core/ipc`) serve both.
 */
import type { BridgeError } from '../errors';

/** Request id: a positive integer, unique per connection, chosen by the client. */
export type FrameId = number;

export type ClientFrame =
  | { readonly t: 'req'; readonly id: FrameId; readonly ch: string; readonly args: unknown }
  | { readonly t: 'sub'; readonly id: FrameId; readonly ch: string; readonly args: unknown }
  | { readonly t: 'unsub'; readonly id: FrameId };

export type ServerFrame =
  | { readonly t: 'res'; readonly id: FrameId; readonly ok: true; readonly value: unknown }
  | { readonly t: 'res'; readonly id: FrameId; readonly ok: false; readonly error: BridgeError }
  | { readonly t: 'ev'; readonly id: FrameId; readonly payload: unknown }
  | { readonly t: 'end'; readonly id: FrameId; readonly error: BridgeError }
  | { readonly t: 'err'; readonly id: FrameId | null; readonly error: BridgeError };

/** Largest frame either side accepts, in UTF-16 code units of the JSON text (1 MiB). */
export const MAX_FRAME_CHARS = 1 << 20;

function isId(v: unknown): v is FrameId {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function isError(v: unknown): v is BridgeError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message === 'string' && typeof e.retryable === 'boolean';
}

/**
 * Reads a server frame on the client side. Returns `null` for anything that is not a valid
 * `ServerFrame` (the client counts and drops it).
 */
export function parseServerFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string' || text.length > MAX_FRAME_CHARS) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const f = v as Record<string, unknown>;
  switch (f.t) {
    case 'res':
      if (!isId(f.id)) return null;
      if (f.ok === true && 'value' in f) return { t: 'res', id: f.id, ok: true, value: f.value };
      if (f.ok === false && isError(f.error)) return { t: 'res', id: f.id, ok: false, error: f.error };
      return null;
    case 'ev':
      return isId(f.id) && 'payload' in f ? { t: 'ev', id: f.id, payload: f.payload } : null;
    case 'end':
      return isId(f.id) && isError(f.error) ? { t: 'end', id: f.id, error: f.error } : null;
    case 'err':
      return (f.id === null || isId(f.id)) && isError(f.error) ? { t: 'err', id: f.id, error: f.error } : null;
    default:
      return null;
  }
}

/** Outcome of reading a client frame on the core side. */
export type ClientFrameParse =
  | { readonly ok: true; readonly frame: ClientFrame }
  | { readonly ok: false; readonly id: FrameId | null; readonly reason: string };

/**
 * Reads a client frame on the core side. Never throws: a malformed frame yields the reason and,
 * when one could be read, the id to answer to. Argument validation is the server's job (per channel).
 */
export function parseClientFrame(text: unknown): ClientFrameParse {
  if (typeof text !== 'string') return { ok: false, id: null, reason: 'frame is not text' };
  if (text.length > MAX_FRAME_CHARS) return { ok: false, id: null, reason: `frame longer than ${MAX_FRAME_CHARS} characters` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, id: null, reason: 'frame is not valid JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, id: null, reason: 'frame is not a JSON object' };
  const f = v as Record<string, unknown>;
  const id = isId(f.id) ? f.id : null;
  if (id === null) return { ok: false, id: null, reason: 'frame has no valid id (a positive integer)' };
  if (f.t === 'unsub') return { ok: true, frame: { t: 'unsub', id } };
  if (f.t === 'req' || f.t === 'sub') {
    if (typeof f.ch !== 'string' || f.ch.length === 0 || f.ch.length > 64) return { ok: false, id, reason: 'frame has no valid channel name' };
    return { ok: true, frame: { t: f.t, id, ch: f.ch, args: f.args === undefined ? {} : f.args } };
  }
  return { ok: false, id, reason: `unknown frame type ${JSON.stringify(f.t)}` };
}
