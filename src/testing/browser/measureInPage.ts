import { measureLabRun, type LabRun, type LabRunOptions } from '../../lab/measureLabRun.ts';
import type { LabProfiler } from '../../lab/labProfiler.ts';
import { allocationOnset, isolatedAllocations } from '../isolatedAllocations.ts';
import { pageTracer } from './pageTracer.ts';

/**
 * Measures in the test page like `measureLabRun`, traced where vitest gives a DevTools session,
 * and measures once more when the run looks disturbed: a few isolated allocating frames, frames
 * that allocated while V8 installed code, or an onset of allocation mid-run (the cases and what
 * was seen: docs/measuring-in-v8.md, "Measuring once more in a page"). The second run is returned,
 * and `remeasured` in it says what the first saw.
 */
export async function measureInPage(lab: LabProfiler, options: LabRunOptions): Promise<LabRun> {
  const hooks = { tracer: await pageTracer() };
  const first = await measureLabRun(lab, options, hooks);
  const onset = allocationOnset(first.result, first.frames.bytes);
  const disturbed = onset ?? isolatedAllocations(first.result, first.frames.bytes) ?? stillCompiling(first);
  if (disturbed === null) return first;
  const second = await measureLabRun(lab, onset !== null ? options : { ...options, warmup: 0 }, hooks);
  second.result.remeasured = { ...disturbed, measurements: 2 };
  return second;
}

/** What a run saw when some frames allocated while the JIT installed code in it; else null. */
function stillCompiling(run: LabRun): { allocatingFrames: number; maxBytes: number } | null {
  if (run.result.jitFrames === 0) return null;
  let allocating = 0;
  for (let i = 0; i < run.frames.bytes.length; i++) if (run.frames.bytes[i]! > 0) allocating++;
  return allocating === 0 ? null : { allocatingFrames: allocating, maxBytes: run.result.bytesPerFrame.max };
}
