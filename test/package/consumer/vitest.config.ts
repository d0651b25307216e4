// README's "Testing your code": Node, the allocation sites and Chromium, one project each.
import { defineConfig } from 'vitest/config';
import { execArgv } from 'alloclab/testing/config';
import { chromiumTestProject } from 'alloclab/testing/browser-config';
import { alloclabInstrument } from 'alloclab/vite';

export default defineConfig({
  test: {
    pool: 'forks',
    execArgv: execArgv(),
    setupFiles: ['alloclab/testing/setup'],
    testTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['alloc.test.ts'] } },
      { extends: true, plugins: [alloclabInstrument({ include: ['hot.ts'] })], test: { name: 'sites', include: ['*.sites.test.ts'] } },
      chromiumTestProject({ include: ['*.browser.test.ts'], testTimeout: 120_000 }),
    ],
  },
});
