/**
 * Vitest setup file: registers AllocLab's matchers. In vitest's config:
 * `setupFiles: ['alloclab/testing/setup']` and `execArgv` from `alloclab/testing/config`.
 */
import { expect } from 'vitest';
import { allocationMatchers } from './matchers.ts';
import { retainMatchers } from './retainMatchers.ts';
import { collectRunsIntoTests } from './collectRuns.ts';
import './types.ts';

expect.extend(allocationMatchers);
expect.extend(retainMatchers);
collectRunsIntoTests();
