// Allocation sites counted by the Vite plugin (the "sites" project instruments hot.ts).
import { expect, it } from 'vitest';
import { profileFrames } from 'alloclab/testing';
import { keepNewObject, moveInPlace } from './hot.ts';

it('moving in place runs no allocation site', async () => {
  const run = await profileFrames(moveInPlace, { frames: 200 });
  expect(run).toHaveNoAllocationSitesPerFrame();
});

it('FAILS: toHaveNoAllocationSitesPerFrame on a function that keeps a new object', async () => {
  const run = await profileFrames(keepNewObject, { name: 'keepNewObject', frames: 200 });
  expect(run).toHaveNoAllocationSitesPerFrame();
});
