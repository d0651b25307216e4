import { markerBytes } from './HeapMeter.ts';
import type { HeapMeter, ProfilerClock } from './HeapMeter.ts';
import type { FrameRecorder } from './FrameRecorder.ts';
import { markerCount, markerName } from './ProfilerMarker.ts';

/** A marker interval of one frame, kept for trace exports. */
export interface TraceSlice {
  marker: number;
  startMs: number;
  endMs: number;
  calls: number;
  bytes: number;
  depth: number;
}

/** The measured frames of a run as a trace draws them: start and end (ms), bytes and marker slices. */
export interface FrameTimeline {
  startMs: number[];
  endMs: number[];
  bytes: number[];
  slices: TraceSlice[][];
}

/**
 * The "consume every frame" reader of a recorder, for exports and tests (the live panel samples
 * the newest frame instead). Call `drain()` often enough that the ring does not wrap between
 * calls; any frame that was overwritten before it was read is counted in `dropped`, never skipped
 * silently. Works outside the frame, so it may allocate.
 */
export class FrameCollector {
  /** Per collected frame: used-heap growth, ms, start and end (profiler clock ms). */
  readonly bytes: number[] = [];
  readonly ms: number[] = [];
  readonly startMs: number[] = [];
  readonly endMs: number[] = [];
  readonly flags: number[] = [];
  /** Per collected frame: true when the JIT installed code inside it (if the meter can tell). */
  readonly jit: boolean[] = [];
  /** Per collected frame: allocations counted by instrumented sites (0 without instrumentation). */
  readonly siteHits: number[] = [];
  /**
   * Per collected frame: where its (site, hits) pairs start in `pairSite`/`pairHits`; they end
   * where the next frame's start (or at the arrays' end for the last frame).
   */
  readonly sitePairStart: number[] = [];
  readonly pairSite: number[] = [];
  readonly pairHits: number[] = [];
  /** Per collected frame, its marker slices (only with `keepSlices`). */
  readonly slices: TraceSlice[][] = [];
  /** Frames lost to ring overflow before they were collected. */
  dropped = 0;
  /** Per marker id, sums over collected frames. */
  private readonly _calls: number[] = [];
  private readonly _ms: number[] = [];
  private readonly _selfMs: number[] = [];
  private readonly _bytes: number[] = [];
  private readonly _selfBytes: number[] = [];
  /** Per frame and marker id: total bytes, to drop frames a GC disturbed from marker byte sums. */
  private readonly _frameMarkerBytes: Array<Map<number, [number, number]>> = [];
  private _next: number;
  private readonly _recorder: FrameRecorder;
  private readonly _clock: ProfilerClock;
  private readonly _meter: HeapMeter;
  private readonly _keepSlices: boolean;

  constructor(recorder: FrameRecorder, clock: ProfilerClock, meter: HeapMeter, options: { keepSlices?: boolean } = {}) {
    this._recorder = recorder;
    this._clock = clock;
    this._meter = meter;
    this._keepSlices = options.keepSlices ?? false;
    this._next = recorder.framesWritten;
  }

  /** Number of frames collected. */
  get frames(): number {
    return this.bytes.length;
  }

  /**
   * The collected frames as a trace draws them: times from the first frame's start, each frame's
   * bytes (`bytes`, e.g. a run's per-frame figures with disturbed frames set apart, or the raw ones)
   * and, with `slices`, its marker slices on the same time base. Allocates: call after measuring.
   */
  timeline(bytes: number[] = this.bytes, options: { slices?: boolean } = {}): FrameTimeline {
    const origin = this.startMs[0] ?? 0;
    return {
      startMs: this.startMs.map((ms) => ms - origin),
      endMs: this.endMs.map((ms) => ms - origin),
      bytes,
      slices:
        options.slices === false
          ? []
          : this.slices.map((frame) => frame.map((s) => ({ ...s, startMs: s.startMs - origin, endMs: s.endMs - origin }))),
    };
  }

  /** Collects every frame written since the last call. */
  drain(): void {
    const rec = this._recorder;
    const latest = rec.framesWritten;
    for (let seq = this._next; seq < latest; seq++) {
      if (!rec.isAvailable(seq)) {
        this.dropped++;
        continue;
      }
      this._collect(seq);
    }
    this._next = latest;
  }

  /** Calls `fn(site, hits)` for each site that fired in collected frame `frame`. */
  forEachSitePair(frame: number, fn: (site: number, hits: number) => void): void {
    const end = frame + 1 < this.sitePairStart.length ? this.sitePairStart[frame + 1]! : this.pairSite.length;
    for (let k = this.sitePairStart[frame]!; k < end; k++) fn(this.pairSite[k]!, this.pairHits[k]!);
  }

