import { describe, expect, it } from 'vitest';
import { hostAllowed, newLaunchToken, originAllowed, pathOfRequestTarget, tokenFromRequestTarget, tokenMatches } from './host-guard';
import { judgeBridgeRequest } from './ws-bridge';

describe('launch token', () => {
  it('carries at least 128 bits of randomness as base64url and differs per launch', () => {
    const a = newLaunchToken();
    const b = newLaunchToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(a).not.toBe(b);
  });

  it('matches only the exact token', () => {
    const t = newLaunchToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(`${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`, t)).toBe(false);
    expect(tokenMatches(t.slice(1), t)).toBe(false);
    expect(tokenMatches(`${t}x`, t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
    expect(tokenMatches(null, t)).toBe(false);
  });
});

describe('Host check (DNS rebinding)', () => {
  it('accepts only this loopback host and port', () => {
    expect(hostAllowed('127.0.0.1:5123', 5123)).toBe(true);
    expect(hostAllowed('localhost:5123', 5123)).toBe(true);
    expect(hostAllowed('LOCALHOST:5123', 5123)).toBe(true);
    for (const h of ['evil.example:5123', '127.0.0.1:5124', '127.0.0.1', 'localhost', '127.0.0.1.evil.example:5123', '[::1]:5123', '0.0.0.0:5123', '', undefined]) {
      expect(hostAllowed(h, 5123), String(h)).toBe(false);
    }
  });
});

describe('Origin check', () => {
  it('accepts only the app origin, exactly', () => {
    expect(originAllowed('http://127.0.0.1:5123', 5123)).toBe(true);
    expect(originAllowed('http://localhost:5123', 5123)).toBe(true);
    for (const o of [
      'https://evil.example',
      'http://127.0.0.1.evil.example:5123',
      'http://127.0.0.1:5124',
      'https://127.0.0.1:5123',
      'http://127.0.0.1:5123/',
      'http://user@127.0.0.1:5123',
      'null',
      'file://',
      '',
      undefined,
    ]) {
      expect(originAllowed(o, 5123), String(o)).toBe(false);
    }
  });
});

describe('request target parsing', () => {
  it('reads the token and the path', () => {
    expect(tokenFromRequestTarget('/bridge?token=abc-_1')).toBe('abc-_1');
    expect(tokenFromRequestTarget('/bridge?x=1&token=%41')).toBe('A');
    expect(tokenFromRequestTarget('/bridge')).toBeNull();
    expect(pathOfRequestTarget('/bridge?token=abc')).toBe('/bridge');
    expect(pathOfRequestTarget('/')).toBe('/');
  });
});

describe('judgeBridgeRequest', () => {
  const token = newLaunchToken();
  const ok = { host: '127.0.0.1:7000', origin: 'http://127.0.0.1:7000' };
  const judge = (headers: Record<string, string | undefined>, url: string) => judgeBridgeRequest({ headers, url }, 7000, token);

  it('lets through the right Host, path, Origin and token', () => {
    expect(judge(ok, `/bridge?token=${token}`)).toBeNull();
  });

  it('refuses with 401 for a token problem and 403 for the rest, never echoing the token', () => {
    expect(judge(ok, '/bridge')?.status).toBe(401);
    expect(judge(ok, '/bridge?token=')?.status).toBe(401);
    expect(judge(ok, `/bridge?token=${token.slice(2)}`)?.status).toBe(401);
    expect(judge({ ...ok, host: 'evil.example:7000' }, `/bridge?token=${token}`)?.status).toBe(403);
    expect(judge({ ...ok, origin: 'https://evil.example' }, `/bridge?token=${token}`)?.status).toBe(403);
    expect(judge({ host: ok.host }, `/bridge?token=${token}`)).toMatchObject({ status: 403, reason: 'no Origin header' });
    expect(judge(ok, `/other?token=${token}`)?.status).toBe(403);
    const wrong = judge(ok, `/bridge?token=${token}x`);
    expect(wrong?.reason).not.toContain(token);
  });
});
