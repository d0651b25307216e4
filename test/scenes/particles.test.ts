import { describe, expect, it } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { NodeHeapMeter } from '../../src/node/NodeHeapMeter.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/particles/index.ts';

const gc = (globalThis as { gc?: () => void }).gc!;

function runVariant(variant: string, frames: number): { world: World; digest: string } {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, scene.size.default);
  new ManualClock(world).run(frames);
  return { world, digest: instance.digest() };
}

/**
 * JS heap bytes the particle state holds after `frames` frames: the heap after a full GC, minus
 * the same world's heap right after setup (sprites, columns and empty lists are already there).
 *
 * A first world of the same variant runs the same frames and is dropped: the JIT's feedback and
 * metadata for the scene's code live in the old space too, and a loaded machine can finish a
 * TurboFan job inside the measured frames (seen once: +115 KB for the optimized variant). With
 * the code warm, what the second world adds is the particle state alone.
 */
function particleHeapBytes(variant: string, size: number, frames = 300): { bytes: number; alive: number } {
  const warm = new World({ seed: scene.seed ?? 1 });
  scene.variants[variant]!(warm, size);
  new ManualClock(warm).run(frames);
  warm.destroy();
  const meter = new NodeHeapMeter();
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  const clock = new ManualClock(world);
  clock.run(1);
  gc();
  gc();
  const before = meter.readNow();
  clock.run(frames);
  gc();
  gc();
  const bytes = meter.readNow() - before;
  const alive = Number(instance.digest().split('|')[0]);
  world.destroy();
  return { bytes, alive };
}

describe('scene particles', () => {
  it('runs the same simulation in both variants', () => {
    const allocating = runVariant('allocating', 300);
    const optimized = runVariant('optimized', 300);
    expect(optimized.digest).toBe(allocating.digest);
    // The fountain is in its steady state: thousands alive, some spawned and dead every frame.
    const [alive, spawned, died] = optimized.digest.split('|').map(Number);
    expect(alive).toBeGreaterThan(3000);
    expect(spawned).toBe(300 * 33);
    expect(died).toBeGreaterThan(4000);
  });

  it('allocates in every frame of the allocating variant', async () => {
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

  it('keeps far fewer heap objects alive for the GC to trace', () => {
    const allocating = particleHeapBytes('allocating', scene.size.default);
    const optimized = particleHeapBytes('optimized', scene.size.default);
    expect(optimized.alive).toBe(allocating.alive);
    // A particle, two vectors, their boxed numbers and a name string per live particle...
    expect(allocating.bytes / allocating.alive).toBeGreaterThan(100);
    // ...against nothing: the columns were allocated at setup, their data off the JS heap.
    expect(Math.abs(optimized.bytes)).toBeLessThan(16 * 1024);
  });

  it('keeps its JS heap independent of the particle count', () => {
    const large = particleHeapBytes('optimized', 20_000);
    expect(large.alive).toBeGreaterThan(15_000);
    expect(Math.abs(large.bytes)).toBeLessThan(16 * 1024);
  });
});
