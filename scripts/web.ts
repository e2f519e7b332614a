/**
 * `npm run web -- [--port N] [--instruments FILE] [--seed S] [--speed X] [--nse-hours]`: the headless
 * host, on the simulated exchange (always open unless `--nse-hours`). Builds the renderer first when dist/renderer is
 * missing, starts the host on 127.0.0.1, prints the tokenised URL on a line of its own (stdout),
 * and closes cleanly on SIGINT/SIGTERM.
 *
 * Source: DESIGN.md, "Commands" and issue 2. Everything but the URL goes to stderr, so
 * `npm run --silent web | head -1` gives the URL alone. A bad `--port` exits with code 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../electron/host/app-version';
import type { SimSessionOptions } from '../electron/core/services/session-manager';
import { startHeadlessHost } from '../electron/host/main';

/**
 * Parsed command line: the port (0 = a free one) and the simulated exchange's options (the
 * headless host runs the sim as its default session).
 */
export interface WebArgs {
  readonly port: number;
  readonly sim: SimSessionOptions;
}

const USAGE = 'usage: npm run web -- [--port N] [--instruments FILE] [--seed S] [--speed X] [--nse-hours]';

/**
 * Full usage text: every option of the README's command table. Printed on stdout (exit 0) for
 * `--help`/`-h`, on stderr (exit 2) after a bad argument.
 */
export const WEB_USAGE = [
  USAGE,
  '',
  'The headless host on the simulated exchange: serves the app on 127.0.0.1 and prints its URL',
  '(carrying this launch\'s token) on a line of its own on stdout; everything else goes to stderr.',
  '',
  '  --port N           TCP port on 127.0.0.1, 0…65535 (default 0: a free port)',
  '  --instruments FILE a Dhan instrument master CSV (.csv or .csv.gz) as the sim\'s universe,',
  '                     e.g. ../shared/fixtures/dhan/api-scrip-master.2026-02.csv.gz (default: the built-in universe)',
  '  --seed S           integer seed of the simulated market (same seed, same ticks)',
  '  --speed X          simulated ms per real ms, 0.1…1000 (default 1)',
  '  --nse-hours        follow NSE market hours in IST instead of the always-open default',
  '  -h, --help         print this text and exit',
  'Each option also takes the form --flag=value.',
].join('\n');

/** What `parseWebArgs` returns for `--help` / `-h`. */
export const WEB_HELP = 'help' as const;

/**
 * Parses `--port N`, `--instruments FILE` (a Dhan master CSV, .csv or .csv.gz, as the sim's
 * universe), `--seed S` (integer), `--speed X` (simulated ms per real ms, 0.1…1000) and
 * `--nse-hours` (follow NSE market hours in IST instead of the always-open default), each also as
 * `--flag=value`; `WEB_HELP` for `--help`/`-h`. Throws an Error with a message for the user on
 * anything else.
 */
export function parseWebArgs(argv: readonly string[]): WebArgs | typeof WEB_HELP {
  let port = 0;
  const sim: { seed?: number; speed?: number; instrumentsFile?: string; alwaysOpen?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port': {
        const v = value();
        if (v === undefined || !/^\d{1,5}$/.test(v) || Number(v) > 65535) {
          throw new Error(`--port needs an integer in 0…65535 (0 picks a free port), got ${JSON.stringify(v ?? '')}`);
        }
        port = Number(v);
        break;
      }
      case '--instruments': {
        const v = value();
        if (!v) throw new Error('--instruments needs a file (a Dhan master CSV, .csv or .csv.gz)');
        sim.instrumentsFile = v;
        break;
      }
      case '--seed': {
        const v = value();
        if (v === undefined || !/^-?\d{1,10}$/.test(v)) throw new Error(`--seed needs an integer, got ${JSON.stringify(v ?? '')}`);
        sim.seed = Number(v);
        break;
      }
      case '--speed': {
        const v = value();
        const x = Number(v);
        if (v === undefined || v === '' || !Number.isFinite(x) || x < 0.1 || x > 1000) {
          throw new Error(`--speed needs a number in 0.1…1000 (simulated ms per real ms), got ${JSON.stringify(v ?? '')}`);
        }
        sim.speed = x;
        break;
      }
      case '--nse-hours':
        if (inline !== undefined) throw new Error('--nse-hours takes no value');
        sim.alwaysOpen = false;
        break;
      case '--help':
      case '-h':
        return WEB_HELP;
      default:
        throw new Error(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  return { port, sim };
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    const parsed = parseWebArgs(process.argv.slice(2));
    if (parsed === WEB_HELP) {
      console.log(WEB_USAGE);
      process.exit(0);
    }
    args = parsed;
  } catch (e) {
    console.error(`tickdesk web: ${(e as Error).message}`);
    console.error(WEB_USAGE);
    process.exit(2);
  }
  const rendererDir = join(REPO_ROOT, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('tickdesk web: the renderer is not built yet; running `npx vite build` first…');
    // stdout of the build goes to stderr, so stdout carries the URL line only.
    const built = spawnSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, 'inherit'] });
    if (built.status !== 0) {
      console.error('tickdesk web: `npx vite build` failed; fix the build and try again.');
      process.exit(1);
    }
  }
  const host = await startHeadlessHost({ port: args.port, rendererDir, sim: args.sim, log: (line) => console.error(line) });
  console.error(`tickdesk web: headless host listening on 127.0.0.1:${host.port}. Open this URL in a browser (it carries this launch's token):`);
  console.log(host.url);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`tickdesk web: ${signal}, closing…`);
    host.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`tickdesk web: close failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Run only as the entry script (tests import `parseWebArgs`).
if (process.argv[1] && import.meta.filename === realpathSync(process.argv[1])) {
  main().catch((e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    console.error(`tickdesk web: ${err.code === 'EADDRINUSE' ? 'that port is already in use; pick another with --port N' : err.message ?? String(e)}`);
    process.exit(1);
  });
}
