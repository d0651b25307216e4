import { describe, expect, it } from 'vitest';
import { TierWatch, forgetFeedback, isOptimizedOrGivenUp } from '../../src/measure/tierWatch.ts';
import { nodeNatives } from '../../src/node/optimisationStatus.ts';

describe('TierWatch', () => {
  it("finds this V8's status bits by optimising a probe: TurboFan above 'optimised'", () => {
    const natives = nodeNatives();
    expect(natives.optimizedBit).toBeGreaterThan(1);
    expect(natives.turbofanBit).toBeGreaterThan(natives.optimizedBit);
    const fresh = (x: number): number => x * 2;
    expect(isOptimizedOrGivenUp(natives, fresh)).toBe(false);
  });

  it('waits for a called function to reach TurboFan once asked, and counts one never called as done a frame later', () => {
    const natives = nodeNatives();
    const called = (x: number): number => x + 1;
    const neverCalled = (x: number): number => x - 1;
    const watch = new TierWatch(natives, () => [called, neverCalled], 'turbofan');
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += called(i);
    expect(watch.settled(1, false)).toBe(false);
    expect(watch.pending).toBe(2);
    // Asked for: both are pending until a frame has run after the request.
    expect(watch.settled(2, true)).toBe(false);
    sum += called(sum);
    expect(isOptimizedOrGivenUp(natives, called, 'turbofan')).toBe(true);
    expect(isOptimizedOrGivenUp(natives, neverCalled)).toBe(false);
    expect(watch.settled(3, true)).toBe(true);
    expect(watch.pending).toBe(0);
  });

  it('forgetFeedback clears what a function saw and leaves its optimised code to deoptimise by itself', () => {
    const natives = nodeNatives();
    expect(natives.forget).not.toBeNull();
    const step = (x: number): number => x * 3 + 1;
    natives.optimizeOnNextCall(step);
    step(1);
    step(2);
    natives.optimizeOnNextCall(step);
    step(3);
    expect(isOptimizedOrGivenUp(natives, step)).toBe(true);
    expect(forgetFeedback(natives, [step])).toBe(true);
    expect(isOptimizedOrGivenUp(natives, step)).toBe(true);
    expect(step(4)).toBe(13);
    expect(forgetFeedback(null, [step])).toBe(false);
  });
});
