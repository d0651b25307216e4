import { TestRunner } from 'vitest';
import { META_KEY, type PublishedRun, setRunSink } from './runSink.ts';

/**
 * Puts every run profileScene or profileFrames makes in the current test's metadata, which vitest
 * sends to the main process with the test's result: where `alloclab/testing/reporter` reads it.
 * Runs made outside a test (in beforeAll) belong to no test and are not reported.
 */
export function collectRunsIntoTests(): void {
  setRunSink((published) => {
    const test = TestRunner.getCurrentTest();
    if (test === undefined) return;
    const meta = test.meta as { [META_KEY]?: PublishedRun[] };
    (meta[META_KEY] ??= []).push(published);
  });
}
