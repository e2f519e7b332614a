/**
 * Reads the expiry of a JSON Web Token without verifying it: the `exp` claim (RFC 7519 §4.1.4,
 * NumericDate = epoch seconds UTC) of the payload, the second base64url segment (RFC 7515 §2).
 *
 * A Dhan access token is a JWT (seeds/000 and seeds/002 send it as `access-token: JWT`); its `exp`
 * is when Dhan stops accepting it. The vault records that expiry when the user stores the token, so
 * the status bar and Settings can show it and a LIVE connect can refuse an expired token before any
 * network call. Main process only: the token never crosses the bridge, only the number does.
 *
 * No signature check (the broker checks that; we only want the date) and no library. Never throws:
 * anything that is not a three-part token with a JSON payload carrying a finite, positive numeric
 * `exp` gives null (expiry unknown).
 */

/** Largest epoch ms a JavaScript Date can hold (±8.64e15, ECMA-262 §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

/**
 * The `exp` claim of `token` as epoch milliseconds UTC (whole ms; fractional seconds are allowed by
 * RFC 7519 and rounded down), or null when the token is not a JWT or carries no usable `exp`.
 */
export function jwtExpiryMs(token: string): number | null {
  try {
    const parts = token.trim().split('.');
    if (parts.length !== 3) return null;
    const payload = parts[1]!;
    if (payload.length === 0 || !/^[A-Za-z0-9_-]+={0,2}$/.test(payload)) return null;
    const json = Buffer.from(payload, 'base64url').toString('utf8');
    const claims: unknown = JSON.parse(json);
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const exp = (claims as Record<string, unknown>).exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return null;
    const ms = Math.floor(exp * 1000);
    return ms > 0 && ms <= MAX_DATE_MS ? ms : null;
  } catch {
    return null;
  }
}
