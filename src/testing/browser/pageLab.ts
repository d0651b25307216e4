import { createLabProfiler, type LabProfiler, labFrameCapacity } from '../../page/kit/labProfiler.ts';
import type { AfterRunOptions } from '../afterRun.ts';

/**
 * The lab profiler a browser twin measures with. The passes that run after measuring in Node
 * (`leaks`, `liveHeap`) are refused here in one line rather than skipped: a test that asked for
 * one must not pass without it.
 */
export function openPageLab(fn: 'profileScene' | 'profileFrames', options: AfterRunOptions & { frames?: number }): LabProfiler {
  for (const pass of ['leaks', 'liveHeap'] as const) {
    if (options[pass]) throw new Error(`alloclab: ${fn}({ ${pass} }) runs in Node only so far: move this test to a Node project`);
  }
  const lab = createLabProfiler({ frameCapacity: labFrameCapacity(options.frames ?? 300) });
  if (!lab.calibration.precise) throw new Error(`alloclab: ${lab.calibration.reason}`);
  return lab;
}
