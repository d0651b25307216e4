/**
 * What the collector has to work through after a run: the live heap's objects (from a heap
 * snapshot, which is taken after a full GC) and the measured time of forced full GCs. A host
 * measures them after the measured frames (`--live-heap` in the CLI); none of it is in the run's
 * per-frame figures.
 */
export interface LiveHeapResult {
  /** Live heap objects (snapshot nodes, the snapshot's synthetic root nodes not counted). */
  objects: number;
  /** Their total size in bytes (self sizes). */
  bytes: number;
  /** Objects by the snapshot's node type: object, closure, string, number (heap numbers), array, code... */
  byType: Record<string, number>;
  /** Duration of a forced full GC (mark-compact of the whole heap), over `runs` timed GCs. */
  fullGcMs: { median: number; min: number; max: number; runs: number };
}
