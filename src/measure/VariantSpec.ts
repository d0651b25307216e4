import type { FrameTimeline } from '../profiler/FrameCollector.ts';
import type { ProfileMode, RunResult } from '../profiler/RunResult.ts';

/**
 * One variant of one scene to measure, as the CLI asks a measuring process (Node) or the lab page
 * (Chromium) for it; each adds where the scene comes from and what only it can do.
 */
export interface VariantSpec {
  variant: string;
  /** Frames measured. */
  frames: number;
  /** Frames to run first, at least; warm-up goes on until the JIT is quiet (see `quietFrames`). */
  warmup: number;
  /** The scene's size parameter; null: the scene's own default. */
  size: number | null;
  mode: ProfileMode;
  /** One marker per behaviour type. */
  deep: boolean;
  /** Keep every frame's marker slices, for a Chrome trace. */
  keepSlices: boolean;
  /** Consecutive JIT-quiet frames that end the warm-up (default 1,000; 0: exactly `warmup` frames). */
  quietFrames?: number;
  /**
   * Measure a fresh world from this frame on, after the code warmed up on a world of its own
   * (see `WorldLead`); null or absent: the world the code warmed up on.
   */
  atFrame?: number | null;
}

/** Errors the scene's behaviours threw during frames (each frame went on, as in Unity). */
export interface SceneErrorSummary {
  count: number;
  first: string | null;
  /** Where the first was thrown (file:line), where the platform can tell. */
  location?: string;
}

/** A measured variant, as the CLI reads it back from a measuring process or a page. */
export interface MeasuredVariant {
  type: 'result';
  result: RunResult;
  frames: FrameTimeline;
  /** Marker names by id, for the trace. */
  markerNames: string[];
  /** The scene's state digest after `digestFrame` frames (the same frame for every variant). */
  digest: string;
  digestFrame: number;
  sceneErrors: SceneErrorSummary;
}

/** Why a variant could not be measured: the phase it failed in and a one-line message. */
export interface VariantFailure<Phase extends string = 'load' | 'setup' | 'run'> {
  type: 'error';
  phase: Phase;
  message: string;
}
