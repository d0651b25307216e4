/**
 * The scene allocation tests, run in headless Chromium (the 'chromium' vitest project) through
 * the same `profileScene` and matchers as in Node: alloclab/testing resolves to its browser twin
 * there. One test file per scene, so each scene runs in a fresh page realm (its own compiled code
 * and type feedback), as the CLI measures each variant in a fresh browser.
 */
import { describe, expect, it } from 'vitest';
import { profileScene } from 'alloclab/testing';
import type { SceneDefinition } from '../../src/engine/Scene.ts';

/** Bytes of a heap number in Chromium (pointer compression): a map word and a double. */
const HEAP_NUMBER_BYTES = 12;

/**
 * What the optimized variant reads in Chromium: 'nothing', or 'heap-numbers' for scenes whose
 * optimised code still boxes doubles there (it reads 0 B in Node; the scene README shows both).
 */
export type ChromiumExpectation = 'nothing' | 'heap-numbers';

export function describeSceneInChromium(scene: SceneDefinition, optimized: ChromiumExpectation): void {
  describe(`scene ${scene.name} in Chromium`, () => {
    let optimizedMedian = Number.NaN;

    // First, in a fresh page: the engine's code is not yet shaped by the allocating variant.
    if (optimized === 'nothing') {
      it('allocates nothing per frame in the optimized variant', async () => {
        const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
        expect(run.sceneErrors).toEqual([]);
        expect(run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
        expect(run.jitSettled).toBe(true);
        expect(run).toAllocateNothingPerFrame();
        optimizedMedian = run.bytesPerFrame.median;
      });
    } else {
      it('allocates only in whole heap numbers in the optimized variant (12 B each in Chromium)', async () => {
        const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
        expect(run.sceneErrors).toEqual([]);
        expect(run.jitSettled).toBe(true);
        expect(run.bytesPerFrame.median % HEAP_NUMBER_BYTES).toBe(0);
        optimizedMedian = run.bytesPerFrame.median;
      });
    }

    it('allocates in the allocating variant, more than in the optimized one', async () => {
      const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
      expect(run.sceneErrors).toEqual([]);
      expect(run.bytesPerFrame.median).toBeGreaterThan(0);
      expect(run.bytesPerFrame.median).toBeGreaterThan(optimizedMedian);
    });
  });
}
