import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs, SIM_HELP, SIM_USAGE } from './sim';

describe('npm run sim arguments', () => {
  it('reads every option of issue 4', () => {
    expect(
      parseSimArgs(['--port', '4100', '--instruments', 'm.csv.gz', '--seed', '9', '--speed', '2.5', '--client-id', 'C1', '--token', 'T1', '--always-open']),
    ).toEqual({ port: 4100, instruments: 'm.csv.gz', seed: 9, speed: 2.5, clientId: 'C1', token: 'T1', alwaysOpen: true });
    expect(parseSimArgs([])).toEqual({});
    expect(parseSimArgs(['--rate-limits', 'all'])).toEqual({ rateLimits: 'all' });
  });

  it('explains a bad value or an unknown option instead of starting', () => {
    expect(parseSimArgs(['--port', '70000'])).toMatch(/--port needs a valid number/);
    expect(parseSimArgs(['--speed', '0'])).toMatch(/--speed needs a valid number/);
    expect(parseSimArgs(['--seed'])).toMatch(/got nothing/);
    expect(parseSimArgs(['--instruments'])).toMatch(/needs a file path/);
    expect(parseSimArgs(['--fast'])).toBe('unknown option --fast');
    expect(parseSimArgs(['--rate-limits', 'some'])).toMatch(/--rate-limits needs orders, all or off/);
  });
});

describe('npm run sim --help', () => {
  const root = resolve(import.meta.dirname, '..');
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { cwd: root, encoding: 'utf8' });
  /** The options the README's command table lists for `npm run sim`. */
  const readmeOptions = (): string[] => {
    const row = readFileSync(join(root, 'README.md'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| `npm run sim --'));
    if (row === undefined) throw new Error('README has no `npm run sim` row');
    return [...new Set(row.split('|')[1]!.match(/--[a-z][a-z-]*/g))];
  };

  it('parses --help and -h as a request for the usage text', () => {
    expect(parseSimArgs(['--help'])).toBe(SIM_HELP);
    expect(parseSimArgs(['--port', '1', '-h'])).toBe(SIM_HELP);
  });

  it('prints a usage that names every option of the README table on stdout and exits 0', () => {
    const options = readmeOptions();
    expect(options).toEqual(expect.arrayContaining(['--port', '--instruments', '--seed', '--speed', '--client-id', '--token', '--always-open', '--rate-limits']));
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${SIM_USAGE}\n`);
      for (const o of options) expect(r.stdout).toMatch(new RegExp(`\\n  (-h, )?${o}\\b`));
    }
  });

  it('still refuses an unknown option with exit 2 and the usage on stderr', () => {
    const r = run('--fast');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`sim: unknown option --fast\n${SIM_USAGE}\n`);
  });
});
