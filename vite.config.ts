import { defineConfig } from 'vitest/config';
import { alloclabInstrument } from './src/instrument/plugin.ts';

/**
 * One config for the sandbox (vite dev/build) and the tests (vitest).
 *
 * Allocation-site counting (src/instrument) rewrites the scenes in dev and in tests; a production
 * build leaves them as written unless it is the opt-in profiling build (`vite build --mode profiling`).
 */
export default defineConfig(({ command, mode }) => ({
  plugins: command === 'serve' || mode === 'profiling' ? [alloclabInstrument({ include: ['scenes/', 'test/fixtures/sites/'] })] : [],
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['src/testing/setup.ts'],
    // Exact heap readings need V8 flags; the forks pool passes them to each worker process.
    pool: 'forks',
    execArgv: ['--expose-gc', '--expose-internals', '--no-allocation-site-pretenuring'],
    testTimeout: 60_000,
  },
}));
