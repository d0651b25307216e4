import { FrameCollector } from '../../profiler/FrameCollector.ts';
import { buildRunResult } from '../../profiler/buildRunResult.ts';
import type { RunResult } from '../../profiler/RunResult.ts';
import type { FrameTimeline } from '../../profiler/FrameCollector.ts';
import { applyTrace, type PlacedGc } from './applyTrace.ts';
import { measureStampCost } from './stampCost.ts';
import { FRAME_BEGIN_MARK, FRAME_END_MARK } from '../trace/frameTrace.ts';
import type { FrameTracer } from '../trace/cdpTracer.ts';
import type { LabProfiler } from './labProfiler.ts';

/** What the page's surroundings provide: a tracer (when a DevTools session exists) and hooks. */
export interface LabHooks {
  /** Traces warm-up chunks and the measured frames; null: GCs told by heap drops, JIT unseen. */
  tracer: FrameTracer | null;
  /** Called after warm-up and the GC before measuring, outside any frame (e.g. start a heap profiler). */
  beforeMeasure?: () => Promise<void>;
  /** Called right after the measured frames, before anything else runs. */
  afterMeasure?: () => Promise<void>;
  /** Frames done and total (warm-up included), between chunks. */
  onProgress?: (done: number, total: number) => void;
}

/** Options of `measureLabRun`. */
export interface LabRunOptions {
  scene: string;
  variant: string;
  size: number | null;
  mode: RunResult['mode'];
  frames: number;
  /** Frames to run first, at least; then until the JIT is quiet (with a tracer). */
  warmup: number;
  /** Consecutive frames without a JIT code install that end the warm-up (default 1,000; 0: exactly `warmup`). */
  quietFrames?: number;
  /** Most warm-up frames before measuring anyway (default max(20 x warmup, 20,000)). */
  maxWarmup?: number;
  keepSlices?: boolean;
  /** Runs one frame (a World given the profiler begins and ends it). */
  step: () => void;
}

/** A measured run with the raw material exports need (ms since the first measured frame). */
export interface LabRun {
  result: RunResult;
  frames: FrameTimeline;
  /** What a profiler clock stamp allocated after warm-up (see measureStampCost). */
  stampCost: number;
  /** How GCs and JIT installs were told: from a DevTools trace, or from heap drops alone. */
  groundTruth: 'trace' | 'heap-drops';
}

/** Warm-up frames run between two looks at the trace. */
const WARMUP_CHUNK = 500;

/**
 * The only loop that runs frames, in warm-up and measurement alike (so it is optimised before
 * the measured frames and no fresh loop is compiled among them). Each frame is bracketed by two
 * trace marks, outside it: `console.timeStamp` allocates (22 B seen) until its caller is
 * optimised, so a mark inside the frame could read as the scene's bytes.
 */
function runFrames(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) {
    console.timeStamp(FRAME_BEGIN_MARK);
    step();
    console.timeStamp(FRAME_END_MARK);
  }
}

/**
 * Measures `step` in this page, as the Node host's `measureRun` does in a Node process: warms up
 * until the JIT has installed no code for `quietFrames` frames (seen in the trace, chunk by
 * chunk), measures what the profiler's stamps allocate now, collects garbage, then measures
 * `frames` frames with nothing else running, and summarises them with `buildRunResult`. GC pauses
 * and JIT installs come from the trace of the measured frames; without a tracer, GCs are told by
 * heap drops and the warm-up is exactly `warmup` frames. Throws when the page cannot read exact
 * heap sizes.
 */
export async function measureLabRun(lab: LabProfiler, options: LabRunOptions, hooks: LabHooks): Promise<LabRun> {
  const { profiler, meter, clock, gcLog, gcDetector, calibration } = lab;
  if (!calibration.precise) throw new Error(calibration.reason);
  const tracer = hooks.tracer;
  const frameStep = options.step;
  // Without a trace, GCs are told from heap drops, checked after each frame (outside it).
  const step = tracer === null ? () => (frameStep(), gcDetector.afterFrame()) : frameStep;
  profiler.start();
  try {
    const quiet = tracer === null ? 0 : (options.quietFrames ?? 1000);
    const maxWarmup = options.maxWarmup ?? Math.max(options.warmup * 20, 20_000);
    const total = options.warmup + options.frames;
    let warm = 0;
    let quietRun = 0;
    while (warm < options.warmup || (quiet > 0 && quietRun < quiet && warm < maxWarmup)) {
      const n = warm < options.warmup ? Math.min(WARMUP_CHUNK, options.warmup - warm) : WARMUP_CHUNK;
      if (tracer !== null) await tracer.start({ gc: false });
      runFrames(step, n);
      warm += n;
      if (tracer !== null) {
        const seen = await tracer.stop();
        const last = seen.jitFrames[seen.jitFrames.length - 1];
        quietRun = last === undefined ? quietRun + n : n - 1 - last;
      }
      hooks.onProgress?.(Math.min(warm, options.warmup), total);
    }
    const jitSettled = quiet > 0 && quietRun >= quiet;
    const stampCost = measureStampCost(profiler, meter, clock);

    (globalThis as { gc?: () => void }).gc?.();
    gcLog.clear();
    gcDetector.reset();
    await hooks.beforeMeasure?.();
    if (tracer !== null) await tracer.start({ gc: true });
    const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: options.keepSlices });
    const refusedBefore = profiler.recorder.eventsRefused;
    const capacity = profiler.recorder.frameCapacity;
    // Nothing but frames runs while measuring; the ring is drained only when it must be.
    let undrained = 0;
    for (let done = 0; done < options.frames; ) {
      const n = Math.min(capacity, options.frames - done);
      if (undrained + n > capacity) {
        collector.drain();
        undrained = 0;
      }
      runFrames(step, n);
      done += n;
      undrained += n;
    }
    // Before the drain, which allocates (between frames, but a heap profiler would see it).
    await hooks.afterMeasure?.();
    const trace = tracer === null ? null : await tracer.stop();
    collector.drain();
    hooks.onProgress?.(total, total);
    // With a trace, pauses come from it, timed; the page's GC detector marked the log untimed.
    if (trace !== null) gcLog.durationsKnown = true;
    const placed = trace === null ? [] : applyTrace(collector, gcLog, trace);

    const result = buildRunResult(
      collector,
      gcLog,
      meter,
      {
        scene: options.scene,
        variant: options.variant,
        mode: options.mode,
        size: options.size,
        warmup: warm,
        jitSettled,
        refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
        offHeap: null,
        estimateEngine: 'chromium',
      },
      { keepPerFrame: true },
    );
    reportTraceStarts(result.gc.events, placed, collector);
    return {
      result,
      frames: collector.timeline(result.perFrameBytes ?? collector.bytes),
      stampCost,
      groundTruth: trace === null ? 'heap-drops' : 'trace',
    };
  } finally {
    profiler.stop();
  }
}

/**
 * GC start times from the trace (microsecond clock) instead of where the pauses were placed on
 * the page clock to find their frames. The run keeps, in order, the placed pauses that fell in
 * [first frame start, last frame end), the window `buildRunResult` reads.
 */
function reportTraceStarts(events: RunResult['gc']['events'], placed: readonly PlacedGc[], collector: FrameCollector): void {
  if (collector.frames === 0) return;
  const first = collector.startMs[0]!;
  const last = collector.endMs[collector.frames - 1]!;
  const kept = placed.filter((p) => p.pageMs >= first && p.pageMs < last);
  if (kept.length !== events.length) return;
  for (let i = 0; i < kept.length; i++) events[i]!.atMs = kept[i]!.traceMs;
}
