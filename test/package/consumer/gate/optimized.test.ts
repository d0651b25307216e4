import { expect, it } from 'vitest';
import { profileScene } from 'alloclab/testing';
import scene from '../scene.ts';

it('the optimized variant', async () => {
  const run = await profileScene(scene, { variant: 'optimized', frames: 200 });
  expect(run.sceneErrors).toEqual([]);
});
