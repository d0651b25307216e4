import type { RunResult } from '../profiler/RunResult.ts';
import type { FrameStats } from './gc-alloc-model.ts';

/**
 * `window.alloclab`: the sandbox's automation handle for end-to-end tests and users' scripts.
 * Documented in docs/window-alloclab.md.
 */
export interface AllocLabHandle {
  /** Names of the scenes the sandbox offers, in menu order. */
  readonly scenes: readonly string[];
  /** True when byte figures are measured (Chromium with --enable-precise-memory-info). */
  readonly precise: boolean;
  /** What runs now. */
  current(): { scene: string; variant: string; size: number; deep: boolean } | null;
  /**
   * Builds `variant` of `scene` at `size` (defaults: the scene's first variant and default size)
   * and resolves once the new world has run its first frame. Rejects on an unknown scene or
   * variant, or when setup throws.
   */
  load(scene: string, variant?: string, size?: number): Promise<void>;
  /** The newest frame: `{ frame, bytes, ms, gc, gcCount }`; `bytes` is null when unavailable. */
  stats(): FrameStats;
  /**
   * Measures the next `frames` frames and resolves to the same run object as the CLI's JSON
   * `runs[i]`. Warm-up first: at least `warmup` frames in the current world (default 300), then
   * until `quietFrames` frames in a row were quiet (default 300; 0: do not wait), at most
   * `maxWarmup` (default 1800); `jitSettled` says whether it went quiet.
   */
  summary(frames: number, options?: { warmup?: number; quietFrames?: number; maxWarmup?: number }): Promise<RunResult>;
}

declare global {
  interface Window {
    alloclab?: AllocLabHandle;
  }
}

/** Installs the handle on `window` and marks the document ready (`<html data-alloclab="ready">`). */
export function installAutomation(handle: AllocLabHandle): void {
  window.alloclab = handle;
  document.documentElement.dataset.alloclab = 'ready';
}
