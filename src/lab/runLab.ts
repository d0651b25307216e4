import { World } from '../engine/World.ts';
import type { SceneDefinition } from '../engine/Scene.ts';
import { ManualClock } from '../hosts/node/ManualClock.ts';
import { BrowserHeapMeter } from '../hosts/browser/BrowserHeapMeter.ts';
import { BrowserGcDetector } from '../hosts/browser/BrowserGcDetector.ts';
import { Profiler } from '../profiler/Profiler.ts';
import { GcLog } from '../profiler/GcLog.ts';
import { LabClock } from './LabClock.ts';
import { FrameCollector } from '../profiler/FrameCollector.ts';
import { buildRunResult } from '../profiler/buildRunResult.ts';
import { markerCount, markerName } from '../profiler/ProfilerMarker.ts';
import { measureStampCost } from './stampCost.ts';
import { applyTrace, type PlacedGc } from './applyTrace.ts';
import type { RunResult } from '../profiler/RunResult.ts';
import { FRAME_BEGIN_MARK, FRAME_END_MARK } from './trace/frameTrace.ts';
import type { FrameTracer } from './trace/cdpTracer.ts';
import type { LabOutcome, LabSpec } from './labProtocol.ts';

/** What the page's surroundings provide: a tracer (when a DevTools session exists) and hooks. */
export interface LabHooks {
  /** Traces warm-up chunks and the measured frames; null: GCs told by heap drops, JIT unseen. */
  tracer: FrameTracer | null;
  /** Called after warm-up and the GC before measuring, outside any frame (e.g. start a heap profiler). */
  beforeMeasure?: () => Promise<void>;
  /** Called right after the measured frames. */
  afterMeasure?: () => Promise<void>;
  /** Frames done and total (warm-up included), between chunks. */
  onProgress?: (done: number, total: number) => void;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Measures one variant of `scene` in this page, as the Node host's measuring process does:
 * builds the world on a calibrated browser profiler, warms up until the JIT has installed no code
 * for `quietFrames` frames (seen in the trace, chunk by chunk), collects garbage, then measures
 * `frames` frames with nothing else running, and summarises them with `buildRunResult`. GC pauses
 * and JIT installs come from the trace of the measured frames; without a tracer, GCs are told by
 * heap drops and the warm-up is exactly `warmup` frames.
 */
export async function runLab(scene: SceneDefinition, spec: LabSpec, hooks: LabHooks): Promise<LabOutcome> {
  const setup = scene.variants[spec.variant];
  if (setup === undefined) {
    return { type: 'error', phase: 'load', message: `scene "${scene.name}" has no variant "${spec.variant}" (its variants: ${Object.keys(scene.variants).join(', ')})` };
  }
  const size = spec.size ?? scene.size.default;
  const frameCapacity = Math.max(4096, Math.min(spec.frames, 100_000));
  const clock = new LabClock();
  const meter = new BrowserHeapMeter(clock);
  const calibration = meter.calibrate();
  if (!calibration.precise) return { type: 'error', phase: 'browser', message: calibration.reason };
  const profiler = new Profiler({ meter, clock, frameCapacity });
  const gcLog = new GcLog();
  const gcDetector = new BrowserGcDetector(gcLog, profiler.recorder, meter);
  let errorCount = 0;
  let firstError: string | null = null;
  const world = new World({
    seed: scene.seed ?? 1,
    profiler,
    deepProfile: spec.deep,
    errorSink: (report) => {
      errorCount++;
      firstError ??= `${report.behaviourType} on "${report.objectName}" threw in ${report.phase}: ${messageOf(report.error)}`;
    },
  });
  let instance;
  try {
    instance = setup(world, size);
  } catch (error) {
    return { type: 'error', phase: 'setup', message: messageOf(error) };
  }
  const manual = new ManualClock(world, { dtMs: 1000 / 60 });
  const digestFrame = Math.max(1, spec.warmup);
  let digest = '';
  const tracer = hooks.tracer;
  const step = (): void => {
    manual.step();
    if (manual.frames === digestFrame) digest = instance.digest();
    // Without a trace, GCs are told from heap drops, checked after each frame (outside it).
    if (tracer === null) gcDetector.afterFrame();
  };

  profiler.start();
  try {
    const quiet = tracer === null ? 0 : (spec.quietFrames ?? 1000);
    const maxWarmup = spec.maxWarmup ?? Math.max(spec.warmup * 20, 20_000);
    const total = spec.warmup + spec.frames;
    let warm = 0;
    let quietRun = 0;
    while (warm < spec.warmup || (quiet > 0 && quietRun < quiet && warm < maxWarmup)) {
      const n = warm < spec.warmup ? Math.min(WARMUP_CHUNK, spec.warmup - warm) : WARMUP_CHUNK;
      if (tracer !== null) await tracer.start({ gc: false });
      runFrames(step, n);
      warm += n;
      if (tracer !== null) {
        const seen = await tracer.stop();
        const last = seen.jitFrames[seen.jitFrames.length - 1];
        quietRun = last === undefined ? quietRun + n : n - 1 - last;
      }
      hooks.onProgress?.(Math.min(warm, spec.warmup), total);
    }
    const jitSettled = quiet > 0 && quietRun >= quiet;
    const stampCost = measureStampCost(profiler, meter, clock);

    (globalThis as { gc?: () => void }).gc?.();
    gcLog.clear();
    gcDetector.reset();
    await hooks.beforeMeasure?.();
    if (tracer !== null) await tracer.start({ gc: true });
    const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: spec.keepSlices });
    const refusedBefore = profiler.recorder.eventsRefused;
    // Nothing but frames runs while measuring; the ring is drained only when it must be.
    let undrained = 0;
    for (let done = 0; done < spec.frames; ) {
      const n = Math.min(frameCapacity, spec.frames - done);
      if (undrained + n > frameCapacity) {
        collector.drain();
        undrained = 0;
      }
      runFrames(step, n);
      done += n;
      undrained += n;
    }
    collector.drain();
    const trace = tracer === null ? null : await tracer.stop();
    await hooks.afterMeasure?.();
    hooks.onProgress?.(total, total);
    const placed = trace === null ? [] : applyTrace(collector, gcLog, trace);

    const result = buildRunResult(
      collector,
      gcLog,
      meter,
      {
        scene: scene.name,
        variant: spec.variant,
        mode: spec.mode,
        size,
        warmup: warm,
        jitSettled,
        refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
        offHeap: null,
        estimateEngine: 'chromium',
      },
      { keepPerFrame: true },
    );
    reportTraceStarts(result.gc.events, placed, collector);
    const origin = collector.startMs[0] ?? 0;
    const markerNames: string[] = [];
    for (let id = 0; id < markerCount(); id++) markerNames.push(markerName(id));
    return {
      type: 'result',
      result,
      frames: {
        startMs: collector.startMs.map((ms) => ms - origin),
        endMs: collector.endMs.map((ms) => ms - origin),
        bytes: result.perFrameBytes ?? collector.bytes,
        slices: collector.slices.map((frame) => frame.map((s) => ({ ...s, startMs: s.startMs - origin, endMs: s.endMs - origin }))),
      },
      markerNames,
      digest,
      digestFrame,
      sceneErrors: { count: errorCount, first: firstError },
      calibration: { ...calibration, stampCost },
      groundTruth: trace === null ? 'heap-drops' : 'trace',
    };
  } catch (error) {
    return { type: 'error', phase: 'run', message: messageOf(error) };
  } finally {
    profiler.stop();
  }
}
