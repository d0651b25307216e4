import type { GcKind } from './GcLog.ts';
import type { GcImpact } from './gcImpact.ts';
import type { LeaksResult } from './retainedGrowth.ts';
import type { LiveHeapResult } from './liveHeap.ts';
import type { AttributionResult } from './AttributionResult.ts';

/** The JSON schema id of a run file. Bump the number on any incompatible change. */
export const RUN_SCHEMA = 'alloclab.run/1';

/** Which JS engine produced a run. */
export interface RuntimeInfo {
  engine: 'node' | 'chromium';
  /** Node's or the browser's version. */
  version: string;
  /** V8's version. */
  v8: string;
  /** V8 flags the measuring process ran with. */
  flags: string[];
}

/** The run file written by `alloclab run --json` (and returned by the testing API as `runs[i]`). */
export interface RunFile {
  schema: typeof RUN_SCHEMA;
  createdAt: string;
  runtime: RuntimeInfo;
  runs: RunResult[];
  /** Present when the command failed and the file was kept anyway (`--keep-failed`): what failed. */
  failure?: RunFailure;
}

/** What failed in a run whose file was kept: the scene, the variant, the phase and the message. */
export interface RunFailure {
  scene: string;
  variant: string;
  phase: string;
  message: string;
}

/** Per-marker figures, averaged over the measured frames. */
export interface MarkerResult {
  name: string;
  /** Mean bytes per frame inside the marker (children included). */
  bytesPerFrame: number;
  /** Mean bytes per frame in the marker itself (children excluded). */
  selfBytesPerFrame: number;
  /** Mean calls per frame. */
  calls: number;
  /** Mean milliseconds per frame (children included). */
  ms: number;
  /** Mean milliseconds per frame in the marker itself. */
  selfMs: number;
}

/** One GC event, in milliseconds since the run's first measured frame began. */
export interface GcEventResult {
  atMs: number;
  durationMs: number;
  kind: GcKind;
  /** Index of the measured frame it happened in, or -1 between frames. */
  frame: number;
}

/**
 * What the optimiser did to a site's allocations, judged from the measured bytes of the frames it
 * fired in: `removed` when every such frame allocated 0 B (escape analysis replaced the objects),
 * `sometimes-removed` when some did, `allocated` when none did, `unmeasured` when it fired only in
 * frames without a byte figure (GC or JIT inside).
 */
export type SiteOptimizerVerdict = 'removed' | 'sometimes-removed' | 'allocated' | 'unmeasured';

/** One allocation site that fired during the measured frames. Counts are exact; bytes are estimates. */
export interface SiteResult {
  id: number;
  /** Project-relative path of the source file. */
  file: string;
  line: number;
  column: number;
  kind: string;
  /** Constructor or method name where the kind needs one (`Map`, `map`), else ''. */
  detail: string;
  /** Enclosing function, or '<module>'. */
  functionName: string;
  /** The site's source text, cut to one short line. */
  excerpt: string;
  /** Mean allocations counted per frame. */
  countPerFrame: number;
  /** Frames in which the site fired at least once. */
  framesHit: number;
  /** Most allocations counted in one frame. */
  maxPerFrame: number;
  /** ESTIMATED bytes of one allocation once optimised (see `estimateBasis`). */
  estimatedBytesEach: number;
  /** ESTIMATED bytes per frame: `countPerFrame x estimatedBytesEach`. */
  estimatedBytesPerFrame: number;
  estimateBasis: string;
  optimizer: SiteOptimizerVerdict;
}

/** Allocation-site counts of a run; present only when instrumented code was loaded. */
export interface SitesResult {
  /** Sites the instrumentation knows (all loaded instrumented modules). */
  registered: number;
  /** Engine whose object layout the estimates assume. */
  estimateEngine: 'node' | 'chromium';
  /** Allocations counted per frame, over all sites (exact). */
  countPerFrame: { mean: number; median: number; p95: number; max: number; min: number };
  /** Frames in which at least one site fired. */
  framesWithHits: number;
  /**
   * Reconciliation over frames with a byte figure: ESTIMATED bytes of the counted allocations
   * beside the MEASURED bytes. Estimated well above measured means the optimiser removed some.
   */
  reconciliation: { estimatedBytesPerFrame: number; measuredBytesPerFrame: number };
  /**
   * True when the sites were counted in a second, instrumented run of the same frames, and the
   * measured figures (here and in the run) come from the first, uninstrumented one. The counters
   * make V8 inline less, so its escape analysis may remove fewer objects in instrumented code.
   */
  separatePass: boolean;
  /** Mean measured bytes per frame of the instrumented code itself (equal to the run's when not separate). */
  instrumentedBytesPerFrame: number;
  /** Site pairs lost because one frame had more firing sites than the recorder holds (0 normally). */
  refusedPairs: number;
  /** Sites that fired, by allocations per frame, most first. */
  list: SiteResult[];
}

