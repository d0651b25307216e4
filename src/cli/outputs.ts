import { accessSync, constants, renameSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stagingPath } from '../node/writeFileAtomic.ts';
import { isTracked, trackTemporary, untrackTemporary } from './lifetime.ts';
import { UsageError } from './UsageError.ts';

/** `-` as an output path: the standard output. */
export const STDOUT = '-';

/** The output options of a command, by flag (`json`, `trace`, `markdown`...). */
type OutputOptions = object;

const pathOf = (options: OutputOptions, flag: string): unknown => (options as Record<string, unknown>)[flag];

/** An output's name in a message: `--json`'s file is "the JSON". */
const labelOf = (flag: string): string => ({ json: 'JSON', markdown: 'Markdown' })[flag] ?? flag;

/** Whether an output goes to the standard output (the tables then go to stderr). */
export function writesToStdout(options: OutputOptions, flags: readonly string[] = ['json', 'trace']): boolean {
  return flags.some((flag) => pathOf(options, flag) === STDOUT);
}

/**
 * Refuses, before anything is measured, output paths that cannot be written or would lose what is
 * recorded: an empty name, a directory, a file in a directory that is not there or not writable,
 * and two outputs naming one path (the second would replace the first). `-` is the standard output.
 */
export function checkOutputs(options: OutputOptions, flags: readonly string[] = ['json', 'trace']): void {
  const outputs = flags.filter((flag) => typeof pathOf(options, flag) === 'string');
  for (const flag of outputs) {
    const path = pathOf(options, flag) as string;
    if (path === '') throw new UsageError(`--${flag} needs a file name (or - for the standard output)`);
    if (path === STDOUT) continue;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw new UsageError(`--${flag} ${path}: is a directory, not a file`);
    const dir = dirname(resolve(path));
    if (stat === undefined) {
      const dirStat = statSync(dir, { throwIfNoEntry: false });
      if (dirStat === undefined) throw new UsageError(`--${flag} ${path}: no directory ${dirname(path)}`);
      if (!dirStat.isDirectory()) throw new UsageError(`--${flag} ${path}: ${dirname(path)} is not a directory`);
    }
    try {
      accessSync(stat === undefined || stat.isFile() ? dirname(stagingPath(path)!.target) : path, constants.W_OK);
    } catch {
      throw new UsageError(`--${flag} ${path}: not writable`);
    }
  }
  for (const [i, first] of outputs.entries()) {
    for (const second of outputs.slice(i + 1)) {
      const a = pathOf(options, first) as string;
      const b = pathOf(options, second) as string;
      if (a === STDOUT && b === STDOUT)
        throw new UsageError(`--${first} and --${second} both go to the standard output`, 'give one of them a file');
      if (a !== STDOUT && b !== STDOUT && resolve(a) === resolve(b)) {
        throw new UsageError(
          `--${first} and --${second} name the same file (${a}): the ${labelOf(second)} would replace the ${labelOf(first)}`,
          'give each its own file',
        );
      }
    }
  }
}

/** One output to write: the path as the user gave it, its data, and what to say once written. */
export interface Output {
  path: string;
  data: string;
  written: string;
}

/**
 * Writes every output whole or none replaced: each goes to a temporary file beside its target
 * first; paths that are not regular files (a device, a pipe) and `-` are written next, in place;
 * only when all that succeeded are the temporaries renamed over their targets. The temporaries are
 * removed if a write fails and when the CLI ends meanwhile (SIGINT while a large trace is written).
 */
export async function writeOutputs(outputs: readonly Output[], say: (line: string) => void): Promise<void> {
  const staged: { output: Output; target: string; temp: string }[] = [];
  const inPlace: Output[] = [];
  for (const output of outputs) {
    const stage = output.path === STDOUT ? null : stagingPath(output.path);
    if (stage === null) inPlace.push(output);
    else staged.push({ output, ...stage });
  }
  let writing: Output | null = null;
  try {
    for (const { output, temp } of staged) {
      writing = output;
      trackTemporary(temp);
      await writeFile(temp, output.data);
    }
    for (const output of inPlace) {
      writing = output;
      if (output.path === STDOUT) {
        await new Promise<void>((done, fail) => process.stdout.write(output.data, (error) => (error ? fail(error) : done())));
      } else await writeFile(output.path, output.data);
    }
  } catch (error) {
    for (const { temp } of staged) {
      rmSync(temp, { force: true });
      untrackTemporary(temp);
    }
    // The code, not the message: the message names the temporary file, not the user's path.
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(
      `could not write ${writing?.path === STDOUT ? 'the standard output' : writing?.path} (${reason}); no file was replaced`,
    );
  }
  if (staged.some(({ temp }) => !isTracked(temp))) throw new UsageError('stopped while the outputs were written; no file was replaced');
  for (const { temp, target } of staged) {
    renameSync(temp, target);
    untrackTemporary(temp);
  }
  for (const output of outputs) if (output.path !== STDOUT) say(output.written);
}
