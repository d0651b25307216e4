import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import type { GcKind, GcLog } from '../profiler/GcLog.ts';
import type { ProfilerClock } from '../profiler/HeapMeter.ts';

/**
 * Feeds Node's GC events (`PerformanceObserver` entry type 'gc': kind and duration) into a
 * `GcLog`, in the profiler clock's milliseconds. Node delivers entries a tick late, so a headless
 * run must yield to the event loop now and then (the runner does) and call `flush()` at the end.
 */
export class NodeGcObserver {
  private readonly _log: GcLog;
  private readonly _observer: PerformanceObserver;
  private readonly _offsetMs: number;
  private _observing = false;

  constructor(log: GcLog, clock: ProfilerClock) {
    this._log = log;
    this._offsetMs = clockOffsetMs(clock);
    this._observer = new PerformanceObserver((list) => this._take(list.getEntries()));
  }

  start(): this {
    if (!this._observing) {
      this._observer.observe({ entryTypes: ['gc'] });
      this._observing = true;
    }
    return this;
  }

  /** Takes the entries Node has queued but not yet delivered. */
  flush(): void {
    this._take(this._observer.takeRecords());
  }

  stop(): void {
    if (!this._observing) return;
    this.flush();
    this._observer.disconnect();
    this._observing = false;
  }

  private _take(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      this._log.record(entry.startTime + this._offsetMs, entry.duration, gcKindOf(detail?.kind));
    }
  }
}

/**
 * Profiler clock ms minus `performance.now()` ms (both count Node's monotonic clock). One read of
 * each was off by up to ~50 us when the first calls ran slowly, enough to put a GC forced at a
 * frame's start into the frame before; so `performance.now()` is read between two stamps, several
 * times, and the tightest bracket's midpoint is kept.
 */
function clockOffsetMs(clock: ProfilerClock): number {
  const before = new Float64Array(clock.stampSize);
  const after = new Float64Array(clock.stampSize);
  let tightest = Infinity;
  let offset = 0;
  for (let i = 0; i < 25; i++) {
    clock.stamp(before, 0);
    const now = performance.now();
    clock.stamp(after, 0);
    const start = clock.toMs(before, 0);
    const end = clock.toMs(after, 0);
    if (end - start < tightest) {
      tightest = end - start;
      offset = start + (end - start) / 2 - now;
    }
  }
  return offset;
}

function gcKindOf(kind: number | undefined): GcKind {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak';
    default:
      return 'unknown';
  }
}
