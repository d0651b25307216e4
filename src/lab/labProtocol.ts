import type { RunResult } from '../profiler/RunResult.ts';
import type { TraceSlice } from '../profiler/FrameCollector.ts';
import type { HeapMeterCalibration } from '../hosts/browser/BrowserHeapMeter.ts';

/** Where the lab page finds a scene: the catalog by name, or a module the dev server serves. */
export type LabSceneRef = { kind: 'catalog'; name: string } | { kind: 'module'; url: string };

/** One variant of one scene to measure in the page (the browser twin of the CLI's WorkerSpec). */
export interface LabSpec {
  scene: LabSceneRef;
  variant: string;
  frames: number;
  /** Frames to run first, at least; warm-up goes on until the JIT is quiet (see `quietFrames`). */
  warmup: number;
  size: number | null;
  mode: 'production' | 'deterministic';
  deep: boolean;
  keepSlices: boolean;
  /** Consecutive frames without a JIT code install that end the warm-up (default 1,000; 0: exactly `warmup`). */
  quietFrames?: number;
  /** Most warm-up frames before measuring anyway (default max(20 x warmup, 20,000)). */
  maxWarmup?: number;
}

/** A measured variant, read back from the page once. */
export interface LabResult {
  type: 'result';
  result: RunResult;
  frames: { startMs: number[]; endMs: number[]; bytes: number[]; slices: TraceSlice[][] };
  markerNames: string[];
  /** The scene's state digest after `digestFrame` frames (the same frame for every variant). */
  digest: string;
  digestFrame: number;
  sceneErrors: { count: number; first: string | null };
  calibration: HeapMeterCalibration;
  /** How GCs and JIT installs were told: from a DevTools trace, or from heap drops alone. */
  groundTruth: 'trace' | 'heap-drops';
}

/** Why a page could not measure: the phase and a one-line message. */
export interface LabFailure {
  type: 'error';
  phase: 'load' | 'setup' | 'run' | 'browser';
  message: string;
}

export type LabOutcome = LabResult | LabFailure;
