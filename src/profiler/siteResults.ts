import { siteCount, sites as registeredSites } from './sites/runtime.ts';
import { estimateSiteBytes, type EstimateEngine } from './sites/estimates.ts';
import type { FrameCollector } from './FrameCollector.ts';
import type { SiteOptimizerVerdict, SiteResult, SitesResult } from './RunResult.ts';
import { distribution } from './stats.ts';

/**
 * Summarises the allocation-site counts of collected frames, or returns undefined when no
 * instrumented module was loaded (the runtime then knows no site but its sink).
 *
 * `unmeasured` lists frames without a byte figure (GC or JIT inside): their counts are kept, since
 * counting does not depend on the collector or the JIT, but they cannot tell what the optimiser did.
 *
 * Counting changes what it counts a little: the counters make functions larger, so V8 inlines less
 * and its escape analysis removes fewer objects. `referenceBytes`, the per-frame bytes of the same
 * frames measured without instrumentation (NaN where unmeasured), then stand in for this run's own
 * bytes in the verdicts and the reconciliation.
 */
export function buildSiteResults(
  collector: FrameCollector,
  unmeasured: ReadonlySet<number>,
  engine: EstimateEngine,
  refusedPairs: number,
  referenceBytes?: readonly number[],
): SitesResult | undefined {
  const registered = siteCount() - 1;
  if (registered <= 0) return undefined;
  const info = registeredSites();
  const frames = collector.frames;
  const hits = new Map<number, { total: number; framesHit: number; max: number; zeroFrames: number; measuredFrames: number }>();
  const estimateEach = (id: number): number => (id === 0 ? 0 : estimateSiteBytes(info[id]!, engine).hot);
  let framesWithHits = 0;
  let estimatedMeasured = 0;
  let measuredBytes = 0;
  let measuredFrames = 0;
  let instrumentedBytes = 0;
  let instrumentedFrames = 0;
  for (let frame = 0; frame < frames; frame++) {
    const ownMeasured = !unmeasured.has(frame);
    if (ownMeasured) {
      instrumentedFrames++;
      instrumentedBytes += collector.bytes[frame]!;
    }
    const bytes = referenceBytes ? (referenceBytes[frame] ?? Number.NaN) : ownMeasured ? collector.bytes[frame]! : Number.NaN;
    const measured = Number.isFinite(bytes);
    const zero = bytes === 0;
    if (measured) {
      measuredFrames++;
      measuredBytes += bytes;
    }
    if (collector.siteHits[frame]! > 0) framesWithHits++;
    collector.forEachSitePair(frame, (id, n) => {
      let entry = hits.get(id);
      if (entry === undefined) hits.set(id, (entry = { total: 0, framesHit: 0, max: 0, zeroFrames: 0, measuredFrames: 0 }));
      entry.total += n;
      entry.framesHit++;
      if (n > entry.max) entry.max = n;
      if (measured) {
        entry.measuredFrames++;
        if (zero) entry.zeroFrames++;
        estimatedMeasured += n * estimateEach(id);
      }
    });
  }
  const divisor = Math.max(1, frames);
  const list: SiteResult[] = [];
  for (const [id, entry] of hits) {
    const site = info[id]!;
    const estimate = id === 0 ? { hot: 0, basis: 'hits that arrived before their module registered' } : estimateSiteBytes(site, engine);
    const countPerFrame = entry.total / divisor;
    list.push({
      id,
      file: site.file,
      line: site.line,
      column: site.column,
      kind: site.kind,
      detail: site.detail,
      functionName: site.functionName,
      excerpt: site.excerpt,
      countPerFrame,
      framesHit: entry.framesHit,
      maxPerFrame: entry.max,
      estimatedBytesEach: estimate.hot,
      estimatedBytesPerFrame: countPerFrame * estimate.hot,
      estimateBasis: estimate.basis,
      optimizer: verdict(entry.measuredFrames, entry.zeroFrames),
    });
  }
  list.sort((a, b) => b.countPerFrame - a.countPerFrame || b.estimatedBytesPerFrame - a.estimatedBytesPerFrame || a.id - b.id);
  const counts = distribution(collector.siteHits);
  const byteDivisor = Math.max(1, measuredFrames);
  return {
    registered,
    estimateEngine: engine,
    countPerFrame: { mean: counts.mean, median: counts.median, p95: counts.p95, max: counts.max, min: counts.min },
    framesWithHits,
    reconciliation: { estimatedBytesPerFrame: estimatedMeasured / byteDivisor, measuredBytesPerFrame: measuredBytes / byteDivisor },
    separatePass: referenceBytes !== undefined,
    instrumentedBytesPerFrame: instrumentedBytes / Math.max(1, instrumentedFrames),
    refusedPairs,
    list,
  };
}

function verdict(measuredFrames: number, zeroFrames: number): SiteOptimizerVerdict {
  if (measuredFrames === 0) return 'unmeasured';
  if (zeroFrames === measuredFrames) return 'removed';
  return zeroFrames > 0 ? 'sometimes-removed' : 'allocated';
}
