import { describe, expect, it } from 'vitest';
import { WarmupWatch } from '../../src/page/WarmupWatch.ts';
import { nodeNatives } from '../../src/node/optimisationStatus.ts';

const RULE = { warmup: 10, quietFrames: 5, maxWarmup: 100 };

describe('WarmupWatch', () => {
  it('without natives: ends after the minimum and a quiet run that follows it (quiet-window)', () => {
    const watch = new WarmupWatch(RULE, null, true);
    expect(watch.judge).toBe('quiet-window');
    watch.reset(() => []);
    for (let i = 0; i < 12; i++) watch.afterFrame(i + 1);
    // 12 frames, a quiet run of 12, but the quiet frames must follow the minimum: 10 + 5.
    expect(watch.ended).toBe(false);
    for (let i = 12; i < 15; i++) watch.afterFrame(i + 1);
    expect(watch).toMatchObject({ frames: 15, settled: true, ended: true });
  });

  it('with natives: ends only once every frame function reached TurboFan (tiers)', () => {
    const step = (x: number): number => x * 3;
    const watch = new WarmupWatch(RULE, nodeNatives(), true);
    expect(watch.judge).toBe('tiers');
    watch.reset(() => [step]);
    let x = 1;
    for (let i = 0; i < 15; i++) {
      x = step(x) % 1000;
      watch.afterFrame(i + 1);
    }
    // Quiet since frame 15: the function still unoptimised is asked for, and one frame later it runs optimised.
    expect(watch.ended).toBe(false);
    expect(watch.pendingFunctions).toBe(1);
    x = step(x);
    watch.afterFrame(16);
    expect(watch).toMatchObject({ settled: true, ended: true, pendingFunctions: 0 });
  });

  it('without precise memory: nothing to judge, ends after the minimum, never settled', () => {
    const watch = new WarmupWatch(RULE, nodeNatives(), false);
    expect(watch.judge).toBe('none');
    watch.reset(() => []);
    for (let i = 0; i < 10; i++) watch.afterFrame(0);
    expect(watch).toMatchObject({ ended: true, settled: false });
  });

  it('stops at maxWarmup when the frames never go quiet', () => {
    const watch = new WarmupWatch(RULE, null, true);
    watch.reset(() => []);
    for (let i = 0; i < 100; i++) watch.afterFrame(0);
    expect(watch).toMatchObject({ frames: 100, ended: true, settled: false });
  });
});
