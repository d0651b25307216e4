import { BrowserClock } from '../BrowserClock.ts';

function notTheClock(): number {
  return 0;
}

/**
 * The lab page's clock: `performance.now()`, called through `Function.prototype.call` so that it
 * allocates the same at every JIT tier, and a running count of those bytes kept in small integers,
 * so that `BrowserHeapMeter` subtracts what the profiler's stamps allocate inside a frame exactly.
 * Why both: docs/measuring-in-v8.md, "The lab page's clock".
 */
export class LabClock extends BrowserClock {
  private _now: () => number = notTheClock;
  private readonly _receiver: Performance;
  private _cost = 0;

  constructor(performanceApi: Performance = performance) {
    super(performanceApi);
    this._receiver = performanceApi;
    // A second value in the field, so V8 does not track it as a constant it could inline.
    this._now = performanceApi.now;
  }

  /** Bytes a stamp with a fractional value allocates (a whole number, 12 in Chromium 156). */
  get stampCost(): number {
    return this._cost;
  }

  /** Sets the bytes a fractional stamp allocates (a whole number of bytes). */
  setStampCost(bytes: number): void {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`LabClock: a stamp costs a whole number of bytes >= 0, got ${bytes}`);
    // `| 0` stores a small integer even when `bytes` arrived as a heap number.
    this._cost = bytes | 0;
  }

  override stamp(out: Float64Array, index: number): void {
    const now = this._now.call(this._receiver);
    out[index] = now;
    if (Math.floor(now) !== now) this.allocated += this._cost;
  }

  override now(): number {
    return this._now.call(this._receiver);
  }
}
