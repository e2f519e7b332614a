import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs, WEB_HELP, WEB_USAGE } from '../scripts/web';

describe('npm run web arguments', () => {
  it('defaults to port 0 (a free port) and reads --port N and --port=N', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, sim: {} });
    expect(parseWebArgs(['--port', '8123'])).toEqual({ port: 8123, sim: {} });
    expect(parseWebArgs(['--port=0'])).toEqual({ port: 0, sim: {} });
    expect(parseWebArgs(['--port', '65535'])).toEqual({ port: 65535, sim: {} });
  });

  it('refuses a bad port or an unknown argument with a message that says what is wrong', () => {
    expect(() => parseWebArgs(['--port'])).toThrow(/--port needs an integer in 0…65535/);
    expect(() => parseWebArgs(['--port', 'abc'])).toThrow(/got "abc"/);
    expect(() => parseWebArgs(['--port', '65536'])).toThrow(/0…65535/);
    expect(() => parseWebArgs(['--port', '-1'])).toThrow(/0…65535/);
    expect(() => parseWebArgs(['--port', '80.5'])).toThrow(/0…65535/);
    expect(() => parseWebArgs(['--verbose'])).toThrow(/unknown argument "--verbose"/);
  });

  it('forwards the simulated exchange options', () => {
    expect(parseWebArgs(['--instruments', 'm.csv.gz', '--seed=7', '--speed', '2.5', '--nse-hours'])).toEqual({
      port: 0,
      sim: { instrumentsFile: 'm.csv.gz', seed: 7, speed: 2.5, alwaysOpen: false },
    });
    expect(() => parseWebArgs(['--instruments'])).toThrow(/needs a file/);
    expect(() => parseWebArgs(['--seed', '1.5'])).toThrow(/--seed needs an integer/);
    expect(() => parseWebArgs(['--speed', '0'])).toThrow(/0.1…1000/);
    expect(() => parseWebArgs(['--nse-hours=1'])).toThrow(/takes no value/);
  });
});

describe('npm run web --help', () => {
  const root = resolve(import.meta.dirname, '..');
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/web.ts', ...args], { cwd: root, encoding: 'utf8' });
  /** The options the README's command table lists for `npm run web`. */
  const readmeOptions = (): string[] => {
    const row = readFileSync(join(root, 'README.md'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| `npm run web --'));
    if (row === undefined) throw new Error('README has no `npm run web` row');
    return [...new Set(row.split('|')[1]!.match(/--[a-z][a-z-]*/g))];
  };

  it('parses --help and -h as a request for the usage text', () => {
    expect(parseWebArgs(['--help'])).toBe(WEB_HELP);
    expect(parseWebArgs(['--port', '1', '-h'])).toBe(WEB_HELP);
  });

  it('prints a usage that names every option of the README table on stdout and exits 0, starting nothing', () => {
    const options = readmeOptions();
    expect(options).toEqual(expect.arrayContaining(['--port', '--instruments', '--seed', '--speed', '--nse-hours']));
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${WEB_USAGE}\n`);
      for (const o of options) expect(r.stdout).toMatch(new RegExp(`\\n  (-h, )?${o}\\b`));
    }
  });

  it('still refuses an unknown argument with exit 2 and the usage on stderr', () => {
    const r = run('--verbose');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tickdesk web: unknown argument "--verbose"\n${WEB_USAGE}\n`);
  });
});
