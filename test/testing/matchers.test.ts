import { describe, it, expect } from 'vitest';
import { profileFrames, toAllocateNothingPerFrame, toAllocateAtMostPerFrame } from '../../src/testing/index.ts';
import { ProfilerMarker } from '../../src/profiler/ProfilerMarker.ts';
import { createNodeProfiler } from '../../src/node/NodeProfiler.ts';
import { measureConfirmed } from '../../src/node/measureConfirmed.ts';

const holder: unknown[] = new Array(16).fill(null);
const spawnMarker = new ProfilerMarker('Matchers.Spawn');
let counter = 0;

function allocatesTenObjects(): void {
  spawnMarker.begin();
  for (let i = 0; i < 10; i++) holder[i] = { x: i, y: counter };
  spawnMarker.end();
}

function allocatesNothing(): void {
  counter = (counter + 1) | 0;
}

describe('allocation matchers', () => {
  it('toAllocateNothingPerFrame passes for a function that allocates nothing, and .not fails with the evidence', async () => {
    const run = await profileFrames(allocatesNothing, { frames: 200, name: 'allocatesNothing' });
    expect(run).toAllocateNothingPerFrame();
    const result = toAllocateNothingPerFrame.call({ isNot: true }, run);
    expect(result.pass).toBe(true);
    expect(result.message()).toMatch(
      /^expected allocatesNothing \(function\) to allocate in some frame, but all \d+ measured frames allocated 0 B/,
    );
  });

  it('toAllocateNothingPerFrame fails with the worst frames and top markers', async () => {
    const run = await profileFrames(allocatesTenObjects, { frames: 200, name: 'allocatesTenObjects' });
    expect(run).not.toAllocateNothingPerFrame();
    const result = toAllocateNothingPerFrame.call({ isNot: false }, run);
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain('expected allocatesTenObjects (function) to allocate nothing per frame, but it allocated up to');
    expect(message).toMatch(/worst frames: #\d+ \d[\d,]* B/);
    expect(message).toMatch(/top markers \(self bytes\/frame\): Matchers\.Spawn \d[\d,.]* B/);
  });

  it('toAllocateAtMostPerFrame compares the largest frame with the limit', async () => {
    const run = await profileFrames(allocatesTenObjects, { frames: 200, name: 'allocatesTenObjects' });
    // Ten {x, y} objects: 400 B once optimised (40 B each), never more than 560 B (56 B unoptimised).
    expect(run).toAllocateAtMostPerFrame(560);
    expect(run).not.toAllocateAtMostPerFrame(100);
    const failing = toAllocateAtMostPerFrame.call({ isNot: false }, run, 100);
    expect(failing.message()).toMatch(/to allocate at most 100 B per frame, but a frame allocated [\d,]+ B \([\d,]+ B over\)/);
    expect(() => toAllocateAtMostPerFrame.call({ isNot: false }, run, -1)).toThrow('limit must be a number >= 0');
  });

  it('toAllocate measures a function and reads naturally with .not', async () => {
    await expect(allocatesNothing).not.toAllocate();
    await expect(allocatesTenObjects).toAllocate();
    await expect(expect(allocatesTenObjects).not.toAllocate()).rejects.toThrow(
      /expected allocatesTenObjects\(\) not to allocate, but a call allocated [\d,]+ B/,
    );
  });

  it('rejects things that are not runs with a clear error', () => {
    expect(() => expect({ frames: 1 }).toAllocateNothingPerFrame()).toThrow(
      'toAllocateNothingPerFrame: expected a run from profileScene() or profileFrames()',
    );
  });

  it('warm-up absorbs one-time allocations, so lazy initialisation does not fail a test', async () => {
    let cache: number[] | null = null;
    const lazy = () => {
      cache ??= new Array(100).fill(0);
      cache[0]!++;
    };
    const run = await profileFrames(lazy, { frames: 200, warmup: 10 });
    expect(run).toAllocateNothingPerFrame();
  });
});

describe('measuring again after isolated allocations', () => {
  it('measures once more when a single frame allocated, and says so in the run', async () => {
    let calls = 0;
    let kept: unknown = null;
    const node = createNodeProfiler();
    // Warm-up is exactly 300 frames here (no waiting for the JIT), so the 450th frame is inside
    // the first measurement: it allocates exactly once.
    const { result: run } = await measureConfirmed(node, {
      scene: 'late-once',
      variant: 'test',
      mode: 'production',
      frames: 300,
      warmup: 300,
      quietFrames: 0,
      keepPerFrame: true,
      step: () => {
        node.profiler.beginFrame(16);
        calls++;
        // Also in the first warm-up frames, so that the branch has type feedback: taken for the
        // first time in optimised code, it would deoptimise it, and V8's re-optimisation would
        // allocate in later frames too.
        if (calls === 450 || calls < 5) kept = { calls };
        node.profiler.endFrame();
      },
    });
    expect(kept).not.toBeNull();
    // That frame, and now and then one of V8's own isolated allocations early in a process.
    expect(run.remeasured?.allocatingFrames).toBeGreaterThanOrEqual(1);
    expect(run.remeasured?.allocatingFrames).toBeLessThanOrEqual(3);
    // The kept { calls } object: at least 32 B.
    expect(run.remeasured?.maxBytes).toBeGreaterThanOrEqual(32);
    expect(run.remeasured?.measurements).toBeGreaterThanOrEqual(2);
    expect(calls).toBeGreaterThan(600);
    expect(run).toAllocateNothingPerFrame();
  });

  it('does not measure again when code allocates every frame', async () => {
    const run = await profileFrames(allocatesTenObjects, { frames: 200 });
    expect(run.remeasured).toBeUndefined();
    expect(run.bytesPerFrame.min).toBeGreaterThan(0);
  });
});
