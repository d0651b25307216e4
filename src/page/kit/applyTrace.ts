import type { FrameCollector } from '../../profiler/FrameCollector.ts';
import type { GcLog } from '../../profiler/GcLog.ts';
import type { FrameTrace } from '../trace/frameTrace.ts';

/**
 * Hands what the trace saw of the measured frames to the run summary: frames in which V8
 * installed compiled code are flagged as JIT frames (left out of byte figures, as in Node), and
 * each GC pause goes into the GC log at a time on the page's clock that lies in the frame the
 * trace marks put it in (or between the two frames it fell between).
 *
 * Why not convert trace times with one offset: a page that is not cross-origin isolated reads
 * `performance.now()` in 100 us steps, so short frames share start and end stamps and one offset
 * could put a GC in the neighbouring frame. The marks tell the frame exactly; inside it, the pause
 * is placed by its midpoint's distance from the frame's begin mark, kept within the frame.
 *
 * Returns, per recorded pause, where it was placed on the page clock and when it started by the
 * trace (ms from the first frame's begin mark), so the summary can report trace start times.
 */
export function applyTrace(collector: FrameCollector, gcLog: GcLog, trace: FrameTrace): PlacedGc[] {
  const frames = collector.frames;
  if (trace.beginUs.length !== frames) {
    throw new Error(`the trace marks ${trace.beginUs.length} frames but the page measured ${frames}: the trace buffer may have overflowed`);
  }
  for (const frame of trace.jitFrames) collector.jit[frame] = true;
  const origin = trace.beginUs[0] ?? 0;
  const placed: PlacedGc[] = [];
  for (const gc of trace.gc) {
    let pageMs: number;
    if (gc.frame >= 0) {
      const start = collector.startMs[gc.frame]!;
      const end = collector.endMs[gc.frame]!;
      const midUs = gc.startUs + gc.durationUs / 2 - trace.beginUs[gc.frame]!;
      pageMs = Math.min(end, Math.max(start, start + midUs / 1000));
    } else {
      // Between frames: after the last frame that ended before it.
      const before = lastEndedBefore(trace.endUs, gc.startUs);
      if (before < 0 || before + 1 >= frames) continue; // before the first or after the last measured frame
      const gapStart = collector.endMs[before]!;
      pageMs = gapStart + (collector.startMs[before + 1]! - gapStart) / 2;
    }
    gcLog.record(pageMs, gc.durationUs / 1000, gc.kind);
    placed.push({ pageMs, traceMs: (gc.startUs - origin) / 1000 });
  }
  return placed;
}

/** A GC pause placed on the page clock, and its start by the trace. */
export interface PlacedGc {
  pageMs: number;
  /** Start, in ms from the first measured frame's begin mark (trace clock). */
  traceMs: number;
}

function lastEndedBefore(endUs: readonly number[], us: number): number {
  let lo = 0;
  let hi = endUs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (endUs[mid]! <= us) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
