import { mostFrequent } from '../profiler/stats.ts';
import type { RunResult } from '../profiler/RunResult.ts';

/**
 * What a run saw when only a few isolated frames read more than the run's usual figure (its most
 * frequent one: 0 B for code that allocates nothing, the per-frame bytes of code that allocates
 * the same each frame): at most 1 in 100 measured frames, at least one. V8's own one-off lands on
 * top of whatever the code allocates (seen: a scene allocating 32 B a frame read 176 B in one frame
 * of 300 on Node 22.12), which calls for measuring again; null when no frame or too many stood out.
 */
export function isolatedAllocations(result: RunResult, bytes: readonly number[]): { allocatingFrames: number; maxBytes: number } | null {
  const figured = figuredBytes(bytes);
  const usual = mostFrequent(figured);
  let above = 0;
  for (let i = 0; i < figured.length; i++) if (figured[i]! > usual) above++;
  const measured = result.frames - result.gcFrames - result.jitFrames;
  if (above === 0 || above > Math.max(1, Math.floor(measured / 100))) return null;
  return { allocatingFrames: above, maxBytes: result.bytesPerFrame.max };
}

/**
 * What a run saw when its figures read 0 B for the first quarter of the measured frames and then
 * started allocating: code that allocates per frame does from the first frame, so this is an
 * event inside the run, typically V8 deoptimising a function mid-run (seen in Chromium: an
 * optimized scene at 0 B, then 28,872 B in every frame from frame 105, in unoptimised code until
 * V8 optimised it again), which calls for warming up and measuring again; else null.
 */
export function allocationOnset(result: RunResult, bytes: readonly number[]): { allocatingFrames: number; maxBytes: number } | null {
  const figured = figuredBytes(bytes);
  const quarter = figured.length >> 2;
  if (quarter === 0) return null;
  for (let i = 0; i < quarter; i++) if (figured[i]! !== 0) return null;
  let allocating = 0;
  for (let i = quarter; i < figured.length; i++) if (figured[i]! > 0) allocating++;
  return allocating === 0 ? null : { allocatingFrames: allocating, maxBytes: result.bytesPerFrame.max };
}

/** The frames' bytes, less the frames without a figure (a GC or a code install inside: NaN). */
function figuredBytes(bytes: readonly number[]): number[] {
  return bytes.filter((b) => !Number.isNaN(b));
}

/** Frames run before a measurement taken again after a one-off, at most (the code is warm by then). */
export const BRIEF_WARMUP = 60;
/** Measurements at most, the first included: a one-off was seen in two in a row on a loaded machine. */
export const MAX_MEASUREMENTS = 3;

/** What a measurement saw that calls for another one (see `measureAgain`). */
export interface Disturbance {
  allocatingFrames: number;
  maxBytes: number;
}

/** How a platform measures again: how often at most, and what else it counts as a disturbance. */
export interface RemeasurePolicy<Run extends { result: RunResult; frames: { bytes: readonly number[] } }> {
  /** Measurements at most, the first included. */
  maxMeasurements: number;
  /** A further disturbance this platform can see (e.g. frames that allocated while the JIT installed code). */
  alsoDisturbed?: (run: Run) => Disturbance | null;
}

/**
 * The one re-measure policy of the Node and browser testing APIs: measures, and measures again
 * while the run looks disturbed by V8 rather than by the code (a few isolated allocating frames, an
 * onset of allocation mid-run, or what the platform adds), up to `maxMeasurements` in all. After an
 * onset (a deoptimisation: V8 takes a while to optimise again) the next run warms up fully; after
 * a one-off it warms up briefly (`measure(true)`). The last run is returned, with `remeasured`
 * saying what the first saw and how many measurements were taken. Why: docs/measuring-in-v8.md.
 */
export async function measureAgain<Run extends { result: RunResult; frames: { bytes: readonly number[] } }>(
  measure: (briefWarmup: boolean) => Promise<Run>,
  policy: RemeasurePolicy<Run>,
): Promise<Run> {
  const judge = (run: Run): { onset: Disturbance | null; disturbed: Disturbance | null } => {
    const onset = allocationOnset(run.result, run.frames.bytes);
    return { onset, disturbed: onset ?? isolatedAllocations(run.result, run.frames.bytes) ?? policy.alsoDisturbed?.(run) ?? null };
  };
  let run = await measure(false);
  let verdict = judge(run);
  const first = verdict.disturbed;
  for (let measurements = 2; verdict.disturbed !== null && measurements <= policy.maxMeasurements; measurements++) {
    run = await measure(verdict.onset === null);
    run.result.remeasured = { ...first!, measurements };
    verdict = judge(run);
  }
  return run;
}
