// Every option of profileScene and profileFrames, run through a twin of the testing API: the Node
// one (options.test.ts) and the browser one (test/lab/options.browser.test.ts) must take the same
// options and do the same with them, or refuse one in a single line.
import { expect, it } from 'vitest';
import { profileFrames, profileScene } from 'alloclab/testing';
import { Behaviour, defineScene, type World } from '../../src/index.ts';

class Ticker extends Behaviour {
  ticks = 0;
  override update(): void {
    this.ticks++;
  }
}

/** A scene whose digest says how many tickers ran and how long each frame was. */
const scene = defineScene({
  name: 'options',
  description: 'a scene for the testing API options',
  size: { default: 2, min: 1, max: 10, unit: 'tickers' },
  variants: {
    one: (world: World, size: number) => {
      for (let i = 0; i < size; i++) world.createGameObject('ticker').addComponent(Ticker);
      return { digest: () => `${size} tickers, ${((world.time.time / world.time.frameCount) * 1000).toFixed(3)} ms a frame` };
    },
  },
});

export function testProfileOptions(runtime: 'node' | 'chromium'): void {
  it('profileScene takes variant, size, frames, warmup, mode, deep and dtMs', async () => {
    const run = await profileScene(scene, { variant: 'one', size: 3, frames: 120, warmup: 60, mode: 'production', deep: true, dtMs: 10 });
    expect(run).toMatchObject({ scene: 'options', variant: 'one', size: 3, frames: 120, mode: 'production' });
    expect(run.warmup).toBeGreaterThanOrEqual(60);
    expect(run.digest).toBe('3 tickers, 10.000 ms a frame');
    expect(run.markers.map((m) => m.name)).toContain('Ticker.update');
    expect(run.sceneErrors).toEqual([]);
  });

  it('profileScene names an unknown variant and an unknown catalog scene', async () => {
    await expect(profileScene(scene, { variant: 'two' })).rejects.toThrow(
      'alloclab: scene "options" has no variant "two" (its variants: one)',
    );
    await expect(profileScene('no-such-scene')).rejects.toThrow(/^alloclab: unknown scene "no-such-scene" \(known: bullets, /);
  });

  it('profileFrames takes frames, warmup, mode and name', async () => {
    const run = await profileFrames(() => undefined, { frames: 90, warmup: 30, mode: 'production', name: 'noop' });
    expect(run).toMatchObject({ scene: 'noop', variant: 'function', frames: 90, mode: 'production' });
  });

  if (runtime === 'node') {
    it('leaks and liveHeap run their passes after the measured frames', async () => {
      const run = await profileScene(scene, { variant: 'one', frames: 60, leaks: { frames: 240, interval: 60 }, liveHeap: true });
      expect(run.leaks?.pass.frames).toBe(240);
      expect(run.liveHeap?.objects).toBeGreaterThan(0);
      const frames = await profileFrames(() => undefined, { frames: 60, liveHeap: true });
      expect(frames.liveHeap?.objects).toBeGreaterThan(0);
    });
  } else {
    it('leaks and liveHeap are refused in one line, never skipped', async () => {
      await expect(profileScene(scene, { variant: 'one', leaks: true })).rejects.toThrow(
        'alloclab: profileScene({ leaks }) runs in Node only so far: move this test to a Node project',
      );
      await expect(profileFrames(() => undefined, { liveHeap: true })).rejects.toThrow(
        'alloclab: profileFrames({ liveHeap }) runs in Node only so far: move this test to a Node project',
      );
    });
  }
}
