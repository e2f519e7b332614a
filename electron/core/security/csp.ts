/**
 * The Content-Security-Policy of the app's pages.
 *
 * Source: DESIGN.md, "Electron security list": `script-src 'self'` (no 'unsafe-eval', no inline
 * scripts). The Electron shell sends it as a response header from `protocol.handle`; the headless
 * host sends the variant with its loopback WebSocket origin in `connect-src`.
 *
 * `style-src` allows 'unsafe-inline' because lightweight-charts injects a `<style>` element at run
 * time (React's `style` props go through CSSOM and would not need it). Injected CSS cannot run
 * script, and its usual exfiltration path (`url(...)` to another host) stays shut by `img-src` and
 * `font-src` ('self', data:, blob:) and `default-src 'none'`.
 */
import { parseStrictUrl } from './origin';

export interface CspOptions {
  /**
   * Extra `connect-src` origins, e.g. the headless host's `ws://127.0.0.1:PORT`. Each must be a
   * ws:/wss:/http:/https: origin without path, query or credentials; anything else throws.
   */
  readonly connectOrigins?: readonly string[];
}

/** Turns `ws://127.0.0.1:5173/x` into `ws://127.0.0.1:5173`; throws on anything but a clean origin. */
function cspOrigin(input: string): string {
  const u = parseStrictUrl(input);
  if (!u || !['ws:', 'wss:', 'http:', 'https:'].includes(u.protocol) || u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    throw new Error(`CSP connect-src origin must be a ws/wss/http/https origin, got ${JSON.stringify(input)}`);
  }
  return `${u.protocol}//${u.host}`;
}

/** Builds the policy as one header value (directives joined by `; `). Throws on a bad origin. */
export function buildCsp(o: CspOptions = {}): string {
  const connect = ["'self'", ...(o.connectOrigins ?? []).map(cspOrigin)];
  const directives: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Parses a policy into directive → sources, for tests and checks. */
export function parseCsp(policy: string): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}
