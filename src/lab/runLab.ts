import { World } from '../engine/World.ts';
import { formatErrorReport } from '../engine/EngineError.ts';
import type { SceneDefinition } from '../engine/Scene.ts';
import { ManualClock } from '../hosts/node/ManualClock.ts';
import { markerCount, markerName } from '../profiler/ProfilerMarker.ts';
import { createLabProfiler, labFrameCapacity } from './labProfiler.ts';
import { measureLabRun, type LabHooks } from './measureLabRun.ts';
import type { LabOutcome, LabSpec } from './labProtocol.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Measures one variant of `scene` in this page, as the CLI's measuring process does in Node:
 * builds the world on a calibrated lab profiler, steps it with a manual 60 Hz clock, takes the
 * state digest after `warmup` frames, and measures with `measureLabRun`. Every failure comes back
 * as a `LabFailure` with its phase, never as a throw.
 */
export async function runLab(scene: SceneDefinition, spec: LabSpec, hooks: LabHooks): Promise<LabOutcome> {
  const setup = scene.variants[spec.variant];
  if (setup === undefined) {
    return {
      type: 'error',
      phase: 'load',
      message: `scene "${scene.name}" has no variant "${spec.variant}" (its variants: ${Object.keys(scene.variants).join(', ')})`,
    };
  }
  const size = spec.size ?? scene.size.default;
  const lab = createLabProfiler({ frameCapacity: labFrameCapacity(spec.frames) });
  if (!lab.calibration.precise) return { type: 'error', phase: 'browser', message: lab.calibration.reason };
  let errorCount = 0;
  let firstError: string | null = null;
  const world = new World({
    seed: scene.seed ?? 1,
    profiler: lab.profiler,
    deepProfile: spec.deep,
    errorSink: (report) => {
      errorCount++;
      firstError ??= formatErrorReport(report);
    },
  });
  let instance;
  try {
    instance = setup(world, size);
  } catch (error) {
    return { type: 'error', phase: 'setup', message: messageOf(error) };
  }
  const clock = new ManualClock(world, { dtMs: 1000 / 60 });
  // Warm-up lasts until the JIT is quiet, so variants run different frame counts in all; their
  // states are compared at one fixed frame instead.
  const digestFrame = Math.max(1, spec.warmup);
  let digest = '';
  const step = (): void => {
    clock.step();
    if (clock.frames === digestFrame) digest = instance.digest();
  };
  try {
    const run = await measureLabRun(
      lab,
      {
        scene: scene.name,
        variant: spec.variant,
        size,
        mode: spec.mode,
        frames: spec.frames,
        warmup: spec.warmup,
        quietFrames: spec.quietFrames,
        maxWarmup: spec.maxWarmup,
        keepSlices: spec.keepSlices,
        step,
      },
      hooks,
    );
    const markerNames: string[] = [];
    for (let id = 0; id < markerCount(); id++) markerNames.push(markerName(id));
    return {
      type: 'result',
      result: run.result,
      frames: run.frames,
      markerNames,
      digest,
      digestFrame,
      sceneErrors: { count: errorCount, first: firstError },
      calibration: { ...lab.calibration, stampCost: run.stampCost },
      groundTruth: run.groundTruth,
    };
  } catch (error) {
    return { type: 'error', phase: 'run', message: messageOf(error) };
  }
}
