import { describe, expect, it } from 'vitest';
import { parseCsp } from '../core/security/csp';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

describe('headless host security headers', () => {
  it('uses the app CSP with only its own loopback bridge added to connect-src', () => {
    const csp = parseCsp(contentSecurityPolicy(43123));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:43123', 'ws://localhost:43123']);
    expect(contentSecurityPolicy(43123)).not.toMatch(/unsafe-eval/);
  });

  it('keeps the launch token from leaking through the referrer and blocks framing', () => {
    const h = securityHeaders(1);
    expect(h['Referrer-Policy']).toBe('no-referrer');
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});
