import type { RunResult } from '../profiler/RunResult.ts';

/**
 * What a run saw when only a few isolated frames allocated (at most 1 in 100 measured frames, at
 * least one), which calls for measuring again; null when nothing or something real allocated.
 */
export function isolatedAllocations(result: RunResult, bytes: readonly number[]): { allocatingFrames: number; maxBytes: number } | null {
  let allocating = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0) allocating++;
  const measured = result.frames - result.gcFrames - result.jitFrames;
  if (allocating === 0 || allocating > Math.max(1, Math.floor(measured / 100))) return null;
  return { allocatingFrames: allocating, maxBytes: result.bytesPerFrame.max };
}

/**
 * What a run saw when its figures read 0 B for the first quarter of the measured frames and then
 * started allocating: code that allocates per frame does from the first frame, so this is an
 * event inside the run, typically V8 deoptimising a function mid-run (seen in Chromium: an
 * optimized scene at 0 B, then 28,872 B in every frame from frame 105, in unoptimised code until
 * V8 optimised it again), which calls for warming up and measuring again; else null.
 */
export function allocationOnset(result: RunResult, bytes: readonly number[]): { allocatingFrames: number; maxBytes: number } | null {
  const figured: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (!Number.isNaN(bytes[i]!)) figured.push(bytes[i]!);
  const quarter = figured.length >> 2;
  if (quarter === 0) return null;
  for (let i = 0; i < quarter; i++) if (figured[i]! !== 0) return null;
  let allocating = 0;
  for (let i = quarter; i < figured.length; i++) if (figured[i]! > 0) allocating++;
  return allocating === 0 ? null : { allocatingFrames: allocating, maxBytes: result.bytesPerFrame.max };
}
