import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PREF_JSON_CHARS, PREFS_FILE, PrefsStore, openJsonDocument } from './prefs-store';

const fresh = () => mkdtempSync(join(tmpdir(), 'tickdesk-prefs-'));

describe('PrefsStore', () => {
  it('saves JSON values per key in a 0600 file and reads them back after a restart', () => {
    const dir = fresh();
    const a = new PrefsStore(dir);
    expect(a.get('layout')).toBeNull();
    a.set('layout', { dock: ['watchlist', 'chart'] });
    a.set('watchlists', [{ name: 'Main' }]);
    expect(statSync(join(dir, PREFS_FILE)).mode & 0o777).toBe(0o600);
    const b = new PrefsStore(dir);
    expect(b.get('layout')).toEqual({ dock: ['watchlist', 'chart'] });
    expect(b.get('watchlists')).toEqual([{ name: 'Main' }]);
    b.set('layout', null);
    expect(new PrefsStore(dir).get('layout')).toBeNull();
    // No temporary files are left behind by the atomic writes.
    expect(readdirSync(dir)).toEqual([PREFS_FILE]);
  });

  it('keeps a corrupt file aside (never overwritten) and starts from empty', () => {
    const dir = fresh();
    const file = join(dir, PREFS_FILE);
    writeFileSync(file, '{"layout": [1, 2,', { mode: 0o600 });
    const lines: string[] = [];
    const p = new PrefsStore(dir, (l) => lines.push(l));
    expect(p.setAside).not.toBeNull();
    expect(readFileSync(p.setAside!, 'utf8')).toBe('{"layout": [1, 2,');
    expect(existsSync(file)).toBe(false);
    expect(p.get('layout')).toBeNull();
    p.set('layout', 1);
    expect(readFileSync(p.setAside!, 'utf8')).toBe('{"layout": [1, 2,');
    expect(lines.join('\n')).toMatch(/kept aside/);
  });

  it('refuses a value above 256 KiB of JSON and keeps the old one', () => {
    const p = new PrefsStore(fresh());
    p.set('big', 'small');
    expect(() => p.set('big', 'x'.repeat(MAX_PREF_JSON_CHARS))).toThrow(RangeError);
    expect(p.get('big')).toBe('small');
  });
});

describe('openJsonDocument', () => {
  it('sets aside a file that parses but does not validate', () => {
    const dir = fresh();
    const file = join(dir, 'doc.json');
    writeFileSync(file, '[1,2,3]');
    const doc = openJsonDocument(file, (raw) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : null), () => ({ a: 1 }));
    expect(doc.get()).toEqual({ a: 1 });
    expect(doc.setAside).not.toBeNull();
    expect(readFileSync(doc.setAside!, 'utf8')).toBe('[1,2,3]');
  });
});
