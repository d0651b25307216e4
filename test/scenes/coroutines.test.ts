import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/coroutines/index.ts';

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

describe('scene coroutines', () => {
  // First, see WARMUP.
  it('allocates nothing per frame in the optimized variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'optimized', frames: 300, warmup: WARMUP });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });

  it('ends both variants in the same state', () => {
    expect(runVariant('optimized', 300).instance.digest()).toBe(runVariant('allocating', 300).instance.digest());
  });

  it('blinks every lamp and flashes the pinged ones', () => {
    const { instance } = runVariant('optimized', 300);
    // "pings/blinks/flashes #hash": 300 frames are ten half-second blinks for every lamp.
    const [pings, blinks, flashes] = instance.digest().split(' ')[0]!.split('/').map(Number);
    expect(blinks).toBe(size * 10);
    expect(pings).toBeGreaterThan(size);
    expect(flashes).toBeGreaterThan(size / 2);
  });

  it('starts a coroutine per event and resumes generators in the allocating variant', () => {
    const { world } = runVariant('allocating', 300);
    // One blink per lamp, plus the flashes still running.
    expect(world.coroutineCount).toBeGreaterThan(size);
    expect(world.stats.generatorResumes).toBeGreaterThan(0);
  });

  it('keeps exactly two long-lived IEnumerator coroutines per lamp in the optimized variant', () => {
    const { world } = runVariant('optimized', 300);
    expect(world.coroutineCount).toBe(2 * size);
    expect(world.stats.coroutineResumes).toBeGreaterThan(0);
    expect(world.stats.generatorResumes).toBe(0);
  });

  it('allocates in the allocating variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    // Every frame a group of lamps blinks: a new WaitForSeconds and a generator result each.
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });
});
