import { describe, expect, it } from 'vitest';
import { parseWebArgs } from '../scripts/web';

describe('npm run web arguments', () => {
  it('defaults to port 0 (a free port) and reads --port N and --port=N', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, sim: {} });
    expect(parseWebArgs(['--port', '8123'])).toEqual({ port: 8123, sim: {} });
    expect(parseWebArgs(['--port=0'])).toEqual({ port: 0, sim: {} });
    expect(parseWebArgs(['--port', '65535']).port).toBe(65535);
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
