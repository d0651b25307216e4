import { FrameCollector } from '../profiler/FrameCollector.ts';
import { buildRunResult } from '../profiler/buildRunResult.ts';
import type { RunResult, RuntimeInfo } from '../profiler/RunResult.ts';
import type { TraceRun } from '../profiler/exports/chromeTrace.ts';
import type { BrowserHost, FrameListener } from './BrowserHost.ts';

/**
 * Frames the current world runs at least before measuring (default of `warmup`). In a fresh page
 * every scene measured had its figures change once more near frame 500 (most likely the functions
 * that run once per frame being optimised), after quiet stretches of up to ~300 frames: so at
 * least 300, then 300 quiet.
 */
export const DEFAULT_WARMUP = 300;
/** Consecutive quiet frames that end the warm-up (default of `quietFrames`). */
export const DEFAULT_QUIET_FRAMES = 300;
/** Warm-up frames at most, by default (30 s at 60 fps): a scene that never goes quiet is measured anyway. */
export const DEFAULT_MAX_WARMUP = 1800;

/** Options of `collectRun`. */
export interface CollectRunOptions {
  /** Frames to measure. */
  frames: number;
  /** Frames the current world must have run before measuring starts, at least (default 300). */
  warmup?: number;
  /**
   * After `warmup`, warm-up goes on until the last this-many frames were quiet (see QuietWatch;
   * default 300), or until `maxWarmup`. 0 measures right after `warmup`.
   */
  quietFrames?: number;
  /** Most frames the world runs before measuring anyway (default 1800, and never fewer than `warmup`). */
  maxWarmup?: number;
  /** Called every few warm-up frames with the frames run and the current quiet run. */
  onWarmup?: (frames: number, quietRun: number, quietFrames: number) => void;
  /** Keep per-frame bytes and marker slices (for JSON and trace exports). */
  keepFrames?: boolean;
  /** Called every few frames with frames collected so far. */
  onProgress?: (done: number, total: number) => void;
  /** Stops early (rejects) when aborted, e.g. by a scene change. */
  signal?: AbortSignal;
}

/** A collected run with the raw material exports need (ms since the first measured frame). */
export interface CollectedRun extends TraceRun {}

const DRAIN_EVERY = 60;

/**
 * Measures the next `frames` frames of the running world, every one of them (buffer policy: a
 * `FrameCollector` drained every 60 frames, any frame lost to ring overflow counted in
 * `droppedFrames`), and summarises them with `buildRunResult`: the same run object as the CLI's
 * JSON `runs[i]`. Runs even while the sandbox is paused (it resumes for the duration).
 *
 * Warm-up, as in the Node host: the world runs at least `warmup` frames, then until the last
 * `quietFrames` frames, all after the first `warmup`, were quiet (the host's QuietWatch), at
 * most `maxWarmup`. `jitSettled` in the result says whether it went quiet. The Node host reads
 * V8's code spaces and may count quiet frames from the start; a page infers the JIT from byte
 * figures, a weaker signal, so its quiet frames must follow the minimum. Without precise memory
 * there is nothing to judge: warm-up stops at `warmup` and `jitSettled` is false.
 */
