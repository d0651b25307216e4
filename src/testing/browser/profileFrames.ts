import type { RunResult } from '../../profiler/RunResult.ts';
import type { ProfileFramesOptions } from '../profileFrames.ts';
import { measureConfirmedInPage } from '../../page/kit/measureConfirmedInPage.ts';
import { pageTracer } from './pageTracer.ts';
import { publishRun } from '../runSink.ts';
import { pageRuntime } from './pageRuntime.ts';
import { openPageLab } from './pageLab.ts';

/**
 * The browser twin of `profileFrames`: measures `fn` as a frame, each call one frame, in the test
 * page (see the browser `profileScene` for what the page needs).
 *
 * @example
 * const run = await profileFrames(() => physics.step(1 / 60), { frames: 500 });
 * expect(run).toAllocateAtMostPerFrame(0);
 */
export async function profileFrames(fn: () => void, options: ProfileFramesOptions = {}): Promise<RunResult> {
  const lab = openPageLab('profileFrames', options);
  const profiler = lab.profiler;
  const step = (): void => {
    profiler.beginFrame(0);
    fn();
    profiler.endFrame();
  };
  const { result } = await measureConfirmedInPage(
    lab,
    {
      scene: options.name ?? 'frames',
      variant: 'function',
      size: null,
      mode: options.mode ?? 'production',
      frames: options.frames ?? 300,
      warmup: options.warmup ?? 300,
      step,
    },
    { tracer: await pageTracer() },
  );
  publishRun({ runtime: pageRuntime(), run: result });
  return result;
}
