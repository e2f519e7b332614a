/**
 * Response headers of every HTTP answer the headless host gives.
 *
 * Source: issue 2 and DESIGN.md, "Electron security list" (a Content-Security-Policy with
 * `script-src 'self'`). The bridge WebSocket is the only place the page may connect to;
 * `Referrer-Policy: no-referrer` keeps the launch token in the page URL from leaking to anything
 * the page loads.
 */
import { buildCsp } from '../core/security/csp';

/**
 * The Content-Security-Policy for a host listening on `port`: the app's one policy
 * (electron/core/security/csp.ts) with the loopback bridge origins added to `connect-src`.
 */
export function contentSecurityPolicy(port: number): string {
  return buildCsp({ connectOrigins: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
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
