import { FrameCollector } from '../../profiler/FrameCollector.ts';
import { buildRunResult } from '../../profiler/buildRunResult.ts';
import type { RunResult, RuntimeInfo } from '../../profiler/RunResult.ts';
import type { TraceRun } from '../../profiler/exports/chromeTrace.ts';
import type { BrowserHost, FrameListener } from './BrowserHost.ts';

/** Options of `collectRun`. */
export interface CollectRunOptions {
  /** Frames to measure. */
  frames: number;
  /** Frames the current world must have run before measuring starts (default 60). */
  warmup?: number;
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
 */
export async function collectRun(host: BrowserHost, options: CollectRunOptions): Promise<CollectedRun> {
  const loaded = host.loaded;
  if (loaded === null) throw new Error('collectRun: no scene is running');
  const frames = Math.max(1, Math.floor(options.frames));
  const warmup = Math.max(0, Math.floor(options.warmup ?? 60));
  const wasPaused = host.paused;
  host.paused = false;
  try {
    if (host.framesSinceLoad < warmup) await host.waitFrames(warmup - host.framesSinceLoad);
    checkSameScene(host, loaded, options.signal);
    const { profiler, clock, meter, gcLog } = host.profiled;
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
        jitSettled: false,
        refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
        offHeap: null,
      },
      { keepPerFrame: options.keepFrames },
    );
    if (!meter.precise) withoutBytes(result);
    const origin = collector.startMs[0] ?? 0;
    return {
      result,
      frames: {
        startMs: collector.startMs.map((ms) => ms - origin),
        endMs: collector.endMs.map((ms) => ms - origin),
        bytes: result.perFrameBytes ?? collector.bytes,
        slices: collector.slices.map((frame) => frame.map((s) => ({ ...s, startMs: s.startMs - origin, endMs: s.endMs - origin }))),
      },
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

function checkSameScene(host: BrowserHost, loaded: unknown, signal: AbortSignal | undefined): void {
  if (host.loaded !== loaded || signal?.aborted) throw new Error('collectRun: the scene changed or the run was cancelled before it started');
}

/** The runtime block of a run file written in this browser. */
export function browserRuntime(): RuntimeInfo {
  const match = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  return { engine: 'chromium', version: match?.[1] ?? navigator.userAgent, v8: '', flags: [] };
}
