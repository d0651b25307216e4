import type { ProfilerClock } from '../profiler/HeapMeter.ts';
import { requireNodeInternals, type NodeInternals } from './internals.ts';

/**
 * Node's monotonic high-resolution clock, copied raw (seconds high/low words, nanoseconds) into
 * the caller's buffer. `performance.now()` returns a boxed double in unoptimised code; this does not.
 */
export class NodeClock implements ProfilerClock {
  readonly kind = 'node-hrtime';
  readonly stampSize = 3;
  private readonly _process: NodeInternals['process'];
  private readonly _buffer: Uint32Array;

  constructor() {
    this._process = requireNodeInternals().process;
    this._buffer = this._process.hrtimeBuffer;
  }

  stamp(out: Float64Array, index: number): void {
    this._process.hrtime();
    // Element by element: a typed-array set() between element types goes through a slower path.
    // The three words are below 2^31 (seconds of a monotonic clock and nanoseconds), so even
    // unoptimised code reads them as small integers: nothing is boxed.
    const buffer = this._buffer;
    out[index] = buffer[0]!;
    out[index + 1] = buffer[1]!;
    out[index + 2] = buffer[2]!;
  }

  toMs(buf: Float64Array, index: number): number {
    return (buf[index]! * 0x100000000 + buf[index + 1]!) * 1000 + buf[index + 2]! / 1e6;
  }
}
