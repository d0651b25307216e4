// The leak pass clears the optimized variant of every scene: they keep no memory per frame.
import { describe, it, expect } from 'vitest';
import { profileScene } from '../../src/testing/index.ts';
import { scenes } from '../../scenes/index.ts';

describe('the leak pass on every optimized variant', () => {
  for (const scene of scenes) {
    it(`clears ${scene.name} (optimized)`, async () => {
      const run = await profileScene(scene, { variant: 'optimized', frames: 100, leaks: true });
      expect(run.sceneErrors).toEqual([]);
      expect(run.leaks!.verdict, run.leaks!.reason).toBe('no-leak');
      expect(run).toRetainAtMostPerFrame(8);
    });
  }
});
