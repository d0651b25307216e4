import { Profiler } from '../profiler/Profiler.ts';
import { GcLog } from '../profiler/GcLog.ts';
import { NodeHeapMeter } from './NodeHeapMeter.ts';
import { NodeClock } from './NodeClock.ts';
import { NodeGcObserver } from './NodeGcObserver.ts';

/** A profiler wired to Node's exact heap meter, clock and GC observer. */
export interface NodeProfiler {
  profiler: Profiler;
  meter: NodeHeapMeter;
  clock: NodeClock;
  gcLog: GcLog;
  gcObserver: NodeGcObserver;
}

/**
 * Creates a profiler for Node. Node must run with `--expose-internals` (see `MODE_FLAGS`).
 *
 * @example
 * const { profiler } = createNodeProfiler();
 * const world = new World({ profiler });
 */
export function createNodeProfiler(options: { frameCapacity?: number; eventCapacity?: number } = {}): NodeProfiler {
  const meter = new NodeHeapMeter();
  const clock = new NodeClock();
  const profiler = new Profiler({ meter, clock, ...options });
  const gcLog = new GcLog();
  const gcObserver = new NodeGcObserver(gcLog, clock);
  return { profiler, meter, clock, gcLog, gcObserver };
}