export async function collectRun(host: BrowserHost, options: CollectRunOptions): Promise<CollectedRun> {
  const loaded = host.loaded;
  if (loaded === null) throw new Error('collectRun: no scene is running');
  const frames = atLeast(options.frames, 'frames', 1);
  const warmup = atLeast(options.warmup ?? DEFAULT_WARMUP, 'warmup', 0);
  const quietFrames = atLeast(options.quietFrames ?? DEFAULT_QUIET_FRAMES, 'quietFrames', 0);
  const maxWarmup = Math.max(warmup, atLeast(options.maxWarmup ?? DEFAULT_MAX_WARMUP, 'maxWarmup', 0));
  const { profiler, clock, meter, gcLog } = host.profiled;
  const wasPaused = host.paused;
  host.paused = false;
  try {
    if (host.framesSinceLoad < warmup) await host.waitFrames(warmup - host.framesSinceLoad);
    checkSameScene(host, loaded, options.signal);
    const judging = quietFrames > 0 && meter.precise;
    // The quiet frames must come after the minimum: a page's first few hundred frames can be quiet
    // and still be followed by an optimisation that changes what a frame allocates.
    const settled = () => host.quiet.quietRun >= quietFrames && host.framesSinceLoad >= warmup + quietFrames;
    while (judging && !settled() && host.framesSinceLoad < maxWarmup) {
      await host.waitFrames(1);
      checkSameScene(host, loaded, options.signal);
      if (host.framesSinceLoad % 10 === 0) options.onWarmup?.(host.framesSinceLoad, host.quiet.quietRun, quietFrames);
    }
    const jitSettled = quietFrames === 0 || (judging && settled());
    const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: options.keepFrames });
    const refusedBefore = profiler.recorder.eventsRefused;
    const warmupDone = host.framesSinceLoad;
    await new Promise<void>((resolve, reject) => {
      let seen = 0;
      const listener: FrameListener = {
        onFrame() {
          seen++;
          if (host.loaded !== loaded || options.signal?.aborted) {
            host.removeFrameListener(listener);
            reject(new Error('collectRun: the scene changed or the run was cancelled before it finished'));
            return;
          }
          if (seen % DRAIN_EVERY === 0 || seen >= frames) {
            collector.drain();
            options.onProgress?.(Math.min(seen, frames), frames);
          }
          if (seen >= frames) {
            host.removeFrameListener(listener);
            resolve();
          }
        },
      };
      host.addFrameListener(listener);
    });
    const result = buildRunResult(
      collector,
      gcLog,
      meter,
      {
        scene: loaded.scene.name,
        variant: loaded.variant,
        mode: 'production',
        size: loaded.size,
        warmup: warmupDone,
        jitSettled,
        refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
        offHeap: null,
      },
      { keepPerFrame: options.keepFrames },
    );
    if (!meter.precise) withoutBytes(result);
    return {
      result,
      frames: collector.timeline(result.perFrameBytes ?? collector.bytes),
    };
  } finally {
    host.paused = wasPaused;
  }
}

/**
 * Without precise memory every delta reads 0: blank the byte figures (NaN, null in JSON) rather
 * than report a clean run that was never measured. `heapMeter.precise` is false as well.
 */
function withoutBytes(result: RunResult): void {
  const none = Number.NaN;
  result.bytesPerFrame = { mean: none, median: none, p95: none, max: none, min: none };
  result.totalBytes = none;
  for (const marker of result.markers) {
    marker.bytesPerFrame = none;
    marker.selfBytesPerFrame = none;
  }
  for (const frame of result.worstFrames) frame.bytes = none;
  if (result.perFrameBytes !== undefined) result.perFrameBytes.fill(none);
}

/** `value` as an integer >= `min`, or a one-line error naming the option. */
function atLeast(value: number, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`collectRun: ${name} must be a number >= ${min}, got ${String(value)}`);
  }
  return Math.floor(value);
}

function checkSameScene(host: BrowserHost, loaded: unknown, signal: AbortSignal | undefined): void {
  if (host.loaded !== loaded || signal?.aborted)
    throw new Error('collectRun: the scene changed or the run was cancelled before it started');
}

/**
 * The runtime block of a run file written in this browser. A page cannot read V8's version (`v8`
 * stays empty: the browser version implies it) or the browser's command line, so `flags` lists
 * the flags it can tell were given: precise memory (the heap meter's self-test passed) and
 * `--expose-gc` (a global `gc` exists).
 */
export function browserRuntime(precise: boolean): RuntimeInfo {
  const match = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  const flags: string[] = [];
  if (precise) flags.push('--enable-precise-memory-info');
  if (typeof (globalThis as { gc?: unknown }).gc === 'function') flags.push('--js-flags=--expose-gc');
  return { engine: 'chromium', version: match?.[1] ?? navigator.userAgent, v8: '', flags };
}