/** How a run treats V8's optimiser: as a shipped game runs it, or with the optimising compilers off. */
export type ProfileMode = 'production' | 'deterministic';

/**
 * How a run's warm-up was judged over: `jit-watch` (Node: V8's code spaces after every frame and,
 * in production mode, each frame function's tier), `trace` (Chromium's lab: code installs in a
 * DevTools trace), `tiers` (a page with V8's natives: each frame function's tier, then quiet
 * frames), `quiet-window` (a page without: quiet frames alone, which cannot see a tier-up still
 * to come), `none` (nothing to judge: a fixed number of frames).
 */
export type WarmupJudgeName = 'jit-watch' | 'trace' | 'tiers' | 'quiet-window' | 'none';

/** What one profiled run measured. All byte figures are measured, never estimated. */
export interface RunResult {
  scene: string;
  variant: string;
  mode: ProfileMode;
  size: number | null;
  /** Frames measured. */
  frames: number;
  /** Frames run before measuring (at least the requested warm-up; more until the JIT was quiet). */
  warmup: number;
  /**
   * Frames the measured world had run before the first measured frame, when it is not the world the
   * code warmed up on (`alloclab run --at-frame`: a fresh world after the warm-up); `warmup` counts
   * both worlds' frames. Absent otherwise.
   */
  worldFrame?: number;
  /** True when warm-up ended because the JIT stopped compiling, false when it hit its limit. */
  jitSettled: boolean;
  /** How the end of warm-up was told (absent in files written before it was recorded). */
  warmupJudge?: WarmupJudgeName;
  heapMeter: { kind: string; precise: boolean };
  /** Measured used-heap growth per frame, over frames without a GC or JIT install inside. */
  bytesPerFrame: { mean: number; median: number; p95: number; max: number; min: number };
  /** Frames whose bytes could not be measured because a GC ran inside them. */
  gcFrames: number;
  /** Frames left out of byte figures because V8 installed compiled code in them or the frame before. */
  jitFrames: number;
  /** Sum of measured bytes over measured frames. */
  totalBytes: number;
  gc: {
    minor: number;
    major: number;
    other: number;
    totalMs: number;
    maxMs: number;
    /** GCs per 1,000 frames. */
    per1000Frames: number;
    events: GcEventResult[];
  } & GcImpact;
  /** Retained growth per frame (with `--leaks` / `leaks: true`), from a pass after the measured frames. */
  leaks?: LeaksResult;
  /** Live heap objects and the cost of a forced full GC (with `--live-heap` / `liveHeap: true`), after the measured frames. */
  liveHeap?: LiveHeapResult;
  frameMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Markers by mean bytes per frame, largest first. */
  markers: MarkerResult[];
  /** Frames recorded but lost to ring-buffer overflow before they were read (0 in a normal run). */
  droppedFrames: number;
  /** Marker events refused (nesting too deep or a frame with more events than the ring). */
  refusedMarkerEvents: number;
  /** Off-heap ArrayBuffer memory (typed-array data lives there, not on the JS heap). */
  offHeap: { arrayBuffersStart: number; arrayBuffersEnd: number } | null;
  /** The worst frames by bytes (index within the measured frames). */
  worstFrames: Array<{ frame: number; bytes: number; ms: number }>;
  /**
   * Set when a first measurement saw only a few isolated frames reading more than the run's usual
   * figure, frames that read 0 B for the first quarter of the run and then allocated (a
   * deoptimisation mid-run), or, in the lab page, frames that allocated while the JIT installed
   * code, and was measured again (`measureAgain`: the CLI, the testing API, the sandbox's summary
   * and Compare): what the first measurement saw, and how many measurements were taken in all
   * (this run is the last).
   */
  remeasured?: { allocatingFrames: number; maxBytes: number; measurements: number };
  /** Per-frame measured bytes (NaN where a GC ran), kept for exports and matchers. */
  perFrameBytes?: number[];
  /** Allocation sites (with `--sites`, or wherever instrumented code runs); absent otherwise. */
  sites?: SitesResult;
  /** Per-frame time in ms (the profiler clock's), kept with `perFrameBytes`. */
  perFrameMs?: number[];
  /** Per-frame allocations counted by instrumented sites, kept with `perFrameBytes`. */
  perFrameSiteHits?: number[];
  /** SAMPLED bytes per function, from a separate pass (`--browser --attribute`); absent otherwise. */
  attribution?: AttributionResult;
}
