import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/boxing/index.ts';

/** Runs one variant headless (no profiler) and returns its end-state digest. */
function digestAfter(variant: string, frames: number, size = scene.size.default): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('boxing scene', () => {
  it('ends in the same temperatures, averages and colours in both variants after 300 frames', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('stays identical over a longer run and at other sizes', () => {
    expect(digestAfter('optimized', 1500, 120)).toBe(digestAfter('allocating', 1500, 120));
    expect(digestAfter('optimized', 120, scene.size.max)).toBe(digestAfter('allocating', 120, scene.size.max));
    expect(digestAfter('optimized', 120, scene.size.min)).toBe(digestAfter('allocating', 120, scene.size.min));
  });

  it('keeps temperatures finite and near the room, with hot spots', () => {
    const temps = digestAfter('optimized', 1200)
      .split(',')
      .map((entry) => Number(entry.split('/')[0]));
    expect(temps.every((t) => t > 15 && t < 200)).toBe(true);
    expect(Math.max(...temps)).toBeGreaterThan(30);
  });

  it('boxes two doubles per sensor per frame in the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
    // A heap number is 16 B in Node (no pointer compression): the array slot and the Map entry
    // each get a new one per sensor per frame.
    expect(run.bytesPerFrame.median).toBe(2 * 16 * scene.size.default);
    const small = await profileScene(scene, { variant: 'allocating', frames: 300, size: 200 });
    expect(small.bytesPerFrame.median).toBe(2 * 16 * 200);
  });

  it('allocates nothing per frame in the optimized variant', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
