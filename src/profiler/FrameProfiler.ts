import type { ProfilerMarker } from './ProfilerMarker.ts';

/**
 * What a game loop calls around each frame. The engine's `World.tick` calls these when a
 * profiler is attached; any other game loop can call them itself.
 */
export interface FrameProfiler {
  /**
   * Starts a frame; `dtMs` is the frame's delta time as the loop sees it. With `first`, begins that
   * marker too, as if `first.begin()` came right after (a profiler may reuse the frame's opening
   * reading for it). Allocates nothing.
   */
  beginFrame(dtMs: number, first?: ProfilerMarker): void;
  /**
   * Ends the frame begun last. With `last`, ends that marker first, as if `last.end()` came right
   * before (a profiler may reuse the frame's closing reading for it). Allocates nothing.
   */
  endFrame(last?: ProfilerMarker): void;
}
