import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { DEFAULT_TOLERANCE, diffRunFiles, type Tolerance } from '../profiler/diff/diffRuns.ts';
import { parseRunFile, toJsonText } from '../profiler/exports/runFile.ts';
import { parseSuiteFile, SUITE_SCHEMA, type SuiteFile } from '../profiler/diff/suiteFile.ts';
import type { RunFile } from '../profiler/RunResult.ts';
import { formatDiff, formatDiffMarkdown } from './format/formatDiff.ts';
import { checkOutputs, writeOutputs, writesToStdout, type Output } from './outputs.ts';
import { UsageError } from './UsageError.ts';

/** The JSON schema id of `alloclab diff --json`. */
export const DIFF_SCHEMA = 'alloclab.diff/1';

interface DiffOptions {
  tolerance: Tolerance;
  markdown?: string;
  json?: string;
}

const OUTPUT_FLAGS = ['markdown', 'json'] as const;

/**
 * `--tolerance`: bytes (`16`, `16B`), a percentage of the base's mean (`2%`), or both (`16B,2%`:
 * a change must exceed both). A part left out is 0.
 */
export function parseTolerance(value: string): Tolerance {
  const tolerance: Tolerance = { bytes: 0, fraction: 0 };
  const parts = value.split(',').map((p) => p.trim());
  for (const part of parts) {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(part);
    const bytes = /^(\d+)\s*B?$/i.exec(part);
    if (percent) tolerance.fraction = Number(percent[1]) / 100;
    else if (bytes) tolerance.bytes = Number(bytes[1]);
    else throw new InvalidArgumentError(`--tolerance must be bytes (16B), a percentage (2%) or both (16B,2%), got "${value}"`);
  }
  return tolerance;
}

/**
 * Reads a run file or a suite file (for `diff`, or `merge` as `command`), or a one-line UsageError
 * naming the file and what is wrong.
 */
export function readReport(path: string, role: string, command = 'diff'): RunFile | SuiteFile {
  const fail = (message: string, hint?: string) => new UsageError(`${command}: ${message}`, hint);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error))}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw fail(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const reads = `${command} reads the JSON that run, compare and page write with --json, and the test reporter's report`;
  if ((data as { schema?: unknown } | null)?.schema === SUITE_SCHEMA) {
    let suite: SuiteFile;
    try {
      suite = parseSuiteFile(data, path);
    } catch (error) {
      throw fail(error instanceof Error ? error.message : String(error), reads);
    }
    if (suite.tests.length === 0) throw fail(`${path} (the ${role}) holds no tests that measured`);
    return suite;
  }
  let file: RunFile;
  try {
    file = parseRunFile(data, path);
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error), reads);
  }
  if (file.failure) {
    const f = file.failure;
    throw fail(
      `${path} (the ${role}) records a failed run: ${f.scene} (${f.variant}) failed in ${f.phase}: ${f.message}`,
      'a run that failed measured only part of its frames: measure it again before comparing',
    );
  }
  if (file.runs.length === 0) throw fail(`${path} (the ${role}) holds no runs`);
  return file;
}

/** `alloclab diff <base.json> <head.json>`: which runs allocate more, or less, than in the base. */
export function addDiffCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('diff')
    .description('compare two JSON files of runs (e.g. main and a pull request): a verdict per run, exit 1 on a regression')
    .argument('<base>', 'the JSON to compare against (written by run, compare or page with --json)')
    .argument('<head>', 'the JSON of the change')
    .option(
      '--tolerance <bytes,percent>',
      "a byte change counts above this many bytes per frame and this share of the base's mean",
      parseTolerance,
      DEFAULT_TOLERANCE,
    )
    .option('--markdown <file>', 'write the report as Markdown (a pull request comment, a CI step summary); - for stdout')
    .option('--json <file>', `write the report as JSON (schema ${DIFF_SCHEMA}); - for stdout`)
    .addHelpText(
      'after',
      '\nRuns are matched by scene (or URL), variant, mode and engine. Bytes are exact when every measured frame of both runs\nread one figure; when frames vary, a change counts only outside the 95% interval of the difference (batch means).\nExit codes: 0 no regression, 1 a regression, 2 usage or a bad file.',
    )
    .action(async (basePath: string, headPath: string, options: DiffOptions) => {
      checkOutputs(options, OUTPUT_FLAGS);
      const base = readReport(basePath, 'base');
      const head = readReport(headPath, 'head');
      let report;
      try {
        report = diffRunFiles(base, head, options.tolerance);
      } catch (error) {
        throw new UsageError(`diff: ${error instanceof Error ? error.message : String(error)}`);
      }
      const say = writesToStdout(options, OUTPUT_FLAGS) ? (line: string) => console.error(line) : (line: string) => console.log(line);
      say(formatDiff(report));
      const outputs: Output[] = [];
      if (options.markdown !== undefined) {
        outputs.push({ path: options.markdown, data: formatDiffMarkdown(report), written: `Markdown written to ${options.markdown}` });
      }
      if (options.json !== undefined) {
        const data = toJsonText({ schema: DIFF_SCHEMA, ...report });
        outputs.push({ path: options.json, data, written: `JSON written to ${options.json}` });
      }
      await writeOutputs(outputs, say);
      setExitCode(report.counts.regression > 0 ? 1 : 0);
    });
}
