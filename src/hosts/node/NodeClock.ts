import type { ProfilerClock } from '../../profiler/HeapMeter.ts';
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
    out.set(this._buffer, index);
  }

  toMs(buf: Float64Array, index: number): number {
    return (buf[index]! * 0x100000000 + buf[index + 1]!) * 1000 + buf[index + 2]! / 1e6;
  }
}
