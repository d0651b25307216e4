import { readFileSync } from 'node:fs';
import type { AliasOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { alloclabInstrument } from './src/instrument/plugin.ts';
import { chromiumTestProject } from './src/testing/browserConfig.ts';

/** Counts allocation sites in the scenes, the engine they run on, and the site test fixtures. */
const countSites = alloclabInstrument({
  include: ['scenes/', 'src/engine/', 'test/fixtures/sites/'],
  // Never the profiler, the instrumentation or the hosts: they must not count themselves.
  exclude: [/^src\/(?!engine\/)/],
});

type ExportTarget = { types: string; default: string; browser?: { default: string } };

/**
 * This repository's own imports of `alloclab/...` (tests written as a user writes them) resolve to
 * the sources, as everything here runs from them: package.json's exports name the build in dist/,
 * which development never needs. `condition` picks the browser twins for the Chromium project.
 */
function ownSources(condition: 'browser' | 'default'): AliasOptions {
  const { exports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
    exports: Record<string, string | ExportTarget>;
  };
  return Object.entries(exports).flatMap(([subpath, target]) => {
    if (typeof target === 'string') return [];
    const built = (condition === 'browser' ? target.browser?.default : undefined) ?? target.default;
    const source = built.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts');
    return [
      { find: new RegExp(`^alloclab${subpath.slice(1).replace(/\//g, '\\/')}$`), replacement: new URL(source, import.meta.url).pathname },
    ];
  });
}

const chromium = chromiumTestProject({ include: ['test/lab/**/*.browser.test.ts'] });

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
  resolve: { alias: ownSources('default') },
  // The sandbox as a static site (npm run build:sandbox); dist/ is the package build's.
  build: { outDir: 'site' },
  test: {
    setupFiles: ['src/testing/setup.ts'],
    // Exact heap readings need V8 flags; the forks pool passes them to each worker process.
    pool: 'forks',
    execArgv: ['--expose-gc', '--expose-internals', '--no-allocation-site-pretenuring'],
    testTimeout: 60_000,
    // Group 1: the tests of this repository (vitest runs its default group 0, with one worker, after
    // every numbered group, so the order is spelled out); group 2: the package test, alone after them.
    sequence: { groupOrder: 1 },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.sites.test.ts', 'test/**/*.browser.test.ts', 'test/package/**'],
        },
      },
      { extends: true, plugins: [countSites], test: { name: 'sites', include: ['test/**/*.sites.test.ts'], exclude: ['test/package/**'] } },
      // The same allocation tests in headless Chromium (files named *.browser.test.ts).
      { ...chromium, resolve: { alias: ownSources('browser') }, test: { ...chromium.test, sequence: { groupOrder: 1 } } },
      // The packed tarball installed in a user's project (test/package/consumer/): after the rest,
      // since it builds, installs and starts browsers of its own.
      { extends: true, test: { name: 'package', include: ['test/package/*.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
}));
