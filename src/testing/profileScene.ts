import type { SceneDefinition } from '../engine/Scene.ts';
import { createNodeProfiler } from '../node/NodeProfiler.ts';
import { sceneDefinition } from '../measure/catalog.ts';
import { startVariant } from './startVariant.ts';
import { measureConfirmed } from '../node/measureConfirmed.ts';
import type { ProfileMode } from '../node/modes.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { runAfterPasses, type AfterRunOptions } from './afterRun.ts';
import { nodeRuntime } from '../node/runtimeInfo.ts';
import { publishRun } from './runSink.ts';

/** Options of `profileScene`. */
export interface ProfileSceneOptions extends AfterRunOptions {
  /** Variant to run (default "optimized"). */
  variant?: string;
  /** Frames to measure (default 300). */
  frames?: number;
  /** Frames to run first, at least (default 300); warm-up goes on until the JIT is quiet. */
  warmup?: number;
  /** The scene's size parameter (default: the scene's own). */
  size?: number;
  /** Must match how the test process was started (see `execArgv` in alloclab/testing/config). */
  mode?: ProfileMode;
  /** One marker per behaviour type. */
  deep?: boolean;
  /** Frame delta time in ms (default 1000/60). */
  dtMs?: number;
}

/** A run of a scene, with its end-state digest. */
export interface SceneRun extends RunResult {
  /** The scene's state digest after the last frame. */
  digest: string;
  /** Errors behaviours threw during frames (each reported, the frame went on). */
  sceneErrors: string[];
}

/**
 * Runs a scene headless in this process and measures every frame, as `alloclab run` does.
 * The result is the same run object as the CLI's JSON, plus the end-state digest.
 *
 * @example
 * const run = await profileScene(bullets, { variant: 'optimized', frames: 600, leaks: true });
 * expect(run).toAllocateNothingPerFrame();
 * expect(run).toRetainAtMostPerFrame(8);
 */
export async function profileScene(scene: SceneDefinition | string, options: ProfileSceneOptions = {}): Promise<SceneRun> {
  const node = createNodeProfiler();
  const run = startVariant(await sceneDefinition(scene), node.profiler, options);
  const { result } = await measureConfirmed(node, {
    scene: run.scene.name,
    variant: run.variant,
    size: run.size,
    mode: options.mode ?? 'production',
    frames: options.frames ?? 300,
    warmup: options.warmup ?? 300,
    keepPerFrame: true,
    step: run.step,
    frameFunctions: () => run.world._frameFunctions(),
  });
  await runAfterPasses(result, run.step, run.clock.frames, options);
  publishRun({ runtime: nodeRuntime(), run: result });
  return { ...result, digest: run.digest(), sceneErrors: run.errors };
}
