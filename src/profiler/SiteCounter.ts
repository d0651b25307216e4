import { siteCount, snapshot, totalHits } from '../instrument/runtime.ts';
import { FRAME_SITES_OVERFLOWED, type FrameRecorder } from './FrameRecorder.ts';

/**
 * Turns the instrumentation runtime's running counters into per-frame figures: at a frame's start
 * it remembers where the counters stood, at its end it writes the frame's total hits and one
 * (site, hits) pair per site that fired into the recorder.
 *
 * Allocation-free in the frame. It does nothing beyond two reads of `totalHits` when no
 * instrumented code ran in the frame (the usual case for an optimized variant), and the per-site
 * scan happens after the frame's closing heap sample and clock stamp, outside what is measured.
 */
export class SiteCounter {
  private _before = new Uint32Array(64);
  private _after = new Uint32Array(64);
  /** `totalHits[0]` when `_before` was taken. */
  private _hitsAtSnapshot = 0;

  /** Called before the frame's opening heap sample. */
  beginFrame(): void {
    const sites = siteCount();
    // Modules register their sites when they are evaluated: the arrays grow with them, here,
    // before the frame's heap sample, so the growth is not counted in any frame.
    if (sites > this._before.length) this._grow(sites);
    const hits = totalHits[0]!;
    if (hits !== this._hitsAtSnapshot) {
      snapshot(this._before);
      this._hitsAtSnapshot = hits;
    }
  }

  /** Called after the frame's closing heap sample; writes the frame's site figures into `row`. */
  endFrame(rec: FrameRecorder, row: number): number {
    const hits = totalHits[0]!;
    const frameHits = (hits - this._hitsAtSnapshot) >>> 0;
    rec.rowSiteHits[row] = frameHits;
    rec.rowSitePairSeq[row] = rec.sitePairsWritten;
    let pairs = 0;
    let flags = 0;
    if (frameHits !== 0) {
      const after = this._after;
      const before = this._before;
      const n = snapshot(after);
      const capacity = rec.sitePairCapacity;
      for (let id = 0; id < n; id++) {
        const d = (after[id]! - before[id]!) >>> 0;
        if (d === 0) continue;
        if (pairs >= capacity) {
          rec.sitePairsRefused++;
          flags = FRAME_SITES_OVERFLOWED;
          continue;
        }
        const index = rec.sitePairsWritten % capacity;
        rec.pairSite[index] = id;
        rec.pairHits[index] = d;
        rec.sitePairsWritten++;
        pairs++;
      }
      // The closing snapshot is the next frame's opening one, unless code between frames counts.
      this._after = before;
      this._before = after;
      this._hitsAtSnapshot = hits;
    }
    rec.rowSitePairCount[row] = pairs;
    return flags;
  }

  private _grow(sites: number): void {
    let capacity = this._before.length * 2;
    while (capacity < sites) capacity *= 2;
    this._before = new Uint32Array(capacity);
    this._after = new Uint32Array(capacity);
    snapshot(this._before);
    this._hitsAtSnapshot = totalHits[0]!;
  }
}
