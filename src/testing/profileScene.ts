import { World } from '../engine/World.ts';
import { formatErrorReport } from '../engine/EngineError.ts';
import type { SceneDefinition } from '../engine/Scene.ts';
import { ManualClock } from '../hosts/node/ManualClock.ts';
import { createNodeProfiler } from '../hosts/node/NodeProfiler.ts';
import { measureConfirmed } from './measureConfirmed.ts';
import type { ProfileMode } from '../hosts/node/modes.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { runAfterPasses, type AfterRunOptions } from './afterRun.ts';

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
  const definition = typeof scene === 'string' ? await findCatalogScene(scene) : scene;
  const variant = options.variant ?? 'optimized';
  const setup = definition.variants[variant];
  if (setup === undefined) {
    throw new Error(
      `alloclab: scene "${definition.name}" has no variant "${variant}" (its variants: ${Object.keys(definition.variants).join(', ')})`,
    );
  }
  const size = options.size ?? definition.size.default;
  const node = createNodeProfiler();
  const sceneErrors: string[] = [];
  const world = new World({
    seed: definition.seed ?? 1,
    profiler: node.profiler,
    deepProfile: options.deep ?? false,
    errorSink: (report) => {
      sceneErrors.push(formatErrorReport(report));
    },
  });
  const instance = setup(world, size);
  const clock = new ManualClock(world, { dtMs: options.dtMs ?? 1000 / 60 });
  const { result } = await measureConfirmed(node, {
    scene: definition.name,
    variant,
    size,
    mode: options.mode ?? 'production',
    frames: options.frames ?? 300,
    warmup: options.warmup ?? 300,
    keepPerFrame: true,
    step: () => clock.step(),
    frameFunctions: () => world._frameFunctions(),
  });
  await runAfterPasses(result, () => clock.step(), clock.frames, options);
  return { ...result, digest: instance.digest(), sceneErrors };
}

async function findCatalogScene(name: string): Promise<SceneDefinition> {
  const { findScene, sceneNames } = await import('../../scenes/index.ts');
  const scene = findScene(name);
  if (scene === undefined) throw new Error(`alloclab: unknown scene "${name}" (known: ${sceneNames().join(', ')})`);
  return scene;
}
