/**
 * Hides secrets in URLs, headers and log lines before they reach a log or the renderer.
 *
 * Source: DESIGN.md, "Money rules" (logs redact tokens; both brokers put them in WebSocket URLs):
 * Dhan's feed URL carries `token=` (seeds/002, "Live Market Feed"), its REST calls the
 * `access-token` header and its order-update login the `Token` JSON field (seeds/002, "Live Order
 * Update"); Kite's ticker URL carries `api_key` and `access_token` (seeds/003), its REST header
 * `Authorization: token api_key:access_token`.
 *
 * Values are replaced by `***`; the key stays so the line still says what was there.
 */

/** The replacement text for a hidden value. */
export const REDACTED = '***';

/** Key names whose values are secret (compared case-insensitively, `-` and `_` alike). */
const SECRET_KEYS = [
  'token',
  'access-token',
  'accesstoken',
  'access_token',
  'api_key',
  'apikey',
  'api_secret',
  'secret',
  'password',
  'request_token',
  'enctoken',
  'checksum',
];

const KEY_ALTERNATION = SECRET_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|');

/** `?token=…` / `&access_token=…` in a URL or a query string. */
const QUERY_PARAM = new RegExp(`([?&;](?:${KEY_ALTERNATION})=)[^&#\\s"']*`, 'gi');
/** `"Token":"…"` / `"access-token": "…"` in JSON. */
const JSON_FIELD = new RegExp(`("(?:${KEY_ALTERNATION})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi');
/** `access-token: …` / `token=…` header or key=value style, outside URLs and JSON. */
const HEADER_FIELD = new RegExp(`(^|[\\s,{(\\[])((?:${KEY_ALTERNATION})\\s*[:=]\\s*)(?!\\s*")([^\\s,;&"'}\\])]+)`, 'gim');
/** `Authorization: token key:secret` / `Authorization: Bearer …`. */
const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)(?:token|bearer|basic)?\s*[^\s"',;}]+/gi;
/** Any JWT (Dhan access tokens are JWTs), wherever it appears. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/**
 * Hides secret query parameters in a URL: `wss://api-feed.dhan.co?version=2&token=eyJ…&clientId=1`
 * → `wss://api-feed.dhan.co?version=2&token=***&clientId=1`. Never throws; non-URLs are treated as text.
 */
export function redactUrl(url: string): string {
  return url.replace(QUERY_PARAM, `$1${REDACTED}`).replace(JWT, REDACTED);
}

/**
 * Hides secrets anywhere in a log line or header dump: URL query parameters, JSON fields
 * (`"Token":"…"`), header/`key=value` pairs (`access-token: …`), `Authorization` values and bare JWTs.
 */
export function redactText(text: string): string {
  return text
    .replace(QUERY_PARAM, `$1${REDACTED}`)
    .replace(JSON_FIELD, `$1${REDACTED}$2`)
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(HEADER_FIELD, `$1$2${REDACTED}`)
    .replace(JWT, REDACTED);
}

/** A copy of a header record with secret header values replaced (`access-token`, `authorization`…). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const secret = new RegExp(`^(?:${KEY_ALTERNATION}|authorization)$`, 'i');
  for (const [k, v] of Object.entries(headers)) out[k] = secret.test(k) ? REDACTED : redactText(v);
  return out;
}
