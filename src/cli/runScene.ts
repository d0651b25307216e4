import { fork } from 'node:child_process';
import { MODE_FLAGS } from '../node/modes.ts';
import { ownModule } from '../node/packageLayout.ts';
import type { WorkerMessage, WorkerSpec } from './worker/protocol.ts';

/** A finished variant, as the worker reported it. */
export type VariantOutcome = Extract<WorkerMessage, { type: 'result' }>;

/** A failure of the scene or the measuring process, reported in one line by the CLI. */
export class SceneFailure extends Error {
  readonly phase: string;

  constructor(phase: string, message: string) {
    super(message);
    this.phase = phase;
  }
}

const workerPath = ownModule('src/cli/worker/worker.ts');

/**
 * Measures one variant in a fresh Node process started with the mode's V8 flags, and resolves
 * with its result. `onProgress` gets frames done and total (warm-up included).
 */
export function runVariant(spec: WorkerSpec, onProgress?: (done: number, total: number) => void): Promise<VariantOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [JSON.stringify(spec)], {
      execArgv: [...MODE_FLAGS[spec.mode]],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let outcome: VariantOutcome | null = null;
    let failure: SceneFailure | null = null;
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'result') outcome = message;
      else failure = new SceneFailure(message.phase, message.message);
    });
    child.on('error', (error) => reject(new SceneFailure('start', error.message)));
    child.on('exit', (code, signal) => {
      if (failure) reject(failure);
      else if (outcome) resolve(outcome);
      else reject(new SceneFailure('run', `the measuring process ended without a result (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Measures one variant and counts its allocation sites, in two processes: the first measures the
 * scene as written; the second runs it instrumented for exactly as many warm-up frames, so its
 * measured frames are the same frames, and counts the sites. The run's figures are the first's;
 * the sites' verdicts are judged on the first's bytes (the counters make V8 inline less, so
 * instrumented code can allocate more than the code as written).
 */
export async function runVariantCountingSites(
  spec: WorkerSpec,
  onProgress?: (done: number, total: number) => void,
): Promise<VariantOutcome> {
  let firstTotal = 0;
  const measured = await runVariant({ ...spec, sites: false }, (done, total) => {
    firstTotal = total;
    onProgress?.(done, total * 2);
  });
  const reference = measured.result.perFrameBytes;
  const counted = await runVariant(
    // Leak and live-heap passes belong to the code as written: the first process ran them.
    {
      ...spec,
      sites: true,
      warmup: measured.result.warmup,
      quietFrames: 0,
      siteReferenceBytes: reference,
      leakFrames: null,
      liveHeap: false,
    },
    (done, total) => onProgress?.(firstTotal + done, firstTotal + total),
  );
  const result = { ...measured.result };
  if (counted.result.sites) result.sites = counted.result.sites;
  if (counted.result.perFrameSiteHits) result.perFrameSiteHits = counted.result.perFrameSiteHits;
  return { ...measured, result };
}
