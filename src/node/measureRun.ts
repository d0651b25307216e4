import { setImmediate as nextTurn } from 'node:timers/promises';
import { measureFrames, type MeasureFramesOptions, type MeasuringPlatform, type WarmupJudge } from '../measure/measureFrames.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { FrameTimeline } from '../profiler/FrameCollector.ts';
import type { NodeProfiler } from './NodeProfiler.ts';
import { JitWatch } from './JitWatch.ts';
import { isOptimizedOrGivenUp, requestOptimization } from './optimisationStatus.ts';
import { youngGenerationBytes } from './youngGeneration.ts';
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

/**
 * JIT-quiet frames after which the functions a frame runs that V8 still has not optimised are
 * asked for (see `requestOptimization`): one that is called gets optimised in its next call; one
 * that stays unoptimised through the next frame is not called (inlined into its optimised caller).
 */
export const REQUEST_OPTIMIZATION_AFTER_QUIET = 1000;

/**
 * Node's warm-up judge: a look at V8's code spaces after every frame (JitWatch) and, in
 * production mode, the optimisation status of the functions every frame runs.
 *
 * A function V8 inlined into its caller's optimised code is never called again: its own code
 * stays in baseline for good, and waiting for it would run the warm-up to its cap (a user's scene
 * with one small behaviour type did, every time). So after `REQUEST_OPTIMIZATION_AFTER_QUIET`
 * JIT-quiet frames, the functions still unoptimised are asked to be optimised at their next call,
 * and one still unoptimised a frame later counts as done: no frame called it.
 */
function nodeJudge(options: MeasureRunOptions): WarmupJudge {
  const jit = new JitWatch();
  const frameFunctions = options.mode === 'production' ? options.frameFunctions : undefined;
  let awaited: readonly unknown[] | null = null;
  let frames = 0;
  let quietFrames = 0;
  // Functions asked to be optimised, and the frame after which they were.
  let requested: Map<unknown, number> | null = null;
  return {
    sees: true,
    chunk: 1,
    quietTail: (n) => {
      const changed = jit.changed();
      frames += n;
      quietFrames = changed ? 0 : quietFrames + n;
      return changed ? 0 : n;
    },
    optimized:
      frameFunctions === undefined
        ? undefined
        : () => {
            awaited ??= frameFunctions();
            let done = true;
            for (const fn of awaited) {
              if (isOptimizedOrGivenUp(fn)) continue;
              const askedAt = requested?.get(fn);
              if (askedAt !== undefined && askedAt < frames) continue;
              done = false;
              if (askedAt === undefined && quietFrames >= REQUEST_OPTIMIZATION_AFTER_QUIET) {
                requested ??= new Map();
                requested.set(fn, frames);
                requestOptimization(fn);
              }
            }
            return done;
          },
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
  const platform: MeasuringPlatform = {
    judge: nodeJudge(options),
    betweenChunks: () => nextTurn(),
    async beforeMeasure() {
      (globalThis as { gc?: () => void }).gc?.();
      await nextTurn();
      gcObserver.flush();
      gcLog.clear();
      arrayBuffersStart = process.memoryUsage().arrayBuffers;
    },
    async afterDrain() {
      await nextTurn();
      gcObserver.flush();
    },
    progressWhileMeasuring: true,
    keepPerFrame: options.keepPerFrame ?? false,
    label: () => ({
      youngGenerationBytes: youngGenerationBytes(),
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
