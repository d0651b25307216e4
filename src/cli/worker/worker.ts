/**
 * The measuring process: the CLI forks it once per variant, with the V8 flags of the requested
 * mode, so each variant is measured in a fresh V8 that no other variant warmed up or polluted.
 *
 * This entry imports nothing of the engine: with `--sites` the import hook that counts allocation
 * sites must be in place before the engine and the scene load, so the rest comes in afterwards.
 *
 * It ends as soon as its result (or failure) is sent, whatever the scene left running (a timer, an
 * open handle), and it never outlives the CLI: it exits when the IPC channel closes and, since a
 * scene in an endless loop never lets that event run, a watchdog thread kills it when its parent
 * process is gone. An error thrown outside frames (in a timer, an unhandled rejection) fails the
 * run in the phase it happened in; its stack goes to stderr, which the CLI keeps in a log file.
 */
import { Worker } from 'node:worker_threads';
import type { DescribeSpec, ParentMessage, WorkerMessage, WorkerPhase, WorkerSpec } from './protocol.ts';
import { errorLocation, firstLine } from '../sceneRef.ts';

let phase: WorkerPhase = 'load';
let finished = false;

function send(message: WorkerMessage): Promise<void> {
  if (message.type === 'phase' || message.type === 'progress') phase = message.phase;
  return new Promise((resolve) => {
    if (process.send && process.connected) process.send(message, undefined, {}, () => resolve());
    else resolve();
  });
}

/** Sends the last message and exits, whatever the scene left running. */
async function finish(message: WorkerMessage, code = message.type === 'error' ? 1 : 0): Promise<void> {
  if (finished) return;
  finished = true;
  await send(message);
  process.exit(code);
}

/** The failure of `error`, in one line, with where it was thrown. */
function failure(error: unknown, phaseNow: string, suffix = ''): WorkerMessage {
  const hint = error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? `; ${error.hint}` : '';
  const plain = !(error instanceof Error) || error.name === 'Error' || error.name === 'UsageError';
  const message = error instanceof Error ? `${plain ? '' : `${error.name}: `}${firstLine(error.message)}${hint}` : String(error);
  // A UsageError is the loader's own refusal: the line it would name is alloclab's, not the scene's.
  const location = error instanceof Error && error.name === 'UsageError' ? undefined : errorLocation(error);
  return { type: 'error', phase: phaseNow, message: message + suffix, ...(location ? { location } : {}) };
}

function outsideFrames(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  void finish(failure(error, phase, ' (thrown outside a frame: in a timer, an event or a promise job)'), 1);
}

process.on('uncaughtException', outsideFrames);
process.on('unhandledRejection', outsideFrames);
// A reader that went away (`alloclab run my-scene.ts | head`): the scene's output is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') outsideFrames(error);
  });
}
process.on('disconnect', () => process.exit(1));

/**
 * Kills this process when its parent is gone (the CLI killed with SIGKILL): a thread of its own,
 * so it runs while the scene keeps the main thread in a loop that never returns.
 */
function startWatchdog(parent: number): void {
  if (process.ppid !== parent) process.exit(1);
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     const look = () => { if (process.ppid !== workerData.parent) process.kill(workerData.pid, 'SIGKILL'); };
     look();
     setInterval(look, 250);`,
    { eval: true, workerData: { parent, pid: process.pid }, execArgv: [], stdout: false, stderr: false },
  );
  watchdog.unref();
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec | DescribeSpec;
  // The CLI's pid, as it gave it: a CLI killed before this line ran is seen gone all the same.
  startWatchdog(Number(process.argv[3] ?? process.ppid));
  if ('describe' in spec) {
    const { loadScene, sceneInfo } = await import('../sceneRef.ts');
    const scene: WorkerMessage = { type: 'scene', scene: sceneInfo(await loadScene(spec.scene)) };
    if (!spec.hold) return finish(scene);
    await send(scene);
    const next = await new Promise<ParentMessage>((resolve) => process.once('message', resolve));
    if (next.type === 'stop') process.exit(0);
    // The scene's module is loaded already: measureInWorker's import of it is the same module.
    const { measureInWorker } = await import('./measureInWorker.ts');
    return finish(await measureInWorker(next.spec, send));
  }
  if (spec.sites) {
    const { instrumentScene } = await import('../instrumentScene.ts').catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(message.includes("'vite'") ? `--sites needs the package vite (npm install --save-dev vite): ${message}` : message);
    });
    instrumentScene(spec.scene);
  }
  const { measureInWorker } = await import('./measureInWorker.ts');
  return finish(await measureInWorker(spec, send));
}

main().catch((error: unknown) => finish(failure(error, phase), 1));
