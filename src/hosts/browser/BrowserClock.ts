import type { ProfilerClock } from '../../profiler/HeapMeter.ts';

/**
 * The page's monotonic clock (`performance.now()`), one slot per stamp.
 *
 * The profiler takes stamps inside frames (at marker boundaries), so what a stamp allocates shows
 * up in the frame. Called from unoptimised code, `performance.now()` returns its value as a heap
 * number (12 B with pointer compression) whenever it is not a whole number of milliseconds; from
 * optimised code it returns a raw double and allocates nothing (measured: after ~2,000 frames a
 * frame's marker boundaries stopped allocating, and a correction of 12 B per stamp then read as a
 * shrinking heap in every frame). So each stamp also stores its value in a field that holds any
 * value (a tagged field): unoptimised code stores the heap number it already has, optimised code
 * must box the double there. Either way a fractional stamp allocates exactly one heap number,
 * whatever the tier. The clock keeps a running count of what its stamps allocated (`allocated`),
 * which `BrowserHeapMeter` records beside each heap reading and subtracts; the per-stamp cost is
 * calibrated at start-up.
 */
export class BrowserClock implements ProfilerClock {
  readonly kind = 'browser-performance-now';
  readonly stampSize = 1;
  /** Bytes allocated by the stamps taken so far (a small integer: no allocation to update it). */
  allocated = 0;
  /** Bytes one stamp with a fractional value allocates (set by `BrowserHeapMeter.calibrate`). */
  fractionCost = 0;
  private readonly _performance: Performance;
  /** The newest stamp, in a field whose representation is tagged (see the class comment). */
  private readonly _boxed: { value: unknown } = { value: null };

  constructor(performanceApi: Performance = performance) {
    this._performance = performanceApi;
    // Null, a double and a small integer: V8 generalises the field to hold any value, boxing doubles.
    this._boxed.value = 0.5;
    this._boxed.value = 0;
  }

  stamp(out: Float64Array, index: number): void {
    const now = this._performance.now();
    out[index] = now;
    this._boxed.value = now;
    // Math.floor of a fraction is a small integer, so this test allocates nothing at any tier.
    if (Math.floor(now) !== now) this.allocated += this.fractionCost;
  }

  toMs(buf: Float64Array, index: number): number {
    return buf[index]!;
  }

  /** Milliseconds now (allocates a heap number; for code outside frames). */
  now(): number {
    return this._performance.now();
  }
}
