import { FrameCollector, type FrameTimeline } from '../profiler/FrameCollector.ts';
import { buildRunResult, type RunLabel } from '../profiler/buildRunResult.ts';
import type { GcLog } from '../profiler/GcLog.ts';
import type { HeapMeter, ProfilerClock } from '../profiler/HeapMeter.ts';
import type { Profiler } from '../profiler/Profiler.ts';
import type { ProfileMode, RunResult, WarmupJudgeName } from '../profiler/RunResult.ts';

/** The parts of a wired profiler the loop reads (a Node profiler and a lab profiler both have them). */
export interface ProfilerParts {
  profiler: Profiler;
  meter: HeapMeter;
  clock: ProfilerClock;
  gcLog: GcLog;
}

/**
 * How a platform tells that V8's JIT is done with the code a frame runs. It is the only part of
 * warm-up that differs between platforms: Node watches the code spaces after every frame, a traced
 * page reads code installs from a DevTools trace of each chunk, a plain page cannot tell.
 */
export interface WarmupJudge {
  /** How the run says its warm-up was judged. */
  readonly name: WarmupJudgeName;
  /** False when the JIT cannot be seen: warm-up is then exactly `warmup` frames, never called settled. */
  readonly sees: boolean;
  /** Frames run between two looks (1: a look after every frame). */
  readonly chunk: number;
  /** Before a chunk of warm-up frames (e.g. start tracing it). */
  beforeChunk?(): Promise<void>;
  /** After a chunk of `n` frames: how many of its last frames saw no JIT activity (`n`: none did). */
  quietTail(n: number): number | Promise<number>;
  /** Besides quiet frames, whether the code a frame runs reached its final tier (default: yes). */
  optimized?(): boolean;
}

/** What a platform does around the frames the loop runs; the loop itself is the same everywhere. */
export interface MeasuringPlatform {
  judge: WarmupJudge;
  /** Wraps a frame's step, e.g. with trace marks just outside the frame. */
  wrapStep?(step: () => void): () => void;
  /** Between warm-up chunks: lets the host deliver what it queued (Node's GC events). */
  betweenChunks?(): Promise<void>;
  /** After warm-up, before the first measured frame: collect garbage, settle the GC log, start a trace. */
  beforeMeasure(): Promise<void>;
  /** Right after the last measured frame, before anything else runs (the drain allocates). */
  afterMeasure?(): Promise<void>;
  /** After the frames were read from the recorder, before the result is built (e.g. place traced GCs). */
  afterDrain?(collector: FrameCollector): Promise<void>;
  /** Whether progress is reported between measured chunks (a call between frames, never inside one). */
  progressWhileMeasuring: boolean;
  /** What only the platform knows about the run, read when the result is built. */
  label(): Omit<
    RunLabel,
    'scene' | 'variant' | 'mode' | 'size' | 'warmup' | 'jitSettled' | 'warmupJudge' | 'refusedMarkerEvents' | 'refusedSitePairs'
  >;
  /** Per-frame bytes are kept in the result (for exports and matchers). */
  keepPerFrame: boolean;
}

/** Options of `measureFrames`: what to run, how long, and what to keep. */
export interface MeasureFramesOptions {
  scene: string;
  variant: string;
  size?: number | null;
  mode: ProfileMode;
  /** Frames to measure. */
  frames: number;
  /** Frames to run first, at least; warm-up goes on until the JIT is quiet (see `quietFrames`). */
  warmup: number;
  /** Consecutive frames without JIT activity that end the warm-up (default 1,000; 0: do not wait). */
  quietFrames?: number;
  /** Most warm-up frames before measuring anyway (default max(20 x warmup, 20,000)). */
  maxWarmup?: number;
  /** Runs one frame, calling `profiler.beginFrame()`/`endFrame()` (a World given the profiler does). */
  step: () => void;
  /** Keep each frame's marker slices (for trace exports). */
  keepSlices?: boolean;
  /**
   * Per-frame bytes of the same frames measured without instrumentation, for the site verdicts
   * (see buildSiteResults); the warm-up must then run the same number of frames as that run's.
   */
  siteReferenceBytes?: readonly number[];
  /** Called now and then with frames done and total (warm-up included). */
  onProgress?: (done: number, total: number, phase: 'warmup' | 'measure') => void;
  /**
   * Measure another world than the one the code warmed up on, from a given frame of it (see
   * `WorldLead`): once warm-up ended, `lead.start()` switches `step` to it and says how many of its
   * frames run, unmeasured, before the measured ones.
   */
  lead?: WorldLead;
}

/**
 * A world measured from a given frame (`alloclab run --at-frame`): the code warms up on a world of
 * its own until the JIT is done with it, then a fresh world runs exactly that many frames and the
 * frames after them are measured, as in the sandbox, whose page warms a scene's code on a world
 * off-screen before the one it shows. So the same stretch of a scene can be measured in both.
 */
export interface WorldLead {
  /** Starts a fresh world to measure (the step runs it from now on); returns its frames to run before the measured ones. */
  start(): number;
  /** Frames the world to measure has run so far. */
  frames(): number;
}

