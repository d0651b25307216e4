import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/vectors/index.ts';

/** Runs one variant headless (no profiler) and returns its end-state digest. */
function digestAfter(variant: string, frames: number, size = scene.size.default): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('vectors scene', () => {
  it('ends in the same positions and velocities in both variants after 300 frames', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('stays bit-identical over a longer run and at other sizes', () => {
    expect(digestAfter('optimized', 1200, 50)).toBe(digestAfter('allocating', 1200, 50));
    expect(digestAfter('optimized', 60, scene.size.max)).toBe(digestAfter('allocating', 60, scene.size.max));
  });

  it('seekers close in on their targets and stay on the stage', () => {
    const values = digestAfter('optimized', 600).split(',').map(Number);
    let inside = 0;
    for (let i = 0; i < values.length; i += 4) {
      const x = values[i]!;
      const y = values[i + 1]!;
      if (x > -50 && x < 1330 && y > -50 && y < 770) inside++;
    }
    expect(values.every(Number.isFinite)).toBe(true);
    expect(inside).toBe(scene.size.default);
  });

  it('allocates vectors on every frame in the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    // At least the two vectors each seeker keeps per frame (an object with two number fields is
    // 40 B or more in Node).
    expect(run.bytesPerFrame.min).toBeGreaterThanOrEqual(2 * 40 * scene.size.default);
  });

  it('allocates nothing per frame in the optimized variant', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
