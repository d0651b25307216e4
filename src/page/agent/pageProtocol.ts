import type { RunResult } from '../../profiler/RunResult.ts';
import type { FrameTimeline } from '../../profiler/FrameCollector.ts';
import type { HeapMeterCalibration } from '../BrowserHeapMeter.ts';
import type { FrameTrace } from '../trace/frameTrace.ts';

/** What `alloclab page` puts in the page before its own scripts (`window.alloclabPageConfig`). */
export interface PageAgentConfig {
  /** Frames to measure: the ring holds them all, so no drain falls among them. */
  frames: number;
}

/** Where a page's frames are, read between frames. */
export interface PageStatus {
  /** requestAnimationFrame callbacks the page requested since the agent was installed. */
  requested: number;
  /** requestAnimationFrame turns run (each one a frame). */
  turns: number;
  /** Measured frames recorded so far. */
  measured: number;
  calibration: HeapMeterCalibration;
}

/** A measured page, read back once. */
export interface PageResult {
  result: RunResult;
  frames: FrameTimeline;
  markerNames: string[];
  calibration: HeapMeterCalibration;
}

/** What the agent installs as `window.alloclabPage`. */
export interface PageAgent {
  status(): PageStatus;
  /**
   * Measures the next `frames` turns: the stamp cost is re-measured and the heap collected first
   * (outside any frame); each measured frame is bracketed by trace marks. Resolves when done.
   */
  measure(frames: number): Promise<void>;
  /**
   * Summarises the measured frames, with GC and JIT ground truth from `trace` (or heap drops when
   * null). Also while measuring (between frames, trace null): the frames measured so far.
   */
  finish(options: { scene: string; warmup: number; trace: FrameTrace | null; keepSlices: boolean }): PageResult;
}
