import { measureRun, type MeasureRunOptions, type MeasuredRun } from '../hosts/node/measureRun.ts';
import type { NodeProfiler } from '../hosts/node/NodeProfiler.ts';
import { allocationOnset, isolatedAllocations } from './isolatedAllocations.ts';

/**
 * Measures like `measureRun`, and measures once more when only a few isolated frames allocated,
 * or when the frames read 0 B for a while and then allocated (see `allocationOnset`).
 *
 * Why: after warm-up V8 still allocates on its own now and then (a few hundred bytes to ~20 KB,
 * in new space, once per process, typically within the first ~10,000 frames, more often on a
 * loaded machine) without installing code, so the run cannot set the frame aside. Code that
 * allocates per frame or periodically allocates again in a second measurement of the same
 * length; a one-off does not. The last run is returned, and `remeasured` in it says what the
 * first one saw and how many measurements were taken, so nothing is hidden.
 */
/** Most warm-up frames before a later measurement (the code is warm by then). */
const SECOND_WARMUP = 60;
/**
 * Measurements at most. Three, not two: on a loaded machine (V8's background compiles and GC
 * threads late) a one-off was seen in two measurements in a row, each time in another frame.
 */
const MAX_MEASUREMENTS = 3;

export async function measureConfirmed(node: NodeProfiler, options: MeasureRunOptions): Promise<MeasuredRun> {
  let run = await measureRun(node, options);
  let onset = allocationOnset(run.result, run.frames.bytes);
  let disturbed = onset ?? isolatedAllocations(run.result, run.frames.bytes);
  const first = disturbed;
  for (let measurements = 2; disturbed !== null && measurements <= MAX_MEASUREMENTS; measurements++) {
    // A short warm-up again after a one-off: the frames right after measureRun's forced GC can
    // hold one too (seen: 2.8 KB in the first frame of a second measurement with no warm-up).
    // A full one after an onset (a deoptimisation mid-run: V8 takes a while to optimise again).
    run = await measureRun(node, onset !== null ? options : { ...options, warmup: Math.min(options.warmup, SECOND_WARMUP) });
    run.result.remeasured = { ...first!, measurements };
    onset = allocationOnset(run.result, run.frames.bytes);
    disturbed = onset ?? isolatedAllocations(run.result, run.frames.bytes);
  }
  return run;
}
