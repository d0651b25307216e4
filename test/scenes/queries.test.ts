import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/queries/index.ts';
import { buildArena, ShieldMesh, TURRET_RANGE } from '../../scenes/queries/shared.ts';
import { Swarm, Turret } from '../../scenes/queries/optimized.ts';

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

describe('scene queries', () => {
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

  it('allocates in the allocating variant', async () => {
    collectGarbage();
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    // findObjectsOfType alone makes an array of every orb each frame.
    expect(run.bytesPerFrame.min).toBeGreaterThan(size * 8);
  });

  it('zaps orbs: the turrets see orbs in range and hit them on every face', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const { turrets, physics } = buildArena(world, size, Swarm, Turret);
    new ManualClock(world).run(300);
    let zaps = 0;
    for (const turret of turrets) {
      expect(turret.inRange.length).toBe(size); // the NonAlloc buffer has room for every orb
      expect(turret.inRangeCount).toBe(physics.overlapCircleAll(turret.x, turret.y, TURRET_RANGE).length);
      for (const hits of turret.hits) zaps += hits;
    }
    expect(zaps).toBeGreaterThan(300);
    expect(turrets.every((turret) => turret.hits.some((hits) => hits > 0))).toBe(true);
  });

  it('gives the allocating and NonAlloc forms of the helpers the same answers', () => {
    const world = new World({ seed: scene.seed ?? 1 });
    const { physics } = buildArena(world, size, Swarm, Turret);
    const all = physics.overlapCircleAll(640, 360, 200);
    const out = physics.orbs.slice();
    const n = physics.overlapCircleNonAlloc(640, 360, 200, out);
    expect(out.slice(0, n)).toEqual(all);
    // Like Unity's NonAlloc queries, a short buffer gets the first results only.
    const short = all.slice(0, 3);
    expect(physics.overlapCircleNonAlloc(640, 360, 200, short)).toBe(Math.min(3, all.length));

    const mesh = new ShieldMesh(8);
    const copy = mesh.normals;
    expect(mesh.normals).not.toBe(copy); // a new array per read, as Mesh.normals
    expect(mesh.normals).toEqual(copy);
    const normals: number[] = [];
    expect(mesh.getNormals(normals)).toBe(16);
    expect(normals).toEqual(copy);
  });
});
