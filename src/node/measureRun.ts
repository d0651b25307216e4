import { setImmediate as nextTurn } from 'node:timers/promises';
import { measureFrames, type MeasureFramesOptions, type MeasuringPlatform, type WarmupJudge } from '../measure/measureFrames.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { FrameTimeline } from '../profiler/FrameCollector.ts';
import type { NodeProfiler } from './NodeProfiler.ts';
import { JitWatch } from './JitWatch.ts';
import { nodeNatives } from './optimisationStatus.ts';
import { TierWatch } from '../measure/tierWatch.ts';
import { YoungGenerationSampler } from './youngGeneration.ts';
import { assertMode } from './modes.ts';

/** Options of `measureRun`. */
export interface MeasureRunOptions extends MeasureFramesOptions {
  /**
   * The functions every frame runs, asked for after the first frame (e.g. `world._frameFunctions`):
   * in production mode the warm-up also waits until V8 has optimised each of them (see
   * `isOptimizedOrGivenUp`). Bounded by `maxWarmup` like the quiet frames.
   */
  frameFunctions?: () => readonly unknown[];
  /** Keep per-frame bytes in the result (for exports and matchers). */
  keepPerFrame?: boolean;
}

/** A measured run with the raw material exports need. */
export interface MeasuredRun {
  result: RunResult;
  /** Frame start/end in ms since the first measured frame, and marker slices when kept. */
  frames: FrameTimeline;
}

/** JIT-quiet frames after which the frame functions still unoptimised are asked to be (see TierWatch). */
export const REQUEST_OPTIMIZATION_AFTER_QUIET = 1000;

/**
 * Node's warm-up judge: a look at V8's code spaces after every frame (JitWatch) and, in
 * production mode, the tier of the functions every frame runs (TierWatch).
 */
function nodeJudge(options: MeasureRunOptions): WarmupJudge {
  const jit = new JitWatch();
  const frameFunctions = options.mode === 'production' ? options.frameFunctions : undefined;
  const tiers = frameFunctions === undefined ? null : new TierWatch(nodeNatives(), frameFunctions);
  let frames = 0;
  let quietFrames = 0;
  return {
    name: 'jit-watch',
    sees: true,
    chunk: 1,
    quietTail: (n) => {
      const changed = jit.changed();
      frames += n;
      quietFrames = changed ? 0 : quietFrames + n;
      return changed ? 0 : n;
    },
    optimized: tiers === null ? undefined : () => tiers.settled(frames, quietFrames >= REQUEST_OPTIMIZATION_AFTER_QUIET),
  };
}

/**
 * Warms up, then measures `frames` frames of `step` with `nodeProfiler` (see `measureFrames`).
 * Between chunks of frames it yields to the event loop so that Node delivers GC events; that
 * happens between frames, never inside one.
 */
export async function measureRun(nodeProfiler: NodeProfiler, options: MeasureRunOptions): Promise<MeasuredRun> {
  assertMode(options.mode);
  const { profiler, gcLog, gcObserver } = nodeProfiler;
  let arrayBuffersStart = 0;
  const young = new YoungGenerationSampler();
  const platform: MeasuringPlatform = {
    judge: nodeJudge(options),
    betweenChunks: () => nextTurn(),
    async beforeMeasure() {
      (globalThis as { gc?: () => void }).gc?.();
      await nextTurn();
      gcObserver.flush();
      gcLog.clear();
      arrayBuffersStart = process.memoryUsage().arrayBuffers;
      young.start();
    },
    async afterDrain() {
      await nextTurn();
      gcObserver.flush();
    },
    progressWhileMeasuring: true,
    keepPerFrame: options.keepPerFrame ?? false,
    label: () => ({
      youngGenerationBytes: young.end(),
      offHeap: { arrayBuffersStart, arrayBuffersEnd: process.memoryUsage().arrayBuffers },
    }),
  };
  profiler.start();
  gcObserver.start();
  try {
    const { result, frames } = await measureFrames(nodeProfiler, options, platform);
    return { result, frames };
  } finally {
    gcObserver.stop();
    profiler.stop();
  }
}
