/**
 * Response headers of every HTTP answer the headless host gives.
 *
 * Source: issue 2 and DESIGN.md, "Electron security list" (a Content-Security-Policy with
 * `script-src 'self'`). The bridge WebSocket is the only place the page may connect to;
 * `Referrer-Policy: no-referrer` keeps the launch token in the page URL from leaking to anything
 * the page loads.
 */

/** The Content-Security-Policy for a host listening on `port`. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent on every HTTP answer (static files, refusals, errors). */
export function securityHeaders(port: number): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
