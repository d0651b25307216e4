import type { FrameProfiler } from './FrameProfiler.ts';
import type { HeapMeter, ProfilerClock } from './HeapMeter.ts';
import { setActiveSink, activeSink, type MarkerSink } from './MarkerSink.ts';
import { FrameRecorder, FRAME_EVENTS_OVERFLOWED, FRAME_MARKERS_UNBALANCED } from './FrameRecorder.ts';
import { SiteCounter } from './SiteCounter.ts';
import type { ProfilerMarker } from './ProfilerMarker.ts';

/** Options of a `Profiler`. */
export interface ProfilerOptions {
  /** Reads used heap bytes (host supplied: Node, Chromium). */
  meter: HeapMeter;
  /** Stamps time (host supplied). */
  clock: ProfilerClock;
  /** Frame rows kept in the ring buffer (default 10,000). */
  frameCapacity?: number;
  /** Marker events kept across all frames (default 32 per frame row). */
  eventCapacity?: number;
  /** Deepest marker nesting recorded (default 64). */
  maxMarkerDepth?: number;
  /** Allocation-site pairs kept across all frames (default 8 per frame row); see `SiteCounter`. */
  sitePairCapacity?: number;
}

/**
 * Records frames and the markers inside them into a `FrameRecorder`.
 *
 * Per frame it reads the heap meter and the clock at the frame's start and end and at each marker
 * boundary, copying raw readings into preallocated typed arrays: the profiler's own per-frame cost
 * is 0 bytes. Consecutive calls of the same marker (one per behaviour of a type, in deep mode) are
 * merged into one event with a call count, so deep profiles stay small. Where instrumented code
 * runs (see src/instrument), it also records how many allocations each site counted in the frame.
 *
 * @example
 * const profiler = new Profiler({ meter: new NodeHeapMeter(), clock: new NodeClock() });
 * profiler.start();
 * for (let i = 0; i < 600; i++) {
 *   profiler.beginFrame(16.7);
 *   game.update();
 *   profiler.endFrame();
 * }
 * profiler.stop();
 */
export class Profiler implements FrameProfiler, MarkerSink {
  readonly meter: HeapMeter;
  readonly clock: ProfilerClock;
  readonly recorder: FrameRecorder;

  private readonly _stack: Int32Array;
  private _depth = 0;
  private _inFrame = false;
  private _row = 0;
  private _frameEvents = 0;
  private _lastEvent = -1;
  private _flags = 0;
  private readonly _quick: boolean;
  private readonly _sites = new SiteCounter();

  constructor(options: ProfilerOptions) {
    this.meter = options.meter;
    this.clock = options.clock;
    this.recorder = new FrameRecorder({
      frameCapacity: options.frameCapacity,
      eventCapacity: options.eventCapacity,
      stampSize: options.clock.stampSize,
      sampleSize: options.meter.sampleSize,
      sitePairCapacity: options.sitePairCapacity,
    });
    this._stack = new Int32Array(options.maxMarkerDepth ?? 64);
    this._quick = typeof options.meter.sampleQuick === 'function';
  }

  /** Makes this profiler the receiver of every `ProfilerMarker`'s events. */
  start(): this {
    setActiveSink(this);
    return this;
  }

  /** Stops receiving marker events (frames can still be recorded without markers). */
  stop(): this {
    if (activeSink === this) setActiveSink(null);
    return this;
  }

  /** True while this profiler receives marker events. */
  get active(): boolean {
    return activeSink === this;
  }

  /** True between `beginFrame` and `endFrame`. */
  get inFrame(): boolean {
    return this._inFrame;
  }

  /**
   * Starts a frame (ending one left open). With `first`, that marker begins at the frame's own
   * opening reading: a phase that starts the frame costs no reading of its own.
   */
  beginFrame(dtMs: number, first?: ProfilerMarker): void {
    if (this._inFrame) this.endFrame();
    const rec = this.recorder;
    const row = rec.framesWritten % rec.frameCapacity;
    this._row = row;
    this._inFrame = true;
    this._depth = 0;
    this._frameEvents = 0;
    this._lastEvent = -1;
    this._flags = 0;
    rec.rowDtMs[row] = dtMs;
    rec.rowEventSeq[row] = rec.eventsWritten;
    this._sites.beginFrame();
    this.clock.stamp(rec.rowStampStart, row * rec.stampSize);
    this.meter.sample(rec.rowHeapStart, row * rec.sampleSize);
    if (first === undefined) return;
    if (activeSink !== this) {
      first.begin();
      return;
    }
    const index = this._pushBegin(first.id);
    if (index >= 0) rec.eventReading[index] = row;
  }

