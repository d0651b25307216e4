import type { GcKind } from '../../profiler/GcLog.ts';

/**
 * Reads a DevTools-protocol trace of lab frames: the frame marks the page placed around each
 * frame, the garbage collections and the JIT code installs on the page's main thread, and which
 * frame each fell in. Plain data in, plain data out: it runs in Node (the CLI) and in a page
 * (vitest's browser mode) alike.
 */

/** `console.timeStamp` labels placed just before and just after each frame, outside it. */
export const FRAME_BEGIN_MARK = 'alloclab:frame-begin';
export const FRAME_END_MARK = 'alloclab:frame-end';

/** Trace categories of a warm-up chunk: the frame marks and the compiler's events. */
export const JIT_CATEGORIES = ['devtools.timeline', 'disabled-by-default-v8.compile'];
/** Trace categories of the measured frames: the same, and the collector's events. */
export const FRAME_CATEGORIES = ['devtools.timeline', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.compile'];

/** One event of the Trace Event Format, as `Tracing.dataCollected` delivers it (timestamps in us). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { message?: string }; [key: string]: unknown };
}

/** A garbage collection pause on the page's main thread. */
export interface TraceGc {
  /** Start, in microseconds on the trace clock. */
  startUs: number;
  durationUs: number;
  kind: GcKind;
  /** Index of the frame whose marks enclose its start, or -1 (between frames, before or after). */
  frame: number;
}

/** What a trace says about the frames it covers. */
export interface FrameTrace {
  /** Per frame, its begin and end marks in microseconds on the trace clock. */
  beginUs: number[];
  endUs: number[];
  gc: TraceGc[];
  /** Frames in which V8 installed compiled code, ascending. */
  jitFrames: number[];
  /** JIT code installs on the main thread, inside frames or not. */
  jitInstalls: number;
}

/**
 * Main-thread pauses, by trace event name. Scavenges and full mark-compacts are top-level events
 * of their own; incremental marking runs in steps between them. Their sub-phases (V8.GC_*) are
 * nested inside these and not counted again.
 */
const GC_EVENTS: Readonly<Record<string, GcKind>> = {
  MinorGC: 'minor',
  MajorGC: 'major',
  'V8.GC_MC_INCREMENTAL': 'incremental',
  'V8.GC_MC_INCREMENTAL_START': 'incremental',
  'V8.GC_MC_INCREMENTAL_FINALIZE': 'incremental',
};

/**
 * Main-thread events of the compiler that install code (Maglev and TurboFan results finalised,
 * Sparkplug code, bytecode of a function compiled on first call). V8 allocates for the code and
 * its metadata in whatever frame runs then (measured: 1,424 B for a Maglev install, 1,712 B for
 * a TurboFan one, in frames that otherwise allocated nothing).
 */
const JIT_INSTALL_EVENTS = new Set([
  'V8.OptimizeConcurrentFinalize',
  'V8.InstallOptimizedFunctions',
  'V8.OptimizeCode',
  'V8.MaglevConcurrentFinalize',
  'V8.FinalizeMaglevConcurrentCompilation',
  'V8.FinalizeBaselineConcurrentCompilation',
  'V8.CompileBaseline',
  'V8.CompileIgnitionFinalization',
]);

/**
 * Finds the page's frames (pairs of begin/end marks, on the thread that placed most of them) and
 * attributes GC pauses and JIT installs on that thread to them. Throws when the trace holds no
 * frame marks (tracing did not cover the frames).
 */
export function analyzeFrameTrace(events: readonly TraceEvent[]): FrameTrace {
  const marks = events.filter((e) => e.name === 'TimeStamp' && isFrameMark(e)).sort((a, b) => a.ts - b.ts);
  const main = busiestThread(marks);
  if (main === null) throw new Error('the trace holds no frame marks: tracing did not cover the frames');
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid;
  const beginUs: number[] = [];
  const endUs: number[] = [];
  let open = -1;
  for (const mark of marks) {
    if (!onMain(mark)) continue;
    if (mark.args!.data!.message === FRAME_BEGIN_MARK) open = mark.ts;
    else if (open >= 0) {
      beginUs.push(open);
      endUs.push(mark.ts);
      open = -1;
    }
  }

  const pauses = events
    .filter((e) => e.ph === 'X' && GC_EVENTS[e.name] !== undefined && onMain(e))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const gc: TraceGc[] = [];
  let coveredUntil = -Infinity;
  for (const e of pauses) {
    const end = e.ts + (e.dur ?? 0);
    // A step nested in a pause already counted (incremental marking finished inside a MajorGC).
    if (e.ts < coveredUntil) continue;
    coveredUntil = end;
    gc.push({ startUs: e.ts, durationUs: e.dur ?? 0, kind: GC_EVENTS[e.name]!, frame: frameAt(beginUs, endUs, e.ts) });
  }

  const jit = new Set<number>();
  let jitInstalls = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !JIT_INSTALL_EVENTS.has(e.name) || !onMain(e)) continue;
    jitInstalls++;
    const frame = frameAt(beginUs, endUs, e.ts);
    if (frame >= 0) jit.add(frame);
  }
  return { beginUs, endUs, gc, jitFrames: [...jit].sort((a, b) => a - b), jitInstalls };
}

/** The thread that placed the most frame marks: the page's main thread running the frames. */
function busiestThread(marks: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const counts = new Map<string, { pid: number; tid: number; n: number }>();
  let best: { pid: number; tid: number; n: number } | null = null;
  for (const mark of marks) {
    const key = `${mark.pid}:${mark.tid}`;
    let entry = counts.get(key);
    if (entry === undefined) counts.set(key, (entry = { pid: mark.pid, tid: mark.tid, n: 0 }));
    entry.n++;
    if (best === null || entry.n > best.n) best = entry;
  }
  return best;
}

function isFrameMark(e: TraceEvent): boolean {
  const message = e.args?.data?.message;
  return message === FRAME_BEGIN_MARK || message === FRAME_END_MARK;
}

/** Index of the frame whose [begin, end] holds `us`, or -1 (binary search). */
export function frameAt(beginUs: readonly number[], endUs: readonly number[], us: number): number {
  let lo = 0;
  let hi = beginUs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (endUs[mid]! < us) lo = mid + 1;
    else if (beginUs[mid]! > us) hi = mid - 1;
    else return mid;
  }
  return -1;
}
