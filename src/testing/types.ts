import type { ProfileFramesOptions } from './profileFrames.ts';

declare module 'vitest' {
  interface Matchers<R, T> {
    /** Every measured frame of a run allocated 0 bytes. */
    toAllocateNothingPerFrame(): R;
    /** No measured frame of a run allocated more than `bytes`. */
    toAllocateAtMostPerFrame(bytes: number): R;
    /** No instrumented allocation site ran in any measured frame (exact counts; needs alloclab/vite). */
    toHaveNoAllocationSitesPerFrame(): R;
    /** Calling the function (once per frame, after warm-up) allocates. Async: await it. */
    toAllocate(options?: ProfileFramesOptions): Promise<R>;
  }
}
