import type { CompareResult } from '../panel/compare-view.ts';
import type { BrowserHost } from './BrowserHost.ts';
import { collectRun, browserRuntime, type CollectedRun } from './collectRun.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import type { WarmupWatch } from '../page/WarmupWatch.ts';
import { stringifyRunFile, toRunFile } from '../profiler/exports/runFile.ts';
import { toChromeTrace } from '../profiler/exports/chromeTrace.ts';

/** The two variants a Compare runs: allocating and optimized when present, else the first two. */
export function compareVariants(variants: readonly string[]): [string, string] | null {
  if (variants.includes('allocating') && variants.includes('optimized')) return ['allocating', 'optimized'];
  return variants.length >= 2 ? [variants[0]!, variants[1]!] : null;
}

/**
 * Runs each variant of the current scene for `frames` frames, each in a fresh world with the same
 * seed after the same warm-up as `window.alloclab.summary` (at least 300 frames, then until 300
 * in a row were quiet), then puts the variant that was running back. Every frame is collected (buffer
 * policy).
 */
export async function runCompare(host: BrowserHost, frames: number, onProgress: (text: string) => void): Promise<CompareResult> {
  const loaded = host.loaded;
  if (loaded === null) throw new Error('Compare: no scene is running');
  const pair = compareVariants(Object.keys(loaded.scene.variants));
  if (pair === null) throw new Error(`Compare: scene "${loaded.scene.name}" has a single variant`);
  const { scene, size, deep, variant: original } = loaded;
  const runs: RunResult[] = [];
  try {
    for (const variant of pair) {
      await host.load(scene, variant, size, deep);
      const run = await collectRun(host, {
        frames,
        onWarmup: (ran, watch) => onProgress(`${variant}: ${warmupStatus(ran, watch, host.quiet.quietRun)}`),
        onProgress: (done, total, windowNumber) =>
          onProgress(`${variant}: ${done}/${total} frames${windowNumber > 1 ? ' (measuring again: V8 disturbed the window before)' : ''}`),
      });
      runs.push(run.result);
    }
  } finally {
    await host.load(scene, original, size, deep);
  }
  return { scene: scene.name, size, frames, runs: [runs[0]!, runs[1]!] };
}

/** "warming up, frame 420: 3 functions not yet optimised" or "..., quiet for 120/300". */
export function warmupStatus(frames: number, watch: WarmupWatch, quietRun: number): string {
  const pending = watch.pendingFunctions;
  const waitingFor =
    frames < watch.rule.warmup
      ? `at least ${watch.rule.warmup}`
      : pending > 0
        ? `${pending} function${pending === 1 ? '' : 's'} not yet optimised`
        : `quiet for ${Math.min(quietRun, watch.rule.quietFrames)}/${watch.rule.quietFrames}`;
  return `warming up, frame ${frames}: ${waitingFor}`;
}

/**
 * Records the next `frames` frames of the running scene, as it runs now (no warm-up, and kept
 * as they came, however disturbed), with
 * per-frame data for downloads. The run's `jitSettled` says whether the scene's warm-up had
 * ended settled before the recording.
 */
export function recordFrames(host: BrowserHost, frames: number, onProgress: (text: string) => void): Promise<CollectedRun> {
  return collectRun(host, {
    frames,
    warmup: 0,
    maxWarmup: 0,
    keepFrames: true,
    remeasure: false,
    onProgress: (done, total) => onProgress(`recording: ${done}/${total} frames`),
  });
}

/** The recording as an `alloclab.run/1` file (the CLI's --json format). */
export function runFileText(run: CollectedRun): string {
  return stringifyRunFile(toRunFile(browserRuntime(run.result.heapMeter.precise), [run.result], { perFrame: true }));
}

/** The recording in the Chrome Trace Event Format (Perfetto, chrome://tracing). */
export function traceText(run: CollectedRun): string {
  return JSON.stringify(toChromeTrace([run]));
}

/** Offers `text` as a file download. */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "orbs-allocating-2026-11-23T11-00-00" */
export function runFileName(run: RunResult, extension: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  return `${run.scene}-${run.variant}-${stamp}.${extension}`;
}
