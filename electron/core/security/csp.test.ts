import { describe, expect, it } from 'vitest';
import { buildCsp, parseCsp } from './csp';

describe('Content-Security-Policy', () => {
  it("allows scripts only from 'self': no eval, no inline, no other origin", () => {
    const csp = parseCsp(buildCsp());
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const all = buildCsp();
    expect(all).not.toContain('unsafe-eval');
    expect(all).not.toContain('wasm-unsafe-eval');
    expect(all).not.toMatch(/\*/);
    expect(all).not.toMatch(/https?:/);
    // 'unsafe-inline' only for styles (lightweight-charts injects a <style> element).
    for (const [name, values] of csp) {
      if (values.includes("'unsafe-inline'")) expect(name).toBe('style-src');
    }
  });

  it("limits connect-src to 'self' and, for the headless host, its loopback WebSocket origin", () => {
    expect(parseCsp(buildCsp()).get('connect-src')).toEqual(["'self'"]);
    const host = parseCsp(buildCsp({ connectOrigins: ['ws://127.0.0.1:41234/'] }));
    expect(host.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:41234']);
  });

  it.each(['ws://127.0.0.1:1/path?token=secret', 'ws://u:p@127.0.0.1:1', '*', "'unsafe-eval'", 'javascript:alert(1)', 'ws://127.0.0.1:1; script-src *', ''])(
    'refuses %j as a connect-src origin',
    (bad) => {
      expect(() => buildCsp({ connectOrigins: [bad] })).toThrow(/connect-src/);
    },
  );
});
