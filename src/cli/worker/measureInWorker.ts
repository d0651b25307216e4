/**
 * The body of the measuring process (see worker.ts): loads the scene, builds its world, measures
 * the variant and sends the result to the CLI.
 */
import { createNodeProfiler } from '../../node/NodeProfiler.ts';
import { measureRun } from '../../node/measureRun.ts';
import { markerNames, openVariant } from '../../measure/SceneVariant.ts';
import { loadScene } from '../sceneRef.ts';
import { runExtraPasses } from './extraPasses.ts';
import type { WorkerMessage, WorkerSpec } from './protocol.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Measures `spec`'s variant; every outcome, failures included, goes out through `send`. */
export async function measureInWorker(spec: WorkerSpec, send: (message: WorkerMessage) => Promise<void>): Promise<void> {
  let scene;
  try {
    scene = await loadScene(spec.scene);
  } catch (error) {
    return send({ type: 'error', phase: 'load', message: messageOf(error) });
  }
  const node = createNodeProfiler({ frameCapacity: Math.max(10_000, Math.min(spec.frames, 100_000)) });
  const run = openVariant(scene, {
    variant: spec.variant,
    size: spec.size,
    profiler: node.profiler,
    deep: spec.deep,
    digestFrame: Math.max(1, spec.warmup),
  });
  if (run.type === 'error') return send(run);
  const step = run.step;
  let lastProgress = 0;
  try {
    const measured = await measureRun(node, {
      scene: scene.name,
      variant: spec.variant,
      size: run.size,
      mode: spec.mode,
      frames: spec.frames,
      warmup: spec.warmup,
      quietFrames: spec.quietFrames,
      siteReferenceBytes: spec.siteReferenceBytes,
      keepSlices: spec.keepSlices,
      keepPerFrame: true,
      step,
      frameFunctions: () => run.world._frameFunctions(),
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
      run.clock.frames,
      measured.result,
      (done, total) => void send({ type: 'progress', done: measuredFrames + done, total: measuredFrames + total }),
    );
    await send({
      type: 'result',
      result: measured.result,
      frames: measured.frames,
      markerNames: markerNames(),
      digest: run.digest(),
      digestFrame: run.digestFrame!,
      sceneErrors: run.errorSummary(),
      runtime: { version: process.version, v8: process.versions.v8, flags: process.execArgv.filter((f) => f.startsWith('--')) },
    });
  } catch (error) {
    await send({ type: 'error', phase: 'run', message: messageOf(error) });
  }
}
