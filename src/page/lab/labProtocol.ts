import type { MeasuredVariant, VariantFailure, VariantSpec } from '../../measure/VariantSpec.ts';
import type { HeapMeterCalibration } from '../BrowserHeapMeter.ts';

/** Where the lab page finds a scene: the catalog by name, or a module the dev server serves. */
export type LabSceneRef = { kind: 'catalog'; name: string } | { kind: 'module'; url: string };

/** One variant of one scene to measure in the page (the browser twin of the CLI's WorkerSpec). */
export interface LabSpec extends VariantSpec {
  scene: LabSceneRef;
  /** Most warm-up frames before measuring anyway (default max(20 x warmup, 20,000)). */
  maxWarmup?: number;
}

/** A measured variant, read back from the page once. */
export interface LabResult extends MeasuredVariant {
  calibration: HeapMeterCalibration;
  /** How GCs and JIT installs were told: from a DevTools trace, or from heap drops alone. */
  groundTruth: 'trace' | 'heap-drops';
}

/** Why a page could not measure: the phase and a one-line message. */
export type LabFailure = VariantFailure<'load' | 'setup' | 'run' | 'browser'>;

export type LabOutcome = LabResult | LabFailure;
