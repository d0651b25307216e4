import type { FrameCollector } from '../../profiler/FrameCollector.ts';
import { measureFrames, type MeasureFramesOptions, type MeasuringPlatform, type WarmupJudge } from '../../measure/measureFrames.ts';
import type { RunResult } from '../../profiler/RunResult.ts';
import type { FrameTimeline } from '../../profiler/FrameCollector.ts';
import { applyTrace, type PlacedGc } from './applyTrace.ts';
import { measureStampCost } from './stampCost.ts';
import { FRAME_BEGIN_MARK, FRAME_END_MARK } from '../trace/frameTrace.ts';
import type { FrameTracer } from '../trace/cdpTracer.ts';
import type { LabProfiler } from './labProfiler.ts';

/** What the page's surroundings provide: a tracer (when a DevTools session exists) and hooks. */
export interface PageRunHooks {
  /** Traces warm-up chunks and the measured frames; null: GCs told by heap drops, JIT unseen. */
  tracer: FrameTracer | null;
  /** Called after warm-up and the GC before measuring, outside any frame (e.g. start a heap profiler). */
  beforeMeasure?: () => Promise<void>;
  /** Called right after the measured frames, before anything else runs. */
  afterMeasure?: () => Promise<void>;
  /** Frames done and total (warm-up included), between chunks. */
  onProgress?: (done: number, total: number) => void;
}

/** Options of `measureInPage`: those of the shared loop, without progress (the hooks carry it). */
export type PageRunOptions = Omit<MeasureFramesOptions, 'onProgress' | 'siteReferenceBytes'>;

/** A measured run with the raw material exports need (ms since the first measured frame). */
export interface PageRun {
  result: RunResult;
  frames: FrameTimeline;
  /** What a profiler clock stamp allocated after warm-up (see measureStampCost). */
  stampCost: number;
  /** How GCs and JIT installs were told: from a DevTools trace, or from heap drops alone. */
  groundTruth: 'trace' | 'heap-drops';
}

/** Warm-up frames run between two looks at the trace. */
const WARMUP_CHUNK = 500;

/** The traced page's warm-up judge: the code installs a DevTools trace of each chunk shows. */
function traceJudge(tracer: FrameTracer | null): WarmupJudge {
  if (tracer === null) return { name: 'none', sees: false, chunk: WARMUP_CHUNK, quietTail: (n) => n };
  return {
    name: 'trace',
    sees: true,
    chunk: WARMUP_CHUNK,
    beforeChunk: () => tracer.start({ gc: false }),
    async quietTail(n) {
      const seen = await tracer.stop();
      const last = seen.jitFrames[seen.jitFrames.length - 1];
      return last === undefined ? n : n - 1 - last;
    },
  };
}

/**
 * Measures `step` in this page with the shared loop (`measureFrames`), as the Node host's
 * `measureRun` does in a Node process: warm-up until the JIT has installed no code for
 * `quietFrames` frames (seen in the trace, chunk by chunk), then the stamp cost, a collection and
 * the measured frames. GC pauses and JIT installs come from the trace of the measured frames;
 * without a tracer, GCs are told by heap drops and the warm-up is exactly `warmup` frames. Each
 * frame is bracketed by two trace marks, outside it: `console.timeStamp` allocates (22 B seen)
 * until its caller is optimised, so a mark inside the frame could read as the scene's bytes.
 * Throws when the page cannot read exact heap sizes.
 */
export async function measureInPage(lab: LabProfiler, options: PageRunOptions, hooks: PageRunHooks): Promise<PageRun> {
  const { profiler, meter, clock, gcLog, gcDetector, calibration } = lab;
  if (!calibration.precise) throw new Error(calibration.reason);
  const tracer = hooks.tracer;
  let stampCost = 0;
  let trace: Awaited<ReturnType<FrameTracer['stop']>> | null = null;
  let placed: PlacedGc[] = [];
  const platform: MeasuringPlatform = {
    judge: traceJudge(tracer),
    wrapStep(frameStep) {
      // Without a trace, GCs are told from heap drops, checked after each frame (outside it).
      const step = tracer === null ? () => (frameStep(), gcDetector.afterFrame()) : frameStep;
      return () => {
        console.timeStamp(FRAME_BEGIN_MARK);
        step();
        console.timeStamp(FRAME_END_MARK);
      };
    },
    async beforeMeasure() {
      stampCost = measureStampCost(profiler, meter, clock);
      (globalThis as { gc?: () => void }).gc?.();
      gcLog.clear();
      gcDetector.reset();
      await hooks.beforeMeasure?.();
      if (tracer !== null) await tracer.start({ gc: true });
    },
    async afterMeasure() {
      // Before the drain, which allocates (between frames, but a heap profiler would see it).
      await hooks.afterMeasure?.();
      if (tracer !== null) trace = await tracer.stop();
    },
    async afterDrain(collector) {
      // With a trace, pauses come from it, timed; the page's GC detector marked the log untimed.
      if (trace === null) return;
      gcLog.durationsKnown = true;
      placed = applyTrace(collector, gcLog, trace);
    },
    progressWhileMeasuring: false,
    keepPerFrame: true,
    label: () => ({ offHeap: null, estimateEngine: 'chromium' }),
  };
  profiler.start();
  try {
    const onProgress = hooks.onProgress;
    const run = await measureFrames(lab, { ...options, onProgress: onProgress && ((done, total) => onProgress(done, total)) }, platform);
    reportTraceStarts(run.result.gc.events, placed, run.collector);
    return { result: run.result, frames: run.frames, stampCost, groundTruth: trace === null ? 'heap-drops' : 'trace' };
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
