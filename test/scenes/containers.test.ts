import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/containers/index.ts';
import { buildFlock, GRID_COLUMNS, GRID_ROWS } from '../../scenes/containers/shared.ts';
import { Flock } from '../../scenes/containers/optimized.ts';

const size = scene.size.default;
const CELLS = GRID_COLUMNS * GRID_ROWS;

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

describe('scene containers', () => {
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

  it('finds neighbours and contacts, and keeps one bucket per grid cell', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const flock = buildFlock(world, size, Flock);
    new ManualClock(world).run(300);
    expect(flock.pairs).toBeGreaterThan(size);
    expect(flock.contacts).toBeGreaterThan(0);
    expect(flock.grid.size).toBe(CELLS);
    let filed = 0;
    for (const bucket of flock.buckets) filed += bucket.count;
    expect(filed).toBe(size);
  });

  it('allocates in the allocating variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });

  // Why the optimized variant keeps the Map's keys instead of calling clear(): in V8, clear()
  // replaces the hash table with a new, minimal one, and refilling it grows it again.
  describe('the V8 behaviour behind the fix', () => {
    it('Map.clear() and refilling the same keys allocates every time', async () => {
      const map = new Map<number, number>();
      const refill = (): void => {
        map.clear();
        for (let key = 0; key < CELLS; key++) map.set(key, key);
      };
      await expect(refill).toAllocate();
    });

    it('Set.clear() and refilling allocates as well', async () => {
      const items = Array.from({ length: size }, (_, i) => ({ i }));
      const set = new Set<object>();
      const refill = (): void => {
        set.clear();
        for (let i = 0; i < items.length; i++) set.add(items[i]!);
      };
      await expect(refill).toAllocate();
    });

    it('keeping the keys and resetting what they point to allocates nothing', async () => {
      const map = new Map<number, { count: number }>();
      for (let key = 0; key < CELLS; key++) map.set(key, { count: 0 });
      const reset = (): void => {
        for (let key = 0; key < CELLS; key++) map.get(key)!.count = key & 3;
      };
      await expect(reset).not.toAllocate();
    });
  });
});
