import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MODE_FLAGS } from '../hosts/node/modes.ts';
import type { WorkerMessage, WorkerSpec } from './workerProtocol.ts';

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

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

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
