import { measureRetained, type RetainedPassOptions } from '../node/measureRetained.ts';
import { measureLiveHeap } from '../node/measureLiveHeap.ts';
import type { RunResult } from '../profiler/RunResult.ts';

/** The passes `profileScene` and `profileFrames` can run after measuring. */
export interface AfterRunOptions {
  /**
   * A leak pass after the measured frames: retained growth per frame from forced full GCs, in
   * `run.leaks`, for `toRetainAtMostPerFrame` (true, or the pass's frames and interval).
   */
  leaks?: boolean | RetainedPassOptions;
  /** Count live heap objects and time forced full GCs after the measured frames, in `run.liveHeap`. */
  liveHeap?: boolean;
}

/** Runs the requested passes after `result` was measured (never during: they force GCs). */
export async function runAfterPasses(result: RunResult, step: () => void, framesRun: number, options: AfterRunOptions): Promise<void> {
  if (options.liveHeap) result.liveHeap = await measureLiveHeap();
  if (options.leaks) {
    const pass = options.leaks === true ? {} : options.leaks;
    result.leaks = await measureRetained(step, { ...pass, startFrame: framesRun });
  }
}
