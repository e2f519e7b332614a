import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSteps, lacksDisplay, locateElectron, parseStartArgs, staleReason } from './start';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tickdesk-start-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}
const at = (root: string, rel: string, epochS: number) => utimesSync(join(root, rel), epochS, epochS);

describe('npm start: build freshness', () => {
  const files = {
    'package.json': '{}',
    'vite.config.ts': '',
    'shared/a.ts': '',
    'renderer/main.tsx': '',
    'renderer/main.test.tsx': '',
    'electron/app/main.ts': '',
  };

  it('builds when an output is missing', () => {
    const root = tree(files);
    expect(buildSteps(root).map(staleReason)).toEqual([expect.stringMatching(/index\.html is missing/), expect.stringMatching(/main\.cjs is missing/)]);
  });

  it('skips a build whose outputs are newer than its sources, and redoes only the stale one', () => {
    const root = tree({ ...files, 'dist/renderer/index.html': '', 'dist/electron/main.cjs': '', 'dist/electron/preload.cjs': '' });
    for (const f of Object.keys(files)) at(root, f, 1_000);
    for (const f of ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']) at(root, f, 2_000);
    const [renderer, electron] = buildSteps(root);
    expect([staleReason(renderer!), staleReason(electron!)]).toEqual([null, null]);
    at(root, 'renderer/main.test.tsx', 3_000); // tests do not count
    expect(staleReason(renderer!)).toBeNull();
    at(root, 'electron/app/main.ts', 3_000);
    expect(staleReason(renderer!)).toBeNull();
    expect(staleReason(electron!)).toMatch(/sources changed/);
    at(root, 'shared/a.ts', 3_000); // shared feeds both
    expect(staleReason(renderer!)).toMatch(/sources changed/);
  });
});

describe('npm start: finding the Electron binary without downloading it', () => {
  it('reports a missing package, a missing path.txt and a missing binary', () => {
    expect(locateElectron(tree({ 'package.json': '{}' }), {})).toEqual({ missing: 'the electron package is not installed' });
    const noPath = tree({ 'node_modules/electron/package.json': '{}' });
    expect(locateElectron(noPath, {})).toEqual({ missing: 'node_modules/electron/path.txt is absent' });
    const noBinary = tree({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron' });
    expect(locateElectron(noBinary, {})).toMatchObject({ missing: expect.stringMatching(/dist.electron does not exist/) });
  });

  it('finds the binary named by path.txt, or under ELECTRON_OVERRIDE_DIST_PATH', () => {
    const root = tree({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron\n', 'node_modules/electron/dist/electron': '' });
    expect(locateElectron(root, {})).toEqual({ path: join(root, 'node_modules', 'electron', 'dist', 'electron') });
    const other = tree({ 'custom/electron': '' });
    expect(locateElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: join(other, 'custom') })).toEqual({ path: join(other, 'custom', 'electron') });
  });
});

describe('npm start: arguments and display', () => {
  it('parses --port for the headless fallback and refuses anything else', () => {
    expect(parseStartArgs([])).toEqual({ port: 0 });
    expect(parseStartArgs(['--port', '5180'])).toEqual({ port: 5180 });
    expect(parseStartArgs(['--port=0'])).toEqual({ port: 0 });
    expect(() => parseStartArgs(['--port', '70000'])).toThrow(/0…65535/);
    expect(() => parseStartArgs(['--port'])).toThrow(/--port/);
    expect(() => parseStartArgs(['--verbose'])).toThrow(/unknown argument/);
  });

  it('knows when Linux has no display for a window', () => {
    expect(lacksDisplay({}, 'linux')).toBe(true);
    expect(lacksDisplay({ DISPLAY: ':0' }, 'linux')).toBe(false);
    expect(lacksDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(false);
    expect(lacksDisplay({}, 'darwin')).toBe(false);
  });
});
