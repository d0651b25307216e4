import { FrameDecoder, FrameSample } from '../profiler/FrameDecoder.ts';
import { markerName } from '../profiler/ProfilerMarker.ts';
import type { BrowserProfiler } from '../page/BrowserProfiler.ts';
import { GC_IN_FRAME } from '../page/BrowserGcDetector.ts';

/** The newest frame as the panel and `window.alloclab.stats()` report it. */
export interface FrameStats {
  /** The frame's number since the scene was loaded (0 = first frame), -1 before any. */
  frame: number;
  /** Measured bytes, or null when unavailable (no precise memory) or a GC ran inside the frame. */
  bytes: number | null;
  ms: number;
  /** True when a GC was detected in this frame or just before it. */
  gc: boolean;
  /** GCs detected since the scene was loaded. */
  gcCount: number;
}

/** One line of the hierarchy table. */
export interface HierarchyRow {
  name: string;
  /** Name of the parent row ('' for top level). */
  parent: string;
  bytes: number | null;
  calls: number;
  ms: number;
  selfMs: number;
  /** Shown on hover (what the row is), when the name alone does not say it. */
  title?: string;
}

/** Frames the graphs show at first (the wheel zooms out to every frame kept). */
export const GRAPH_SPAN = 300;

/** Most frames kept for the graphs: the recorder's capacity, up to this. */
const MAX_HISTORY = 10_000;

/** Deep markers are named "Type.update" etc.; they nest under the engine's phase markers. */
const PHASE_OF_SUFFIX: Record<string, string> = { start: 'Start', update: 'Update', lateUpdate: 'LateUpdate' };

/**
 * The GC Alloc panel's model. At each `poll()` (10 Hz, on the panel's own timer) it copies the
 * frames written since the last poll into a history as long as the recorder's (bytes, ms, GC flag:
 * a row read per frame), and decodes one frame in full for the hierarchy (drop policy: the loop is never slowed
 * by the panel): the newest, or the frame the user selected (`select`), decoded once from the
 * recorder, which keeps its last `frameCapacity` frames (10,000 by default).
 */
export class GcAllocModel {
  /** Frames kept: as many as the recorder holds (up to 10,000), so any kept frame can be decoded. */
  readonly history: number;
  readonly bytes: Float64Array;
  readonly ms: Float64Array;
  readonly gc: Uint8Array;
  /** The recorder's sequence number of each history slot. */
  readonly seqs: Float64Array;
  /** Frames in the history (up to `history`); the newest is at `(head - 1) mod length`. */
  count = 0;
  head = 0;
  /** The decoded frame the hierarchy shows: the newest, or the selected one. */
  readonly sample = new FrameSample();
  private readonly _profiled: BrowserProfiler;
  private readonly _decoder: FrameDecoder;
  private _lastSeq = -1;
  private _firstSeq = 0;
  /** The selected frame's sequence number, or -1 to follow the newest frame ("Live"). */
  private _selected = -1;

  constructor(profiled: BrowserProfiler) {
    this._profiled = profiled;
    const { profiler, clock, meter } = profiled;
    this.history = Math.min(profiler.recorder.frameCapacity, MAX_HISTORY);
    this.bytes = new Float64Array(this.history);
    this.ms = new Float64Array(this.history);
    this.gc = new Uint8Array(this.history);
    this.seqs = new Float64Array(this.history);
    this._decoder = new FrameDecoder(profiler.recorder, clock, meter);
  }

  /** True when byte figures are real measurements. */
  get precise(): boolean {
    return this._profiled.meter.precise;
  }

  /** Starts a new history (after a scene change): frames before the next one are not shown. */
  reset(): void {
    this.count = 0;
    this.head = 0;
    this._firstSeq = this._profiled.profiler.recorder.framesWritten;
    this._lastSeq = this._firstSeq - 1;
    this.sample.seq = -1;
    this._selected = -1;
  }

  /** The selected frame's sequence number, or -1 when the newest frame is shown. */
  get selectedSeq(): number {
    return this._selected;
  }

  /** A frame's number since the scene was loaded (what the panel shows) from its sequence number. */
  frameNumber(seq: number): number {
    return seq - this._firstSeq;
  }

  /** The oldest frame that can still be selected: the recorder keeps its last `frameCapacity` frames. */
  get oldestSelectable(): number {
    return Math.max(this._firstSeq, this._profiled.profiler.recorder.oldestRowSeq);
  }

  /**
   * Shows frame `seq` in the hierarchy until `live()`; false (and nothing changes) when the
   * recorder no longer holds it or it was not written yet.
   */
  select(seq: number): boolean {
    const rec = this._profiled.profiler.recorder;
    if (!Number.isInteger(seq) || seq < this.oldestSelectable || seq > rec.latestSeq || !rec.isAvailable(seq)) return false;
    this._selected = seq;
    this._decoder.decode(seq, this.sample);
    return true;
  }

  /** Selects the frame `delta` frames after the selected one (or the newest), within what can be selected. */
  step(delta: number): boolean {
    const rec = this._profiled.profiler.recorder;
    const from = this._selected >= 0 ? this._selected : rec.latestSeq;
    return this.select(Math.min(rec.latestSeq, Math.max(this.oldestSelectable, from + delta)));
  }

  /** Follows the newest frame again. */
  live(): void {
    this._selected = -1;
    const latest = this._profiled.profiler.recorder.latestSeq;
    if (latest >= this._firstSeq && this._profiled.profiler.recorder.isAvailable(latest)) this._decoder.decode(latest, this.sample);
  }

