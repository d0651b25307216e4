import type { FrameProfiler } from '../profiler/FrameProfiler.ts';
import type { Profiler } from '../profiler/Profiler.ts';
import type { ProfilerMarker } from '../profiler/ProfilerMarker.ts';

/**
 * Lets `World.tick` begin the profiler's frame but not end it, so the host's Render marker and the
 * renderer's sync fall inside the same frame, as in DESIGN.md's frame diagram.
 */
export class HostFrame implements FrameProfiler {
  private readonly _profiler: Profiler;
  constructor(profiler: Profiler) {
    this._profiler = profiler;
  }
  beginFrame(dtMs: number, first?: ProfilerMarker): void {
    this._profiler.beginFrame(dtMs, first);
  }
  endFrame(last?: ProfilerMarker): void {
    last?.end();
  }
}
