/**
 * Serves the built renderer (dist/renderer) over loopback HTTP: GET and HEAD only, path traversal
 * refused, a content type per extension, `index.html` for `/`.
 *
 * Source: issue 2 ("serves the built renderer"). Paths are decoded once, normalised, resolved
 * against the renderer directory and then resolved again through symlinks; anything that lands
 * outside the directory is refused (403), whatever spelling got it there (`..`, `%2e%2e`, `%2f`).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, sep } from 'node:path';

/** Content types by file extension (lower case, with the dot). Unknown types are served as bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a file path; `application/octet-stream` when the extension is unknown. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Where a request path points inside the renderer directory, or why it was refused. */
export type StaticTarget =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 400 | 403; readonly reason: string };

/**
 * Maps the path part of a request target (no query) to a file under `root` (an absolute directory).
 * Pure: no file system access. `/` and paths ending in `/` map to `index.html`.
 * Refuses (400) undecodable escapes, NUL bytes and backslashes; refuses (403) anything whose
 * normalised form leaves `root`.
 */
export function staticTarget(root: string, requestPath: string): StaticTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding in the path' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in the path' };
  if (decoded.includes('\\')) return { ok: false, status: 400, reason: 'backslash in the path' };
  if (!decoded.startsWith('/')) return { ok: false, status: 400, reason: 'the path does not start with /' };
  if (decoded.split('/').includes('..')) return { ok: false, status: 403, reason: 'the path leaves the renderer directory' };
  let rel = posix.normalize(decoded);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = join(root, rel);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { ok: false, status: 403, reason: 'the path leaves the renderer directory' };
  }
  return { ok: true, file };
}

/** Options of `serveStatic`. */
export interface StaticOptions {
  /** Absolute path of the built renderer directory (normally dist/renderer). */
  readonly root: string;
  /** Headers added to every answer (security headers). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Sends a short plain-text answer with the given status. */
export function sendText(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): void {
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Answers one HTTP request from the renderer directory. Never throws: file system errors become
 * 404/500 answers. Methods other than GET and HEAD get 405. A missing renderer build gets 503 with
 * the command that makes it.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, requestPath: string, o: StaticOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET and HEAD are served here.', o.headers, { Allow: 'GET, HEAD' });
    return;
  }
  let realRoot: string;
  try {
    realRoot = await realpath(o.root);
    await stat(join(realRoot, 'index.html'));
  } catch {
    sendText(res, 503, 'The renderer is not built yet: run `npm run build` (or `npx vite build`), then reload.', o.headers);
    return;
  }
  const target = staticTarget(realRoot, requestPath);
  if (!target.ok) {
    sendText(res, target.status, `Refused: ${target.reason}.`, o.headers);
    return;
  }
  let file: string;
  let size: number;
  try {
    file = await realpath(target.file);
    // A symlink inside the build must not lead outside it either.
    if (!file.startsWith(realRoot + sep)) {
      sendText(res, 403, 'Refused: the path leaves the renderer directory.', o.headers);
      return;
    }
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    sendText(res, 404, 'Not found.', o.headers);
    return;
  }
  res.writeHead(200, {
    ...o.headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(size),
    // index.html names the hashed bundles of the current build: never cached. Other files revalidate.
    'Cache-Control': file.endsWith(`${sep}index.html`) ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
