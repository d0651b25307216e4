import { defineConfig } from 'vitest/config';

// One config for the sandbox (vite dev/build) and the tests (vitest).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    // Exact heap readings need V8 flags; the forks pool passes them to each worker process.
    pool: 'forks',
    execArgv: ['--expose-gc', '--expose-internals', '--no-allocation-site-pretenuring'],
    testTimeout: 60_000,
  },
});
