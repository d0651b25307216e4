import { BrowserClock } from '../hosts/browser/BrowserClock.ts';

function notTheClock(): number {
  return 0;
}

/**
 * The lab page's clock: `performance.now()`, called in a way that allocates the same at every
 * JIT tier, and a running count of those bytes kept in small integers, so that `BrowserHeapMeter`
 * subtracts what the profiler's stamps allocate inside a frame exactly.
 *
 * Why the call: `performance.now()` returns its value as a 12 B heap number when the value has a
 * fraction, except when optimised code calls it directly, through V8's fast path, which returns a
 * raw double. Which marker stamps take that path depends on how each caller was optimised and
 * inlined (measured: after warm-up some markers read -12 B per frame, others 0). Called through
 * `Function.prototype.call` on a target the optimiser cannot take for a constant, every call goes
 * through the API's regular path: 12 B when the value has a fraction, 0 B when it is whole, at
 * every tier (measured: 35,677 of 40,000 stamps with a fraction read exactly 12 B, all 4,314 whole
 * ones 0 B; the rest were JIT installs).
 *
 * Why the integers: the cost the meter's self-test finds is a double (a difference of heap
 * readings); once a field has held one, V8 stores it boxed, and unoptimised code then allocates
 * a heap number each time it adds to the count or reads it (seen: 120 to 492 B in frames of a
 * scene that allocates nothing). So the cost is kept here as a small integer, set only through
 * `setStampCost`, and the base class's `fractionCost` is not used.
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
