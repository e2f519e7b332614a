import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppRequestHandler } from './app-protocol';

const parent = mkdtempSync(join(tmpdir(), 'tickdesk-proto-'));
const root = join(parent, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tickdesk</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(parent, 'secret.txt'), 'outside the root');
const handle = createAppRequestHandler(root);

describe('app:// protocol handler', () => {
  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const r = await handle(new Request('app://tickdesk/'));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>Tickdesk</title>');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const r = await handle(new Request('app://tickdesk/assets/index-abc.js'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await r.text()).toBe('console.log(1)');
  });

  it.each(['app://tickdesk/missing.js', 'app://tickdesk/..%2fsecret.txt', 'app://tickdesk/%2e%2e/secret.txt', 'app://evil/index.html', 'app://tickdesk/assets/'])(
    '404s %s and never serves a file outside the root',
    async (url) => {
      const r = await handle(new Request(url));
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('outside the root');
      expect(r.headers.get('content-security-policy')).toBeTruthy();
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handle(new Request('app://tickdesk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://tickdesk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
