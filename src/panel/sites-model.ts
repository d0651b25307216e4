import { siteCount, sites as registeredSites } from '../profiler/sites/runtime.ts';
import { estimateSiteBytes } from '../profiler/sites/estimates.ts';
import type { SiteInfo } from '../profiler/sites/siteKinds.ts';
import type { FrameRecorder } from '../profiler/FrameRecorder.ts';

/** One line of the panel's allocation-site table. */
export interface SiteRow {
  id: number;
  /** "file:line:column". */
  where: string;
  functionName: string;
  kind: string;
  excerpt: string;
  /** Mean allocations per frame over the frames read since the scene was loaded (exact counts). */
  countPerFrame: number;
  /** Allocations in the newest frame read. */
  lastFrame: number;
  /** ESTIMATED bytes per frame (Chromium object layouts). */
  estimatedBytesPerFrame: number;
}

/**
 * Allocation-site counts for the panel: at each poll (the panel's 10 Hz timer, outside frames)
 * it reads the (site, hits) pairs the profiler recorded for the frames written since the last
 * poll, and keeps per-site totals since the scene was loaded. Frames already overwritten in the
 * ring are skipped and counted in `framesMissed`.
 */
export class SitesModel {
  private readonly _recorder: FrameRecorder;
  private readonly _totals = new Map<number, number>();
  private readonly _last = new Map<number, number>();
  private _info: SiteInfo[] = [];
  private _nextSeq = 0;
  /** Frames whose pairs were read since the reset. */
  frames = 0;
  framesMissed = 0;

  constructor(recorder: FrameRecorder) {
    this._recorder = recorder;
    this._nextSeq = recorder.framesWritten;
  }

  /** True when instrumented modules are loaded (the page was served with site counting on). */
  get instrumented(): boolean {
    return siteCount() > 1;
  }

  /** Sites known to the instrumentation. */
  get registered(): number {
    return siteCount() - 1;
  }

  /** Forgets the counts (a new scene): only frames written from now on count. */
  reset(): void {
    this._totals.clear();
    this._last.clear();
    this.frames = 0;
    this.framesMissed = 0;
    this._nextSeq = this._recorder.framesWritten;
  }

  /** Reads the frames written since the last poll. */
  poll(): void {
    const rec = this._recorder;
    const end = rec.framesWritten;
    for (let seq = this._nextSeq; seq < end; seq++) {
      if (!rec.isAvailable(seq)) {
        this.framesMissed++;
        continue;
      }
      const row = seq % rec.frameCapacity;
      const first = rec.rowSitePairSeq[row]!;
      const count = rec.rowSitePairCount[row]!;
      this._last.clear();
      for (let k = 0; k < count; k++) {
        const index = (first + k) % rec.sitePairCapacity;
        const site = rec.pairSite[index]!;
        const hits = rec.pairHits[index]!;
        this._totals.set(site, (this._totals.get(site) ?? 0) + hits);
        this._last.set(site, hits);
      }
      this.frames++;
    }
    this._nextSeq = end;
  }

  /** The sites that ran since the reset, most allocations per frame first. */
  rows(): SiteRow[] {
    const frames = Math.max(1, this.frames);
    const out: SiteRow[] = [];
    for (const [id, total] of this._totals) {
      const row = this._row(id, total / frames, this._last.get(id) ?? 0);
      if (row !== null) out.push(row);
    }
    return out.sort(byCount);
  }

  /**
   * The sites that ran in frame `seq` alone, with that frame's exact counts, most first; null when
   * the recorder no longer holds the frame.
   */
  frameRows(seq: number): SiteRow[] | null {
    const rec = this._recorder;
    if (!rec.isAvailable(seq)) return null;
    const row = seq % rec.frameCapacity;
    const first = rec.rowSitePairSeq[row]!;
    const out: SiteRow[] = [];
    for (let k = 0; k < rec.rowSitePairCount[row]!; k++) {
      const index = (first + k) % rec.sitePairCapacity;
      const hits = rec.pairHits[index]!;
      const site = this._row(rec.pairSite[index]!, hits, hits);
      if (site !== null) out.push(site);
    }
    return out.sort(byCount);
  }

  private _row(id: number, countPerFrame: number, lastFrame: number): SiteRow | null {
    if (this._info.length < siteCount()) this._info = registeredSites();
    const site = this._info[id];
    if (site === undefined) return null;
    return {
      id,
      where: `${site.file}:${site.line}:${site.column}`,
      functionName: site.functionName,
      kind: site.detail ? `${site.kind} ${site.detail}` : site.kind,
      excerpt: site.excerpt,
      countPerFrame,
      lastFrame,
      estimatedBytesPerFrame: id === 0 ? 0 : countPerFrame * estimateSiteBytes(site, 'chromium').hot,
    };
  }
}

function byCount(a: SiteRow, b: SiteRow): number {
  return b.countPerFrame - a.countPerFrame || a.id - b.id;
}
