import { FrameCollector } from '../profiler/FrameCollector.ts';
import { buildRunResult, type RunLabel } from '../profiler/buildRunResult.ts';
import type { RunResult, RuntimeInfo } from '../profiler/RunResult.ts';
import type { TraceRun } from '../profiler/exports/chromeTrace.ts';
import type { BrowserHost, FrameListener, LoadedScene } from './BrowserHost.ts';
import { compileNatives } from '../measure/tierWatch.ts';
import { DEFAULT_WARMUP_RULE, WarmupWatch, type WarmupRule } from '../page/WarmupWatch.ts';
import { BRIEF_WARMUP, MAX_MEASUREMENTS, measureAgain } from '../measure/disturbances.ts';

/** Options of `collectRun`. */
export interface CollectRunOptions {
  /** Frames to measure. */
  frames: number;
  /** Frames the current world must have run before measuring starts, at least (default 300). */
  warmup?: number;
  /**
   * After `warmup` (and, with V8's natives, once the frame's functions reached their final tier),
   * warm-up goes on until the last this-many frames were quiet (see QuietWatch; default 300), or
   * until `maxWarmup`. 0 does not wait for quiet frames.
   */
  quietFrames?: number;
  /** Most frames the world runs before measuring anyway (default 1800, and never fewer than `warmup`). */
  maxWarmup?: number;
  /** Called every few warm-up frames with the frames run, and the watch (what it waits for). */
  onWarmup?: (frames: number, watch: WarmupWatch) => void;
  /** Keep per-frame bytes and marker slices (for JSON and trace exports). */
  keepFrames?: boolean;
  /** Called every few frames with frames collected so far, and which window (2: measured again). */
  onProgress?: (done: number, total: number, windowNumber: number) => void;
  /**
   * Measure a second window when the first looks disturbed by V8 (default true); false keeps the
   * frames as they came, as a recording must.
   */
  remeasure?: boolean;
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
 * JSON `runs[i]`. Runs even while the sandbox is paused (it resumes for the duration). A window
 * that looks disturbed by V8 (a few isolated frames over the usual figure, or allocation from
 * mid-window on) is followed by another, up to three, as the CLI and the testing API do
 * (`measureAgain`): the result is the last one's, and its `remeasured` says what the first saw.
 *
 * Warm-up: the host's WarmupWatch (see there for the judges) decides when the world's code is in
 * its steady state; with options that differ from the default rule, a watch of this call's own
 * follows the same frames. `jitSettled` in the result says whether it settled before `maxWarmup`,
 * and `warmupJudge` how it was told. Without precise memory there is nothing to judge: warm-up
 * stops at `warmup` and `jitSettled` is false.
 */
export async function collectRun(host: BrowserHost, options: CollectRunOptions): Promise<CollectedRun> {
  const loaded = host.loaded;
  if (loaded === null) throw new Error('collectRun: no scene is running');
  const frames = atLeast(options.frames, 'frames', 1);
  const rule = {
    warmup: atLeast(options.warmup ?? DEFAULT_WARMUP_RULE.warmup, 'warmup', 0),
    quietFrames: atLeast(options.quietFrames ?? DEFAULT_WARMUP_RULE.quietFrames, 'quietFrames', 0),
    maxWarmup: atLeast(options.maxWarmup ?? DEFAULT_WARMUP_RULE.maxWarmup, 'maxWarmup', 0),
  };
  const { meter } = host.profiled;
  const wasPaused = host.paused;
  host.paused = false;
  // Options of this call's own: a watch that follows the same frames by the given rule.
  let watch = host.warmup;
  let listener: FrameListener | null = null;
  // maxWarmup 0 measures now: the run says what the host's own watch had judged by then.
  if (rule.maxWarmup > 0 && !sameRule(rule, host.warmup.rule)) {
    const own = new WarmupWatch(rule, host.natives, meter.precise);
    own.reset(() => host.frameFunctions(), host.framesSinceLoad);
    listener = { onFrame: () => own.afterFrame(host.quiet.quietRun) };
    host.addFrameListener(listener);
    watch = own;
  }
  try {
    while (!watch.ended && rule.maxWarmup > 0) {
      await host.waitFrames(1);
      checkSameScene(host, loaded, options.signal);
      if (host.framesSinceLoad % 10 === 0) options.onWarmup?.(host.framesSinceLoad, watch);
    }
    const jitSettled = watch.settled;
    // As the CLI and the testing API do: a window whose only bytes are a few isolated frames, or an
    // onset mid-run, looks like V8's own work, and the next window of the running world is measured.
    let windows = 0;
    return await measureAgain(
      async (briefWarmup) => {
        // After a disturbed window, as in Node: a few frames first after a one-off (the first
        // frame after a window's summary held one too: seen, 688 B in throttle optimized), the
        // page's whole minimum warm-up after an onset (V8 takes a while to optimise again).
        if (windows > 0) {
          await host.waitFrames(briefWarmup ? BRIEF_WARMUP : rule.warmup);
          checkSameScene(host, loaded, options.signal);
        }
        return measureWindow(host, loaded, frames, options, ++windows, {
          scene: loaded.scene.name,
          variant: loaded.variant,
          mode: 'production',
          size: loaded.size,
          jitSettled,
          warmupJudge: watch.judge,
          offHeap: null,
        });
      },
      { maxMeasurements: options.remeasure === false ? 1 : MAX_MEASUREMENTS },
    );
  } finally {
    host.paused = wasPaused;
    if (listener !== null) host.removeFrameListener(listener);
  }
}

/** The run's description, less what the window itself counts. */
type WindowMeta = Omit<RunLabel, 'refusedMarkerEvents' | 'warmup'>;

/** Measures the next `frames` frames of the running world (see `collectRun`). */
async function measureWindow(
  host: BrowserHost,
  loaded: LoadedScene,
  frames: number,
  options: CollectRunOptions,
  windowNumber: number,
  meta: WindowMeta,
): Promise<CollectedRun> {
  const { profiler, clock, meter, gcLog } = host.profiled;
  const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: options.keepFrames });
  const refusedBefore = profiler.recorder.eventsRefused;
  // The frames the world ran before this window: its warm-up, and a first window measured again.
  const warmup = host.framesSinceLoad;
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
          options.onProgress?.(Math.min(seen, frames), frames, windowNumber);
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
    { ...meta, warmup, refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore },
    { keepPerFrame: true },
  );
  const bytes = result.perFrameBytes ?? collector.bytes;
  if (!meter.precise) withoutBytes(result);
  const timeline = collector.timeline(bytes);
  if (!options.keepFrames) delete result.perFrameBytes;
  return { result, frames: timeline };
}

function sameRule(a: WarmupRule, b: WarmupRule): boolean {
  return a.warmup === b.warmup && a.quietFrames === b.quietFrames && a.maxWarmup === b.maxWarmup;
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
 * the flags it can tell were given: precise memory (the heap meter's self-test passed),
 * `--expose-gc` (a global `gc` exists) and natives syntax (V8 compiles it).
 */
export function browserRuntime(precise: boolean): RuntimeInfo {
  const match = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  const flags: string[] = [];
  if (precise) flags.push('--enable-precise-memory-info');
  if (typeof (globalThis as { gc?: unknown }).gc === 'function') flags.push('--js-flags=--expose-gc');
  if (compileNatives() !== null) flags.push('--js-flags=--allow-natives-syntax');
  return { engine: 'chromium', version: match?.[1] ?? navigator.userAgent, v8: '', flags };
}
