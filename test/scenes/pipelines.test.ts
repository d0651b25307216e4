import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/pipelines/index.ts';

/** Runs one variant headless (no profiler) and returns its end-state digest. */
function digestAfter(variant: string, frames: number, size = scene.size.default): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('pipelines scene', () => {
  it('picks the same targets and applies the same commands in both variants after 300 frames', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('stays identical over a longer run and at other sizes', () => {
    expect(digestAfter('optimized', 1500, 100)).toBe(digestAfter('allocating', 1500, 100));
    expect(digestAfter('optimized', 120, scene.size.max)).toBe(digestAfter('allocating', 120, scene.size.max));
    expect(digestAfter('optimized', 120, scene.size.min)).toBe(digestAfter('allocating', 120, scene.size.min));
  });

  it('towers hit up to three targets, nearest first, and the console rejects malformed lines', () => {
    const frames = 600;
    const parts = digestAfter('optimized', frames).split(',');
    const towers = parts.slice(scene.size.default, -1);
    expect(towers).toHaveLength(6);
    for (const tower of towers) {
      const [hits, ...targets] = tower.split('>').map(Number);
      expect(hits).toBeGreaterThan(0);
      expect(targets.length).toBeLessThanOrEqual(3);
    }
    const deaths = parts.slice(0, scene.size.default).reduce((sum, w) => sum + Number(w.split(':')[2]), 0);
    expect(deaths).toBeGreaterThan(0);
    const [, , , applied, rejected] = parts.at(-1)!.split('/').map(Number);
    expect(applied! + rejected!).toBe(frames);
    expect(rejected).toBeGreaterThan(0);
  });

  it('allocates arrays, closures and regex results on every frame in the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });

  it('allocates nothing per frame in the optimized variant', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
