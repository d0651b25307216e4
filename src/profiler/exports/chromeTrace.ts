import type { RunResult } from '../RunResult.ts';
import type { FrameTimeline } from '../FrameCollector.ts';
import { markerName } from '../ProfilerMarker.ts';
import { gcImpactTraceEvents } from './gcTrace.ts';

/** The frames of one run as exports need them (ms since the run's first measured frame). */
export interface TraceRun {
  result: RunResult;
  frames: FrameTimeline;
  /** Marker names by id, when slices come from another process (defaults to this process's names). */
  markerNames?: string[];
}

/** One event of the Trace Event Format (the subset used here). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'C' | 'M' | 'i';
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  s?: 'p' | 't' | 'g';
  args?: Record<string, unknown>;
}

const MAIN_THREAD = 1;
const GC_THREAD = 2;

/**
 * Converts runs to the Chrome Trace Event Format (JSON object form), which Perfetto and
 * chrome://tracing open: each run is a process; frames are slices on its main thread with the
 * markers nested inside; bytes per frame is a counter track; GC events are slices on a GC track.
 * With allocation sites, allocations counted per frame are a second counter and the site table
 * is in the metadata.
 */
export function toChromeTrace(runs: TraceRun[]): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms'; metadata: Record<string, unknown> } {
  const events: TraceEvent[] = [];
  runs.forEach((run, index) => {
    const pid = index + 1;
    const { result, frames } = run;
    const nameOf = (id: number) => run.markerNames?.[id] ?? markerName(id);
    events.push(
      { name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name: `${result.scene} (${result.variant}, ${result.mode})` } },
      { name: 'thread_name', ph: 'M', ts: 0, pid, tid: MAIN_THREAD, args: { name: 'Frames' } },
      { name: 'thread_name', ph: 'M', ts: 0, pid, tid: GC_THREAD, args: { name: 'GC' } },
    );
    for (let i = 0; i < frames.startMs.length; i++) {
      const ts = frames.startMs[i]! * 1000;
      const bytes = frames.bytes[i]!;
      const measured = Number.isFinite(bytes);
      events.push({
        name: 'Frame',
        cat: 'frame',
        ph: 'X',
        ts,
        dur: (frames.endMs[i]! - frames.startMs[i]!) * 1000,
        pid,
        tid: MAIN_THREAD,
        args: { frame: i, bytes: measured ? bytes : null },
      });
      if (measured) events.push({ name: 'Bytes per frame', ph: 'C', ts, pid, tid: MAIN_THREAD, args: { bytes } });
      const siteHits = result.perFrameSiteHits?.[i];
      if (siteHits !== undefined)
        events.push({ name: 'Allocations counted', ph: 'C', ts, pid, tid: MAIN_THREAD, args: { sites: siteHits } });
      for (const slice of frames.slices[i] ?? []) {
        events.push({
          name: nameOf(slice.marker),
          cat: 'marker',
          ph: 'X',
          ts: slice.startMs * 1000,
          dur: (slice.endMs - slice.startMs) * 1000,
          pid,
          tid: MAIN_THREAD,
          args: { calls: slice.calls, bytes: measured ? slice.bytes : null },
        });
      }
    }
    for (const gc of result.gc.events) {
      events.push({
        name: gc.kind === 'minor' ? 'MinorGC' : gc.kind === 'major' ? 'MajorGC' : `GC (${gc.kind})`,
        cat: 'gc',
        ph: 'X',
        ts: gc.atMs * 1000,
        dur: gc.durationMs * 1000,
        pid,
        tid: GC_THREAD,
        args: { frame: gc.frame },
      });
    }
    events.push(...gcImpactTraceEvents(run, { pid, frameTid: MAIN_THREAD, gcTid: GC_THREAD }));
  });
  // Viewers nest complete events by start time; a parent must come before a child that starts
  // at the same microsecond, so longer slices first.
  events.sort((a, b) => a.pid - b.pid || a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // The site table is not a timeline: it travels in the metadata, where trace viewers show it.
  const sites = runs
    .filter((run) => run.result.sites !== undefined)
    .map((run) => ({ scene: run.result.scene, variant: run.result.variant, sites: run.result.sites!.list.slice(0, 50) }));
  const metadata: Record<string, unknown> = { source: 'alloclab', runs: runs.length };
  if (sites.length > 0) metadata.allocationSites = sites;
  return { traceEvents: events, displayTimeUnit: 'ms', metadata };
}
