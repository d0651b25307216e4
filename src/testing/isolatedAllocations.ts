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
