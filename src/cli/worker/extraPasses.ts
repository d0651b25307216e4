/**
 * The passes a measuring process may run after the measured frames: the leak pass (`--leaks`,
 * retained growth per frame from forced full GCs) and the live-heap census (`--live-heap`). Both
 * force GCs, so they run after every per-frame figure is taken, never among measured frames.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_LEAK_FRAMES, measureRetained } from '../../node/measureRetained.ts';
import { measureLiveHeap } from '../../node/measureLiveHeap.ts';
import type { RunResult } from '../../profiler/RunResult.ts';

/** The command-line options of the extra passes. */
export interface ExtraPassOptions {
  leaks?: boolean;
  leakFrames?: number;
  liveHeap?: boolean;
}

/** What a measuring process is asked to run after measuring (part of `WorkerSpec`). */
export interface ExtraPassSpec {
  /** Frames of the leak pass, or null for none. */
  leakFrames: number | null;
  liveHeap: boolean;
}

/** Adds `--leaks`, `--leak-frames` and `--live-heap` to `run` and `compare`. */
export function addExtraPassOptions(command: Command, integer: (name: string, min: number) => (value: string) => number): Command {
  return command
    .option(
      '--leaks',
      'after measuring, a leak pass: a forced full GC every 1/20 of the pass, and retained bytes per frame fitted, with a verdict',
      false,
    )
    .addOption(
      new Option('--leak-frames <n>', `frames in the leak pass (default ${DEFAULT_LEAK_FRAMES}; implies --leaks)`)
        .argParser(integer('--leak-frames', 60))
        .implies({ leaks: true }),
    )
    .option('--live-heap', 'after measuring, count live heap objects (heap snapshot) and time forced full GCs', false);
}

/** The spec fields for a measuring process. */
export function extraPassSpec(options: ExtraPassOptions): ExtraPassSpec {
  return { leakFrames: options.leaks ? (options.leakFrames ?? DEFAULT_LEAK_FRAMES) : null, liveHeap: options.liveHeap === true };
}

/**
 * Runs the requested passes after `result` was measured, and adds their findings to it.
 * `framesRun` is how many frames the world has run; `progress` gets frames done and total.
 */
export async function runExtraPasses(
  spec: ExtraPassSpec,
  step: () => void,
  framesRun: number,
  result: RunResult,
  progress: (done: number, total: number) => void,
): Promise<void> {
  if (spec.liveHeap) result.liveHeap = await measureLiveHeap();
  if (typeof spec.leakFrames === 'number') {
    // Progress before and after only: anything sent during the pass would read as retained memory.
    progress(0, spec.leakFrames);
    result.leaks = await measureRetained(step, { frames: spec.leakFrames, startFrame: framesRun });
    progress(spec.leakFrames, spec.leakFrames);
  }
}
