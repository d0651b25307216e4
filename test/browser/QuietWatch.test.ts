// QuietWatch judges frames by their byte figures (runs in Node: it is plain arithmetic).
import { describe, expect, it } from 'vitest';
import { QUIET_WINDOW, QuietWatch } from '../../src/page/QuietWatch.ts';

/** Feeds `frames` frames of `bytes(i)` and returns the frame indexes judged disturbed. */
function feed(watch: QuietWatch, frames: number, bytes: (i: number) => number): number[] {
  const disturbed: number[] = [];
  for (let i = 0; i < frames; i++) if (watch.observe(bytes(i))) disturbed.push(i);
  return disturbed;
}

describe('QuietWatch', () => {
  it('counts a steady level as quiet, including a small allocation once a second', () => {
    const watch = new QuietWatch();
    // 0 B per frame, and a 68 B HUD string every 60th frame.
    expect(feed(watch, 600, (i) => (i % 60 === 59 ? 68 : 0))).toEqual([]);
    // The first 29 frames build the history and are not judged.
    expect(watch.quietRun).toBe(571);
  });

  it('breaks the quiet run at a compile spike far above the window', () => {
    const watch = new QuietWatch();
    expect(feed(watch, 200, (i) => (i === 150 ? 3592 : 132))).toEqual([150]);
    expect(watch.quietRun).toBe(49);
    expect(watch.disturbances).toBe(1);
  });

  it('breaks the quiet run when the level steps down (an allocation optimised away)', () => {
    const watch = new QuietWatch();
    // 132 B, then 120 B from frame 200, then 0 B from frame 300: seen once most of the newest
    // 9 frames are lower than every older one.
    const disturbed = feed(watch, 400, (i) => (i < 200 ? 132 : i < 300 ? 120 : 0));
    expect(disturbed).toEqual([204, 205, 206, 207, 208, 304, 305, 306, 307, 308]);
    expect(watch.quietRun).toBe(91);
  });

  it('does not take one low frame of a varying scene for a step down', () => {
    const watch = new QuietWatch();
    // 4 to 5 KB per frame, a lowest frame of 3 KB now and then.
    expect(feed(watch, 1000, (i) => (i % 97 === 50 ? 3000 - i : 4000 + ((i * 7919) % 1000)))).toEqual([]);
  });

  it('takes a busy allocating scene as it is: spikes must clear twice its 95th percentile plus 1 KB', () => {
    const watch = new QuietWatch();
    // 1 to 25 KB per frame, varying; then a 600 KB code install.
    const busy = (i: number) => 1000 + ((i * 7919) % 24_000);
    expect(feed(watch, QUIET_WINDOW * 2, busy)).toEqual([]);
    expect(watch.observe(600_000)).toBe(true);
    expect(watch.observe(busy(3))).toBe(false);
  });

  it('takes a peak the scene repeats as its own: a spike only the first time after frame 300', () => {
    const watch = new QuietWatch();
    // 2 to 8 KB per frame, a 22 KB frame every 200 frames (say, a container growing), and a
    // 180 KB code install at frame 506.
    const bytes = (i: number) => (i === 506 ? 180_000 : i % 200 === 150 ? 22_000 : 2000 + ((i * 7919) % 6000));
    expect(feed(watch, 1200, bytes)).toEqual([150, 350, 506]);
  });

  it('does not judge frames without a figure (a GC inside, or no precise memory)', () => {
    const watch = new QuietWatch();
    feed(watch, 50, () => 0);
    const run = watch.quietRun;
    expect(feed(watch, 20, () => Number.NaN)).toEqual([]);
    expect(watch.quietRun).toBe(run);
    watch.reset();
    expect(watch.quietRun).toBe(0);
    expect(watch.disturbances).toBe(0);
    // After a reset the history is empty again: nothing is judged until it has 30 frames.
    expect(feed(watch, 29, (i) => (i < 5 ? 50_000 : 100))).toEqual([]);
    expect(watch.quietRun).toBe(0);
  });

  it('allocates nothing per frame', async () => {
    const watch = new QuietWatch();
    let i = 0;
    await expect(() => {
      watch.observe((i++ & 7) * 4);
    }).not.toAllocate();
  });
});
