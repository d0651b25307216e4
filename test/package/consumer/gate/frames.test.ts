import { expect, it } from 'vitest';
import { profileFrames } from 'alloclab/testing';
import { moveInPlace } from '../hot.ts';

it('moving in place', async () => {
  const run = await profileFrames(moveInPlace, { frames: 200 });
  expect(run.frames).toBe(200);
});
