import type { ProfilerClock } from '../../profiler/HeapMeter.ts';

/**
 * The page's monotonic clock (`performance.now()`), one slot per stamp.
 *
 * In Chromium `performance.now()` returns a heap number (12 B with pointer compression) whenever
 * its value is not a whole number of milliseconds, at every JIT tier: the profiler takes stamps
 * inside frames (at marker boundaries), so those bytes would show up in the frame. The clock keeps
 * a running count of what its stamps allocated (`allocated`), which `BrowserHeapMeter` records
 * beside each heap reading and subtracts; the per-stamp cost is calibrated at start-up.
 */
export class BrowserClock implements ProfilerClock {
  readonly kind = 'browser-performance-now';
  readonly stampSize = 1;
  /** Bytes allocated by the stamps taken so far (a small integer: no allocation to update it). */
  allocated = 0;
  /** Bytes one stamp with a fractional value allocates (set by `BrowserHeapMeter.calibrate`). */
  fractionCost = 0;
  private readonly _performance: Performance;

  constructor(performanceApi: Performance = performance) {
    this._performance = performanceApi;
  }

  stamp(out: Float64Array, index: number): void {
    const now = this._performance.now();
    out[index] = now;
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
