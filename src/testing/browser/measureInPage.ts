import { measureLabRun, type LabRun, type LabRunOptions } from '../../lab/measureLabRun.ts';
import type { LabProfiler } from '../../lab/labProfiler.ts';
import { isolatedAllocations } from '../isolatedAllocations.ts';
import { pageTracer } from './pageTracer.ts';

/**
 * Measures in the test page like `measureLabRun`, traced where vitest gives a DevTools session,
 * and measures once more when only a few isolated frames allocated (as the Node twin does: the
 * engine allocates on its own now and then, seen as one frame of a few hundred bytes right after
 * measuring starts). The second run is returned, and `remeasured` in it says what the first saw.
 */
export async function measureInPage(lab: LabProfiler, options: LabRunOptions): Promise<LabRun> {
  const hooks = { tracer: await pageTracer() };
  const first = await measureLabRun(lab, options, hooks);
  const isolated = isolatedAllocations(first.result, first.frames.bytes);
  if (isolated === null) return first;
  const second = await measureLabRun(lab, { ...options, warmup: 0 }, hooks);
  second.result.remeasured = { ...isolated, measurements: 2 };
  return second;
}
