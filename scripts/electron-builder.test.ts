import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The packaging config carries the fuses of DESIGN.md's security list and the targets of issue 2.
const root = join(import.meta.dirname, '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('in.tickdesk.app');
    expect(config.productName).toBe('Tickdesk');
    expect(config.asar).toBe(true);
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['grantFileProtocolExtraPrivileges', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
  ])('sets the fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('builds Linux AppImage + deb, Windows nsis and macOS dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('takes icons from assets/, and those files exist', () => {
    expect(config.directories.buildResources).toBe('assets');
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(icon).toMatch(/^assets\//);
      expect(existsSync(join(root, icon)), icon).toBe(true);
    }
  });

  it("packs the built bundles and package.json, whose main is the built main process", () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files.some((f: string) => f.startsWith('electron/') || f.startsWith('renderer/'))).toBe(false);
  });
});
