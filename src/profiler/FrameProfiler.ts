/**
 * What a game loop calls around each frame. The engine's `World.tick` calls these when a
 * profiler is attached; any other game loop can call them itself.
 */
export interface FrameProfiler {
  /** Starts a frame; `dtMs` is the frame's delta time as the loop sees it. Allocates nothing. */
  beginFrame(dtMs: number): void;
  /** Ends the frame begun last. Allocates nothing. */
  endFrame(): void;
}
