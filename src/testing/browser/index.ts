/**
 * AllocLab's testing API in a browser (vitest's browser mode, Chromium): the same functions and
 * matchers as in Node, measuring in the test page. alloclab/testing resolves here under the
 * 'browser' export condition.
 */
export { profileScene } from './profileScene.ts';
export type { ProfileSceneOptions, SceneRun } from '../profileScene.ts';
export { profileFrames } from './profileFrames.ts';
export type { ProfileFramesOptions } from '../profileFrames.ts';
export { toAllocateNothingPerFrame, toAllocateAtMostPerFrame, toHaveNoAllocationSitesPerFrame, describeAllocations } from '../matchers.ts';
export { toAllocate, browserAllocationMatchers as allocationMatchers } from './matchers.ts';
export type { RunResult, SiteResult, SitesResult } from '../../profiler/RunResult.ts';
import '../types.ts';
