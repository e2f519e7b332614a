import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../../shared/risk';
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsStore } from './settings-store';

const fresh = () => mkdtempSync(join(tmpdir(), 'tickdesk-settings-'));

describe('SettingsStore', () => {
  it('defaults: the risk gate defaults, confirmation on, dark theme', () => {
    const s = new SettingsStore(fresh());
    expect(s.get()).toEqual({ risk: DEFAULT_RISK_LIMITS, confirmOrders: true, theme: 'dark' });
  });

  it('stores validated settings (0600) and completes a file written by an older version', () => {
    const dir = fresh();
    const s = new SettingsStore(dir);
    s.set({ ...DEFAULT_SETTINGS, risk: { ...DEFAULT_SETTINGS.risk, killSwitch: true, maxValuePerOrder: 100000 } });
    expect(statSync(join(dir, SETTINGS_FILE)).mode & 0o777).toBe(0o600);
    expect(new SettingsStore(dir).get().risk).toMatchObject({ killSwitch: true, maxValuePerOrder: 100000 });
    // An older file: no theme, a risk block without the newer fields.
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ confirmOrders: false, risk: { killSwitch: true } }));
    const old = new SettingsStore(dir);
    expect(old.setAside).toBeNull();
    expect(old.get()).toEqual({ ...DEFAULT_SETTINGS, confirmOrders: false, risk: { ...DEFAULT_RISK_LIMITS, killSwitch: true } });
  });

  it('refuses invalid settings and sets aside an invalid file', () => {
    const dir = fresh();
    const s = new SettingsStore(dir);
    expect(() => s.set({ ...DEFAULT_SETTINGS, theme: 'pink' as 'dark' })).toThrow(RangeError);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ theme: 'pink' }));
    const again = new SettingsStore(dir);
    expect(again.get()).toEqual(DEFAULT_SETTINGS);
    expect(JSON.parse(readFileSync(again.setAside!, 'utf8'))).toEqual({ theme: 'pink' });
  });
});
