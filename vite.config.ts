import { defineConfig } from 'vitest/config';
import { alloclabInstrument } from './src/instrument/plugin.ts';
import { chromiumTestProject } from './src/testing/browserConfig.ts';

/** Counts allocation sites in the scenes, the engine they run on, and the site test fixtures. */
const countSites = alloclabInstrument({
  include: ['scenes/', 'src/engine/', 'test/fixtures/sites/'],
  // Never the profiler, the instrumentation or the hosts: they must not count themselves.
  exclude: [/^src\/(?!engine\/)/],
});

/**
 * One config for the sandbox (vite dev/build) and the tests (vitest).
 *
 * Counting allocation sites changes what it measures a little (the counters make V8 inline less,
 * so its escape analysis removes fewer objects), so it is opt-in: `npm run dev:sites` serves an
 * instrumented sandbox, `vite build --mode profiling` builds one, and in the tests only the
 * `sites` project (files named *.sites.test.ts) is instrumented; byte figures come from the rest.
 */
export default defineConfig(({ mode }) => ({
  plugins: mode === 'sites' || mode === 'profiling' ? [countSites] : [],
  test: {
    setupFiles: ['src/testing/setup.ts'],
    // Exact heap readings need V8 flags; the forks pool passes them to each worker process.
    pool: 'forks',
    execArgv: ['--expose-gc', '--expose-internals', '--no-allocation-site-pretenuring'],
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/**/*.sites.test.ts', 'test/**/*.browser.test.ts'] } },
      { extends: true, plugins: [countSites], test: { name: 'sites', include: ['test/**/*.sites.test.ts'] } },
      // The same allocation tests in headless Chromium (files named *.browser.test.ts).
      chromiumTestProject({ include: ['test/**/*.browser.test.ts'] }),
    ],
  },
}));
