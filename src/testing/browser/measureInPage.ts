import { type Disturbance, measureAgain } from '../../measure/disturbances.ts';
import type { LabProfiler } from '../../page/kit/labProfiler.ts';
import { type LabRun, type LabRunOptions, measureLabRun } from '../../page/kit/measureLabRun.ts';
import { pageTracer } from './pageTracer.ts';

/**
 * Measures in the test page like `measureLabRun`, traced where vitest gives a DevTools session,
 * and once more when the run looks disturbed (`measureAgain`), which in a page also means frames
 * that allocated while V8 installed code in them. What was seen: docs/measuring-in-v8.md,
 * "Measuring once more".
 */
export async function measureInPage(lab: LabProfiler, options: LabRunOptions): Promise<LabRun> {
  const hooks = { tracer: await pageTracer() };
  return measureAgain((brief) => measureLabRun(lab, brief ? { ...options, warmup: 0 } : options, hooks), {
    maxMeasurements: 2,
    alsoDisturbed: stillCompiling,
  });
}

/** What a run saw when some frames allocated while the JIT installed code in it; else null. */
function stillCompiling(run: LabRun): Disturbance | null {
  if (run.result.jitFrames === 0) return null;
  let allocating = 0;
  for (let i = 0; i < run.frames.bytes.length; i++) if (run.frames.bytes[i]! > 0) allocating++;
  return allocating === 0 ? null : { allocatingFrames: allocating, maxBytes: run.result.bytesPerFrame.max };
}
