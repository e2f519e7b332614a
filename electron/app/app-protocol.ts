/**
 * The `app://tickdesk` protocol handler: serves the built renderer (dist/renderer) with the
 * Content-Security-Policy header, instead of loading pages from `file://`.
 *
 * Source: DESIGN.md, "Electron security list" (CSP with `script-src 'self'`; the app served with
 * `protocol.handle`). The handler is a plain `(Request) => Promise<Response>` over Node's fetch
 * classes, so it is tested without Electron; main.ts registers it with `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveAppFile } from '../core/security/app-files';
import { buildCsp } from '../core/security/csp';
import { APP_SCHEME } from '../core/security/origin';

/** The scheme privileges to register before app `ready` (`protocol.registerSchemesAsPrivileged`). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

/** Headers every answer carries. */
function baseHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}

/**
 * Builds the handler for files under `rendererDir`. GET and HEAD only (405 otherwise); 404 for a
 * URL that `resolveAppFile` refuses or a file that does not exist; the CSP header on every answer.
 */
export function createAppRequestHandler(rendererDir: string, o: { readonly csp?: string; readonly read?: (file: string) => Promise<Uint8Array> } = {}): (request: Request) => Promise<Response> {
  const csp = o.csp ?? buildCsp();
  const read = o.read ?? ((file: string) => readFile(file));
  return async (request) => {
    const headers = baseHeaders(csp);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' } });
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
    }
    const h = { ...headers, 'content-type': contentTypeFor(file) };
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers: h });
  };
}
