import { BRIEF_WARMUP, type Disturbance, MAX_MEASUREMENTS, measureAgain } from '../../measure/disturbances.ts';
import type { LabProfiler } from './labProfiler.ts';
import { type PageRun, type PageRunHooks, type PageRunOptions, measureInPage } from './measureInPage.ts';

/**
 * Measures in a page like `measureInPage`, and again when the run looks disturbed
 * (`measureAgain`, up to three times), which in a page also means frames that allocated while V8
 * installed code in them. The browser testing API and the CLI's lab page (`--browser`) both measure through it.
 * What was seen: docs/measuring-in-v8.md, "Measuring once more".
 */
export function measureConfirmedInPage(lab: LabProfiler, options: PageRunOptions, hooks: PageRunHooks): Promise<PageRun> {
  return measureAgain(
    (brief) => measureInPage(lab, brief ? { ...options, warmup: Math.min(options.warmup, BRIEF_WARMUP) } : options, hooks),
    {
      maxMeasurements: MAX_MEASUREMENTS,
      alsoDisturbed: stillCompiling,
    },
  );
}

/** What a run saw when some frames allocated while the JIT installed code in it; else null. */
function stillCompiling(run: PageRun): Disturbance | null {
  if (run.result.jitFrames === 0) return null;
  let allocating = 0;
  for (let i = 0; i < run.frames.bytes.length; i++) if (run.frames.bytes[i]! > 0) allocating++;
  return allocating === 0 ? null : { allocatingFrames: allocating, maxBytes: run.result.bytesPerFrame.max };
}
