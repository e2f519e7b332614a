import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from './app-files';

const root = resolve('/srv/tickdesk/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app URLs to files under the root; / is index.html; query and hash ignored', () => {
    expect(resolveAppFile(root, 'app://tickdesk/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://tickdesk')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://tickdesk/assets/index-Ab12.js?x=1#y')).toBe(join(root, 'assets', 'index-Ab12.js'));
    expect(resolveAppFile(root, 'app://tickdesk/fonts/my%20font.woff2')).toBe(join(root, 'fonts', 'my font.woff2'));
  });

  it.each([
    ['app://tickdesk/../../etc/passwd', 'etc/passwd'],
    ['app://tickdesk/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://tickdesk/assets/%2E%2E/%2E%2E/secret', 'secret'],
    ['app://tickdesk/./index.html', 'index.html'],
  ])('resolves the dot segments of %j inside the root (the URL parser removes them first)', (u, inside) => {
    expect(resolveAppFile(root, u)).toBe(join(root, inside));
  });

  it.each([
    'app://tickdesk/..%2f..%2fetc%2fpasswd',
    'app://tickdesk/..%5c..%5cwindows%5cwin.ini',
    'app://tickdesk/assets\\..\\..\\x',
    'app://tickdesk/%00index.html',
    'app://tickdesk/assets//x.js',
    'app://tickdesk/%E0%A4%A',
    'app://tickdesk/C:%5cwindows',
    'app://tickdesk/assets/',
    'app://evil.example/index.html',
    'file:///etc/passwd',
    'https://evil.example/index.html',
  ])('refuses %j', (u) => {
    expect(resolveAppFile(root, u)).toBeNull();
  });

  it('names content types by extension', () => {
    expect(contentTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/x.bin')).toBe('application/octet-stream');
  });
});
