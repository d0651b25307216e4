/** Frames of history a frame is judged against. */
export const QUIET_WINDOW = 120;
/**
 * A frame is a spike when its bytes exceed SPIKE_FACTOR x the 95th percentile of the 120 frames
 * before it + SPIKE_MARGIN, and every frame since frame PEAK_AFTER.
 */
export const SPIKE_FACTOR = 2;
export const SPIKE_MARGIN = 1024;
/** Frames of a world after which its largest frame is remembered (earlier ones hold first runs). */
export const PEAK_AFTER = 300;
/** The level stepped down when the median of the newest RECENT frames is below every older frame. */
export const RECENT = 9;
/** Frames with a figure needed before any frame is judged. */
const MIN_HISTORY = 30;

/**
 * Tells when a page's measurement has gone quiet, the browser's stand-in for the Node host's
 * `JitWatch`: a frame is disturbed by a spike (code installed inside it) or a step down (escape
 * analysis kicking in), judged against the last QUIET_WINDOW frames; `quietRun` counts the quiet
 * frames in a row. The criterion and what it cannot see: docs/measuring-in-v8.md, "Telling when a
 * page has gone quiet". Called once per frame, after it ended; it allocates nothing.
 */
export class QuietWatch {
  /** Consecutive judged frames without a disturbance. */
  quietRun = 0;
  /** Frames judged disturbed since the last reset. */
  disturbances = 0;
  /** Newest at `_head - 1`. */
  private readonly _window = new Float64Array(QUIET_WINDOW);
  private readonly _sorted = new Float64Array(QUIET_WINDOW);
  private readonly _recent = new Float64Array(RECENT);
  private _count = 0;
  private _head = 0;
  /** Frames observed since the reset (with or without a figure). */
  private _frames = 0;
  /** The largest figure since frame PEAK_AFTER, or -1. */
  private _peak = -1;

  /** Forgets every frame (a new world). */
  reset(): void {
    this.quietRun = 0;
    this.disturbances = 0;
    this._count = 0;
    this._head = 0;
    this._frames = 0;
    this._peak = -1;
  }

  /** Judges a frame's measured bytes; NaN when the frame has no figure. Returns true if disturbed. */
  observe(bytes: number): boolean {
    const frame = this._frames++;
    if (Number.isNaN(bytes)) return false;
    this._window[this._head] = bytes;
    this._head = (this._head + 1) % QUIET_WINDOW;
    if (this._count < QUIET_WINDOW) this._count++;
    const n = this._count;
    let disturbed = false;
    if (n >= MIN_HISTORY) {
      disturbed = this._isSpike(bytes, n) || this._steppedDown(n);
      if (disturbed) {
        this.quietRun = 0;
        this.disturbances++;
      } else this.quietRun++;
    }
    if (frame >= PEAK_AFTER && bytes > this._peak) this._peak = bytes;
    return disturbed;
  }

  /** The bytes of the frame `age` frames before the newest (0: the newest). */
  private _at(age: number): number {
    return this._window[(this._head - 1 - age + 2 * QUIET_WINDOW) % QUIET_WINDOW]!;
  }

  private _isSpike(bytes: number, n: number): boolean {
    const sorted = this._sorted;
    // The n - 1 frames before this one; unused slots sort last (sorting a subarray would allocate one).
    for (let i = 0; i < QUIET_WINDOW; i++) sorted[i] = i < n - 1 ? this._at(i + 1) : Number.POSITIVE_INFINITY;
    sorted.sort();
    const p95 = sorted[Math.ceil(0.95 * (n - 1)) - 1]!;
    return bytes > SPIKE_FACTOR * p95 + SPIKE_MARGIN && bytes > this._peak;
  }

  private _steppedDown(n: number): boolean {
    const recent = this._recent;
    for (let i = 0; i < RECENT; i++) recent[i] = this._at(i);
    recent.sort();
    let olderMin = Number.POSITIVE_INFINITY;
    for (let age = RECENT; age < n; age++) olderMin = Math.min(olderMin, this._at(age));
    return recent[RECENT >> 1]! < olderMin;
  }
}
