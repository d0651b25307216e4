import { describe, expect, it } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/throttle/index.ts';

interface ThrottleInstance {
  digest(): string;
  readonly boardRebuilds: number;
}

function runVariant(variant: string, frames: number): ThrottleInstance {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, scene.size.default) as ThrottleInstance;
  new ManualClock(world).run(frames);
  return instance;
}

describe('scene throttle', () => {
  it('shows the same board in both variants', () => {
    const allocating = runVariant('allocating', 300);
    const optimized = runVariant('optimized', 300);
    expect(optimized.digest()).toBe(allocating.digest());
    expect(optimized.digest()).toContain('ROUND TIME 5 s');
  });

  it('shows the same board after whole rounds, frame for frame', () => {
    const allocating = runVariant('allocating', 4000);
    const optimized = runVariant('optimized', 4000);
    expect(optimized.digest()).toBe(allocating.digest());
    expect(Number(optimized.digest().split('|')[0])).toBeGreaterThan(1); // at least one round ended
  });

  it('rebuilds the board only when a score changed', () => {
    const allocating = runVariant('allocating', 600);
    const optimized = runVariant('optimized', 600);
    expect(allocating.boardRebuilds).toBe(600);
    expect(optimized.boardRebuilds).toBeGreaterThan(0);
    expect(optimized.boardRebuilds).toBeLessThan(600 / 5);
  });

  it('allocates in every frame of the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });

  it('allocates nothing in any frame of the optimized variant, rebuild frames included', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 1200 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
