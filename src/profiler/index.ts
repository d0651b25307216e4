/**
 * AllocLab's profiler: a frame profiler for any game loop. Knows nothing of the engine, the DOM
 * or Node; a host supplies the heap meter and the clock.
 */
export { ProfilerMarker, markerName, markerCount } from './ProfilerMarker.ts';
export { Profiler } from './Profiler.ts';
export type { ProfilerOptions } from './Profiler.ts';
export type { FrameProfiler } from './FrameProfiler.ts';
export type { HeapMeter, ProfilerClock } from './HeapMeter.ts';
export { FrameRecorder, FRAME_EVENTS_OVERFLOWED, FRAME_MARKERS_UNBALANCED } from './FrameRecorder.ts';
export type { FrameRecorderOptions } from './FrameRecorder.ts';
export { FrameDecoder, FrameSample } from './FrameDecoder.ts';
export { FrameCollector } from './FrameCollector.ts';
export type { FrameTimeline, TraceSlice } from './FrameCollector.ts';
export { GcLog, GC_KINDS } from './GcLog.ts';
export type { GcKind } from './GcLog.ts';
export { buildRunResult } from './buildRunResult.ts';
export type { RunLabel } from './buildRunResult.ts';
export { distribution, percentile } from './stats.ts';
export type { Distribution } from './stats.ts';
export { RUN_SCHEMA } from './RunResult.ts';
export type { ProfileMode, RunFile, RunResult, RuntimeInfo, MarkerResult, GcEventResult } from './RunResult.ts';
export { toRunFile, stringifyRunFile, parseRunFile } from './exports/runFile.ts';
export { toChromeTrace } from './exports/chromeTrace.ts';
export type { TraceRun, TraceEvent } from './exports/chromeTrace.ts';
export {
  analyzeRetainedGrowth,
  planRetainedPass,
  DEFAULT_LEAK_THRESHOLD,
  DEFAULT_LEAK_FRAMES,
  LEAK_INTERVALS,
  LEAD_IN_READINGS,
  MIN_INTERVALS,
} from './retainedGrowth.ts';
export type {
  LeaksResult,
  LeakVerdict,
  RetainedGrowth,
  RetainedGrowthOptions,
  RetainedPass,
  RetainedPassPlan,
  RetainedSample,
  RetainedStep,
} from './retainedGrowth.ts';
export { gcImpact, FRAME_BUDGET_MS } from './gcImpact.ts';
export type { GcImpact, GcImpactInput } from './gcImpact.ts';
export type { LiveHeapResult } from './liveHeap.ts';
