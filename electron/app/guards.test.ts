import { describe, expect, it } from 'vitest';
import { guardSession, guardWebContents, type GuardedContents, type GuardedSession } from './guards';

type AnyFn = (...a: never[]) => unknown;

function fakeContents() {
  const on = new Map<string, AnyFn>();
  let openHandler: AnyFn | null = null;
  const contents = {
    on: (ev: string, l: AnyFn) => (on.set(ev, l), contents),
    setWindowOpenHandler: (h: AnyFn) => void (openHandler = h),
  };
  const fire = (ev: string, url: string) => {
    const e = { url, prevented: false, preventDefault() { this.prevented = true; } };
    (on.get(ev) as unknown as (e: unknown) => void)(e);
    return e.prevented;
  };
  const open = (url: string) => (openHandler as unknown as (d: { url: string }) => { action: string })({ url });
  return { contents: contents as unknown as GuardedContents, fire, open, on };
}

describe('guardWebContents', () => {
  it('lets the app navigate within itself and stops everything else', () => {
    const opened: string[] = [];
    const f = fakeContents();
    guardWebContents(f.contents, (u) => opened.push(u));
    expect(f.fire('will-navigate', 'app://tickdesk/index.html')).toBe(false);
    for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(f.fire(ev, 'https://evil.example/')).toBe(true);
      expect(f.fire(ev, 'file:///etc/passwd')).toBe(true);
      expect(f.fire(ev, 'app://tickdesk.evil/')).toBe(true);
    }
    expect(opened).toEqual([]);
    expect(f.fire('will-attach-webview', 'app://tickdesk/')).toBe(true);
  });

  it('opens allow-listed https links in the browser, only from a user navigation or window.open', () => {
    const opened: string[] = [];
    const logs: string[] = [];
    const f = fakeContents();
    guardWebContents(f.contents, (u) => opened.push(u), (l) => logs.push(l));
    expect(f.fire('will-navigate', 'https://dhanhq.co/docs/v2/')).toBe(true);
    expect(f.fire('will-redirect', 'https://kite.zerodha.com/connect/login')).toBe(true);
    expect(f.open('https://kite.zerodha.com/connect/login?api_key=k&request_token=SECRETTOKEN')).toEqual({ action: 'deny' });
    expect(f.open('app://tickdesk/index.html')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dhanhq.co/docs/v2/', 'https://kite.zerodha.com/connect/login?api_key=k&request_token=SECRETTOKEN']);
    expect(logs.join('\n')).not.toContain('SECRETTOKEN');
  });
});

describe('guardSession', () => {
  it('installs request, check and device handlers that all deny', () => {
    const h: Record<string, AnyFn> = {};
    const session = {
      setPermissionRequestHandler: (f: AnyFn) => void (h.request = f),
      setPermissionCheckHandler: (f: AnyFn) => void (h.check = f),
      setDevicePermissionHandler: (f: AnyFn) => void (h.device = f),
    } as unknown as GuardedSession;
    guardSession(session);
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      (h.request as unknown as (...a: unknown[]) => void)(null, p, (ok: boolean) => answers.push(ok), { requestingUrl: 'app://tickdesk/' });
      expect((h.check as unknown as (...a: unknown[]) => boolean)(null, p, 'app://tickdesk')).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect((h.device as unknown as (d: unknown) => boolean)({ deviceType: 'usb', origin: 'app://tickdesk' })).toBe(false);
  });
});
