import type { RunResult } from '../profiler/RunResult.ts';
import type { TraceSlice } from '../profiler/FrameCollector.ts';
import type { ProfileMode } from '../hosts/node/modes.ts';
import type { SceneRef } from './sceneRef.ts';
import type { ExtraPassSpec } from './extraPasses.ts';

/** What the CLI asks a measuring process to do: one variant of one scene (and any extra pass after it). */
export interface WorkerSpec extends ExtraPassSpec {
  scene: SceneRef;
  variant: string;
  frames: number;
  warmup: number;
  size: number | null;
  mode: ProfileMode;
  deep: boolean;
  keepSlices: boolean;
  /** Count allocation sites: instrument the scene's modules as they load. */
  sites: boolean;
  /** Consecutive JIT-quiet frames that end the warm-up (default 1,000; 0: exactly `warmup` frames). */
  quietFrames?: number;
  /** Per-frame bytes of an uninstrumented run of the same frames (see measureRun). */
  siteReferenceBytes?: number[];
}

/** An error in the scene or the run, with the phase it happened in. */
export interface WorkerFailure {
  type: 'error';
  phase: 'load' | 'setup' | 'run';
  message: string;
}

/** Errors the scene's behaviours threw during frames (the frame went on, as in Unity). */
export interface SceneErrorSummary {
  count: number;
  first: string | null;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'result';
      result: RunResult;
      frames: { startMs: number[]; endMs: number[]; bytes: number[]; slices: TraceSlice[][] };
      markerNames: string[];
      /** The scene's state digest after `digestFrame` frames (the same frame for every variant). */
      digest: string;
      digestFrame: number;
      sceneErrors: SceneErrorSummary;
      runtime: { version: string; v8: string; flags: string[] };
    }
  | WorkerFailure;
