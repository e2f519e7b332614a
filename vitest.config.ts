import { defineConfig } from 'vitest/config';

// Unit, property and integration tests sit beside the code as *.test.ts; end-to-end tests in
// test/*.e2e.test.ts run in their own pass (scripts/test-e2e.mjs) after the build.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
