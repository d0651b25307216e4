import type { SceneDefinition } from '../engine/Scene.ts';
import { SceneVariant, UnknownVariantError } from '../measure/SceneVariant.ts';
import type { FrameProfiler } from '../profiler/FrameProfiler.ts';
import type { ProfileSceneOptions } from './profileScene.ts';

/** The variant `options` select, set up on `profiler`: the testing API's Node and browser twins start here. */
export function startVariant(scene: SceneDefinition, profiler: FrameProfiler, options: ProfileSceneOptions): SceneVariant {
  try {
    return new SceneVariant(scene, {
      variant: options.variant ?? 'optimized',
      size: options.size,
      profiler,
      deep: options.deep,
      dtMs: options.dtMs,
    });
  } catch (error) {
    if (error instanceof UnknownVariantError) throw new Error(`alloclab: ${error.message}`);
    throw error;
  }
}