  /** Marker sums over the collected frames, excluding bytes of frames listed in `skipBytes`. */
  markerTotals(skipBytes: ReadonlySet<number>): Array<{
    id: number;
    name: string;
    calls: number;
    ms: number;
    selfMs: number;
    bytes: number;
    selfBytes: number;
  }> {
    const out = [];
    for (let id = 0; id < this._calls.length; id++) {
      const calls = this._calls[id] ?? 0;
      if (calls === 0) continue;
      let bytes = this._bytes[id]!;
      let selfBytes = this._selfBytes[id]!;
      for (const frame of skipBytes) {
        const pair = this._frameMarkerBytes[frame]?.get(id);
        if (pair !== undefined) {
          bytes -= pair[0];
          selfBytes -= pair[1];
        }
      }
      out.push({ id, name: markerName(id), calls, ms: this._ms[id]!, selfMs: this._selfMs[id]!, bytes, selfBytes });
    }
    return out;
  }

  private _collect(seq: number): void {
    const rec = this._recorder;
    const clock = this._clock;
    const meter = this._meter;
    const row = seq % rec.frameCapacity;
    const stamp = rec.stampSize;
    const sample = rec.sampleSize;
    const start = clock.toMs(rec.rowStampStart, row * stamp);
    const end = clock.toMs(rec.rowStampEnd, row * stamp);
    this.bytes.push(rec.frameBytes(seq, meter));
    this.ms.push(end - start);
    this.startMs.push(start);
    this.endMs.push(end);
    this.flags.push(rec.rowFlags[row]!);
    this.siteHits.push(rec.rowSiteHits[row]!);
    this.sitePairStart.push(this.pairSite.length);
    const firstPair = rec.rowSitePairSeq[row]!;
    const pairCount = rec.rowSitePairCount[row]!;
    for (let k = 0; k < pairCount; k++) {
      const index = (firstPair + k) % rec.sitePairCapacity;
      this.pairSite.push(rec.pairSite[index]!);
      this.pairHits.push(rec.pairHits[index]!);
    }
    this.jit.push(meter.jitBetween?.(rec.rowHeapStart, row * sample, rec.rowHeapEnd, row * sample) ?? false);
    for (let id = this._calls.length; id < markerCount(); id++) {
      this._calls.push(0);
      this._ms.push(0);
      this._selfMs.push(0);
      this._bytes.push(0);
      this._selfBytes.push(0);
    }
    const frameMarkers = new Map<number, [number, number]>();
    const slices: TraceSlice[] = [];
    const stack: Array<{ begin: number; childMs: number; childBytes: number }> = [];
    const first = rec.rowEventSeq[row]!;
    const count = rec.rowEventCount[row]!;
    for (let k = 0; k < count; k++) {
      const index = (first + k) % rec.eventCapacity;
      const marker = rec.eventMarker[index]!;
      if (marker >= 0) {
        stack.push({ begin: index, childMs: 0, childBytes: 0 });
        continue;
      }
      const open = stack.pop();
      if (open === undefined) continue;
      const id = ~marker;
      const beginMs = clock.toMs(rec.stampStore, rec.eventStampAt(open.begin));
      const endMs = clock.toMs(rec.stampStore, rec.eventStampAt(index));
      const ms = endMs - beginMs;
      const bytes =
        markerBytes(meter, rec.heapStore, rec.eventHeapAt(index)) - markerBytes(meter, rec.heapStore, rec.eventHeapAt(open.begin));
      const calls = rec.eventLink[open.begin]!;
      this._calls[id]! += calls;
      this._ms[id]! += ms;
      this._selfMs[id]! += ms - open.childMs;
      this._bytes[id]! += bytes;
      this._selfBytes[id]! += bytes - open.childBytes;
      const pair = frameMarkers.get(id);
      if (pair === undefined) frameMarkers.set(id, [bytes, bytes - open.childBytes]);
      else {
        pair[0] += bytes;
        pair[1] += bytes - open.childBytes;
      }
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        parent.childMs += ms;
        parent.childBytes += bytes;
      }
      if (this._keepSlices) slices.push({ marker: id, startMs: beginMs, endMs, calls, bytes, depth: stack.length });
    }
    this._frameMarkerBytes.push(frameMarkers);
    if (this._keepSlices) this.slices.push(slices);
  }
}
