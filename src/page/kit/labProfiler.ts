import { Profiler } from '../../profiler/Profiler.ts';
import { GcLog } from '../../profiler/GcLog.ts';
import { BrowserHeapMeter, type HeapMeterCalibration } from '../BrowserHeapMeter.ts';
import { BrowserGcDetector } from '../BrowserGcDetector.ts';
import { LabClock } from './LabClock.ts';

/** A profiler wired for measuring in a page: the lab clock, the page's heap meter, a GC log. */
export interface LabProfiler {
  profiler: Profiler;
  meter: BrowserHeapMeter;
  clock: LabClock;
  gcLog: GcLog;
  /** Tells GCs from heap drops when no trace is available. */
  gcDetector: BrowserGcDetector;
  calibration: HeapMeterCalibration;
}

/**
 * Creates and calibrates a profiler for measuring in this page (the lab page, or a vitest browser
 * test). Check `calibration.precise`: without Chromium's --enable-precise-memory-info the page
 * cannot read exact heap sizes, and `calibration.reason` says so.
 */
export function createLabProfiler(options: { frameCapacity?: number } = {}): LabProfiler {
  const clock = new LabClock();
  const meter = new BrowserHeapMeter(clock);
  const calibration = meter.calibrate();
  clock.setStampCost(calibration.stampCost);
  const profiler = new Profiler({ meter, clock, frameCapacity: options.frameCapacity ?? 4096 });
  const gcLog = new GcLog();
  const gcDetector = new BrowserGcDetector(gcLog, profiler.recorder, meter);
  return { profiler, meter, clock, gcLog, gcDetector, calibration };
}

/** Frame rows for a run of `frames` measured frames: all of them, so no drain falls among them. */
export function labFrameCapacity(frames: number): number {
  return Math.max(4096, Math.min(frames, 100_000));
}
