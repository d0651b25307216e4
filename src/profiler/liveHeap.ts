/**
 * What the collector has to work through after a run: the live heap's objects (from a heap
 * snapshot, which is taken after a full GC) and the measured time of forced full GCs. A host
 * measures them after the measured frames (`--live-heap` in the CLI); none of it is in the run's
 * per-frame figures.
 */
export interface LiveHeapResult {
  /**
   * Live objects on the V8 heap: the heap snapshot's nodes, without its synthetic root nodes and
   * its native entries (off-heap memory such as ArrayBuffer data, which the GC does not trace).
   */
  objects: number;
  /** Their total size in bytes (self sizes). */
  bytes: number;
  /** Objects by the snapshot's node type: object, closure, string, number (heap numbers), array, code... */
  byType: Record<string, number>;
  /** Duration of a forced full GC (mark-compact of the whole heap), over `runs` timed GCs. */
  fullGcMs: { median: number; min: number; max: number; runs: number };
}
