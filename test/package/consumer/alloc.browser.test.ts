// The same testing API in headless Chromium: alloclab/testing resolves to its browser twin here.
import { expect, it } from 'vitest';
import { profileFrames, profileScene } from 'alloclab/testing';
import scene from './scene.ts';
import { keepNewObject, moveInPlace } from './hot.ts';

it('the optimized variant allocates nothing per frame in Chromium', async () => {
  const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
  expect(run.heapMeter).toEqual({ kind: 'chromium-performance-memory', precise: true });
  expect(run).toAllocateNothingPerFrame();
});

it('the allocating variant allocates at most 64 B per frame in Chromium', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
  expect(run.bytesPerFrame.median).toBeGreaterThan(0);
  expect(run).toAllocateAtMostPerFrame(64);
});

it('a function profiled as frames allocates nothing in Chromium', async () => {
  const run = await profileFrames(moveInPlace, { frames: 300 });
  expect(run).toAllocateNothingPerFrame();
});

it('toAllocate in Chromium', async () => {
  await expect(moveInPlace).not.toAllocate();
  await expect(keepNewObject).toAllocate();
});

it('FAILS: toAllocateNothingPerFrame on the allocating variant in Chromium', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
  expect(run).toAllocateNothingPerFrame();
});

it('FAILS: not.toAllocate on a function that allocates, in Chromium', async () => {
  await expect(keepNewObject).not.toAllocate();
});
