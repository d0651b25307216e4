import type { SceneDefinition } from '../../engine/Scene.ts';
import { markerNames, openVariant, variantAtFrame } from '../../measure/SceneVariant.ts';
import { createLabProfiler, labFrameCapacity } from '../kit/labProfiler.ts';
import { measureConfirmedInPage } from '../kit/measureConfirmedInPage.ts';
import type { PageRunHooks } from '../kit/measureInPage.ts';
import type { LabOutcome, LabSpec } from './labProtocol.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Measures one variant of `scene` in this page, as the CLI's measuring process does in Node:
 * builds the world on a calibrated lab profiler, steps it with a manual 60 Hz clock, takes the
 * state digest after `warmup` frames, and measures with `measureConfirmedInPage` (again when V8
 * disturbed the first measurement, as the testing API does). Every failure comes back
 * as a `LabFailure` with its phase, never as a throw.
 */
export async function runLab(scene: SceneDefinition, spec: LabSpec, hooks: PageRunHooks): Promise<LabOutcome> {
  const lab = createLabProfiler({ frameCapacity: labFrameCapacity(spec.frames) });
  if (!lab.calibration.precise) return { type: 'error', phase: 'browser', message: lab.calibration.reason };
  const open = (digestFrame: number) =>
    openVariant(scene, {
      variant: spec.variant,
      size: spec.size,
      profiler: lab.profiler,
      deep: spec.deep,
      digestFrame: Math.max(1, digestFrame),
    });
  const variant = open(spec.warmup);
  if (variant.type === 'error') return variant;
  // atFrame: the code warms up on `variant`, then a fresh world is measured from that frame.
  const lead = variantAtFrame(variant, open, spec.atFrame);
  // Set up: a first report, so that a scene stuck in its first frames is not taken for one stuck in setup.
  hooks.onProgress?.(0, spec.warmup + spec.frames);
  try {
    const run = await measureConfirmedInPage(
      lab,
      {
        scene: scene.name,
        variant: spec.variant,
        size: variant.size,
        mode: spec.mode,
        frames: spec.frames,
        warmup: spec.warmup,
        quietFrames: spec.quietFrames,
        maxWarmup: spec.maxWarmup,
        keepSlices: spec.keepSlices,
        step: lead?.step ?? variant.step,
        lead: lead?.lead,
      },
      hooks,
    );
    return {
      type: 'result',
      result: run.result,
      frames: run.frames,
      markerNames: markerNames(),
      digest: (lead?.current ?? variant).digest(),
      digestFrame: (lead?.current ?? variant).digestFrame!,
      sceneErrors: (lead ?? variant).errorSummary(),
      calibration: { ...lab.calibration, stampCost: run.stampCost },
      groundTruth: run.groundTruth,
    };
  } catch (error) {
    return { type: 'error', phase: 'run', message: messageOf(error) };
  }
}
