/** Frames of history a frame is judged against. */
export const QUIET_WINDOW = 120;
/** A frame is a spike when its bytes exceed SPIKE_FACTOR x the window's 95th percentile + SPIKE_MARGIN. */
export const SPIKE_FACTOR = 2;
export const SPIKE_MARGIN = 1024;
/** Frames with a figure needed before any frame is judged. */
const MIN_HISTORY = 10;

/**
 * Tells when a page's measurement has gone quiet: the browser's stand-in for the Node host's
 * `JitWatch`, which reads V8's code spaces directly. A page cannot see those; the used heap it can
 * read includes them, so the JIT shows through the frames' byte figures in two ways (measured in
 * Chromium 156, scenes run from a fresh page):
 *
 * - a spike: V8 installs compiled code inside whichever frame runs, 1.2 KB to 600 KB at once,
 *   far above what the frames around it allocate;
 * - a new low: once a function is optimised, escape analysis removes some of its allocations,
 *   and the level steps down (a fixture scene read 132, then 120, then 0 B per frame, at frames
 *   366 and 506).
 *
 * `observe` judges each frame with a figure against the last 120: a frame is *disturbed* when its
 * bytes exceed twice the window's 95th percentile plus 1 KB, or are below the window's minimum;
 * otherwise it is *quiet*. `quietRun` counts consecutive quiet frames. A frame without a figure (a
 * GC inside it, or no precise memory) is not judged: it neither extends nor breaks the run. The
 * criterion cannot see code installed between frames or small ones inside a busy frame: it is a
 * lower bound on the JIT's activity, so warm-up also has a minimum length.
 *
 * Called once per frame, after it ended; it allocates nothing.
 */
export class QuietWatch {
  /** Consecutive judged frames without a disturbance. */
  quietRun = 0;
  /** Frames judged disturbed since the last reset. */
  disturbances = 0;
  private readonly _window = new Float64Array(QUIET_WINDOW);
  private readonly _sorted = new Float64Array(QUIET_WINDOW);
  private _count = 0;
  private _head = 0;

  /** Forgets every frame (a new world). */
  reset(): void {
    this.quietRun = 0;
    this.disturbances = 0;
    this._count = 0;
    this._head = 0;
  }

  /** Judges a frame's measured bytes; NaN when the frame has no figure. Returns true if disturbed. */
  observe(bytes: number): boolean {
    if (Number.isNaN(bytes)) return false;
    let disturbed = false;
    if (this._count >= MIN_HISTORY) {
      const n = this._count;
      const sorted = this._sorted;
      // Unused slots sort last (a subarray to sort would be a new object per frame).
      for (let i = 0; i < QUIET_WINDOW; i++) sorted[i] = i < n ? this._window[i]! : Number.POSITIVE_INFINITY;
      sorted.sort();
      const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!;
      disturbed = bytes > SPIKE_FACTOR * p95 + SPIKE_MARGIN || bytes < sorted[0]!;
      if (disturbed) {
        this.quietRun = 0;
        this.disturbances++;
      } else this.quietRun++;
    }
    this._window[this._head] = bytes;
    this._head = (this._head + 1) % QUIET_WINDOW;
    if (this._count < QUIET_WINDOW) this._count++;
    return disturbed;
  }
}
