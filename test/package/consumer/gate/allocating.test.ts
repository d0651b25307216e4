import { expect, it } from 'vitest';
import { profileScene } from 'alloclab/testing';
import scene from '../scene.ts';

it('the allocating variant', async () => {
  const run = await profileScene(scene, { variant: 'allocating', frames: 200 });
  expect(run.sceneErrors).toEqual([]);
});
