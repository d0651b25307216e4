import type { SceneRef } from '../sceneRef.ts';
import type { ExtraPassSpec } from './extraPasses.ts';
import type { MeasuredVariant, VariantFailure, VariantSpec } from '../../measure/VariantSpec.ts';

/** What the CLI asks a measuring process to do: one variant of one scene (and any extra pass after it). */
export interface WorkerSpec extends VariantSpec, ExtraPassSpec {
  scene: SceneRef;
  /** Count allocation sites: instrument the scene's modules as they load. */
  sites: boolean;
  /** Per-frame bytes of an uninstrumented run of the same frames (see measureRun). */
  siteReferenceBytes?: number[];
}

/** What the CLI asks a process to do before measuring a scene file: load it and say what it is. */
export interface DescribeSpec {
  describe: true;
  scene: SceneRef;
  /**
   * Wait, once the scene is described, for a `ParentMessage`: the first variant is then measured in
   * this same process (a scene file costs no process of its own), or none.
   */
  hold?: boolean;
}

/** What the CLI tells a process that described a scene and holds (see `DescribeSpec.hold`). */
export type ParentMessage = { type: 'measure'; spec: WorkerSpec } | { type: 'stop' };

/** A scene as the CLI needs it to choose variants and check `--size`, read in a measuring process. */
export interface SceneInfo {
  name: string;
  variants: string[];
  size: { default: number; min: number; max: number; unit: string };
}

/**
 * Where the measuring process is: `load` (importing the scene), `setup`, `warm-up`, `measure`,
 * `passes` (leaks, live heap); `frame` is the frames run when it was reported.
 */
export type WorkerPhase = 'load' | 'setup' | 'warm-up' | 'measure' | 'passes';

/**
 * An error in the scene or the run, with the phase it happened in (`location`: file:line where the
 * error's stack names one).
 */
export type WorkerFailure = VariantFailure<string> & { location?: string };

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; phase: WorkerPhase }
  | { type: 'phase'; phase: WorkerPhase }
  | { type: 'scene'; scene: SceneInfo }
  | (MeasuredVariant & { runtime: { version: string; v8: string; flags: string[] } })
  | WorkerFailure;
