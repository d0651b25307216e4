// README's "Allocation regressions in CI": the suite's runs go into one report, compared with a
// baseline when BASELINE names one (main's report, in CI).
import { defineConfig } from 'vitest/config';
import { execArgv } from 'alloclab/testing/config';

export default defineConfig({
  test: {
    pool: 'forks',
    execArgv: execArgv(),
    setupFiles: ['alloclab/testing/setup'],
    include: ['gate/*.test.ts'],
    reporters: ['default', ['alloclab/testing/reporter', { outputFile: 'gate-report.json', baseline: process.env.BASELINE }]],
  },
});
