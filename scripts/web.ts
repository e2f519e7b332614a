/**
 * `npm run web -- [--port N]`: the headless host. Builds the renderer first when dist/renderer is
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
import { startHeadlessHost } from '../electron/host/main';

/** Parsed command line: the port (0 = a free one). */
export interface WebArgs {
  readonly port: number;
}

/** Parses `--port N` / `--port=N`. Throws an Error with a message for the user on anything else. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a === '--port') value = argv[++i];
    else if (a.startsWith('--port=')) value = a.slice('--port='.length);
    else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: npm run web -- [--port N])`);
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      throw new Error(`--port needs an integer in 0…65535 (0 picks a free port), got ${JSON.stringify(value ?? '')}`);
    }
    port = Number(value);
  }
  return { port };
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`tickdesk web: ${(e as Error).message}`);
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
  const host = await startHeadlessHost({ port: args.port, rendererDir, log: (line) => console.error(line) });
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
