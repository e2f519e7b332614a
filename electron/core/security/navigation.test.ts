import { describe, expect, it } from 'vitest';
import { EXTERNAL_HTTPS_HOSTS, externalUrlToOpen, isNavigationAllowed, navigationDecision, windowOpenDecision } from './navigation';
import { HOSTILE_URLS } from './hostile-urls';

describe('navigation and redirects', () => {
  it('allows only pages of the app', () => {
    expect(navigationDecision('app://tickdesk/index.html')).toEqual({ action: 'allow' });
    expect(isNavigationAllowed('app://tickdesk/settings')).toBe(true);
  });

  it.each(HOSTILE_URLS.map((u) => [u]))('denies %j and opens nothing', (u) => {
    expect(navigationDecision(u)).toEqual({ action: 'deny', openExternal: null });
  });

  it('denies a link to a broker page inside the window but offers it to the browser', () => {
    expect(navigationDecision('https://dhanhq.co/docs/v2/')).toEqual({ action: 'deny', openExternal: 'https://dhanhq.co/docs/v2/' });
  });
});

describe('window.open', () => {
  it('never opens an app window, not even for the app itself', () => {
    expect(windowOpenDecision('app://tickdesk/index.html')).toEqual({ action: 'deny', openExternal: null });
  });

  it.each(HOSTILE_URLS.map((u) => [u]))('denies %j and opens nothing', (u) => {
    expect(windowOpenDecision(u)).toEqual({ action: 'deny', openExternal: null });
  });

  it('hands allow-listed https pages to the browser, canonicalised', () => {
    expect(windowOpenDecision('https://kite.zerodha.com/connect/login?v=3&api_key=abc')).toEqual({
      action: 'deny',
      openExternal: 'https://kite.zerodha.com/connect/login?v=3&api_key=abc',
    });
    expect(windowOpenDecision('HTTPS://WEB.DHAN.CO/index').openExternal).toBe('https://web.dhan.co/index');
    for (const host of EXTERNAL_HTTPS_HOSTS) expect(externalUrlToOpen(`https://${host}/`)).toBe(`https://${host}/`);
  });

  it.each([
    'http://dhan.co/', // not https
    'https://dhan.co:8443/', // odd port
    'https://user:pw@dhan.co/', // credentials
    'https://dhan.co@evil.example/', // host is evil.example
    'https://evil.dhan.co/', // no subdomain wildcards
    'https://dhan.co.evil.example/',
    'https://dhan.co./', // trailing dot: another host name
    'https://xn--dhn-8cd.co/', // look-alike (IDN)
    'https://dhаn.co/', // Cyrillic a
    'https://kite.zerodha.com.evil.example/connect/login',
    'wss://api-feed.dhan.co/',
    ' https://dhan.co/',
    'https://dhan.co/\n',
    'javascript://dhan.co/%0aalert(1)',
  ])('does not open %j externally', (u) => {
    expect(externalUrlToOpen(u)).toBeNull();
    expect(windowOpenDecision(u)).toEqual({ action: 'deny', openExternal: null });
  });
});
