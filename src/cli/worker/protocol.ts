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

/** An error in the scene or the run, with the phase it happened in. */
export type WorkerFailure = VariantFailure;

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | (MeasuredVariant & { runtime: { version: string; v8: string; flags: string[] } })
  | WorkerFailure;
