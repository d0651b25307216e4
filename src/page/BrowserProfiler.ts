import { Profiler } from '../profiler/Profiler.ts';
import { GcLog } from '../profiler/GcLog.ts';
import { BrowserClock } from './BrowserClock.ts';
import { BrowserHeapMeter, type HeapMeterCalibration } from './BrowserHeapMeter.ts';
import { BrowserGcDetector } from './BrowserGcDetector.ts';

/** A profiler wired to the page's heap meter, clock and GC detector. */
export interface BrowserProfiler {
  profiler: Profiler;
  meter: BrowserHeapMeter;
  clock: BrowserClock;
  gcLog: GcLog;
  gcDetector: BrowserGcDetector;
  /** What the heap meter's start-up self-test found. */
  calibration: HeapMeterCalibration;
}

/**
 * Creates and calibrates a profiler for the page (the browser twin of `createNodeProfiler`).
 * With precise memory (Chromium's --enable-precise-memory-info) byte figures are exact;
 * without, `calibration.precise` is false and byte figures must not be shown.
 *
 * @example
 * const { profiler, calibration } = createBrowserProfiler();
 * const world = new World({ profiler });
 */
export function createBrowserProfiler(options: { frameCapacity?: number; eventCapacity?: number } = {}): BrowserProfiler {
  const clock = new BrowserClock();
  const meter = new BrowserHeapMeter(clock);
  const calibration = meter.calibrate();
  const profiler = new Profiler({ meter, clock, frameCapacity: options.frameCapacity ?? 4096, eventCapacity: options.eventCapacity });
  const gcLog = new GcLog();
  const gcDetector = new BrowserGcDetector(gcLog, profiler.recorder, meter);
  return { profiler, meter, clock, gcLog, gcDetector, calibration };
}
