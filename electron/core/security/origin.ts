/**
 * The app's own origin and the one way to test a URL against it.
 *
 * Source: DESIGN.md, "Electron security list": the app is served with `protocol.handle` on a
 * privileged standard scheme (`app://tickdesk`), not `file://`; origins are compared with the URL
 * parser, never with `startsWith`. Pure: no 'electron' import, so the headless host and tests reuse it.
 */

/** The app's URL scheme, registered privileged + standard in the Electron shell. */
export const APP_SCHEME = 'app';
/** The one host of the app scheme. */
export const APP_HOST = 'tickdesk';
/** The app's origin. Chromium serialises a standard scheme's origin like this. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Any ASCII control character, space or DEL: canonical URLs from Chromium never hold one. */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/**
 * Parses `input` as an absolute URL, or returns null. Refuses (null) anything that is not a string,
 * is empty or longer than 8 KiB, or holds whitespace or control characters anywhere: the WHATWG
 * parser silently strips leading/trailing spaces and inner tabs/newlines, and a policy should not
 * judge a different string from the one it was given.
 */
export function parseStrictUrl(input: unknown): URL | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 8192) return null;
  if (CONTROL_OR_SPACE.test(input)) return null;
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to the app: scheme `app`, host exactly `tickdesk` (compared
 * case-insensitively, as Chromium canonicalises a standard scheme's host), no port, no user name
 * or password. Everything else (javascript:, file:, data:, https:, `app://tickdesk.evil`,
 * `app://user:pass@tickdesk`, relative or garbage strings) is false.
 *
 * Node's parser gives non-special schemes an opaque origin (`'null'`), so this compares the parsed
 * parts instead of `URL.origin`.
 */
export function isAppUrl(url: unknown): boolean {
  const u = parseStrictUrl(url);
  if (!u) return false;
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * True when the IPC sender's frame URL is the app's (`event.senderFrame.url`). A missing frame
 * (null/undefined: the frame navigated away or was destroyed) is not trusted.
 */
export function isTrustedSender(senderFrameUrl: string | null | undefined): boolean {
  return isAppUrl(senderFrameUrl);
}
