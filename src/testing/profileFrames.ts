import { createNodeProfiler } from '../node/NodeProfiler.ts';
import { measureConfirmed } from '../node/measureConfirmed.ts';
import type { ProfileMode } from '../node/modes.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { runAfterPasses, type AfterRunOptions } from './afterRun.ts';
import { nodeRuntime } from '../node/runtimeInfo.ts';
import { publishRun } from './runSink.ts';

/** Options of `profileFrames`. */
export interface ProfileFramesOptions extends AfterRunOptions {
  frames?: number;
  warmup?: number;
  mode?: ProfileMode;
  /** Name shown in results and messages (default "frames"). */
  name?: string;
}

/**
 * Measures `fn` as a frame: each call is one frame. Use it for a game loop that is not built on
 * AllocLab's engine, or for one system of it.
 *
 * @example
 * const run = await profileFrames(() => physics.step(1 / 60), { frames: 500 });
 * expect(run).toAllocateAtMostPerFrame(0);
 */
export async function profileFrames(fn: () => void, options: ProfileFramesOptions = {}): Promise<RunResult> {
  const node = createNodeProfiler();
  const profiler = node.profiler;
  let calls = 0;
  const step = (): void => {
    profiler.beginFrame(0);
    fn();
    profiler.endFrame();
    calls++;
  };
  const { result } = await measureConfirmed(node, {
    scene: options.name ?? 'frames',
    variant: 'function',
    mode: options.mode ?? 'production',
    frames: options.frames ?? 300,
    warmup: options.warmup ?? 300,
    keepPerFrame: true,
    step,
  });
  await runAfterPasses(result, step, calls, options);
  publishRun({ runtime: nodeRuntime(), run: result });
  return result;
}
