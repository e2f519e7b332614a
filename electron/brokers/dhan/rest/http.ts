/**
 * The DhanHQ v2 HTTP transport: one `send` that applies the rate limiter, headers, timeout, error
 * detection and redacted logging, and says whether a failed request certainly did nothing
 * (`refused`) or might have (`unknown`).
 *
 * Source: seeds/000 ("Structure": JSON bodies, `access-token` header; "Errors": envelope
 * `{ errorType, errorCode, errorMessage }`), seeds/002 (headers `access-token` and `client-id`,
 * base `https://api.dhan.co/v2`). The recorded 806 error arrives with HTTP 200
 * (fixtures/dhan/rest/error.806…http200.json): error bodies are detected whatever the status.
 *
 * Retry policy (DESIGN.md, "Money rules"):
 * - Order-changing requests (`orderChange: true`) are sent exactly once. A timeout, a network error,
 *   a 5xx or an unreadable 2xx answer is `unknown` (UNKNOWN_OUTCOME): the caller reconciles by
 *   correlation id; nothing here re-sends.
 * - Reads are re-sent once after a network error (the connection failed; a read has no side
 *   effect), through the limiter again; never after a timeout or an HTTP answer.
 */

import { bridgeError, type BridgeError } from '../../../../shared/errors';
import { redactText, redactUrl } from '../../../core/redact';
import { RateLimiter } from '../../../core/rate-limiter';
import { dhanBridgeError } from '../errors';
import { DHAN_RATE_LIMITS, DHAN_WINDOW_GUARD_MS, type DhanLimitClass } from '../limits';
import { wireErrorSchema } from './schemas';

/** Production base URL (seeds/002). */
export const DHAN_API_BASE = 'https://api.dhan.co/v2';

/** The two credentials every Dhan request carries. Never logged. */
export interface DhanCredentials {
  readonly clientId: string;
  readonly accessToken: string;
}

/** Options of `DhanHttp`. */
export interface DhanHttpOptions {
  /** Credentials, or a function read on every request (so a renewed token is picked up). */
  readonly credentials: DhanCredentials | (() => DhanCredentials);
  /** Base URL without a trailing slash; default `https://api.dhan.co/v2` (the simulator passes its own). */
  readonly baseUrl?: string;
  /** `fetch` to use; default the global one. */
  readonly fetch?: typeof fetch;
  /** Per-request timeout, ms, covering the answer's body too. Default 10000. */
  readonly timeoutMs?: number;
  /** The limiter; default one built from `DHAN_RATE_LIMITS`. Share one per account. */
  readonly limiter?: RateLimiter;
  /** Receives one redacted line per request (method, URL, status, duration). */
  readonly log?: (line: string) => void;
  /** Re-send a read once after a network error. Default true. */
  readonly retryReadOnNetworkError?: boolean;
  /** Clock for durations in logs, ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** One request. */
export interface DhanRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base, starting with `/` (`/orders`, `/orders/external/abc`). */
  readonly path: string;
  /** JSON body (POST/PUT). */
  readonly body?: unknown;
  /** Rate-limit class, or null for requests outside Dhan's API limits (static CSV files). */
  readonly limitClass: DhanLimitClass | null;
  /** True for place/modify/cancel/slice/convert/exit-all: bounded limiter wait, never re-sent. */
  readonly orderChange?: boolean;
  /**
   * Absolute URL instead of base + path (the instrument CSVs live on images.dhan.co). Credentials
   * are NOT sent to an absolute URL: the token goes to the API base only.
   */
  readonly absoluteUrl?: string;
  /** Expect text, not JSON (CSV downloads). */
  readonly text?: boolean;
  /** This request's timeout, ms, instead of the client's (large downloads). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Download progress of the answer's body (text requests only): called after each chunk with the
   * bytes received so far and the total from `Content-Length`, or null when the length is unknown
   * (no header, or a `Content-Encoding` such as gzip, whose length counts compressed bytes while
   * `fetch` hands over decoded ones). Called with 0 before the first chunk.
   */
  readonly onProgress?: DownloadProgress;
}

/** See `DhanRequest.onProgress`: bytes received so far, and the total when known. */
export type DownloadProgress = (receivedBytes: number, totalBytes: number | null) => void;

