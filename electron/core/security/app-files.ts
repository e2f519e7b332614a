/**
 * Maps an `app://tickdesk/...` request to a file of the built renderer, safely.
 *
 * Source: DESIGN.md, "Electron security list" (the app is served with `protocol.handle`, not
 * `file://`). Pure path arithmetic (node:path only), reusable by the headless host. The shell's
 * protocol handler reads the file and answers 404 when it is missing.
 */
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isAppUrl, parseStrictUrl } from './origin';

/**
 * The absolute path under `rootDir` that `requestUrl` names, or null when the URL is not the
 * app's, or its path is not a clean relative file path: `..` or `.` segments (also percent-encoded),
 * backslashes, NUL, bad percent-encoding, or anything that would resolve outside `rootDir`.
 * `/` maps to `index.html`. Query and fragment are ignored.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = parseStrictUrl(requestUrl);
  if (!u) return null;
  const raw = u.pathname === '' || u.pathname === '/' ? '/index.html' : u.pathname;
  const segments: string[] = [];
  for (const enc of raw.split('/').slice(1)) {
    let seg: string;
    try {
      seg = decodeURIComponent(enc);
    } catch {
      return null;
    }
    if (seg === '' || seg === '.' || seg === '..' || seg.includes('/') || seg.includes('\\') || seg.includes('\0') || seg.includes(':')) return null;
    segments.push(seg);
  }
  if (segments.length === 0) return null;
  const root = resolve(rootDir);
  const file = resolve(join(root, ...segments));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a served file, by extension; `application/octet-stream` when unknown. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
