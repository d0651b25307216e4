import { measureRun, type MeasureRunOptions, type MeasuredRun } from '../hosts/node/measureRun.ts';
import type { NodeProfiler } from '../hosts/node/NodeProfiler.ts';
import { isolatedAllocations } from './isolatedAllocations.ts';

/**
 * Measures like `measureRun`, and measures once more when only a few isolated frames allocated.
 *
 * Why: after warm-up V8 still allocates on its own now and then (a few hundred bytes to ~20 KB,
 * in new space, once per process, typically within the first ~10,000 frames, more often on a
 * loaded machine) without installing code, so the run cannot set the frame aside. Code that
 * allocates per frame or periodically allocates again in a second measurement of the same
 * length; a one-off does not. The second run is returned, and `remeasured` in it says what the
 * first one saw, so nothing is hidden.
 */
/** Most warm-up frames before the second measurement (the code is warm by then). */
const SECOND_WARMUP = 60;

export async function measureConfirmed(node: NodeProfiler, options: MeasureRunOptions): Promise<MeasuredRun> {
  const first = await measureRun(node, options);
  const isolated = isolatedAllocations(first.result, first.frames.bytes);
  if (isolated === null) return first;
  // A short warm-up again: the frames right after measureRun's forced GC can hold a one-off too
  // (seen: 2.8 KB in the first frame of a second measurement with no warm-up).
  const second = await measureRun(node, { ...options, warmup: Math.min(options.warmup, SECOND_WARMUP) });
  second.result.remeasured = isolated;
  return second;
}
