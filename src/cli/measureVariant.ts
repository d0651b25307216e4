/**
 * The body of the measuring process (see worker.ts): loads the scene, builds its world, measures
 * the variant and sends the result to the CLI.
 */
import { World } from '../engine/World.ts';
import { formatErrorReport } from '../engine/EngineError.ts';
import { ManualClock } from '../hosts/node/ManualClock.ts';
import { createNodeProfiler } from '../hosts/node/NodeProfiler.ts';
import { measureRun } from '../hosts/node/measureRun.ts';
import { markerCount, markerName } from '../profiler/ProfilerMarker.ts';
import { loadScene } from './sceneRef.ts';
import { runExtraPasses } from './extraPasses.ts';
import type { WorkerMessage, WorkerSpec } from './workerProtocol.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Measures `spec`'s variant; every outcome, failures included, goes out through `send`. */
export async function measureVariant(spec: WorkerSpec, send: (message: WorkerMessage) => Promise<void>): Promise<void> {
  let scene;
  try {
    scene = await loadScene(spec.scene);
  } catch (error) {
    return send({ type: 'error', phase: 'load', message: messageOf(error) });
  }
  const size = spec.size ?? scene.size.default;
  const node = createNodeProfiler({ frameCapacity: Math.max(10_000, Math.min(spec.frames, 100_000)) });
  let errorCount = 0;
  let firstError: string | null = null;
  const world = new World({
    seed: scene.seed ?? 1,
    profiler: node.profiler,
    deepProfile: spec.deep,
    errorSink: (report) => {
      errorCount++;
      firstError ??= formatErrorReport(report);
    },
  });
  let instance;
  try {
    instance = scene.variants[spec.variant]!(world, size);
  } catch (error) {
    return send({ type: 'error', phase: 'setup', message: messageOf(error) });
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
  let lastProgress = 0;
  try {
    const measured = await measureRun(node, {
      scene: scene.name,
      variant: spec.variant,
      size,
      mode: spec.mode,
      frames: spec.frames,
      warmup: spec.warmup,
      quietFrames: spec.quietFrames,
      siteReferenceBytes: spec.siteReferenceBytes,
      keepSlices: spec.keepSlices,
      keepPerFrame: true,
      step,
      frameFunctions: () => world._frameFunctions(),
      onProgress: (done, total) => {
        if (done - lastProgress >= 500 || done === total) {
          lastProgress = done;
          void send({ type: 'progress', done, total });
        }
      },
    });
    const measuredFrames = spec.warmup + spec.frames;
    await runExtraPasses(
      spec,
      step,
      clock.frames,
      measured.result,
      (done, total) => void send({ type: 'progress', done: measuredFrames + done, total: measuredFrames + total }),
    );
    const markerNames: string[] = [];
    for (let id = 0; id < markerCount(); id++) markerNames.push(markerName(id));
    await send({
      type: 'result',
      result: measured.result,
      frames: measured.frames,
      markerNames,
      digest,
      digestFrame,
      sceneErrors: { count: errorCount, first: firstError },
      runtime: { version: process.version, v8: process.versions.v8, flags: process.execArgv.filter((f) => f.startsWith('--')) },
    });
  } catch (error) {
    await send({ type: 'error', phase: 'run', message: messageOf(error) });
  }
}
