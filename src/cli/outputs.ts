import { resolve } from 'node:path';
import { UsageError } from './UsageError.ts';

/**
 * Refuses, before anything is measured, output options that would lose what is recorded: a JSON
 * file and a Chrome trace written to one path (the second would replace the first).
 */
export function checkOutputs(options: { json?: string; trace?: string }): void {
  if (options.json !== undefined && options.trace !== undefined && resolve(options.json) === resolve(options.trace)) {
    throw new UsageError(
      `--json and --trace name the same file (${options.json}): the trace would replace the JSON`,
      'give each its own file',
    );
  }
}
