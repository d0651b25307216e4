/**
 * `alloclab/browser`: per-frame allocation for a game that does not use AllocLab's engine. One
 * call measures each frame of a pixi.js Ticker or of every requestAnimationFrame turn and shows
 * the GC Alloc overlay; `ProfilerMarker` (from 'alloclab') marks your own systems inside frames.
 */
export { attachProfiler } from './attachProfiler.ts';
export type { AttachOptions, AttachedProfiler, TickerLike } from './attachProfiler.ts';
export { ProfilerOverlay } from './overlay.ts';
export { ProfilerMarker } from '../profiler/ProfilerMarker.ts';
export type { FrameStats } from '../panel/gc-alloc-model.ts';
export type { RunResult } from '../profiler/RunResult.ts';
