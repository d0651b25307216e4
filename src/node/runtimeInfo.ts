import type { RuntimeInfo } from '../profiler/RunResult.ts';

/** This Node process as a run's runtime: Node's and V8's versions, and the V8 flags it was started with. */
export function nodeRuntime(): RuntimeInfo {
  return { engine: 'node', version: process.version, v8: process.versions.v8, flags: process.execArgv.filter((f) => f.startsWith('--')) };
}
