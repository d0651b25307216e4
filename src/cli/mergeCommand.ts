import type { Command } from 'commander';
import { expandGlobArgs } from './globArgs.ts';
import { mergeSuiteFiles, SUITE_SCHEMA, type SuiteFile } from '../profiler/diff/suiteFile.ts';
import { readReport } from './diffCommand.ts';
import { toJsonText } from '../profiler/exports/runFile.ts';
import { checkOutputs, writeOutputs, writesToStdout } from './outputs.ts';
import { UsageError } from './UsageError.ts';

interface MergeOptions {
  output: string;
  allowMixed: boolean;
}

/** The part files named, quoted globs expanded (in order, each once). */
function partPaths(args: readonly string[]): string[] {
  return [...new Set(expandGlobArgs(args, 'file'))];
}

/** `alloclab merge <parts...> -o report.json`: one suite report from the parts a sharded vitest run wrote. */
export function addMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('join the reports of a sharded test suite (vitest --shard) into one, for diff')
    .argument('<parts...>', "the reporter's part files (or a glob of them)")
    .requiredOption('-o, --output <file>', 'the merged report (- for stdout)')
    .option('--allow-mixed', 'join parts measured by different Node, V8 or Chromium versions (their bytes may differ)', false)
    .action(async (args: string[], options: MergeOptions) => {
      checkOutputs(options, ['output']);
      const parts: { file: SuiteFile; source: string }[] = [];
      for (const path of partPaths(args)) {
        const file = readReport(path, 'part', 'merge');
        if (file.schema !== SUITE_SCHEMA)
          throw new UsageError(`merge: ${path} is a run file, not a test suite's report: merge joins the reporter's parts`);
        parts.push({ file, source: path });
      }
      const counts = parts.map((p) => p.file.shard?.count).filter((c) => c !== undefined);
      if (new Set(counts).size > 1)
        throw new UsageError(`merge: the parts come from runs with different shard counts (${[...new Set(counts)].join(', ')})`);
      const shards = new Set(parts.map((p) => p.file.shard?.index).filter((i) => i !== undefined));
      let merged: SuiteFile;
      try {
        merged = mergeSuiteFiles(parts, options.allowMixed);
      } catch (error) {
        throw new UsageError(
          `merge: ${error instanceof Error ? error.message : String(error)}`,
          'with --allow-mixed parts of different engine versions are joined anyway',
        );
      }
      const say = writesToStdout(options, ['output']) ? (line: string) => console.error(line) : (line: string) => console.log(line);
      const expected = counts[0];
      if (expected !== undefined && shards.size < expected)
        say(`Note: ${shards.size} of ${expected} shards given; the report holds only their tests.`);
      const runs = merged.tests.reduce((n, t) => n + t.runs.length, 0);
      await writeOutputs(
        [
          {
            path: options.output,
            data: toJsonText(merged),
            written: `${merged.tests.length} tests, ${runs} runs from ${parts.length} part(s) written to ${options.output}`,
          },
        ],
        say,
      );
    });
}
