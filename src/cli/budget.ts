import type { RunResult } from '../profiler/RunResult.ts';
import { formatBytes } from './format/format.ts';

/**
 * Prints, per run, whether its mean bytes per frame is within `budget`; returns true when all
 * are. A run without a byte figure (mean NaN) is over budget: nothing measured proves nothing.
 */
export function withinBudget(runs: readonly RunResult[], budget: number): boolean {
  let ok = true;
  for (const run of runs) {
    const mean = run.bytesPerFrame.mean;
    if (!(mean <= budget)) {
      console.error(
        `alloclab: over budget: ${run.scene} (${run.variant}) allocates ${formatBytes(mean)}/frame, budget ${formatBytes(budget)}/frame (+${formatBytes(mean - budget)})`,
      );
      ok = false;
    } else {
      console.log(`Budget ${formatBytes(budget)}/frame: ${run.variant} within (${formatBytes(mean)}/frame)`);
    }
  }
  return ok;
}
