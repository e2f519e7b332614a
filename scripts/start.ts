/**
 * `npm start`: builds what is missing or stale, then opens the Electron app. Where the Electron
 * binary is not installed (no internet to fetch it, as on this project's CI machines) or there is
 * no display to show a window, it says so in one line and starts the headless host instead,
 * printing its URL on a line of its own.
 *
 * Source: DESIGN.md, "Commands" and issue 2. The binary is located the way the `electron` package's
 * own `index.js` does (`path.txt` + `dist/`, or `ELECTRON_OVERRIDE_DIST_PATH`) but WITHOUT
 * requiring that module: requiring it when the binary is absent starts a download, which hangs
 * or fails on a machine without internet.
 *
 * Options (after `npm start --`): `--port N` for the headless fallback (default: a free port).
 * Exit codes: Electron's own; 1 when the build fails; 2 for a bad argument.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (scripts/..). */
export const ROOT = join(import.meta.dirname, '..');

/** Newest modification time (epoch ms) of the files under `paths` (files or folders), skipping tests. */
export function newestSourceMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(p, name));
      }
    } else if (!/\.(test|bench)\.tsx?$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** One build step of `npm run build` and the files it reads and writes. */
export interface BuildStep {
  readonly name: string;
  /** Arguments after `vite`. */
  readonly viteArgs: readonly string[];
  readonly sources: readonly string[];
  readonly outputs: readonly string[];
}

/** The two vite builds (see vite.config.ts), relative to `root`. */
export function buildSteps(root: string): readonly BuildStep[] {
  const common = ['shared', 'package.json', 'vite.config.ts'].map((p) => join(root, p));
  return [
    { name: 'renderer', viteArgs: ['build'], sources: [join(root, 'renderer'), ...common], outputs: [join(root, 'dist', 'renderer', 'index.html')] },
    {
      name: 'electron main and preload',
      viteArgs: ['build', '--mode', 'electron'],
      sources: [join(root, 'electron'), ...common],
      outputs: ['main.cjs', 'preload.cjs'].map((f) => join(root, 'dist', 'electron', f)),
    },
  ];
}

/** Why `step` must be (re)built, or null when its outputs exist and are newer than every source. */
export function staleReason(step: BuildStep): string | null {
  const missing = step.outputs.find((o) => !existsSync(o));
  if (missing) return `${missing} is missing`;
  const oldestOutput = Math.min(...step.outputs.map((o) => statSync(o).mtimeMs));
  return newestSourceMtime(step.sources) > oldestOutput ? 'sources changed since the last build' : null;
}

/** Where the Electron binary is, or why it is not there. Never downloads anything. */
export function locateElectron(root: string, env: NodeJS.ProcessEnv = process.env): { readonly path: string } | { readonly missing: string } {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron') : executable ? join(pkg, 'dist', executable) : '';
  if (!path) return { missing: 'node_modules/electron/path.txt is absent' };
  if (!existsSync(path)) return { missing: `${path} does not exist` };
  return { path };
}

/** True on Linux without an X11 or Wayland display (a window could not be shown). */
export function lacksDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/** Parses `--port N` / `--port=N` (the headless fallback's port). Throws a user-facing Error. */
export function parseStartArgs(argv: readonly string[]): { readonly port: number } {
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let value: string | undefined;
    if (a === '--port') value = argv[++i];
    else if (a.startsWith('--port=')) value = a.slice('--port='.length);
    else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: npm start -- [--port N])`);
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new Error(`--port needs an integer in 0…65535, got ${JSON.stringify(value ?? '')}`);
    port = Number(value);
  }
  return { port };
}

function buildIfNeeded(root: string): void {
  for (const step of buildSteps(root)) {
    const why = staleReason(step);
    if (!why) continue;
    console.error(`tickdesk start: building the ${step.name} (${why}): npx vite ${step.viteArgs.join(' ')}`);
    const r = spawnSync('npx', ['vite', ...step.viteArgs], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'], shell: process.platform === 'win32' });
    if (r.status !== 0) {
      console.error(`tickdesk start: the ${step.name} build failed; fix it and run npm start again.`);
      process.exit(1);
    }
  }
}

function runElectron(binary: string, root: string): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function runHeadless(port: number): Promise<void> {
  const { startHeadlessHost } = await import('../electron/host/main');
  const host = await startHeadlessHost({ port, log: (line) => console.error(line) });
  console.log(host.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let port: number;
  try {
    ({ port } = parseStartArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`tickdesk start: ${(e as Error).message}`);
    process.exit(2);
  }
  buildIfNeeded(ROOT);
  const electron = locateElectron(ROOT);
  if ('path' in electron && !lacksDisplay()) {
    runElectron(electron.path, ROOT);
    return;
  }
  console.error(
    'path' in electron
      ? 'No display to open the Electron window on (DISPLAY/WAYLAND_DISPLAY unset); starting the headless host instead.'
      : `Electron binary not installed (no internet to fetch it: ${electron.missing}); starting the headless host instead.`,
  );
  await runHeadless(port);
}

// Run only as the entry script (tests import the helpers).
if (process.argv[1] && import.meta.filename === realpathSync(process.argv[1])) {
  main().catch((e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    console.error(`tickdesk start: ${err.code === 'EADDRINUSE' ? 'that port is already in use; pick another with --port N' : (err.message ?? String(e))}`);
    process.exit(1);
  });
}