/**
 * The total length a body will have as `fetch` delivers it: `Content-Length` when the body is sent
 * as is (no `Content-Encoding`, or `identity`), else null.
 */
export function decodedBodyLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity' && encoding.trim() !== '') return null;
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads a body as UTF-8 text chunk by chunk, reporting progress (see `DhanRequest.onProgress`). */
async function readTextWithProgress(res: Response, onProgress: DownloadProgress): Promise<string> {
  const total = decodedBodyLength(res.headers);
  if (res.body === null) {
    onProgress(0, total);
    return '';
  }
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let received = 0;
  const reader = res.body.getReader();
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress(received, total);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** What happened to a request. */
export type DhanHttpResult =
  /** 2xx without an error body. `body` is parsed JSON (null for an empty body) or text when asked. */
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  /** Certainly not acted on: refused by the limiter, or the broker answered with an error. */
  | { readonly kind: 'refused'; readonly status: number | null; readonly error: BridgeError }
  /** Maybe acted on: timeout, network error, 5xx, or an unreadable success answer. */
  | { readonly kind: 'unknown'; readonly status: number | null; readonly error: BridgeError };

/** Reads an error out of a Dhan body, whatever the HTTP status; null when the body is not an error. */
export function detectErrorBody(body: unknown, orderChange: boolean): BridgeError | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const env = wireErrorSchema.safeParse(body);
  if (env.success && (env.data.errorMessage !== undefined || env.data.errorType !== undefined)) {
    return dhanBridgeError(env.data.errorCode, env.data.errorMessage ?? env.data.errorType, { orderChange });
  }
  // Defensive: `{ status: "failed", data: { "<code>": "<message>" } }`, a shape some Dhan data
  // answers take (not in the seeds); read it rather than mistake it for data.
  const rec = body as Record<string, unknown>;
  const status = typeof rec['status'] === 'string' ? rec['status'].toLowerCase() : '';
  if ((status === 'failed' || status === 'failure' || status === 'error') && rec['data'] !== null && typeof rec['data'] === 'object') {
    const entries = Object.entries(rec['data'] as Record<string, unknown>);
    const first = entries[0];
    if (first !== undefined && /^(?:DH-)?\d+$/.test(first[0])) {
      return dhanBridgeError(first[0], typeof first[1] === 'string' ? first[1] : undefined, { orderChange });
    }
  }
  return null;
}

function statusError(status: number, orderChange: boolean): BridgeError {
  if (status === 401) return bridgeError('UNAUTHENTICATED', `Dhan answered HTTP 401`, false, `HTTP ${status}`);
  if (status === 403) return bridgeError('FORBIDDEN', `Dhan answered HTTP 403`, false, `HTTP ${status}`);
  if (status === 404) return bridgeError('NOT_FOUND', `Dhan answered HTTP 404`, false, `HTTP ${status}`);
  if (status === 429) return bridgeError('RATE_LIMITED', `Dhan answered HTTP 429 (too many requests)`, !orderChange, `HTTP ${status}`);
  return bridgeError('BAD_REQUEST', `Dhan answered HTTP ${status}`, false, `HTTP ${status}`);
}

function unknownOutcome(what: string, brokerCode?: string): BridgeError {
  return bridgeError(
    'UNKNOWN_OUTCOME',
    `${what}: the order request may or may not have reached Dhan. It was not re-sent; check the order book (by correlation id) before trying again.`,
    false,
    brokerCode,
  );
}

/** The transport. One instance per account; share its limiter with nothing else. */
export class DhanHttp {
  readonly baseUrl: string;
  readonly limiter: RateLimiter;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retryReads: boolean;
  private readonly now: () => number;

  constructor(private readonly options: DhanHttpOptions) {
    this.baseUrl = (options.baseUrl ?? DHAN_API_BASE).replace(/\/+$/, '');
    // Dhan counts requests on its side, after network jitter: keep 100 ms of margin per window.
    this.limiter = options.limiter ?? new RateLimiter(DHAN_RATE_LIMITS, { windowGuardMs: DHAN_WINDOW_GUARD_MS });
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryReads = options.retryReadOnNetworkError ?? true;
    this.now = options.now ?? (() => Date.now());
  }

