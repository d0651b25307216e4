import { describe, it, expect } from 'vitest';
import { Tags, World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/tags/index.ts';
import { buildField } from '../../scenes/tags/shared.ts';
import { Radar } from '../../scenes/tags/optimized.ts';

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

function digestAfter(variant: string, frames: number): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('scene tags', () => {
  // First, see WARMUP.
  it('allocates nothing per frame in the optimized variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'optimized', frames: 300, warmup: WARMUP });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });

  it('ends both variants in the same state', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('sorts objects by tag: enemies are sensed and hit, pickups collected', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const radar = buildField(world, size, Radar);
    const enemies = world.findGameObjectsWithTag('Enemy').length;
    const pickups = world.findGameObjectsWithTag(Tags.get('Pickup')).length;
    expect(enemies).toBeGreaterThan(size * 0.3);
    expect(pickups).toBeGreaterThan(size * 0.2);
    new ManualClock(world).run(300);
    expect(radar.enemiesSeen).toBeGreaterThan(0);
    expect(radar.pickupsSeen).toBeGreaterThan(0);
    expect(radar.score).toBeGreaterThan(0);
    expect(radar.damage).toBeGreaterThan(0);
    expect(radar.target).toBeGreaterThanOrEqual(0);
    expect(radar.drifters[radar.target]!.go.compareTag('Enemy')).toBe(true);
  });

  it('allocates a new string per tag read in the allocating variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    // At least one tag read per object per frame, each a real heap string (escape analysis
    // does not remove them): 16 B is less than the smallest string V8 makes here.
    expect(run.bytesPerFrame.min).toBeGreaterThanOrEqual(size * 16);
  });
});
