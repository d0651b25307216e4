/** AllocLab's Node host: exact heap meter and clock, GC observer, manual clock, measuring loop. */
export { createNodeProfiler } from './NodeProfiler.ts';
export type { NodeProfiler } from './NodeProfiler.ts';
export { NodeHeapMeter } from './NodeHeapMeter.ts';
export { NodeClock } from './NodeClock.ts';
export { NodeGcObserver } from './NodeGcObserver.ts';
// The manual clock lives with the engine it drives (also exported from 'alloclab'); kept here for imports written against this entry.
export { ManualClock } from '../engine/ManualClock.ts';
export type { ManualClockOptions } from '../engine/ManualClock.ts';
export { measureRun } from './measureRun.ts';
export type { MeasureRunOptions, MeasuredRun } from './measureRun.ts';
export { MODE_FLAGS, PROFILE_MODES, currentMode, assertMode } from './modes.ts';
export type { ProfileMode } from './modes.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';
export { measureRetained, DEFAULT_LEAK_FRAMES, LEAK_INTERVALS } from './measureRetained.ts';
export type { RetainedPassOptions, MeasureRetainedOptions } from './measureRetained.ts';
export { measureLiveHeap, countSnapshotNodes, FULL_GC_RUNS } from './measureLiveHeap.ts';
export { youngGenerationBytes } from './youngGeneration.ts';
