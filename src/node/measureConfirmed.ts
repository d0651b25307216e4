import { BRIEF_WARMUP, MAX_MEASUREMENTS, measureAgain } from '../measure/disturbances.ts';
import { measureRun, type MeasureRunOptions, type MeasuredRun } from './measureRun.ts';
import type { NodeProfiler } from './NodeProfiler.ts';

/**
 * Measures like `measureRun`, and again while the run looks disturbed by V8 (`measureAgain`): after
 * warm-up V8 still allocates on its own now and then, and the run cannot set such a frame aside.
 * What was seen: docs/measuring-in-v8.md, "Measuring once more".
 */
export function measureConfirmed(node: NodeProfiler, options: MeasureRunOptions): Promise<MeasuredRun> {
  return measureAgain((brief) => measureRun(node, brief ? { ...options, warmup: Math.min(options.warmup, BRIEF_WARMUP) } : options), {
    maxMeasurements: MAX_MEASUREMENTS,
  });
}