  /**
   * Ends the frame. With `last`, that marker ends first, at the frame's own closing reading: a phase
   * that ends the frame costs no reading of its own.
   */
  endFrame(last?: ProfilerMarker): void {
    if (!this._inFrame) return;
    if (last !== undefined && activeSink !== this) last.end();
    const rec = this.recorder;
    const row = this._row;
    this.meter.sample(rec.rowHeapEnd, row * rec.sampleSize);
    this.clock.stamp(rec.rowStampEnd, row * rec.stampSize);
    if (last !== undefined && activeSink === this) {
      const index = this._pushEnd(last.id);
      if (index >= 0) rec.eventReading[index] = rec.frameCapacity + row;
    }
    if (this._depth !== 0) this._flags |= FRAME_MARKERS_UNBALANCED;
    this._flags |= this._sites.endFrame(rec, row);
    rec.rowEventCount[row] = this._frameEvents;
    rec.rowFlags[row] = this._flags;
    rec.framesWritten++;
    this._inFrame = false;
  }

  switchMarker(endId: number, beginId: number): void {
    if (!this._inFrame) return;
    const end = this._pushEnd(endId);
    if (end < 0) {
      // The end was refused: take the slow path for the begin.
      this.beginMarker(beginId);
      return;
    }
    this._stampAndSample(end);
    const begin = this._pushBegin(beginId);
    // The begin event points at the end event's readings.
    if (begin >= 0) this.recorder.eventReading[begin] = this.recorder.eventReading[end]!;
  }

  /** A marker boundary's own readings, into event `index`: the clock, then the heap. */
  private _stampAndSample(index: number): void {
    const rec = this.recorder;
    this.clock.stamp(rec.eventStamp, index * rec.stampSize);
    if (this._quick) this.meter.sampleQuick!(rec.eventHeap, index * rec.sampleSize);
    else this.meter.sample(rec.eventHeap, index * rec.sampleSize);
  }

  /** The begin's readings come first: the heap, then the clock, so the marker's time includes its sample. */
  private _sampleAndStamp(index: number): void {
    const rec = this.recorder;
    if (this._quick) this.meter.sampleQuick!(rec.eventHeap, index * rec.sampleSize);
    else this.meter.sample(rec.eventHeap, index * rec.sampleSize);
    this.clock.stamp(rec.eventStamp, index * rec.stampSize);
  }

  beginMarker(id: number): void {
    if (!this._inFrame) return;
    const rec = this.recorder;
    const last = this._lastEvent;
    // The same marker ending and beginning again with nothing between: merge into one event.
    if (last >= 0 && rec.eventMarker[last] === ~id && this._depth < this._stack.length) {
      const begin = rec.eventLink[last]!;
      rec.eventLink[begin]!++;
      rec.eventsWritten--;
      this._frameEvents--;
      this._lastEvent = -1;
      this._stack[this._depth++] = begin;
      return;
    }
    const index = this._pushBegin(id);
    if (index >= 0) this._sampleAndStamp(index);
  }

  endMarker(id: number): void {
    if (!this._inFrame) return;
    const index = this._pushEnd(id);
    if (index >= 0) this._stampAndSample(index);
  }

  /**
   * Appends a begin event for marker `id` and returns its index for the caller to fill with
   * readings, or -1 when it was refused (too deep, or the frame's events overflowed).
   */
  private _pushBegin(id: number): number {
    const rec = this.recorder;
    if (this._depth >= this._stack.length || this._frameEvents >= rec.eventCapacity) {
      this._flags |= FRAME_EVENTS_OVERFLOWED;
      rec.eventsRefused++;
      if (this._depth < this._stack.length) this._stack[this._depth] = -1;
      this._depth++;
      return -1;
    }
    const index = rec.eventsWritten % rec.eventCapacity;
    rec.eventMarker[index] = id;
    rec.eventLink[index] = 1;
    rec.eventReading[index] = 2 * rec.frameCapacity + index;
    rec.eventsWritten++;
    this._frameEvents++;
    this._lastEvent = -1;
    this._stack[this._depth++] = index;
    return index;
  }

  /**
   * Appends the end event of the innermost open marker (expected: `id`) and returns its index for
   * the caller to fill with readings, or -1 when there is none to end or it was refused.
   */
  private _pushEnd(id: number): number {
    if (this._depth === 0) {
      this._flags |= FRAME_MARKERS_UNBALANCED;
      return -1;
    }
    const rec = this.recorder;
    this._depth--;
    const begin = this._depth < this._stack.length ? this._stack[this._depth]! : -1;
    if (begin === -1) {
      // The matching begin was refused (too deep, or the frame's events overflowed): refuse the end too.
      rec.eventsRefused++;
      return -1;
    }
    if (rec.eventMarker[begin] !== id) this._flags |= FRAME_MARKERS_UNBALANCED;
    if (this._frameEvents >= rec.eventCapacity) {
      this._flags |= FRAME_EVENTS_OVERFLOWED;
      rec.eventsRefused++;
      return -1;
    }
    const index = rec.eventsWritten % rec.eventCapacity;
    rec.eventMarker[index] = ~id;
    rec.eventLink[index] = begin;
    rec.eventReading[index] = 2 * rec.frameCapacity + index;
    rec.eventsWritten++;
    this._frameEvents++;
    this._lastEvent = index;
    return index;
  }
}
