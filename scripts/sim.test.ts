import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './sim';

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
