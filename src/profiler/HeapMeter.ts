/**
 * Reads "bytes used on the JS heap now", supplied by a host (Node, Chromium).
 *
 * The profiler calls `sample` at frame and marker boundaries, so it must allocate nothing at
 * any JIT tier: implementations copy the reading into the caller's typed array instead of
 * returning a number (a returned double is boxed by unoptimised code).
 */
export interface HeapMeter {
  /** Short name shown in reports, e.g. "node-v8-internal". */
  readonly kind: string;
  /** True when readings are exact byte counts; false when the host cannot measure (then say so). */
  readonly precise: boolean;
  /** How many Float64Array slots one sample takes (e.g. one per heap space read). */
  readonly sampleSize: number;
  /** Writes a sample at `out[index .. index + sampleSize)`. Allocates nothing. */
  sample(out: Float64Array, index: number): void;
  /**
   * A cheaper sample for marker boundaries (optional; `sample` is used without it). Differences
   * between two quick samples must be exact in frames the JIT did not disturb (see `jitBetween`),
   * which is all that marker figures use.
   */
  sampleQuick?(out: Float64Array, index: number): void;
  /**
   * Bytes for a quick sample at `buf[index]`, when quick samples have their own layout (optional;
   * else `toBytes`). It must read a full sample the same way (the quick layout is a prefix of the
   * full one): the profiler reuses a frame's sample for a marker that begins or ends with the frame.
   */
  quickToBytes?(buf: Float64Array, index: number): number;
  /** Used bytes for the sample at `buf[index]` (may allocate; called outside frames). */
  toBytes(buf: Float64Array, index: number): number;
  /**
   * True when the JIT wrote compiled code between two samples (optional). V8 allocates for code it
   * installs at interrupt checks inside whatever frame runs, so such a frame's bytes are not the
   * program's alone.
   */
  jitBetween?(before: Float64Array, beforeIndex: number, after: Float64Array, afterIndex: number): boolean;
}

/**
 * A monotonic clock for timing frames and markers. Like `HeapMeter`, it writes into the caller's
 * buffer: `stampSize` slots per stamp, turned into milliseconds later, outside the frame.
 */
export interface ProfilerClock {
  readonly kind: string;
  /** How many Float64Array slots one stamp takes. */
  readonly stampSize: number;
  /** Writes a stamp at `out[index .. index + stampSize)`. Allocates nothing. */
  stamp(out: Float64Array, index: number): void;
  /** Milliseconds from an arbitrary origin for the stamp at `buf[index]` (may allocate). */
  toMs(buf: Float64Array, index: number): number;
}

/** Bytes of a marker-boundary sample: quick samples may have their own layout. */
export function markerBytes(meter: HeapMeter, buf: Float64Array, index: number): number {
  return meter.sampleQuick !== undefined && meter.quickToBytes !== undefined ? meter.quickToBytes(buf, index) : meter.toBytes(buf, index);
}
