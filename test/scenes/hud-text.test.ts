import { describe, it, expect } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/hud-text/index.ts';

/** Runs one variant headless (no profiler) and returns its end-state digest. */
function digestAfter(variant: string, frames: number, size = scene.size.default): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, size);
  new ManualClock(world).run(frames);
  return instance.digest();
}

describe('hud-text scene', () => {
  it('shows the same HUD text in both variants after 300 frames', () => {
    expect(digestAfter('optimized', 300)).toBe(digestAfter('allocating', 300));
  });

  it('keeps showing the same text across laps, whole-second roll-overs and sizes', () => {
    // 3,000 frames = 50 s: every racer has finished laps, every line has rolled over seconds.
    expect(digestAfter('optimized', 3000)).toBe(digestAfter('allocating', 3000));
    expect(digestAfter('optimized', 600, scene.size.max)).toBe(digestAfter('allocating', 600, scene.size.max));
    expect(digestAfter('optimized', 600, scene.size.min)).toBe(digestAfter('allocating', 600, scene.size.min));
  });

  it('shows a label and a lap time with two decimals on each racer line', () => {
    const lines = digestAfter('optimized', 3000).split('|');
    expect(lines[0]).toMatch(/^LAPS: [1-9]\d*$/);
    expect(lines[1]).toMatch(/^P1 TIME: \d{1,2}\.\d\d$/);
    expect(lines[scene.size.default]).toMatch(/^P12 TIME: \d{1,2}\.\d\d$/);
    // The debug log's latest entry reads the same although the optimized variant never built it in a frame.
    expect(lines.at(-1)).toMatch(/^P12 angle \d\.\d{3} speed \d\.\d\d$/);
  });

  it('allocates strings on every frame in the allocating variant', async () => {
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