  /** Where history slot `k` (0 = the oldest kept) is in the ring arrays. */
  private _ring(k: number): number {
    return (this.head - this.count + k + this.history) % this.history;
  }

  /** The history slot (0 = oldest shown) of frame `seq`, or -1 when it is not in the graphs' history. */
  historyIndex(seq: number): number {
    for (let k = 0; k < this.count; k++) if (this.seqs[this._ring(k)] === seq) return k;
    return -1;
  }

  /** The sequence number of history slot `k` (0 = oldest shown), or -1. */
  seqAt(k: number): number {
    if (k < 0 || k >= this.count) return -1;
    return this.seqs[this._ring(k)]!;
  }

  /** The frame of the history that allocated the most bytes (frames with a GC inside have no figure), or -1. */
  mostBytesSeq(): number {
    let best = -1;
    let bestBytes = -1;
    for (let k = 0; k < this.count; k++) {
      const i = this._ring(k);
      if (this.gc[i] === 0 && this.bytes[i]! > bestBytes) {
        bestBytes = this.bytes[i]!;
        best = this.seqs[i]!;
      }
    }
    return best;
  }

  /** The next frame with a GC after the selected one (or the oldest in the history), or -1. */
  nextGcSeq(): number {
    for (let k = 0; k < this.count; k++) {
      const i = this._ring(k);
      if (this.gc[i] !== 0 && this.seqs[i]! > this._selected) return this.seqs[i]!;
    }
    return -1;
  }

  /** Reads the frames written since the last poll; returns true when there was a new one. */
  poll(): boolean {
    const rec = this._profiled.profiler.recorder;
    const latest = rec.latestSeq;
    if (latest <= this._lastSeq) return false;
    let from = this._lastSeq + 1;
    if (from < latest - this.history + 1) from = latest - this.history + 1;
    const meter = this._profiled.meter;
    const detector = this._profiled.gcDetector;
    for (let seq = from; seq <= latest; seq++) {
      if (!rec.isAvailable(seq)) continue;
      const row = seq % rec.frameCapacity;
      const i = this.head;
      this.bytes[i] = rec.frameBytes(seq, meter);
      this.ms[i] = rec.rowStampEnd[row * rec.stampSize]! - rec.rowStampStart[row * rec.stampSize]!;
      this.gc[i] = detector.flagsOf(seq) !== 0 ? 1 : 0;
      this.seqs[i] = seq;
      this.head = (i + 1) % this.history;
      if (this.count < this.history) this.count++;
    }
    this._lastSeq = latest;
    // A selected frame stays decoded as it was: only the newest is decoded again.
    if (this._selected < 0) this._decoder.decode(latest, this.sample);
    return true;
  }

  /** The newest frame, read from the recorder now. */
  latest(): FrameStats {
    return this.statsOf(this._profiled.profiler.recorder.latestSeq);
  }

  /** Frame `seq`'s figures, read from the recorder now (frame -1 when it holds no such frame). */
  statsOf(seq: number): FrameStats {
    const { profiler, meter, gcDetector } = this._profiled;
    const rec = profiler.recorder;
    if (seq < this._firstSeq || !rec.isAvailable(seq)) return { frame: -1, bytes: null, ms: 0, gc: false, gcCount: gcDetector.count };
    const row = seq % rec.frameCapacity;
    const flags = gcDetector.flagsOf(seq);
    const bytes = rec.frameBytes(seq, meter);
    return {
      frame: seq - this._firstSeq,
      bytes: meter.precise && bytes >= 0 && (flags & GC_IN_FRAME) === 0 ? bytes : null,
      ms: rec.rowStampEnd[row * rec.stampSize]! - rec.rowStampStart[row * rec.stampSize]!,
      gc: flags !== 0,
      gcCount: gcDetector.count,
    };
  }

  /** Whether a GC ran inside the decoded frame (its byte figures are then unknown). */
  gcInShownFrame(): boolean {
    const s = this.sample;
    return s.seq >= 0 && (s.bytes < 0 || (this._profiled.gcDetector.flagsOf(s.seq) & GC_IN_FRAME) !== 0);
  }

  /** The decoded newest frame as table rows, deep markers under their phase (allocates). */
  rows(): HierarchyRow[] {
    const s = this.sample;
    const out: HierarchyRow[] = [];
    if (s.seq < 0) return out;
    const precise = this.precise;
    const gcInFrame = this.gcInShownFrame();
    out.push({
      name: 'Frame',
      parent: '',
      bytes: precise && !gcInFrame ? s.bytes : null,
      calls: 1,
      ms: s.frameMs,
      selfMs: s.frameMs - topLevelMs(s),
    });
    for (let i = 0; i < s.markerSlots; i++) {
      const id = s.markerIds[i]!;
      const name = markerName(id);
      const dot = name.lastIndexOf('.');
      const phase = dot > 0 ? PHASE_OF_SUFFIX[name.slice(dot + 1)] : undefined;
      const bytes = s.totalBytes[id]!;
      out.push({
        name,
        parent: phase ?? 'Frame',
        bytes: precise && !gcInFrame && bytes >= 0 ? bytes : null,
        calls: s.calls[id]!,
        ms: s.totalMs[id]!,
        selfMs: s.selfMs[id]!,
      });
    }
    return out;
  }
}

/** Time of the top-level markers (the phases and Render), to show the frame's own remainder. */
function topLevelMs(s: FrameSample): number {
  let ms = 0;
  for (let i = 0; i < s.markerSlots; i++) {
    const id = s.markerIds[i]!;
    if (markerName(id).indexOf('.') < 0) ms += s.totalMs[id]!;
  }
  return ms;
}
