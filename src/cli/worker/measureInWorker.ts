/**
 * The body of the measuring process (see worker.ts): loads the scene, builds its world, measures
 * the variant and sends the result to the CLI.
 */
import { createNodeProfiler } from '../../node/NodeProfiler.ts';
import { measureConfirmed } from '../../node/measureConfirmed.ts';
import { markerNames, openVariant, variantAtFrame } from '../../measure/SceneVariant.ts';
import { errorLocation, loadScene } from '../sceneRef.ts';
import type { SceneSetup } from '../../engine/Scene.ts';
import { runExtraPasses } from './extraPasses.ts';
import type { WorkerMessage, WorkerSpec } from './protocol.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Measures `spec`'s variant and returns the result or the failure; where it is (phase, progress)
 * goes out through `send` as it goes. An error the scene throws in loading or in setup propagates
 * (the caller reports it with its location).
 */
export async function measureInWorker(spec: WorkerSpec, send: (message: WorkerMessage) => Promise<void>): Promise<WorkerMessage> {
  const scene = await loadScene(spec.scene);
  await send({ type: 'phase', phase: 'setup' });
  const node = createNodeProfiler({ frameCapacity: Math.max(10_000, Math.min(spec.frames, 100_000)) });
  // The setups are wrapped to keep what a setup throws: openVariant reports its message, this its file:line.
  let thrownInSetup: unknown;
  const variants: Record<string, SceneSetup> = {};
  for (const [name, setup] of Object.entries(scene.variants)) {
    variants[name] = (world, size) => {
      try {
        return setup(world, size);
      } catch (error) {
        thrownInSetup = error;
        throw error;
      }
    };
  }
  const open = (digestFrame: number) =>
    openVariant(
      { ...scene, variants },
      { variant: spec.variant, size: spec.size, profiler: node.profiler, deep: spec.deep, digestFrame: Math.max(1, digestFrame) },
    );
  const first = open(spec.warmup);
  if (first.type === 'error') {
    const location = first.phase === 'setup' ? errorLocation(thrownInSetup) : undefined;
    return location === undefined ? first : { ...first, location };
  }
  // --at-frame: the code warms up on `first`, then a fresh world is measured from that frame.
  const lead = variantAtFrame(first, open, spec.atFrame);
  const measuredWorld = () => lead?.current ?? first;
  await send({ type: 'progress', phase: 'warm-up', done: 0, total: spec.warmup + spec.frames });
  const step = lead?.step ?? first.step;
  let lastProgress = 0;
  try {
    // Measured again when V8 disturbed the run (the testing API's policy): the JSON says so.
    const measured = await measureConfirmed(node, {
      scene: scene.name,
      variant: spec.variant,
      size: first.size,
      mode: spec.mode,
      frames: spec.frames,
      warmup: spec.warmup,
      quietFrames: spec.quietFrames,
      siteReferenceBytes: spec.siteReferenceBytes,
      keepSlices: spec.keepSlices,
      keepPerFrame: true,
      step,
      frameFunctions: () => measuredWorld().world._frameFunctions(),
      lead: lead?.lead,
      onProgress: (done, total, phase) => {
        if (done - lastProgress >= 500 || done === total) {
          lastProgress = done;
          void send({ type: 'progress', done, total, phase: phase === 'warmup' ? 'warm-up' : 'measure' });
        }
      },
    });
    const measuredFrames = spec.warmup + spec.frames;
    await runExtraPasses(
      spec,
      step,
      measuredWorld().clock.frames,
      measured.result,
      (done, total) => void send({ type: 'progress', done: measuredFrames + done, total: measuredFrames + total, phase: 'passes' }),
    );
    return {
      type: 'result',
      result: measured.result,
      frames: measured.frames,
      markerNames: markerNames(),
      digest: measuredWorld().digest(),
      digestFrame: measuredWorld().digestFrame!,
      sceneErrors: (lead ?? first).errorSummary(errorLocation),
      runtime: { version: process.version, v8: process.versions.v8, flags: process.execArgv.filter((f) => f.startsWith('--')) },
    };
  } catch (error) {
    return { type: 'error', phase: 'run', message: messageOf(error) };
  }
}