  /** The client id in use (not secret). */
  clientId(): string {
    return this.credentials().clientId;
  }

  private credentials(): DhanCredentials {
    const c = this.options.credentials;
    return typeof c === 'function' ? c() : c;
  }

  private log(line: string): void {
    this.options.log?.(redactText(line));
  }

  /** Sends one request (twice at most for a read after a network error). Never throws. */
  async send(req: DhanRequest): Promise<DhanHttpResult> {
    const first = await this.sendOnce(req);
    if (first.kind === 'unknown' && first.status === null && first.error.code === 'NETWORK' && first.error.retryable && req.orderChange !== true && this.retryReads) {
      this.log(`${req.method} ${req.path}: network error, re-sending the read once`);
      return this.sendOnce(req);
    }
    return first;
  }

  private async sendOnce(req: DhanRequest): Promise<DhanHttpResult> {
    const orderChange = req.orderChange === true;
    if (req.limitClass !== null) {
      const slot = await this.limiter.acquire(req.limitClass, { orderChange, signal: req.signal });
      if (!slot.ok) return { kind: 'refused', status: null, error: slot.error };
    }
    const url = req.absoluteUrl ?? `${this.baseUrl}${req.path}`;
    const headers: Record<string, string> = { Accept: req.text === true ? 'text/csv, */*' : 'application/json' };
    if (req.absoluteUrl === undefined) {
      // Every API call carries both headers and the JSON content type, as the seeds' curl examples do.
      const { clientId, accessToken } = this.credentials();
      headers['access-token'] = accessToken;
      headers['client-id'] = clientId;
      headers['Content-Type'] = 'application/json';
    }
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal === undefined ? timeout : AbortSignal.any([timeout, req.signal]);
    const started = this.now();
    let status: number | null = null;
    try {
      const res = await this.fetchFn(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      status = res.status;
      const text = req.onProgress !== undefined && req.text === true && res.ok ? await readTextWithProgress(res, req.onProgress) : await res.text();
      this.log(`${req.method} ${redactUrl(url)} → ${status} in ${this.now() - started} ms`);
      return this.interpret(req, status, text);
    } catch (e) {
      const timedOut = timeout.aborted;
      const aborted = !timedOut && req.signal?.aborted === true;
      const what = timedOut ? `no answer within ${timeoutMs} ms` : aborted ? 'cancelled by the caller' : `network error: ${(e as Error).message}`;
      this.log(`${req.method} ${redactUrl(url)} failed after ${this.now() - started} ms: ${what}`);
      if (orderChange) return { kind: 'unknown', status, error: unknownOutcome(`Dhan ${req.method} ${req.path}: ${what}`) };
      const code = timedOut ? 'TIMEOUT' : 'NETWORK';
      return { kind: 'unknown', status, error: bridgeError(code, `Dhan ${req.method} ${req.path}: ${redactText(what)}`, !aborted) };
    }
  }

  private interpret(req: DhanRequest, status: number, text: string): DhanHttpResult {
    const orderChange = req.orderChange === true;
    let body: unknown = null;
    let parsed = true;
    if (req.text === true && status >= 200 && status < 300) return { kind: 'ok', status, body: text };
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }
    const bodyError = parsed ? detectErrorBody(body, orderChange) : null;
    if (status >= 500) {
      if (orderChange) return { kind: 'unknown', status, error: unknownOutcome(`Dhan answered HTTP ${status}${bodyError ? ` (${bodyError.message})` : ''}`, bodyError?.brokerCode ?? `HTTP ${status}`) };
      return { kind: 'unknown', status, error: bodyError ?? bridgeError('INTERNAL', `Dhan answered HTTP ${status}`, true, `HTTP ${status}`) };
    }
    if (bodyError !== null) return { kind: 'refused', status, error: bodyError };
    if (status < 200 || status >= 300) return { kind: 'refused', status, error: statusError(status, orderChange) };
    if (!parsed) {
      const what = `Dhan answered HTTP ${status} with a body that is not JSON`;
      if (orderChange) return { kind: 'unknown', status, error: unknownOutcome(what) };
      return { kind: 'refused', status, error: bridgeError('MALFORMED_FRAME', what, false) };
    }
    return { kind: 'ok', status, body };
  }
}
