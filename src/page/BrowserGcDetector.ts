import type { FrameRecorder } from '../profiler/FrameRecorder.ts';
import type { GcKind, GcLog } from '../profiler/GcLog.ts';
import type { HeapMeter } from '../profiler/HeapMeter.ts';

/** GC seen inside the frame (the used heap shrank between its start and end). */
export const GC_IN_FRAME = 1;
/** GC seen between the previous frame's end and this frame's start. */
export const GC_BEFORE_FRAME = 2;

/**
 * Detects garbage collections from inside a page, where no 'gc' PerformanceObserver exists, and
 * records them into the profiler's `GcLog` (profiler clock ms), so run summaries and graphs can
 * mark them:
 *
 * - a used-heap drop inside a frame, between any two of its readings (start, marker boundaries,
 *   end), or between two frames;
 * - a WeakRef sentinel, cleared only by a full (mark-compact) GC: a drop seen while the sentinel
 *   is gone is recorded as 'major', other drops as 'minor'; a cleared sentinel without any drop
 *   is still recorded as a 'major' GC between frames. Kinds are inferred; durations are unknown (0).
 *
 * `afterFrame()` runs after each frame, outside it (reading the sentinel allocates a little).
 * Per frame seq it keeps flags (`flagsOf(seq)`) for the panel's graphs.
 */
export class BrowserGcDetector {
  /** GCs detected since the last `reset()`. */
  count = 0;
  private readonly _log: GcLog;
  private readonly _recorder: FrameRecorder;
  private readonly _meter: HeapMeter;
  private readonly _flags: Uint8Array;
  private _sentinel: WeakRef<object>;
  private _lastSeq = -1;

  constructor(log: GcLog, recorder: FrameRecorder, meter: HeapMeter) {
    this._log = log;
    // Inferred GCs are recorded with a duration of 0: reports must not read that as a measured pause.
    log.durationsKnown = false;
    this._recorder = recorder;
    this._meter = meter;
    this._flags = new Uint8Array(recorder.frameCapacity);
    this._sentinel = new WeakRef({});
  }

  /** GC flags of frame `seq` (GC_IN_FRAME | GC_BEFORE_FRAME), 0 when none or no longer kept. */
  flagsOf(seq: number): number {
    if (seq < this._recorder.oldestRowSeq || seq > this._lastSeq) return 0;
    return this._flags[seq % this._flags.length]!;
  }

  /** Forgets the previous frame (after a scene change), so no drop is seen across the gap. */
  reset(): void {
    this._lastSeq = -1;
    this.count = 0;
  }

  /** Checks the newest frame (and the gap before it) for a GC. Call once after each frame. */
  afterFrame(): void {
    const rec = this._recorder;
    const seq = rec.latestSeq;
    if (seq < 0 || seq === this._lastSeq) return;
    const meter = this._meter;
    const row = seq % rec.frameCapacity;
    const at = row * rec.sampleSize;
    const start = meter.toBytes(rec.rowHeapStart, at);
    const end = meter.toBytes(rec.rowHeapEnd, at);
    const startMs = rec.rowStampStart[row * rec.stampSize]!;
    const endMs = rec.rowStampEnd[row * rec.stampSize]!;
    const sentinelCleared = this._sentinel.deref() === undefined;
    if (sentinelCleared) this._sentinel = new WeakRef({});
    const kind: GcKind = sentinelCleared ? 'major' : 'minor';
    let flags = 0;
    if (end < start || this._dropBetweenMarkers(row, start, end)) {
      flags |= GC_IN_FRAME;
      this._log.record(midpoint(startMs, endMs), 0, kind);
    }
    const prev = seq - 1;
    if (prev === this._lastSeq && rec.isAvailable(prev)) {
      const prevRow = prev % rec.frameCapacity;
      const prevEnd = meter.toBytes(rec.rowHeapEnd, prevRow * rec.sampleSize);
      const prevEndMs = rec.rowStampEnd[prevRow * rec.stampSize]!;
      if (start < prevEnd || (sentinelCleared && flags === 0)) {
        flags |= GC_BEFORE_FRAME;
        // Strictly between the two frames, so run summaries count it as a GC between frames.
        this._log.record(midpoint(prevEndMs, startMs), 0, kind);
      }
    } else if (sentinelCleared && flags === 0) {
      flags |= GC_BEFORE_FRAME;
      this._log.record(startMs - 0.001, 0, kind);
    }
    if (flags !== 0) this.count++;
    this._flags[seq % this._flags.length] = flags;
    this._lastSeq = seq;
  }

  /**
   * True when the used heap went down between two consecutive readings of the frame (its start,
   * each marker boundary, its end). A GC that frees less than the frame allocates leaves the
   * frame's total positive, but still shrinks the heap between two of its readings.
   */
  private _dropBetweenMarkers(row: number, start: number, end: number): boolean {
    const rec = this._recorder;
    const meter = this._meter;
    const first = rec.rowEventSeq[row]!;
    const count = rec.rowEventCount[row]!;
    let previous = start;
    for (let k = 0; k < count; k++) {
      const bytes = meter.toBytes(rec.heapStore, rec.eventHeapAt((first + k) % rec.eventCapacity));
      if (bytes < previous) return true;
      previous = bytes;
    }
    return end < previous;
  }
}

function midpoint(a: number, b: number): number {
  return a + (b - a) / 2;
}
