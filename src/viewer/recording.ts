import { SUITE_SCHEMA, parseSuiteFile } from '../profiler/diff/suiteFile.ts';
import { parseRunFile } from '../profiler/exports/runFile.ts';
import { RUN_SCHEMA, type RunFile, type RunResult, type RuntimeInfo } from '../profiler/RunResult.ts';

/** One run of a recording, as the viewer shows it in a tab. */
export interface ViewedRun {
  /** The tab's title: the test (in a suite's report), then scene (or URL), variant and mode. */
  label: string;
  run: RunResult;
  runtime: RuntimeInfo;
}

/** What the viewer shows of a file: its runs, and the failure it records, if any. */
export interface Recording {
  kind: 'run file' | 'suite report';
  createdAt: string;
  runs: ViewedRun[];
  failure: RunFile['failure'] | null;
}

/**
 * Reads a recording for the viewer: a run file (`alloclab run`, `compare`, `page` with --json,
 * the sandbox's Record → JSON) or a test suite's report (the vitest reporter, `alloclab merge`).
 * Throws one line that says what the file is when it is not one of them (a Chrome trace, a diff
 * report, another tool's JSON), or what is wrong with it.
 */
export function readRecording(data: unknown, source = 'the file'): Recording {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${source} is not an AllocLab recording: not a JSON object`);
  }
  const schema = (data as { schema?: unknown }).schema;
  if (schema === RUN_SCHEMA) {
    const file = parseRunFile(data, source);
    const runs = file.runs.map((run) => ({ label: runLabel(run), run, runtime: file.runtime }));
    if (runs.length === 0 && !file.failure) throw new Error(`${source} holds no runs`);
    return { kind: 'run file', createdAt: file.createdAt, runs, failure: file.failure ?? null };
  }
  if (schema === SUITE_SCHEMA) {
    const suite = parseSuiteFile(data, source);
    const runs = suite.tests.flatMap((t) => t.runs.map((run) => ({ label: `${t.test}: ${runLabel(run)}`, run, runtime: t.runtime })));
    if (runs.length === 0) throw new Error(`${source} holds no tests that measured`);
    return { kind: 'suite report', createdAt: suite.createdAt, runs, failure: null };
  }
  if (Array.isArray((data as { traceEvents?: unknown }).traceEvents)) {
    throw new Error(`${source} is a Chrome trace (--trace): open it in Perfetto or chrome://tracing; the viewer reads the --json file`);
  }
  if (typeof schema === 'string' && schema.startsWith('alloclab.')) {
    throw new Error(`${source} is an AllocLab ${schema} file, not a recording: the viewer reads ${RUN_SCHEMA} and ${SUITE_SCHEMA}`);
  }
  throw new Error(
    `${source} is not an AllocLab recording (schema ${JSON.stringify(schema ?? null)}): the viewer reads the JSON that run, compare, page and the sandbox write, and the test reporter's`,
  );
}

/** `readRecording` of a file's text: one line too when the text is not JSON. */
export function readRecordingText(text: string, source: string): Recording {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return readRecording(data, source);
}

function runLabel(run: RunResult): string {
  return `${run.scene} \u00b7 ${run.variant}${run.size === null ? '' : ` (${run.size})`} \u00b7 ${run.mode}`;
}
