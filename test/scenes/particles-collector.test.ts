// What struct-of-arrays saves the collector: live heap objects and the time of a forced full GC.
import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { measureLiveHeap } from '../../src/node/measureLiveHeap.ts';
import scene from '../../scenes/particles/index.ts';

/** Large enough that the particles, not the test process, dominate the heap. */
const SIZE = 50_000;

async function liveHeapOf(variant: string) {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, SIZE);
  new ManualClock(world).run(300);
  const live = await measureLiveHeap();
  const alive = Number(instance.digest().split('|')[0]);
  world.destroy();
  return { live, alive };
}

describe('scene particles: the collector', () => {
  it('keeps far fewer live objects, and a forced full GC takes less time, with struct-of-arrays', async () => {
    const optimized = await liveHeapOf('optimized');
    const allocating = await liveHeapOf('allocating');
    expect(optimized.alive).toBe(allocating.alive);
    expect(allocating.alive).toBeGreaterThan(30_000);
    // Per live particle: the particle, two vectors, a name and the numbers boxed in its fields...
    const extra = allocating.live.objects - optimized.live.objects;
    expect(extra / allocating.alive).toBeGreaterThan(5);
    expect((allocating.live.byType.number! - optimized.live.byType.number!) / allocating.alive).toBeGreaterThan(2);
    // ...which every full GC marks: the fastest of 9 forced full GCs is slower with them.
    expect(allocating.live.fullGcMs.min).toBeGreaterThan(optimized.live.fullGcMs.min);
  });
});
