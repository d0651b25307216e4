/**
 * The scene allocation tests, run in headless Chromium (the 'chromium' vitest project) through
 * the same `profileScene` and matchers as in Node: alloclab/testing resolves to its browser twin
 * there. One test file per scene, so each scene runs in a fresh page realm (its own compiled code
 * and type feedback), as the CLI measures each variant in a fresh browser. Four scenes of different
 * kinds cover the API; every catalog scene's figures in Chromium are checked by
 * test/browser/sandbox-catalog.test.ts (the sandbox page, and the lab page through the CLI).
 */
import { describe, expect, it } from 'vitest';
import { profileScene } from 'alloclab/testing';
import type { SceneDefinition } from '../../src/engine/Scene.ts';

export function describeSceneInChromium(scene: SceneDefinition): void {
  describe(`scene ${scene.name} in Chromium`, () => {
    let optimizedMedian = Number.NaN;

    // First, in a fresh page: the engine's code is not yet shaped by the allocating variant.
    it('allocates nothing per frame in the optimized variant', async () => {
      const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
      expect(run.sceneErrors).toEqual([]);
      expect(run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
      expect(run.jitSettled).toBe(true);
      expect(run).toAllocateNothingPerFrame();
      optimizedMedian = run.bytesPerFrame.median;
    });

    it('allocates in the allocating variant, more than in the optimized one', async () => {
      const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
      expect(run.sceneErrors).toEqual([]);
      expect(run.bytesPerFrame.median).toBeGreaterThan(0);
      expect(run.bytesPerFrame.median).toBeGreaterThan(optimizedMedian);
    });
  });
}
