// The testing API in Node, as README's "Testing your code" shows it. Tests named "FAILS: ..."
// must fail: the outer test reads their messages from vitest's JSON report.
import { expect, it } from 'vitest';
import { profileFrames, profileScene } from 'alloclab/testing';
import scene from './scene.ts';
import { keepNewObject, moveInPlace } from './hot.ts';

it('the optimized variant allocates nothing per frame', async () => {
  const run = await profileScene(scene, { variant: 'optimized', frames: 300 });
  expect(run.heapMeter).toEqual({ kind: 'node-v8-heap-statistics', precise: true });
  expect(run).toAllocateNothingPerFrame();
});

it('the allocating variant allocates at most 64 B per frame', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
  expect(run.bytesPerFrame.median).toBeGreaterThan(0);
  expect(run).toAllocateAtMostPerFrame(64);
});

it('a function profiled as frames allocates nothing', async () => {
  const run = await profileFrames(moveInPlace, { frames: 300 });
  expect(run).toAllocateNothingPerFrame();
});

it('toAllocate tells a function that allocates from one that does not', async () => {
  await expect(moveInPlace).not.toAllocate();
  await expect(keepNewObject).toAllocate();
});

it('the optimized variant keeps no memory per frame', async () => {
  const run = await profileScene(scene, { variant: 'optimized', leaks: true });
  expect(run).toRetainAtMostPerFrame(8);
});

it('FAILS: toAllocateNothingPerFrame on the allocating variant', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 300 });
  expect(run).toAllocateNothingPerFrame();
});

it('FAILS: toAllocateAtMostPerFrame under the allocating variant', async () => {
  const run = await profileFrames(keepNewObject, { name: 'keepNewObject', frames: 300 });
  expect(run).toAllocateAtMostPerFrame(4);
});

it('FAILS: not.toAllocate on a function that allocates', async () => {
  await expect(keepNewObject).not.toAllocate();
});

it('FAILS: toRetainAtMostPerFrame without a leak pass', async () => {
  const run = await profileScene(scene, { variant: 'optimized', frames: 60 });
  expect(run).toRetainAtMostPerFrame(8);
});
