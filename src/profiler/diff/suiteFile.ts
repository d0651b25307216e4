import { RUN_SCHEMA, type RunFile, type RunResult, type RuntimeInfo } from '../RunResult.ts';

/** The JSON schema id of a test suite's report (the vitest reporter's file, or merged parts). */
export const SUITE_SCHEMA = 'alloclab.suite/1';

/** The runs one test made with profileScene or profileFrames. */
export interface SuiteTest {
  /** The test file (relative to the project root), then the describe blocks and the test's name, joined by ' > '. */
  test: string;
  /** The vitest project the test ran in ('' when the config has none). */
  project: string;
  runtime: RuntimeInfo;
  runs: RunResult[];
}

/** A suite's report: every test that measured, with its runs. */
export interface SuiteFile {
  schema: typeof SUITE_SCHEMA;
  createdAt: string;
  /** The vitest shard that wrote this part (`--shard=index/count`); absent for a whole suite. */
  shard?: { index: number; count: number };
  tests: SuiteTest[];
}

/** One run with what matches it across two reports: the test it ran in (suites only), scene, variant, mode, engine. */
export interface KeyedRun {
  key: { test?: string; scene: string; variant: string; mode: string; engine: RuntimeInfo['engine'] };
  run: RunResult;
  runtime: RuntimeInfo;
}

/** The runs of a run file or a suite file, keyed for `diff`. */
export function keyedRuns(file: RunFile | SuiteFile): KeyedRun[] {
  if (file.schema === RUN_SCHEMA) {
    return file.runs.map((run) => ({
      key: { scene: run.scene, variant: run.variant, mode: run.mode, engine: file.runtime.engine },
      run,
      runtime: file.runtime,
    }));
  }
  return file.tests.flatMap((t) => {
    // A test may measure one scene more than once (sizes, options): the second is "scene #2".
    const times = new Map<string, number>();
    return t.runs.map((run) => {
      const id = JSON.stringify([run.scene, run.variant, run.mode]);
      const n = (times.get(id) ?? 0) + 1;
      times.set(id, n);
      return {
        key: {
          test: t.project ? `[${t.project}] ${t.test}` : t.test,
          scene: n === 1 ? run.scene : `${run.scene} #${n}`,
          variant: run.variant,
          mode: run.mode,
          engine: t.runtime.engine,
        },
        run,
        runtime: t.runtime,
      };
    });
  });
}

/** Checks that `data` is a suite file this version reads; throws one line naming what is wrong. */
export function parseSuiteFile(data: unknown, source = 'suite file'): SuiteFile {
  if (typeof data !== 'object' || data === null) throw new Error(`${source}: not a JSON object`);
  const file = data as Partial<SuiteFile>;
  if (file.schema !== SUITE_SCHEMA) throw new Error(`${source}: schema is ${JSON.stringify(file.schema)}, expected "${SUITE_SCHEMA}"`);
  if (!Array.isArray(file.tests)) throw new Error(`${source}: "tests" must be an array`);
  for (const [i, t] of file.tests.entries()) {
    if (typeof t?.test !== 'string' || !Array.isArray(t.runs) || typeof t.runtime?.engine !== 'string') {
      throw new Error(`${source}: tests[${i}] lacks test, runtime or runs`);
    }
    for (const [j, run] of t.runs.entries()) {
      if (typeof run?.scene !== 'string' || typeof run?.variant !== 'string' || typeof run?.bytesPerFrame !== 'object') {
        throw new Error(`${source}: tests[${i}].runs[${j}] lacks scene, variant or bytesPerFrame`);
      }
    }
  }
  return file as SuiteFile;
}

/** How an engine's version reads in a message: V8's in Node, the browser's in Chromium. */
const engineVersion = (runtime: RuntimeInfo): string =>
  runtime.engine === 'node' ? `Node ${runtime.version} (V8 ${runtime.v8})` : `Chromium ${runtime.version}`;

/**
 * Joins the parts of a sharded suite into one report. Refuses a test that two parts both hold, and
 * parts measured by different engine versions (their bytes are not comparable) unless `allowMixed`.
 */
export function mergeSuiteFiles(parts: readonly { file: SuiteFile; source: string }[], allowMixed = false): SuiteFile {
  const tests: SuiteTest[] = [];
  const seen = new Map<string, string>();
  const versions = new Map<string, string>();
  for (const { file, source } of parts) {
    for (const t of file.tests) {
      const id = `${t.project}\u0000${t.test}`;
      const other = seen.get(id);
      if (other !== undefined)
        throw new Error(`${source} and ${other} both hold the test "${t.test}": parts of one suite hold each test once`);
      seen.set(id, source);
      const version = engineVersion(t.runtime);
      const first = versions.get(t.runtime.engine);
      if (first === undefined) versions.set(t.runtime.engine, version);
      else if (first !== version && !allowMixed) {
        throw new Error(`${source} was measured by ${version}, another part by ${first}: bytes of different engines are not comparable`);
      }
      tests.push(t);
    }
  }
  // The unsharded order: by test file, then by name, whatever order the shards ran in.
  tests.sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
  return { schema: SUITE_SCHEMA, createdAt: new Date().toISOString(), tests };
}
