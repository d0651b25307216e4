/**
 * The measuring process: the CLI forks it once per variant, with the V8 flags of the requested
 * mode, so each variant is measured in a fresh V8 that no other variant warmed up or polluted.
 *
 * This entry imports nothing of the engine: with `--sites` the import hook that counts allocation
 * sites must be in place before the engine and the scene load, so the rest comes in afterwards.
 */
import type { WorkerMessage, WorkerSpec } from './protocol.ts';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, undefined, {}, () => resolve());
    else resolve();
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
  try {
    if (spec.sites) {
      const { instrumentScene } = await import('../instrumentScene.ts').catch((error: unknown) => {
        const message = messageOf(error);
        throw new Error(message.includes("'vite'") ? `--sites needs the package vite (npm install --save-dev vite): ${message}` : message);
      });
      instrumentScene(spec.scene);
    }
  } catch (error) {
    return send({ type: 'error', phase: 'load', message: messageOf(error) });
  }
  const { measureInWorker } = await import('./measureInWorker.ts');
  await measureInWorker(spec, send);
}

main().then(
  () => process.disconnect?.(),
  async (error) => {
    await send({ type: 'error', phase: 'run', message: messageOf(error) });
    process.disconnect?.();
  },
);
