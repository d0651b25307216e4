import { describe, expect, it } from 'vitest';
import { World } from '../../src/index.ts';
import { ManualClock } from '../../src/engine/ManualClock.ts';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/events/index.ts';
import { LATENCY, QUEUE_CAPACITY, SALVO_PERIOD } from '../../scenes/events/shared.ts';

function runVariant(variant: string, frames: number): string {
  const world = new World({ seed: scene.seed ?? 1 });
  const instance = scene.variants[variant]!(world, scene.size.default);
  new ManualClock(world).run(frames);
  return instance.digest();
}

/** The digest's `name value` fields as numbers (the flash list excepted). */
function fields(digest: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of digest.split('|')) {
    const [name, value] = part.split(' ');
    if (name !== 'flash' && !value!.includes('/')) out[name!] = Number(value);
  }
  return out;
}

describe('scene events', () => {
  it('delivers, drops and validates the same pulses in both variants', () => {
    const allocating = runVariant('allocating', 300);
    const optimized = runVariant('optimized', 300);
    expect(optimized).toBe(allocating);
    const f = fields(optimized);
    expect(f.answered).toBe(300 - LATENCY); // one answer per frame, LATENCY frames late
    expect(f.refused).toBeGreaterThan(0); // salvo frames exceed the validator's cap
    expect(f.emitted).toBe(f.delivered + f.dropped + f.queued);
  });

  it('drops the newest pulses when a salvo overflows the bounded queue', () => {
    // Frame SALVO_PERIOD: every emitter fires at once, more than the queue holds.
    const before = fields(runVariant('optimized', SALVO_PERIOD - 1));
    const after = fields(runVariant('optimized', SALVO_PERIOD));
    expect(before.dropped).toBe(0);
    expect(after.dropped).toBeGreaterThan(0);
    expect(after.queued).toBeLessThanOrEqual(QUEUE_CAPACITY);
    expect(fields(runVariant('allocating', SALVO_PERIOD)).dropped).toBe(after.dropped);
  });

  it('allocates in every frame of the allocating variant', async () => {
    const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
    expect(run.sceneErrors).toEqual([]);
    expect(run.bytesPerFrame.median).toBeGreaterThan(0);
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });

  it('allocates nothing per frame in the optimized variant, salvos included', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 600 });
    expect(run.sceneErrors).toEqual([]);
    expect(run).toAllocateNothingPerFrame();
  });
});
