import { requireNodeInternals, type NodeInternals } from './internals.ts';

const JIT_SPACES = ['code_space', 'trusted_space', 'code_large_object_space', 'trusted_large_object_space'];

/**
 * Tells whether V8 compiled anything since the last look, from the used size of the spaces that
 * hold code and its metadata. While the JIT is still tiering code up, frames show one-off bytes
 * (deoptimisation data, feedback), so warm-up goes on until the JIT has been quiet for a while.
 */
export class JitWatch {
  private readonly _v8: NodeInternals['v8'];
  private readonly _spaces: number[];
  private readonly _view: Float64Array;
  private readonly _now: Float64Array;
  private readonly _last: Float64Array;

  constructor() {
    this._v8 = requireNodeInternals().v8;
    this._spaces = JIT_SPACES.map((name) => this._v8.kHeapSpaces.indexOf(name)).filter((i) => i >= 0);
    const used = this._v8.kSpaceUsedSizeIndex;
    this._view = this._v8.heapSpaceStatisticsBuffer.subarray(used, used + 1);
    this._now = new Float64Array(this._spaces.length);
    this._last = new Float64Array(this._spaces.length);
    this.changed();
  }

  /** True when code or code metadata changed since the previous call. */
  changed(): boolean {
    let changed = false;
    for (let i = 0; i < this._spaces.length; i++) {
      this._v8.updateHeapSpaceStatisticsBuffer(this._spaces[i]!);
      this._now.set(this._view, i);
      if (this._now[i] !== this._last[i]) changed = true;
    }
    this._last.set(this._now);
    return changed;
  }
}
