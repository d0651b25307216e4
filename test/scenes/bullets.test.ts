import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/bullets/index.ts';
import { setup as setupAllocating } from '../../scenes/bullets/allocating.ts';
import { setup as setupOptimized } from '../../scenes/bullets/optimized.ts';
import { ENEMY_COUNT } from '../../scenes/bullets/shared.ts';

const size = scene.size.default;

/**
 * Collects the garbage of earlier tests before a measured run: profileScene collects only after
 * its warm-up, and that collection would clear maps of dead worlds that optimised engine code
 * embeds, deoptimising it right at the start of the measured frames.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Warm-up frames of the optimized run, which also runs first in the file. Once other worlds have
 * run frames in the same process, V8 recompiles the engine's `Time._advance` with Maglev from
 * mixed type feedback, and that code boxes its numbers (112 B a frame, even for an empty scene)
 * until TurboFan replaces it, which the default warm-up does not always wait for.
 */
const WARMUP = 6000;

function runVariant(variant: string, frames: number) {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return { world, instance };
}

describe('scene bullets', () => {
  // First, see WARMUP.
  it('allocates nothing per frame in the optimized variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'optimized', frames: 300, warmup: WARMUP });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });

  it('ends both variants in the same state', () => {
    const allocating = runVariant('allocating', 300).instance.digest();
    const optimized = runVariant('optimized', 300).instance.digest();
    expect(optimized).toBe(allocating);
  });

  it('fires, hits and misses: the simulation does real work', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const { gun } = setupAllocating(world, size);
    new ManualClock(world).run(300);
    expect(gun.shots).toBeGreaterThan(size * 2);
    expect(gun.hits).toBeGreaterThan(0);
    expect(gun.kills).toBeGreaterThan(0);
    expect(gun.misses).toBeGreaterThan(0);
    expect(gun.liveCount).toBe(size);
  });

  it('allocates in the allocating variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
  });

  it('grows the pool for the opening barrage, then trims the idle surplus and stops creating', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const { gun } = setupOptimized(world, size);
    const pool = gun.pool;
    expect([pool.free, pool.used, pool.created]).toEqual([size, 0, size]); // prewarmed at load
    const clock = new ManualClock(world);
    clock.run(60); // one second of the two-second barrage: twice the bullets in flight
    expect(pool.used).toBe(2 * size);
    expect(pool.created).toBe(2 * size);
    clock.run(540); // ten seconds in: the surplus has been idle for more than IDLE_SECONDS
    expect(gun.trimmed).toBe(size);
    expect(pool.peak).toBe(2 * size);
    expect(pool.used).toBe(gun.liveCount);
    expect(pool.used + pool.free).toBe(size);
    // The bullets the pool dropped were destroyed with their game objects: nothing leaks into the world.
    expect(world.gameObjectCount).toBe(1 + ENEMY_COUNT + size);
    const created = pool.created;
    const trimCalls = gun.trimCalls;
    clock.run(600);
    expect(pool.created).toBe(created); // steady state: every shot reuses a pooled bullet
    expect(gun.trimCalls).toBe(trimCalls); // the pool keeps running dry, so there is nothing to trim
    expect(pool.used + pool.free).toBe(size);
  });

  it('leaves the allocating variant with only live bullets in the world (the rest is garbage)', () => {
    const { world, instance } = runVariant('allocating', 600);
    expect(world.gameObjectCount).toBe(1 + ENEMY_COUNT + (instance as ReturnType<typeof setupAllocating>).gun.liveCount);
  });
});
