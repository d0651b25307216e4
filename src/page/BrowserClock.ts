import type { ProfilerClock } from '../profiler/HeapMeter.ts';

/**
 * The page's monotonic clock (`performance.now()`), one slot per stamp. Each stamp also goes
 * through a tagged field, so that a fractional stamp allocates exactly one heap number at every JIT
 * tier, and the clock counts those bytes (`allocated`) for `BrowserHeapMeter` to subtract. Why:
 * docs/measuring-in-v8.md, "A clock stamp that costs the same at every tier".
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
