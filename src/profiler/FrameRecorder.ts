/**
 * Preallocated ring buffers for frame rows and marker events, as Unity's profiler keeps a frame
 * history, but bounded by configuration rather than a fixed 2,000 frames.
 *
 * In the frame the profiler only appends raw readings (heap bytes, clock stamps, marker ids) into
 * typed arrays; turning them into milliseconds and per-marker figures happens later, in a
 * `FrameDecoder`, so the frame itself allocates nothing at any JIT tier.
 *
 * Frames are numbered by a sequence `seq` starting at 0. A frame stays readable until its row or
 * one of its events is overwritten; `isAvailable(seq)` says which.
 */
export interface FrameRecorderOptions {
  /** Frame rows kept (default 10,000). */
  frameCapacity?: number;
  /** Marker events kept across all frames (default 32 per frame row). */
  eventCapacity?: number;
  /** Slots per clock stamp (from the ProfilerClock). */
  stampSize: number;
  /** Slots per heap sample (from the HeapMeter). */
  sampleSize: number;
  /** (site, hits) pairs of allocation-site counts kept across all frames (default 8 per frame row). */
  sitePairCapacity?: number;
}

/** Row flags. */
export const FRAME_EVENTS_OVERFLOWED = 1;
export const FRAME_MARKERS_UNBALANCED = 2;
/** More allocation sites fired in the frame than the site-pair ring holds: its per-site counts are partial. */
export const FRAME_SITES_OVERFLOWED = 4;

export class FrameRecorder {
  readonly frameCapacity: number;
  readonly eventCapacity: number;
  readonly stampSize: number;
  readonly sampleSize: number;

  // Frame rows, indexed by seq % frameCapacity.
  readonly rowDtMs: Float64Array;
  readonly rowHeapStart: Float64Array;
  readonly rowHeapEnd: Float64Array;
  readonly rowStampStart: Float64Array;
  readonly rowStampEnd: Float64Array;
  /** Absolute sequence number of the frame's first event (a double: may pass 2^31). */
  readonly rowEventSeq: Float64Array;
  readonly rowEventCount: Int32Array;
  readonly rowFlags: Uint8Array;

  // Events, indexed by eventSeq % eventCapacity. A begin stores the marker id, an end stores ~id.
  readonly eventMarker: Int32Array;
  /** For a begin: how many consecutive calls were merged into it. For an end: index of its begin. */
  readonly eventLink: Int32Array;
  readonly eventHeap: Float64Array;
  readonly eventStamp: Float64Array;

  /**
   * Every heap sample in one array of reading slots: frame starts (slot = row), frame ends
   * (frameCapacity + row), events (2 * frameCapacity + event index); `rowHeapStart`, `rowHeapEnd`
   * and `eventHeap` are views of it. An event that shares another boundary's readings (a phase
   * that begins where the previous one ends, or with the frame) points at that slot instead of
   * copying it: read an event's sample at `heapStore[eventHeapAt(index)]`.
   */
  readonly heapStore: Float64Array;
  /** The reading slot of each event (see `heapStore`). */
  readonly eventReading: Int32Array;
  /** The same slots for clock stamps; read an event's stamp at `stampStore[eventStampAt(index)]`. */
  readonly stampStore: Float64Array;

  // Allocation-site counts (instrumented code only): per frame, the total hits, and one
  // (site id, hits) pair per site that fired, indexed by pairSeq % sitePairCapacity.
  readonly sitePairCapacity: number;
  /** Counted allocations in the frame, over all sites. */
  readonly rowSiteHits: Float64Array;
  /** Absolute sequence number of the frame's first site pair. */
  readonly rowSitePairSeq: Float64Array;
  readonly rowSitePairCount: Int32Array;
  readonly pairSite: Uint32Array;
  readonly pairHits: Uint32Array;
  /** Site pairs written so far. */
  sitePairsWritten = 0;
  /** Site pairs refused because one frame had more firing sites than the ring holds. */
  sitePairsRefused = 0;

  /** Frames written so far; the next frame's seq. */
  framesWritten = 0;
  /** Events written so far; the next event's absolute sequence number. */
  eventsWritten = 0;
  /** Events refused because a single frame exceeded the event ring (counted, never silent). */
  eventsRefused = 0;