/** A measured run with the raw material exports need. */
export interface MeasuredFrames {
  result: RunResult;
  /** Frame start/end in ms since the first measured frame, and marker slices when kept. */
  frames: FrameTimeline;
  /** The frames read from the recorder, for what a platform adds to the result. */
  collector: FrameCollector;
}

/** Warm-up frames between two progress reports (and two turns of the host's event loop). */
const PROGRESS_EVERY = 100;

/**
 * The only loop that runs frames, in warm-up and measurement alike: it is optimised during
 * warm-up, so measuring does not trigger on-stack replacement of a fresh loop, whose compiled code
 * V8 would install, and allocate for, inside a measured frame (seen in Node: 2.6 KB once near
 * frame 11,000).
 */
function runFrames(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) step();
}

/**
 * Warms `step` up until the platform's judge says the JIT is done (or `maxWarmup` is reached),
 * then measures `frames` frames with nothing else running, and summarises them with
 * `buildRunResult`. The same code runs in Node and in a page; `platform` supplies the judge and
 * what happens around the measured frames.
 */
export async function measureFrames(
  parts: ProfilerParts,
  options: MeasureFramesOptions,
  platform: MeasuringPlatform,
): Promise<MeasuredFrames> {
  const { profiler, meter, clock, gcLog } = parts;
  const judge = platform.judge;
  const step = platform.wrapStep?.(options.step) ?? options.step;
  const quiet = judge.sees ? (options.quietFrames ?? 1000) : 0;
  const maxWarmup = options.maxWarmup ?? Math.max(options.warmup * 20, 20_000);
  const total = options.warmup + options.frames;
  let warm = 0;
  let quietRun = 0;
  let optimized = judge.optimized === undefined;
  while (warm < options.warmup || (((quiet > 0 && quietRun < quiet) || !optimized) && warm < maxWarmup)) {
    const n = warm < options.warmup ? Math.min(judge.chunk, options.warmup - warm) : judge.chunk;
    await judge.beforeChunk?.();
    runFrames(step, n);
    warm += n;
    const tail = await judge.quietTail(n);
    quietRun = tail >= n ? quietRun + n : tail;
    if (!optimized) optimized = judge.optimized!();
    if (Math.floor(warm / PROGRESS_EVERY) !== Math.floor((warm - n) / PROGRESS_EVERY)) {
      options.onProgress?.(Math.min(warm, options.warmup), total, 'warmup');
      await platform.betweenChunks?.();
    }
  }
  const jitSettled = judge.sees && (quiet === 0 || quietRun >= quiet) && optimized;
  const lead = options.lead?.start() ?? 0;
  for (let done = 0; done < lead; ) {
    const n = Math.min(PROGRESS_EVERY, lead - done);
    runFrames(step, n);
    done += n;
    await platform.betweenChunks?.();
  }
  const worldFrame = options.lead?.frames();

  await platform.beforeMeasure();
  const collector = new FrameCollector(profiler.recorder, clock, meter, { keepSlices: options.keepSlices });
  const refusedBefore = profiler.recorder.eventsRefused;
  const refusedPairsBefore = profiler.recorder.sitePairsRefused;
  // Nothing but frames runs while measuring: code that ran between frames (draining, progress)
  // would allocate and be compiled by the JIT meanwhile, and V8 installs compiled code at an
  // interrupt check that may fall inside a frame. So the ring is drained only when it must be.
  const capacity = profiler.recorder.frameCapacity;
  const chunk = platform.progressWhileMeasuring ? Math.max(1, Math.min(1000, capacity >> 1)) : capacity;
  let undrained = 0;
  for (let done = 0; done < options.frames; ) {
    const n = Math.min(chunk, options.frames - done);
    if (undrained + n > capacity) {
      collector.drain();
      undrained = 0;
    }
    runFrames(step, n);
    done += n;
    undrained += n;
    if (platform.progressWhileMeasuring) options.onProgress?.(options.warmup + done, total, 'measure');
  }
  await platform.afterMeasure?.();
  collector.drain();
  if (!platform.progressWhileMeasuring) options.onProgress?.(total, total, 'measure');
  await platform.afterDrain?.(collector);

  const result = buildRunResult(
    collector,
    gcLog,
    meter,
    {
      ...platform.label(),
      scene: options.scene,
      variant: options.variant,
      mode: options.mode,
      size: options.size ?? null,
      warmup: warm + lead,
      ...(worldFrame === undefined ? {} : { worldFrame }),
      jitSettled,
      warmupJudge: judge.name,
      refusedMarkerEvents: profiler.recorder.eventsRefused - refusedBefore,
      refusedSitePairs: profiler.recorder.sitePairsRefused - refusedPairsBefore,
    },
    { keepPerFrame: platform.keepPerFrame, siteReferenceBytes: options.siteReferenceBytes },
  );
  return { result, frames: collector.timeline(result.perFrameBytes ?? collector.bytes), collector };
}
