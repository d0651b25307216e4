import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/closures/index.ts';

/** Runs one variant headless (no profiler) and returns its end-state digest. */
function digestAfter(variant: string, frames: number, size = scene.size.default): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('closures scene', () => {
  it('ends in the same phases, flashes and fades in both variants after 300 frames', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('stays identical over a longer run and at other sizes', () => {
    expect(digestAfter('optimized', 1200, 40)).toBe(digestAfter('allocating', 1200, 40));
    expect(digestAfter('optimized', 120, scene.size.max)).toBe(digestAfter('allocating', 120, scene.size.max));
    expect(digestAfter('optimized', 120, scene.size.min)).toBe(digestAfter('allocating', 120, scene.size.min));
  });

  it('every firefly flashes, and every flash but the latest has faded through its callback', () => {
    // 600 frames = 10 s; the slowest natural rate is 0.5 flashes per second.
    const fireflies = digestAfter('optimized', 600)
      .split(',')
      .map((entry) => entry.split(':').map(Number));
    expect(fireflies).toHaveLength(scene.size.default);
    for (const [, flashes, dims, lastDimmedFlash] of fireflies) {
      expect(flashes).toBeGreaterThanOrEqual(3);
      expect(flashes! - dims!).toBeGreaterThanOrEqual(0);
      expect(flashes! - dims!).toBeLessThanOrEqual(1);
      expect(lastDimmedFlash).toBeGreaterThan(0);
    }
  });

  it('allocates closures on every frame in the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    // At least one forEach closure per firefly per frame.
    expect(run.bytesPerFrame.min).toBeGreaterThanOrEqual(32 * scene.size.default);
  });

  it('allocates nothing per frame in the optimized variant', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