  constructor(options: FrameRecorderOptions) {
    const frameCapacity = options.frameCapacity ?? 10_000;
    const eventCapacity = options.eventCapacity ?? frameCapacity * 32;
    if (!Number.isInteger(frameCapacity) || frameCapacity < 1) {
      throw new RangeError(`FrameRecorder: frameCapacity must be a positive integer, got ${frameCapacity}`);
    }
    if (!Number.isInteger(eventCapacity) || eventCapacity < 16) {
      throw new RangeError(`FrameRecorder: eventCapacity must be an integer >= 16, got ${eventCapacity}`);
    }
    this.frameCapacity = frameCapacity;
    this.eventCapacity = eventCapacity;
    this.stampSize = options.stampSize;
    this.sampleSize = options.sampleSize;
    this.rowDtMs = new Float64Array(frameCapacity);
    const rowSamples = frameCapacity * options.sampleSize;
    this.heapStore = new Float64Array(2 * rowSamples + eventCapacity * options.sampleSize);
    this.rowHeapStart = this.heapStore.subarray(0, rowSamples);
    this.rowHeapEnd = this.heapStore.subarray(rowSamples, 2 * rowSamples);
    this.eventHeap = this.heapStore.subarray(2 * rowSamples);
    const rowStamps = frameCapacity * options.stampSize;
    this.stampStore = new Float64Array(2 * rowStamps + eventCapacity * options.stampSize);
    this.rowStampStart = this.stampStore.subarray(0, rowStamps);
    this.rowStampEnd = this.stampStore.subarray(rowStamps, 2 * rowStamps);
    this.eventStamp = this.stampStore.subarray(2 * rowStamps);
    this.rowEventSeq = new Float64Array(frameCapacity);
    this.rowEventCount = new Int32Array(frameCapacity);
    this.rowFlags = new Uint8Array(frameCapacity);
    this.eventMarker = new Int32Array(eventCapacity);
    this.eventLink = new Int32Array(eventCapacity);
    this.eventReading = new Int32Array(eventCapacity);
    const sitePairCapacity = options.sitePairCapacity ?? frameCapacity * 8;
    if (!Number.isInteger(sitePairCapacity) || sitePairCapacity < 16) {
      throw new RangeError(`FrameRecorder: sitePairCapacity must be an integer >= 16, got ${sitePairCapacity}`);
    }
    this.sitePairCapacity = sitePairCapacity;
    this.rowSiteHits = new Float64Array(frameCapacity);
    this.rowSitePairSeq = new Float64Array(frameCapacity);
    this.rowSitePairCount = new Int32Array(frameCapacity);
    this.pairSite = new Uint32Array(sitePairCapacity);
    this.pairHits = new Uint32Array(sitePairCapacity);
    commitMemory(this);
  }

  /** Where event `index`'s heap sample starts in `heapStore`. */
  eventHeapAt(index: number): number {
    return this.eventReading[index]! * this.sampleSize;
  }

  /** Where event `index`'s clock stamp starts in `stampStore`. */
  eventStampAt(index: number): number {
    return this.eventReading[index]! * this.stampSize;
  }

  /** Row index of frame `seq`. */
  rowOf(seq: number): number {
    return seq % this.frameCapacity;
  }

  /** The oldest frame seq whose row has not been overwritten. */
  get oldestRowSeq(): number {
    return Math.max(0, this.framesWritten - this.frameCapacity);
  }

  /** True when frame `seq` was written and neither its row, its events nor its site pairs were overwritten since. */
  isAvailable(seq: number): boolean {
    if (seq < this.oldestRowSeq || seq >= this.framesWritten) return false;
    const row = seq % this.frameCapacity;
    return (
      this.rowEventSeq[row]! >= this.eventsWritten - this.eventCapacity &&
      this.rowSitePairSeq[row]! >= this.sitePairsWritten - this.sitePairCapacity
    );
  }

  /** The newest complete frame's seq, or -1 before the first frame ends. */
  get latestSeq(): number {
    return this.framesWritten - 1;
  }

  /** Forgets every frame (capacity stays allocated). */
  clear(): void {
    this.framesWritten = 0;
    this.eventsWritten = 0;
    this.eventsRefused = 0;
    this.sitePairsWritten = 0;
    this.sitePairsRefused = 0;
  }

  /** Used-heap growth of frame `seq` in bytes (check `isAvailable` first). */
  frameBytes(seq: number, meter: { toBytes(buf: Float64Array, index: number): number }): number {
    const at = (seq % this.frameCapacity) * this.sampleSize;
    return meter.toBytes(this.rowHeapEnd, at) - meter.toBytes(this.rowHeapStart, at);
  }

  /**
   * Copies the used-heap delta of the newest `dest.length` frames into `dest`, oldest first, and
   * returns how many were written (as Unity's `ProfilerRecorder.CopyTo`). Allocates nothing in
   * optimised code. Frames no longer available are skipped, so the count can be smaller.
   */
  copyTo(dest: Float64Array, meter: { toBytes(buf: Float64Array, index: number): number }): number {
    const newest = this.framesWritten - 1;
    let first = newest - dest.length + 1;
    if (first < this.oldestRowSeq) first = this.oldestRowSeq;
    let n = 0;
    for (let seq = first; seq <= newest; seq++) {
      if (!this.isAvailable(seq)) continue;
      dest[n++] = this.frameBytes(seq, meter);
    }
    return n;
  }
}

/**
 * Writes every byte of the recorder's memory once. A new typed array's memory is only reserved:
 * the first write to each page faults into the kernel, which would otherwise happen in the frames
 * of the first pass over the ring and add to their time (a few hundred bytes a frame: a fault every
 * dozen frames or so).
 */
function commitMemory(recorder: FrameRecorder): void {
  const buffers = new Set<ArrayBufferLike>();
  for (const value of Object.values(recorder)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer);
  for (const buffer of buffers) new Uint8Array(buffer).fill(0);
}
