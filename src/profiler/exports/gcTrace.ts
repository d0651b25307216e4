import type { TraceEvent, TraceRun } from './chromeTrace.ts';

/** Where a run's events go in the trace. */
export interface TraceTracks {
  pid: number;
  /** The frames' thread. */
  frameTid: number;
  /** The GC events' thread. */
  gcTid: number;
}

/**
 * A run's GC impact in the trace: an instant event "GC impact" at the run's start on the GC
 * track, whose arguments hold the report (and the leak pass's and live heap's findings when
 * measured), and an instant event "Over budget" on each frame longer than the budget, saying
 * whether a GC event fell in it.
 */
export function gcImpactTraceEvents(run: TraceRun, tracks: TraceTracks): TraceEvent[] {
  const { result, frames } = run;
  const gc = result.gc;
  const events: TraceEvent[] = [];
  if (gc.overBudget === undefined) return events;
  const summary: Record<string, unknown> = {
    per1000FramesByKind: gc.per1000FramesByKind,
    pauseMs: gc.pausesTimed ? gc.pauseMs : 'not timed here',
    overBudget: gc.overBudget,
    minorGcSpacing: gc.minorGcSpacing,
  };
  if (result.leaks) {
    const { verdict, reason, bytesPerFrame, ci95, thresholdBytesPerFrame, pass } = result.leaks;
    summary.leaks = { verdict, reason, bytesPerFrame, ci95, thresholdBytesPerFrame, pass };
  }
  if (result.liveHeap)
    summary.liveHeap = { objects: result.liveHeap.objects, bytes: result.liveHeap.bytes, fullGcMs: result.liveHeap.fullGcMs };
  events.push({ name: 'GC impact', cat: 'gc', ph: 'i', s: 'p', ts: 0, pid: tracks.pid, tid: tracks.gcTid, args: summary });
  const gcFrames = new Set<number>();
  for (const event of gc.events) if (event.frame >= 0) gcFrames.add(event.frame);
  for (let i = 0; i < frames.startMs.length; i++) {
    const ms = frames.endMs[i]! - frames.startMs[i]!;
    if (!(ms > gc.overBudget.budgetMs)) continue;
    events.push({
      name: 'Over budget',
      cat: 'frame',
      ph: 'i',
      s: 't',
      ts: frames.startMs[i]! * 1000,
      pid: tracks.pid,
      tid: tracks.frameTid,
      args: { frame: i, ms, budgetMs: gc.overBudget.budgetMs, gcInFrame: gcFrames.has(i) },
    });
  }
  return events;
}
