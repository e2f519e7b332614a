import { describe, expect, it } from 'vitest';
import { HOSTILE_URLS } from './hostile-urls';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, isTrustedSender, parseStrictUrl } from './origin';


describe('isAppUrl', () => {
  it('accepts the app origin and its pages', () => {
    expect(isAppUrl(APP_ORIGIN)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true);
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://tickdesk/assets/index-abc123.js?v=1#top')).toBe(true);
  });

  it('compares scheme and host case-insensitively, as Chromium canonicalises a standard scheme', () => {
    expect(isAppUrl('APP://TickDesk/index.html')).toBe(true);
    // An empty port is no port (the parser drops it): still the app's origin.
    expect(isAppUrl('app://tickdesk:/index.html')).toBe(true);
  });

  it.each(HOSTILE_URLS.map((u) => [u]))('refuses %j', (u) => {
    expect(isAppUrl(u)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames of the app origin; a missing frame is untrusted', () => {
    expect(isTrustedSender('app://tickdesk/index.html')).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender('about:blank')).toBe(false);
    expect(isTrustedSender('app://user:pass@tickdesk/')).toBe(false);
  });
});

describe('parseStrictUrl', () => {
  it('does not let the URL parser strip whitespace or control characters silently', () => {
    expect(new URL(' app://tickdesk/ ').host).toBe('tickdesk'); // what the lenient parser does
    expect(parseStrictUrl(' app://tickdesk/ ')).toBeNull();
    expect(parseStrictUrl('https://dhan.co/\r\n')).toBeNull();
    expect(parseStrictUrl('https://dhan.co/')?.hostname).toBe('dhan.co');
  });
});
