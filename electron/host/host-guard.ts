/**
 * The headless host's gatekeeping, as pure functions: the per-launch token, the Host check that
 * blocks DNS rebinding, and the Origin check that stops other web sites from driving the bridge.
 *
 * Source: issue 2 ("guarded by a random per-launch token carried in the URL it prints, with Host
 * and Origin checked") and DESIGN.md, "Electron security list" (origins compared exactly, never
 * with `startsWith`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a launch token (256 bits; base64url gives 43 characters). */
export const TOKEN_BYTES = 32;

/** A fresh per-launch token: `TOKEN_BYTES` random bytes, base64url without padding. */
export function newLaunchToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * True when `given` equals `expected`, compared in constant time. A missing or non-string token,
 * or one of another length, is refused without comparing (the length of a base64url token of
 * fixed size is not a secret).
 */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/**
 * True when the HTTP `Host` header is exactly `127.0.0.1:PORT` or `localhost:PORT` (case-insensitive
 * host name, exact port). Anything else (a rebinding name such as `evil.example:PORT`, a missing
 * port, another port) is refused: a page from a foreign name that was re-pointed at 127.0.0.1 carries
 * its own name in `Host`.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (typeof host !== 'string') return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/**
 * True when the `Origin` header is exactly `http://127.0.0.1:PORT` or `http://localhost:PORT`.
 * A missing Origin is refused: browsers always send one on a WebSocket upgrade, so only non-browser
 * programs omit it, and those get no access without the token AND the origin.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (typeof origin !== 'string') return false;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Reads `token` from the query string of a request target such as `/bridge?token=abc`. */
export function tokenFromRequestTarget(target: string | undefined): string | null {
  if (typeof target !== 'string') return null;
  const q = target.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(target.slice(q + 1)).get('token');
}

/** The path part of a request target, without the query (`/bridge?token=x` → `/bridge`). */
export function pathOfRequestTarget(target: string | undefined): string {
  if (typeof target !== 'string') return '/';
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}
