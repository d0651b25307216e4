import type { HeapMeter } from '../../profiler/HeapMeter.ts';
import { requireNodeInternals, type NodeInternals } from './internals.ts';

/**
 * The heap spaces JavaScript objects are allocated in. Code, trusted and read-only spaces are left
 * out: the JIT writes compiled code and its metadata there at unpredictable frames, which is not
 * the program's allocation (measured: +180 KB code/trusted in a frame where TurboFan finished).
 */
const OBJECT_SPACES = ['new_space', 'old_space', 'new_large_object_space', 'large_object_space'] as const;

/** Spaces the JIT writes: sampled too, to tell frames in which V8 installed compiled code. */
const JIT_SPACES = ['code_space', 'trusted_space'] as const;

/**
 * Exact used bytes of V8's object spaces in Node, read from V8's heap-space statistics buffer.
 *
 * `sample` refreshes the buffer for each space and copies the used-size slot through a view
 * created once, so no number is ever materialised: 0 B per read at every JIT tier. The spaces are
 * summed later, outside the frame. The code spaces are sampled after the object spaces, so a
 * run can set aside the frames in which the JIT installed code.
 */
export class NodeHeapMeter implements HeapMeter {
  readonly kind = 'node-v8-object-spaces';
  readonly precise = true;
  readonly sampleSize: number;
  private readonly _v8: NodeInternals['v8'];
  private readonly _spaceIndices: Int32Array;
  private readonly _objectSlots: number;
  private readonly _usedView: Float64Array;
  private readonly _scratch: Float64Array;

  constructor() {
    this._v8 = requireNodeInternals().v8;
    const spaces = this._v8.kHeapSpaces;
    const indices: number[] = [];
    for (const name of OBJECT_SPACES) {
      const index = spaces.indexOf(name);
      if (index >= 0) indices.push(index);
    }
    if (indices.length === 0) throw new Error(`alloclab: this Node's V8 reports no known heap spaces (${spaces.join(', ')})`);
    this._objectSlots = indices.length;
    for (const name of JIT_SPACES) {
      const index = spaces.indexOf(name);
      if (index >= 0) indices.push(index);
    }
    this._spaceIndices = Int32Array.from(indices);
    this.sampleSize = indices.length;
    const used = this._v8.kSpaceUsedSizeIndex;
    this._usedView = this._v8.heapSpaceStatisticsBuffer.subarray(used, used + 1);
    this._scratch = new Float64Array(this.sampleSize);
  }

  sample(out: Float64Array, index: number): void {
    const v8 = this._v8;
    const spaces = this._spaceIndices;
    for (let i = 0; i < spaces.length; i++) {
      v8.updateHeapSpaceStatisticsBuffer(spaces[i]!);
      out.set(this._usedView, index + i);
    }
  }

  toBytes(buf: Float64Array, index: number): number {
    let sum = 0;
    for (let i = 0; i < this._objectSlots; i++) sum += buf[index + i]!;
    return sum;
  }

  jitBetween(before: Float64Array, beforeIndex: number, after: Float64Array, afterIndex: number): boolean {
    for (let i = this._objectSlots; i < this.sampleSize; i++) {
      if (before[beforeIndex + i] !== after[afterIndex + i]) return true;
    }
    return false;
  }

  /** The used bytes of the object spaces now (allocates; for code outside a frame). */
  readNow(): number {
    this.sample(this._scratch, 0);
    return this.toBytes(this._scratch, 0);
  }
}
