import { markerBytes } from './HeapMeter.ts';
import type { HeapMeter, ProfilerClock } from './HeapMeter.ts';
import type { FrameRecorder } from './FrameRecorder.ts';
import { markerCount } from './ProfilerMarker.ts';

/**
 * One frame turned from raw readings into figures: frame time and bytes, and per marker the calls,
 * total and self time, total and self bytes. Reused between decodes: the arrays grow only when
 * new marker names appear, so a live view can decode the latest frame at 10 Hz cheaply.
 */
export class FrameSample {
  seq = -1;
  dtMs = 0;
  startMs = 0;
  endMs = 0;
  /** Used-heap growth over the frame; meaningless when a GC ran inside the frame. */
  bytes = 0;
  flags = 0;
  /** Marker ids that occurred in this frame, in first-seen order; `markerSlots` of them are valid. */
  markerIds = new Int32Array(16);
  markerSlots = 0;
  // Indexed by marker id.
  calls = new Float64Array(16);
  totalMs = new Float64Array(16);
  selfMs = new Float64Array(16);
  totalBytes = new Float64Array(16);
  selfBytes = new Float64Array(16);
  /**
   * The frame's marker intervals in the order they ended (children before their parent), for a
   * timeline: `sliceCount` of them are valid. Times are on the profiler clock, as `startMs`.
   */
  sliceCount = 0;
  sliceMarker = new Int32Array(16);
  sliceDepth = new Int32Array(16);
  sliceStartMs = new Float64Array(16);
  sliceEndMs = new Float64Array(16);
  sliceBytes = new Float64Array(16);
  sliceCalls = new Float64Array(16);

  get frameMs(): number {
    return this.endMs - this.startMs;
  }

  /** Makes room for `n` marker ids (outside hot paths: only when new markers were created). */
  ensureMarkers(n: number): void {
    if (this.calls.length >= n) return;
    let size = this.calls.length;
    while (size < n) size *= 2;
    this.markerIds = new Int32Array(size);
    this.calls = new Float64Array(size);
    this.totalMs = new Float64Array(size);
    this.selfMs = new Float64Array(size);
    this.totalBytes = new Float64Array(size);
    this.selfBytes = new Float64Array(size);
  }

  /** Makes room for one more slice, keeping those decoded (only when a frame has more than ever before). */
  growSlices(): void {
    const size = this.sliceMarker.length * 2;
    const grown = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.sliceMarker = grown(this.sliceMarker, (n) => new Int32Array(n));
    this.sliceDepth = grown(this.sliceDepth, (n) => new Int32Array(n));
    this.sliceStartMs = grown(this.sliceStartMs, (n) => new Float64Array(n));
    this.sliceEndMs = grown(this.sliceEndMs, (n) => new Float64Array(n));
    this.sliceBytes = grown(this.sliceBytes, (n) => new Float64Array(n));
    this.sliceCalls = grown(this.sliceCalls, (n) => new Float64Array(n));
  }
}

/** Decodes frames of a recorder into `FrameSample`s. */
export class FrameDecoder {
  private readonly _recorder: FrameRecorder;
  private readonly _clock: ProfilerClock;
  private readonly _meter: HeapMeter;
  private _stack = new Int32Array(64);
  private _childMs = new Float64Array(64);
  private _childBytes = new Float64Array(64);

  constructor(recorder: FrameRecorder, clock: ProfilerClock, meter: HeapMeter) {
    this._recorder = recorder;
    this._clock = clock;
    this._meter = meter;
  }

  /** Fills `out` with frame `seq`; returns false (and leaves `out` alone) if the frame is gone. */
  decode(seq: number, out: FrameSample): boolean {
    const rec = this._recorder;
    if (!rec.isAvailable(seq)) return false;
    const row = seq % rec.frameCapacity;
    const stampSize = rec.stampSize;
    const meter = this._meter;
    out.ensureMarkers(markerCount());
    for (let i = 0; i < out.markerSlots; i++) {
      const id = out.markerIds[i]!;
      out.calls[id] = 0;
      out.totalMs[id] = 0;
      out.selfMs[id] = 0;
      out.totalBytes[id] = 0;
      out.selfBytes[id] = 0;
    }
    out.markerSlots = 0;
    out.sliceCount = 0;
    out.seq = seq;
    out.dtMs = rec.rowDtMs[row]!;
    out.startMs = this._clock.toMs(rec.rowStampStart, row * stampSize);
    out.endMs = this._clock.toMs(rec.rowStampEnd, row * stampSize);
    out.bytes = rec.frameBytes(seq, this._meter);
    out.flags = rec.rowFlags[row]!;

    const first = rec.rowEventSeq[row]!;
    const count = rec.rowEventCount[row]!;
    let depth = 0;
    for (let k = 0; k < count; k++) {
      const index = (first + k) % rec.eventCapacity;
      const marker = rec.eventMarker[index]!;
      if (marker >= 0) {
        if (depth === this._stack.length) this._grow();
        this._stack[depth] = index;
        this._childMs[depth] = 0;
        this._childBytes[depth] = 0;
        depth++;
        continue;
      }
      const id = ~marker;
      if (depth === 0) continue;
      depth--;
      const begin = this._stack[depth]!;
      const beginMs = this._clock.toMs(rec.stampStore, rec.eventStampAt(begin));
      const endMs = this._clock.toMs(rec.stampStore, rec.eventStampAt(index));
      const ms = endMs - beginMs;
      const bytes = markerBytes(meter, rec.heapStore, rec.eventHeapAt(index)) - markerBytes(meter, rec.heapStore, rec.eventHeapAt(begin));
      if (out.calls[id] === 0 && out.totalMs[id] === 0) out.markerIds[out.markerSlots++] = id;
      if (out.sliceCount === out.sliceMarker.length) out.growSlices();
      const slice = out.sliceCount++;
      out.sliceMarker[slice] = id;
      out.sliceDepth[slice] = depth;
      out.sliceStartMs[slice] = beginMs;
      out.sliceEndMs[slice] = endMs;
      out.sliceBytes[slice] = bytes;
      out.sliceCalls[slice] = rec.eventLink[begin]!;
      out.calls[id]! += rec.eventLink[begin]!;
      out.totalMs[id]! += ms;
      out.totalBytes[id]! += bytes;
      out.selfMs[id]! += ms - this._childMs[depth]!;
      out.selfBytes[id]! += bytes - this._childBytes[depth]!;
      if (depth > 0) {
        this._childMs[depth - 1]! += ms;
        this._childBytes[depth - 1]! += bytes;
      }
    }
    return true;
  }

  private _grow(): void {
    const size = this._stack.length * 2;
    const stack = new Int32Array(size);
    stack.set(this._stack);
    const childMs = new Float64Array(size);
    childMs.set(this._childMs);
    const childBytes = new Float64Array(size);
    childBytes.set(this._childBytes);
    this._stack = stack;
    this._childMs = childMs;
    this._childBytes = childBytes;
  }
}
