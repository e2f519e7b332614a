/**
 * Navigation, redirect and `window.open` policy of the app window.
 *
 * Source: DESIGN.md, "Electron security list": `will-navigate`, `will-redirect` and
 * `setWindowOpenHandler` deny everything outside the app; `shell.openExternal` only for
 * allow-listed https. Pure functions; the Electron shell (electron/app/guards.ts) applies them.
 */
import { isAppUrl, parseStrictUrl } from './origin';

/**
 * Hosts the app may hand to the user's browser (`shell.openExternal`), exact names only (no
 * subdomain wildcards), https on the default port only. Kept to the brokers' login, web terminal
 * and API documentation pages a user needs while setting up a broker:
 * - `dhan.co`, `web.dhan.co`: Dhan's site and web terminal (access tokens are generated there);
 * - `dhanhq.co`: DhanHQ API documentation;
 * - `kite.zerodha.com`: Kite web and its Connect login page;
 * - `developers.kite.trade`, `kite.trade`: Kite Connect developer console and documentation.
 */
export const EXTERNAL_HTTPS_HOSTS: ReadonlySet<string> = new Set([
  'dhan.co',
  'web.dhan.co',
  'dhanhq.co',
  'kite.zerodha.com',
  'developers.kite.trade',
  'kite.trade',
]);

/** True when the window may navigate (or be redirected) to `url`: only inside the app. */
export function isNavigationAllowed(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * The canonical href to open in the user's browser when `url` is https to an allow-listed host on
 * the default port without credentials; otherwise null.
 */
export function externalUrlToOpen(url: unknown): string | null {
  const u = parseStrictUrl(url);
  if (!u) return null;
  if (u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return null;
  if (!EXTERNAL_HTTPS_HOSTS.has(u.hostname)) return null;
  return u.href;
}

/** What `setWindowOpenHandler` does: never a new Electron window; maybe the user's browser. */
export interface WindowOpenDecision {
  /** Always `deny`: the app opens no child windows. */
  readonly action: 'deny';
  /** The href to pass to `shell.openExternal`, or null to do nothing. */
  readonly openExternal: string | null;
}

/** Decides a `window.open` / `target=_blank` request for `url`. */
export function windowOpenDecision(url: unknown): WindowOpenDecision {
  return { action: 'deny', openExternal: externalUrlToOpen(url) };
}

/**
 * Decides a `will-navigate` / `will-frame-navigate` / `will-redirect` to `url`: `allow` inside the
 * app; otherwise `deny`, with the allow-listed href to open in the browser instead (a plain link
 * to a broker's docs), or null.
 */
export function navigationDecision(url: unknown): { readonly action: 'allow' } | { readonly action: 'deny'; readonly openExternal: string | null } {
  if (isNavigationAllowed(url)) return { action: 'allow' };
  return { action: 'deny', openExternal: externalUrlToOpen(url) };
}
