/**
 * Vitest setup file of a browser test project: registers AllocLab's matchers, with `toAllocate`
 * measuring in the page. `setupFiles: ['alloclab/testing/setup']` resolves here in browser mode.
 */
import { expect } from 'vitest';
import { browserAllocationMatchers } from './matchers.ts';
import { collectRunsIntoTests } from '../collectRuns.ts';
import '../types.ts';

expect.extend(browserAllocationMatchers);
collectRunsIntoTests();
