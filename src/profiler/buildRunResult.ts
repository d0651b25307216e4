import type { FrameCollector } from './FrameCollector.ts';
import type { GcLog } from './GcLog.ts';
import type { HeapMeter } from './HeapMeter.ts';
import type { GcEventResult, RunResult, WarmupJudgeName } from './RunResult.ts';
import { distribution } from './stats.ts';
import { buildSiteResults } from './siteResults.ts';
import { gcImpact } from './gcImpact.ts';

/** What a runner knows about a run besides its frames. */
export interface RunLabel {
  scene: string;
  variant: string;
  mode: RunResult['mode'];
  size: number | null;
  /** The young generation's capacity over the measured frames (mean of before and after), where the host can read it (for `gc.minorGcSpacing`). */
  youngGenerationBytes?: number | null;
  warmup: number;
  /** See RunResult.worldFrame. */
  worldFrame?: number;
  jitSettled: boolean;
  warmupJudge?: WarmupJudgeName;
  refusedMarkerEvents: number;
  offHeap: RunResult['offHeap'];
  /** Engine whose object layout site estimates assume (default 'node'). */
  estimateEngine?: 'node' | 'chromium';
  /** Site pairs the recorder refused during the run (see FrameRecorder.sitePairsRefused). */
  refusedSitePairs?: number;
}

/**
 * Turns collected frames and GC events into a `RunResult`. A frame with a GC inside (reported by
 * the host, or seen as the used heap shrinking) has no measurable byte figure: it is counted in
 * `gcFrames` and left out of the byte statistics rather than guessed. Likewise a frame in which
 * the JIT installed compiled code is counted in `jitFrames` and left out.
 */
export function buildRunResult(
  collector: FrameCollector,
  gcLog: GcLog,
  meter: HeapMeter,
  label: RunLabel,
  options: { keepPerFrame?: boolean; worstFrames?: number; siteReferenceBytes?: readonly number[] } = {},
): RunResult {
  const frames = collector.frames;
  const firstMs = frames > 0 ? collector.startMs[0]! : 0;
  const lastMs = frames > 0 ? collector.endMs[frames - 1]! : 0;
  const gcFrameSet = new Set<number>();
  const events: GcEventResult[] = [];
  let minor = 0;
  let major = 0;
  let other = 0;
  let totalMs = 0;
  let maxMs = 0;
  gcLog.forEachIn(firstMs, lastMs, (startMs, durationMs, kind) => {
    const frame = frameAt(collector, startMs);
    if (frame >= 0) gcFrameSet.add(frame);
    events.push({ atMs: startMs - firstMs, durationMs, kind, frame });
    if (kind === 'minor') minor++;
    else if (kind === 'major') major++;
    else other++;
    totalMs += durationMs;
    if (durationMs > maxMs) maxMs = durationMs;
  });
  for (let i = 0; i < frames; i++) if (collector.bytes[i]! < 0) gcFrameSet.add(i);
  // Frames in which the JIT installed code: V8's allocations for it land in whatever frame runs,
  // and some of them in the frame after (seen: +300 B to +4 KB once code was installed).
  const jitFrameSet = new Set<number>();
  for (let i = 0; i < frames; i++) {
    if (!collector.jit[i]) continue;
    if (!gcFrameSet.has(i)) jitFrameSet.add(i);
    if (i + 1 < frames && !gcFrameSet.has(i + 1)) jitFrameSet.add(i + 1);
  }
  const unmeasured = new Set<number>([...gcFrameSet, ...jitFrameSet]);

  const measured: number[] = [];
  const perFrame: number[] = [];
  let totalBytes = 0;
  for (let i = 0; i < frames; i++) {
    const bytes = collector.bytes[i]!;
    if (unmeasured.has(i)) {
      perFrame.push(Number.NaN);
      continue;
    }
    measured.push(bytes);
    perFrame.push(bytes);
    totalBytes += bytes;
  }
  const bytes = distribution(measured);
  const ms = distribution(collector.ms);
  const divisor = Math.max(1, frames);
  const byteDivisor = Math.max(1, measured.length);
  const markers = collector
    .markerTotals(unmeasured)
    .map((m) => ({
      name: m.name,
      bytesPerFrame: m.bytes / byteDivisor,
      selfBytesPerFrame: m.selfBytes / byteDivisor,
      calls: m.calls / divisor,
      ms: m.ms / divisor,
      selfMs: m.selfMs / divisor,
    }))
    .sort((a, b) => b.bytesPerFrame - a.bytesPerFrame || b.ms - a.ms);

  const worst = [];
  for (let i = 0; i < frames; i++) if (!unmeasured.has(i)) worst.push({ frame: i, bytes: collector.bytes[i]!, ms: collector.ms[i]! });
  worst.sort((a, b) => b.bytes - a.bytes);

  const result: RunResult = {
    scene: label.scene,
    variant: label.variant,
    mode: label.mode,
    size: label.size,
    frames,
    warmup: label.warmup,
    ...(label.worldFrame === undefined ? {} : { worldFrame: label.worldFrame }),
    jitSettled: label.jitSettled,
    ...(label.warmupJudge === undefined ? {} : { warmupJudge: label.warmupJudge }),
    heapMeter: { kind: meter.kind, precise: meter.precise },
    bytesPerFrame: { mean: bytes.mean, median: bytes.median, p95: bytes.p95, max: bytes.max, min: bytes.min },
    gcFrames: gcFrameSet.size,
    jitFrames: jitFrameSet.size,
    totalBytes,
    gc: {
      minor,
      major,
      other,
      totalMs,
      maxMs,
      per1000Frames: (events.length * 1000) / divisor,
      events,
      ...gcImpact({
        frames,
        frameMs: collector.ms,
        gcFrames: gcFrameSet,
        events,
        bytesPerFrame: bytes.mean,
        youngGenerationBytes: label.youngGenerationBytes ?? null,
        pausesTimed: gcLog.durationsKnown,
      }),
    },
    frameMs: { mean: ms.mean, p50: ms.median, p95: ms.p95, p99: ms.p99, max: ms.max },
    markers,
    droppedFrames: collector.dropped,
    refusedMarkerEvents: label.refusedMarkerEvents,
    offHeap: label.offHeap,
    worstFrames: worst.slice(0, options.worstFrames ?? 5),
  };
  const sites = buildSiteResults(
    collector,
    unmeasured,
    label.estimateEngine ?? 'node',
    label.refusedSitePairs ?? 0,
    options.siteReferenceBytes,
  );
  if (sites) result.sites = sites;
  if (options.keepPerFrame) {
    result.perFrameBytes = perFrame;
    result.perFrameMs = collector.ms.slice();
    if (sites) result.perFrameSiteHits = collector.siteHits.slice();
  }
  return result;
}

/** Index of the collected frame whose [start, end] contains `ms`, or -1 (binary search). */
function frameAt(collector: FrameCollector, ms: number): number {
  let lo = 0;
  let hi = collector.frames - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (collector.endMs[mid]! < ms) lo = mid + 1;
    else if (collector.startMs[mid]! > ms) hi = mid - 1;
    else return mid;
  }
  return -1;
}
