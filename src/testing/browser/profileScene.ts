import type { SceneDefinition } from '../../engine/Scene.ts';
import { sceneDefinition } from '../../measure/catalog.ts';
import type { ProfileSceneOptions, SceneRun } from '../profileScene.ts';
import { startVariant } from '../startVariant.ts';
import { measureConfirmedInPage } from '../../page/kit/measureConfirmedInPage.ts';
import { pageTracer } from './pageTracer.ts';
import { publishRun } from '../runSink.ts';
import { pageRuntime } from './pageRuntime.ts';
import { openPageLab } from './pageLab.ts';

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
  const lab = openPageLab('profileScene', options);
  const run = startVariant(await sceneDefinition(scene), lab.profiler, options);
  const { result } = await measureConfirmedInPage(
    lab,
    {
      scene: run.scene.name,
      variant: run.variant,
      size: run.size,
      mode: options.mode ?? 'production',
      frames: options.frames ?? 300,
      warmup: options.warmup ?? 300,
      step: run.step,
    },
    { tracer: await pageTracer() },
  );
  publishRun({ runtime: pageRuntime(), run: result });
  return { ...result, digest: run.digest(), sceneErrors: run.errors };
}
