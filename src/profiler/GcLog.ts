/** Kinds of garbage collection a host can report. */
export type GcKind = 'minor' | 'major' | 'incremental' | 'weak' | 'unknown';

export const GC_KINDS: readonly GcKind[] = ['minor', 'major', 'incremental', 'weak', 'unknown'];

/**
 * GC events reported by a host (Node's `PerformanceObserver('gc')`, a page's heap-drop detector),
 * stored in a bounded ring in the profiler clock's milliseconds, so they can be matched to the
 * frames they happened in. Hosts deliver them late (Node: a tick later); matching is by time.
 */
export class GcLog {
  readonly capacity: number;
  private readonly _start: Float64Array;
  private readonly _duration: Float64Array;
  private readonly _kind: Uint8Array;
  /** Events recorded so far (older ones beyond capacity are gone, and counted in `lost`). */
  written = 0;
  /** False when the host records GCs it inferred, without their durations (a page's detector). */
  durationsKnown = true;

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this._start = new Float64Array(capacity);
    this._duration = new Float64Array(capacity);
    this._kind = new Uint8Array(capacity);
  }

  /** Events overwritten before anyone read them. */
  get lost(): number {
    return Math.max(0, this.written - this.capacity);
  }

  record(startMs: number, durationMs: number, kind: GcKind): void {
    const i = this.written % this.capacity;
    this._start[i] = startMs;
    this._duration[i] = durationMs;
    this._kind[i] = GC_KINDS.indexOf(kind);
    this.written++;
  }

  clear(): void {
    this.written = 0;
  }

  /** Calls `visit` for each kept event whose start lies in [fromMs, toMs). */
  forEachIn(fromMs: number, toMs: number, visit: (startMs: number, durationMs: number, kind: GcKind) => void): void {
    const first = Math.max(0, this.written - this.capacity);
    for (let seq = first; seq < this.written; seq++) {
      const i = seq % this.capacity;
      const start = this._start[i]!;
      if (start >= fromMs && start < toMs) visit(start, this._duration[i]!, GC_KINDS[this._kind[i]!]!);
    }
  }

  /** Every kept event, oldest first (allocates; for exports and reports). */
  events(): Array<{ startMs: number; durationMs: number; kind: GcKind }> {
    const out: Array<{ startMs: number; durationMs: number; kind: GcKind }> = [];
    this.forEachIn(-Infinity, Infinity, (startMs, durationMs, kind) => out.push({ startMs, durationMs, kind }));
    return out;
  }
}
