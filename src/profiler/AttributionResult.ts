/**
 * Bytes per function from a sampling heap profiler (Chromium's, with `alloclab run --browser
 * --attribute`). Every figure here is SAMPLED: an estimate scaled up from allocations sampled
 * about every `samplingIntervalBytes`, never a measurement; `samples` says how many it rests on.
 */
export interface AttributionResult {
  method: 'sampled';
  /** Mean bytes between two samples (Poisson-distributed). */
  samplingIntervalBytes: number;
  /** Frames the sampling covered (a separate pass, after as many warm-up frames as the measured one). */
  frames: number;
  /** V8 flags of that pass (inlining off, so callees keep their own bytes). */
  flags: string[];
  /** Allocations sampled in all. */
  samples: number;
  /** SAMPLED bytes per frame over all functions listed. */
  sampledBytesPerFrame: number;
  /**
   * SAMPLED bytes per frame of the profiler's own code in the page (its heap reads and clock
   * stamps, which measured figures subtract), left out of `functions`.
   */
  profilerBytesPerFrame: number;
  /** MEASURED bytes per frame of the sampled pass itself (inlining off changes what the optimiser removes). */
  measuredBytesPerFrame: number;
  /** Functions by sampled bytes per frame, most first. */
  functions: AttributedFunction[];
}

/** One function that allocated while sampled. */
export interface AttributedFunction {
  /** The function's name, '(anonymous)', or a V8 state such as '(V8 API)'. */
  functionName: string;
  /** Project-relative source file (mapped back from the served module), or '' for built-ins. */
  file: string;
  /** 1-based line and 0-based column where the function starts, in the source file (0 when unknown). */
  line: number;
  column: number;
  /** SAMPLED bytes per frame allocated in the function itself (not its callees). */
  sampledBytesPerFrame: number;
  samples: number;
  /**
   * The heaviest call paths that led to this function's allocations (bottom-up: the caller first,
   * then its caller...), at most three, each cut to its nearest callers; absent in files written
   * before paths were recorded.
   */
  paths?: CallPath[];
}

/** One call path to an allocating function, with the SAMPLED bytes per frame that came through it. */
export interface CallPath {
  sampledBytesPerFrame: number;
  /** Its share of the function's sampled bytes (0..1). */
  share: number;
  /** The callers, nearest first: each with its source file and 1-based line ('' and 0 for built-ins). */
  callers: { functionName: string; file: string; line: number }[];
}
