import { copySlots, siteCount, slotCount, slotCounts, slotSites } from './sites/runtime.ts';
import { FRAME_SITES_OVERFLOWED, type FrameRecorder } from './FrameRecorder.ts';

/**
 * Turns the instrumentation runtime's running counters into per-frame figures: at a frame's start
 * it copies the per-slot counts, at its end it compares them with the counts then and writes the
 * frame's total hits and one (site, hits) pair per site that fired into the recorder.
 *
 * Allocation-free in the frame. Instrumented code keeps no running total (see the runtime: it
 * would cost inlining), so the end of every frame compares each slot, one pass over a typed array
 * (a few hundred slots: well under a microsecond); with nothing instrumented there is nothing to
 * compare. The copy comes before the frame's opening heap sample and the comparison after its
 * closing one, outside what is measured.
 */
export class SiteCounter {
  /** Per-slot counts at the frame's start. */
  private _before = new Uint32Array(64);
  /** Hits per site in this frame, and the sites with hits, in the order they were found. */
  private _siteHits = new Uint32Array(64);
  private _touched = new Uint32Array(64);

  /** Called before the frame's opening heap sample. */
  beginFrame(): void {
    const slots = slotCount();
    // Modules register their sites when they are evaluated: the arrays grow with them, here,
    // before the frame's heap sample, so the growth is not counted in any frame.
    if (slots > this._before.length) this._before = new Uint32Array(capacityFor(slots));
    const sites = siteCount();
    if (sites > this._siteHits.length) {
      this._siteHits = new Uint32Array(capacityFor(sites));
      this._touched = new Uint32Array(capacityFor(sites));
    }
    if (slots > 1) copySlots(this._before);
  }

  /** Called after the frame's closing heap sample; writes the frame's site figures into `row`. */
  endFrame(rec: FrameRecorder, row: number): number {
    const before = this._before;
    // Slots registered during the frame (a module evaluated mid-frame) start from 0.
    const slots = Math.min(slotCount(), before.length);
    let frameHits = 0;
    let touched = 0;
    if (slots > 1) {
      const now = slotCounts();
      const slotSite = slotSites();
      const siteHits = this._siteHits;
      for (let slot = 0; slot < slots; slot++) {
        const d = (now[slot]! - before[slot]!) >>> 0;
        if (d === 0) continue;
        frameHits = (frameHits + d) >>> 0;
        const site = slotSite[slot]!;
        if (site >= siteHits.length) continue;
        if (siteHits[site] === 0) this._touched[touched++] = site;
        siteHits[site] = (siteHits[site]! + d) >>> 0;
      }
    }
    rec.rowSiteHits[row] = frameHits;
    rec.rowSitePairSeq[row] = rec.sitePairsWritten;
    let pairs = 0;
    let flags = 0;
    const capacity = rec.sitePairCapacity;
    for (let t = 0; t < touched; t++) {
      const site = this._touched[t]!;
      const hits = this._siteHits[site]!;
      this._siteHits[site] = 0;
      if (pairs >= capacity) {
        rec.sitePairsRefused++;
        flags = FRAME_SITES_OVERFLOWED;
        continue;
      }
      const index = rec.sitePairsWritten % capacity;
      rec.pairSite[index] = site;
      rec.pairHits[index] = hits;
      rec.sitePairsWritten++;
      pairs++;
    }
    rec.rowSitePairCount[row] = pairs;
    return flags;
  }
}

/** Doubling growth, so a project with n slots reallocates log2(n) times, outside frames. */
function capacityFor(needed: number): number {
  let capacity = 64;
  while (capacity < needed) capacity *= 2;
  return capacity;
}
