import { defineConfig } from 'vitest/config';

// End-to-end tests (test/**/*.e2e.test.ts): real processes and a real Chromium, run after the
// build by scripts/test-e2e.mjs. One file at a time: they start servers and browsers.
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
