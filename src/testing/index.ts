/** AllocLab's testing API: run scenes or functions frame by frame and assert what they allocate. */
export { profileScene } from './profileScene.ts';
export type { ProfileSceneOptions, SceneRun } from './profileScene.ts';
export { profileFrames } from './profileFrames.ts';
export type { ProfileFramesOptions } from './profileFrames.ts';
export {
  allocationMatchers,
  toAllocateNothingPerFrame,
  toAllocateAtMostPerFrame,
  toHaveNoAllocationSitesPerFrame,
  toAllocate,
  describeAllocations,
} from './matchers.ts';
export { execArgv } from './config.ts';
export { retainMatchers, toRetainAtMostPerFrame, describeRetained } from './retainMatchers.ts';
export type { AfterRunOptions } from './afterRun.ts';
export type { LeaksResult, LeakVerdict, RetainedGrowth, RetainedSample } from '../profiler/retainedGrowth.ts';
export type { RunResult, SiteResult, SitesResult } from '../profiler/RunResult.ts';
import './types.ts';
