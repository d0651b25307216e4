import { World } from '../../engine/World.ts';
import { formatErrorReport } from '../../engine/EngineError.ts';
import type { SceneDefinition } from '../../engine/Scene.ts';
import { ManualClock } from '../../hosts/node/ManualClock.ts';
import { createLabProfiler, labFrameCapacity } from '../../lab/labProfiler.ts';
import type { ProfileSceneOptions, SceneRun } from '../profileScene.ts';
import { measureInPage } from './measureInPage.ts';

/**
 * The browser twin of `profileScene` (alloclab/testing resolves to it in vitest's browser mode):
 * runs a scene in the test page and measures every frame with the page's heap meter, warm-up until
 * the JIT is quiet and GCs from the DevTools trace where vitest gives a session (playwright
 * provider, Chromium). Same options, same run object, same matchers as in Node. Chromium must run
 * with --enable-precise-memory-info (see alloclab/testing/browser-config); `mode` must match the
 * browser's V8 flags, which the page cannot read.
 *
 * @example
 * const run = await profileScene(bullets, { variant: 'optimized', frames: 600 });
 * expect(run).toAllocateNothingPerFrame();
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
  const frames = options.frames ?? 300;
  const lab = createLabProfiler({ frameCapacity: labFrameCapacity(frames) });
  if (!lab.calibration.precise) throw new Error(`alloclab: ${lab.calibration.reason}`);
  const sceneErrors: string[] = [];
  const world = new World({
    seed: definition.seed ?? 1,
    profiler: lab.profiler,
    deepProfile: options.deep ?? false,
    errorSink: (report) => {
      sceneErrors.push(formatErrorReport(report));
    },
  });
  const instance = setup(world, size);
  const clock = new ManualClock(world, { dtMs: options.dtMs ?? 1000 / 60 });
  const { result } = await measureInPage(lab, {
    scene: definition.name,
    variant,
    size,
    mode: options.mode ?? 'production',
    frames,
    warmup: options.warmup ?? 300,
    step: () => clock.step(),
  });
  return { ...result, digest: instance.digest(), sceneErrors };
}

async function findCatalogScene(name: string): Promise<SceneDefinition> {
  const { findScene, sceneNames } = await import('../../../scenes/index.ts');
  const scene = findScene(name);
  if (scene === undefined) throw new Error(`alloclab: unknown scene "${name}" (known: ${sceneNames().join(', ')})`);
  return scene;
}
