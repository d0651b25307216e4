import { allocateVerdict, allocationMatchers } from '../matchers.ts';
import type { ProfileFramesOptions } from '../profileFrames.ts';
import { profileFrames } from './profileFrames.ts';

/** `await expect(fn).not.toAllocate()` in a page: `fn` profiled as frames in the test page. */
export async function toAllocate(this: { isNot: boolean }, received: unknown, options: ProfileFramesOptions = {}) {
  if (typeof received !== 'function') throw new TypeError(`toAllocate: expected a function, got ${typeof received}`);
  return allocateVerdict(await profileFrames(received as () => void, { name: received.name || 'function', ...options }));
}

/** The matchers for a browser test project, for `expect.extend(browserAllocationMatchers)`. */
export const browserAllocationMatchers = { ...allocationMatchers, toAllocate };
