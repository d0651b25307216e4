// The leak pass on the leaks scene: each of its four leaks is flagged on its own, all four
// together too, and the fixed spawner is not.
import { describe, it, expect } from 'vitest';
import { profileScene } from '../../src/testing/index.ts';
import scene from '../../scenes/leaks/index.ts';

const LEAKY = ['leak-global', 'leak-listener', 'leak-closure', 'leak-detached', 'allocating'];

describe('scene leaks: the leak pass', () => {
  for (const variant of LEAKY) {
    it(`flags ${variant}`, async () => {
      const run = await profileScene(scene, { variant, frames: 100, leaks: true });
      expect(run.sceneErrors).toEqual([]);
      expect(run.leaks!.verdict, run.leaks!.reason).toBe('leak');
      // The smallest leak keeps a record and its key per spawn, 2 spawns per frame: over 100 B/frame.
      expect(run.leaks!.ci95!.low).toBeGreaterThan(100);
      expect(run).not.toRetainAtMostPerFrame(8);
    });
  }

  it('clears the fixed variant', async () => {
    const run = await profileScene(scene, { variant: 'optimized', frames: 100, leaks: true });
    expect(run.leaks!.verdict, run.leaks!.reason).toBe('no-leak');
    expect(run).toRetainAtMostPerFrame(8);
  });

  it('measures the leak pass after the measured frames, apart from their figures', async () => {
    const run = await profileScene(scene, { variant: 'leak-listener', frames: 100, leaks: { frames: 600 } });
    expect(run.leaks!.pass).toMatchObject({ kind: 'separate', frames: 600, interval: 30 });
    expect(run.leaks!.pass.startFrame).toBeGreaterThanOrEqual(run.warmup + run.frames);
    expect(run.leaks!.samples).toHaveLength(21);
    // No forced GC of the pass is among the measured frames' GC events.
    expect(run.gc.events.filter((e) => e.kind === 'major')).toEqual([]);
  });
});
