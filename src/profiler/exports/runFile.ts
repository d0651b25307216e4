import { RUN_SCHEMA, type RunFailure, type RunFile, type RunResult, type RuntimeInfo } from '../RunResult.ts';

/**
 * Builds the `alloclab.run/1` document. Per-frame arrays are kept only when asked for, as they
 * dominate the file's size; NaN figures (frames a GC or the JIT disturbed) become null in JSON.
 */
export function toRunFile(runtime: RuntimeInfo, runs: RunResult[], options: { perFrame?: boolean; failure?: RunFailure } = {}): RunFile {
  return {
    schema: RUN_SCHEMA,
    createdAt: new Date().toISOString(),
    runtime,
    ...(options.failure ? { failure: options.failure } : {}),
    runs: runs.map((run) => {
      if (options.perFrame || run.perFrameBytes === undefined) return run;
      const { perFrameBytes: _omit, ...rest } = run;
      return rest;
    }),
  };
}

/** Serialises a run file with stable two-space indentation. */
export function stringifyRunFile(file: RunFile): string {
  return toJsonText(file);
}

/** Any report as JSON text, two-space indented, with NaN and infinite figures as null. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/**
 * Checks that `data` is a run file this version reads, and returns it typed. Throws a one-line
 * error naming what is wrong otherwise.
 */
export function parseRunFile(data: unknown, source = 'run file'): RunFile {
  if (typeof data !== 'object' || data === null) throw new Error(`${source}: not a JSON object`);
  const file = data as Partial<RunFile>;
  if (file.schema !== RUN_SCHEMA) {
    throw new Error(`${source}: schema is ${JSON.stringify(file.schema)}, expected "${RUN_SCHEMA}"`);
  }
  if (!Array.isArray(file.runs)) throw new Error(`${source}: "runs" must be an array`);
  for (const [i, run] of file.runs.entries()) {
    if (typeof run?.scene !== 'string' || typeof run?.variant !== 'string' || typeof run?.bytesPerFrame !== 'object') {
      throw new Error(`${source}: runs[${i}] lacks scene, variant or bytesPerFrame`);
    }
  }
  return file as RunFile;
}
