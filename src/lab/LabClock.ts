import { BrowserClock } from '../hosts/browser/BrowserClock.ts';

function notTheClock(): number {
  return 0;
}

/**
 * The lab page's clock: `performance.now()`, called in a way that allocates the same at every
 * JIT tier, so that `BrowserHeapMeter` can subtract what the profiler's stamps allocate inside a
 * frame exactly.
 *
 * Why: `performance.now()` returns its value as a 12 B heap number when the value has a fraction,
 * except when optimised code calls it directly, through V8's fast path, which returns a raw double.
 * Which marker stamps take that path depends on how each caller was optimised and inlined
 * (measured: after warm-up some markers read -12 B per frame, others 0). Called through
 * `Function.prototype.call` on a target the optimiser cannot take for a constant, every call goes
 * through the API's regular path: 12 B when the value has a fraction, 0 B when it is whole,
 * whatever the tier (measured: 18,222 of 20,000 frames with two fractional stamps read exactly
 * 24 B, the rest were JIT installs, GCs and whole values).
 */
export class LabClock extends BrowserClock {
  private _now: () => number = notTheClock;
  private readonly _receiver: Performance;

  constructor(performanceApi: Performance = performance) {
    super(performanceApi);
    this._receiver = performanceApi;
    // A second value in the field, so V8 does not track it as a constant it could inline.
    this._now = performanceApi.now;
  }

  override stamp(out: Float64Array, index: number): void {
    const now = this._now.call(this._receiver);
    out[index] = now;
    if (Math.floor(now) !== now) this.allocated += this.fractionCost;
  }

  override now(): number {
    return this._now.call(this._receiver);
  }
}
