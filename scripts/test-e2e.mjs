// Runs the end-to-end tests (vitest.e2e.config.ts) and exits with vitest's exit code.
// Called by `npm test` after the build, so dist/renderer exists.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url),
});
if (r.error) {
  console.error(`test-e2e: could not run vitest: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
