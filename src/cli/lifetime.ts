/**
 * What the CLI must not leave behind however it ends: measuring processes (killed) and temporary
 * files (removed), on a normal exit, an error, and SIGINT, SIGTERM or SIGHUP to the CLI itself.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const temporaries = new Set<string>();

/** Kills `child` when the CLI ends before it does. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Removes `path` when the CLI ends before `untrackTemporary(path)`. */
export function trackTemporary(path: string): void {
  temporaries.add(path);
}

export function untrackTemporary(path: string): void {
  temporaries.delete(path);
}

/** False once `cleanUp` removed `path` (the CLI is ending). */
export function isTracked(path: string): boolean {
  return temporaries.has(path);
}

/** Kills the measuring processes still running and removes the temporary files still there. */
export function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const path of temporaries) rmSync(path, { force: true });
  temporaries.clear();
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
let installed = false;

/**
 * Installs the CLI's exit handlers: clean up on exit and on a signal (then exit 128 + its number,
 * as a shell reports it), and drop output to a reader that went away (`| head`) instead of dying
 * of EPIPE.
 */
export function installExitHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanUp);
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      cleanUp();
      process.stderr.write(`alloclab: stopped by ${signal}\n`);
      process.exit(128 + number);
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
