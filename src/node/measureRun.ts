import { setImmediate as nextTurn } from 'node:timers/promises';
import { FrameCollector } from '../profiler/FrameCollector.ts';
import { buildRunResult } from '../profiler/buildRunResult.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { FrameTimeline } from '../profiler/FrameCollector.ts';
import type { NodeProfiler } from './NodeProfiler.ts';
import { JitWatch } from './JitWatch.ts';
import { isOptimizedOrGivenUp } from './optimisationStatus.ts';
import { youngGenerationBytes } from './youngGeneration.ts';
import { assertMode, type ProfileMode } from './modes.ts';

/** Options of `measureRun`. */
export interface MeasureRunOptions {
  scene: string;
  variant: string;
  size?: number | null;
  mode: ProfileMode;
  /** Frames to measure. */
  frames: number;
  /** Frames to run first, at least; warm-up goes on until the JIT is quiet (see `quietFrames`). */
  warmup: number;
  /** Consecutive frames without JIT activity that end the warm-up (default 1,000; 0 disables). */
  quietFrames?: number;
  /**
   * The functions every frame runs, asked for after the first frame (e.g. `world._frameFunctions`):
   * in production mode the warm-up also waits until V8 has optimised each of them (see
   * `isOptimizedOrGivenUp`). Bounded by `maxWarmup` like the quiet frames.
   */
  frameFunctions?: () => readonly unknown[];
  /** Most warm-up frames before measuring anyway (default max(20 x warmup, 20,000)). */
  maxWarmup?: number;
  /** Runs one frame, calling `profiler.beginFrame()`/`endFrame()` (a World given the profiler does). */
  step: () => void;
  /** Keep each frame's marker slices (for trace exports). */
  keepSlices?: boolean;
  /** Keep per-frame bytes in the result (for exports and matchers). */
  keepPerFrame?: boolean;
  /**
   * Per-frame bytes of the same frames measured without instrumentation, for the site verdicts
   * (see buildSiteResults); the warm-up must then run the same number of frames as that run's.
   */
  siteReferenceBytes?: readonly number[];
  /** Called now and then with frames done and total (warm-up included). */
  onProgress?: (done: number, total: number, phase: 'warmup' | 'measure') => void;
}

/** A measured run with the raw material exports need. */
export interface MeasuredRun {
  result: RunResult;
  /** Frame start/end in ms since the first measured frame, and marker slices when kept. */
  frames: FrameTimeline;
}

const CHUNK = 100;

/**
 * The only loop that runs frames, in warm-up and measurement alike: it is optimised during
 * warm-up, so measuring does not trigger on-stack replacement of a fresh loop, whose compiled code
 * V8 would install, and allocate for, inside a measured frame (seen: 2.6 KB once near frame 11,000).
 */
function runFrames(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) step();
}

/**
 * Warms up, then measures `frames` frames of `step` with `nodeProfiler`, and summarises them.
 * Between chunks of frames it yields to the event loop so that Node delivers GC events; that
 * happens between frames, never inside one.
 */
export async function measureRun(nodeProfiler: NodeProfiler, options: MeasureRunOptions): Promise<MeasuredRun> {
  assertMode(options.mode);
  const { profiler, meter, clock, gcLog, gcObserver } = nodeProfiler;
  const step = options.step;
  const quiet = options.quietFrames ?? 1000;
  const maxWarmup = options.maxWarmup ?? Math.max(options.warmup * 20, 20_000);
  const total = options.warmup + options.frames;
  profiler.start();
  gcObserver.start();
  try {
    const jit = new JitWatch();
    let warm = 0;
    let quietRun = 0;
    let awaited: readonly unknown[] | null = null;
    let optimized = options.mode !== 'production' || options.frameFunctions === undefined;
    while (warm < options.warmup || (((quiet > 0 && quietRun < quiet) || !optimized) && warm < maxWarmup)) {
      runFrames(step, 1);
      warm++;
      quietRun = jit.changed() ? 0 : quietRun + 1;
      if (!optimized) {
        awaited ??= options.frameFunctions!();
        optimized = awaited.every(isOptimizedOrGivenUp);
      }
      if (warm % CHUNK === 0) {
        options.onProgress?.(Math.min(warm, options.warmup), total, 'warmup');
        await nextTurn();
      }
    }
    const jitSettled = (quiet === 0 || quietRun >= quiet) && optimized;
    (globalThis as { gc?: () => void }).gc?.();
    await nextTurn();
    gcObserver.flush();
    gcLog.clear();
    const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: options.keepSlices });
    const refusedBefore = profiler.recorder.eventsRefused;
    const refusedPairsBefore = profiler.recorder.sitePairsRefused;
    const arrayBuffersStart = process.memoryUsage().arrayBuffers;
    // Nothing but frames runs while measuring: code that ran between frames (draining, progress)
    // would allocate and be compiled by the JIT meanwhile, and V8 installs compiled code at an
    // interrupt check that may fall inside a frame. So the ring is drained only when it must be.
    const capacity = profiler.recorder.frameCapacity;
    const progressEvery = Math.max(1, Math.min(1000, capacity >> 1));
    let undrained = 0;
    for (let done = 0; done < options.frames; ) {
      const n = Math.min(progressEvery, options.frames - done);
      if (undrained + n > capacity) {
        collector.drain();
        undrained = 0;
      }
      runFrames(step, n);
      done += n;
      undrained += n;
      options.onProgress?.(options.warmup + done, total, 'measure');
    }
    collector.drain();
    await nextTurn();
    gcObserver.flush();
    const result = buildRunResult(
      collector,
      gcLog,
      meter,
      {
        scene: options.scene,
        variant: options.variant,
        mode: options.mode,
        size: options.size ?? null,
        youngGenerationBytes: youngGenerationBytes(),
        warmup: warm,
        jitSettled,
        refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
        refusedSitePairs: profiler.recorder.sitePairsRefused - refusedPairsBefore,
        offHeap: { arrayBuffersStart, arrayBuffersEnd: process.memoryUsage().arrayBuffers },
      },
      { keepPerFrame: options.keepPerFrame, siteReferenceBytes: options.siteReferenceBytes },
    );
    return {
      result,
      frames: collector.timeline(result.perFrameBytes ?? collector.bytes),
    };
  } finally {
    gcObserver.stop();
    profiler.stop();
  }
}
