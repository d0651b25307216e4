import { describe, expect, it } from 'vitest';
import { allocationOnset, isolatedAllocations } from '../../src/measure/disturbances.ts';
import type { RunResult } from '../../src/profiler/RunResult.ts';

/** The fields the re-measure rules read, for a run of `bytes`. */
function runOf(bytes: number[]): RunResult {
  const figured = bytes.filter((b) => !Number.isNaN(b));
  return {
    frames: bytes.length,
    gcFrames: bytes.length - figured.length,
    jitFrames: 0,
    bytesPerFrame: { max: Math.max(...figured) },
  } as unknown as RunResult;
}

describe('when a measurement calls for another', () => {
  it('a few isolated allocating frames: at most 1 in 100', () => {
    const oneOff = new Array(300).fill(0);
    oneOff[40] = 2_800;
    expect(isolatedAllocations(runOf(oneOff), oneOff)).toEqual({ allocatingFrames: 1, maxBytes: 2_800 });
    const periodic = new Array(300).fill(0).map((_, i) => (i % 50 === 0 ? 64 : 0));
    expect(isolatedAllocations(runOf(periodic), periodic)).toBeNull();
    const none = new Array(300).fill(0);
    expect(isolatedAllocations(runOf(none), none)).toBeNull();
  });

  it('isolated frames over the usual figure of code that allocates the same each frame', () => {
    const oneOff = new Array(300).fill(32);
    oneOff[189] = 176;
    expect(isolatedAllocations(runOf(oneOff), oneOff)).toEqual({ allocatingFrames: 1, maxBytes: 176 });
    // A frame without a figure is neither usual nor over it.
    const withGc = oneOff.map((b, i) => (i === 7 ? Number.NaN : b));
    expect(isolatedAllocations(runOf(withGc), withGc)).toEqual({ allocatingFrames: 1, maxBytes: 176 });
    // Sizes that vary frame to frame are the code's own: nothing stands out.
    const varying = new Array(300).fill(0).map((_, i) => 32 * (i % 4));
    expect(isolatedAllocations(runOf(varying), varying)).toBeNull();
    const steady = new Array(300).fill(32);
    expect(isolatedAllocations(runOf(steady), steady)).toBeNull();
  });

  it('an onset: 0 B for the first quarter of the figured frames, then allocating', () => {
    const deopt = new Array(300).fill(0).map((_, i) => (i >= 105 ? 28_872 : 0));
    expect(allocationOnset(runOf(deopt), deopt)).toEqual({ allocatingFrames: 195, maxBytes: 28_872 });
    // Frames without a figure (GC, JIT) are not counted as 0 B.
    const withGaps = deopt.map((b, i) => (i < 80 && i % 2 === 0 ? Number.NaN : b));
    expect(allocationOnset(runOf(withGaps), withGaps)).toEqual({ allocatingFrames: 195, maxBytes: 28_872 });
  });

  it('no onset when the run allocates from its first frames, or never', () => {
    const perFrame = new Array(300).fill(40);
    expect(allocationOnset(runOf(perFrame), perFrame)).toBeNull();
    const early = new Array(300).fill(0).map((_, i) => (i === 10 || i > 200 ? 64 : 0));
    expect(allocationOnset(runOf(early), early)).toBeNull();
    const none = new Array(300).fill(0);
    expect(allocationOnset(runOf(none), none)).toBeNull();
  });
});
