import type { RunResult, RuntimeInfo } from '../profiler/RunResult.ts';

/** A run profileScene or profileFrames made, with what measured it: what the suite report collects. */
export interface PublishedRun {
  runtime: RuntimeInfo;
  run: RunResult;
}

/** On globalThis, so that every copy of this module in a test worker finds the one sink the setup file installed. */
const SINK = Symbol.for('alloclab.runSink');
type Sink = (published: PublishedRun) => void;

/** Hands a finished run to the sink the setup file installed (the current test's metadata); nothing outside vitest. */
export function publishRun(published: PublishedRun): void {
  (globalThis as { [SINK]?: Sink })[SINK]?.(published);
}

/** Installs where published runs go (the setup file does, once per test file). */
export function setRunSink(sink: Sink): void {
  (globalThis as { [SINK]?: Sink })[SINK] = sink;
}

/** The key of a test's runs in vitest's task metadata, which reaches the reporter in the main process. */
export const META_KEY = 'alloclabRuns';
