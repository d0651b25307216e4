import { setImmediate as nextTurn } from 'node:timers/promises';
import { analyzeRetainedGrowth, type LeaksResult, type RetainedSample } from '../../profiler/retainedGrowth.ts';
import { NodeHeapMeter } from './NodeHeapMeter.ts';

/** Frames in a leak pass by default: 20 s of game at 60 fps. */
export const DEFAULT_LEAK_FRAMES = 1200;
/** Intervals a pass is cut into by default (readings: one more). */
export const LEAK_INTERVALS = 20;

/**
 * Readings taken and dropped before the kept ones, one frame apart. Code that runs once per
 * reading (this loop, the meter, a progress callback) is new to V8 when the pass begins, and V8
 * allocates for a function over its first calls (its feedback vector comes after several): kept,
 * those bytes read as growth (seen without a lead-in: +72 B to +1.3 KB in intervals among the
 * first 14 of 20 in an optimized scene, and none when the same pass ran a second time).
 */
const LEAD_IN = 10;

/** Options of a leak pass. */
export interface RetainedPassOptions {
  /** Frames to run (default `DEFAULT_LEAK_FRAMES`). */
  frames?: number;
  /** Frames between readings (default frames / `LEAK_INTERVALS`). */
  interval?: number;
  /** Growth per frame that counts as a leak (default `DEFAULT_LEAK_THRESHOLD`, 8 B). */
  thresholdBytesPerFrame?: number;
}

/** What `measureRetained` needs besides the options. */
export interface MeasureRetainedOptions extends RetainedPassOptions {
  /** Frames the world has run before the pass (reported as `pass.startFrame`). */
  startFrame?: number;
}

/** The pass's own frame loop, kept apart so that its compilation is its own. */
function runFrames(step: () => void, n: number): void {
  for (let i = 0; i < n; i++) step();
}

/**
 * The retained-growth detector's pass in Node: runs `step` (one frame per call) for `frames`
 * frames and, every `interval` frames, lets the event loop turn, forces a full GC and reads the
 * used heap, then fits growth per frame (`analyzeRetainedGrowth`).
 *
 * Run it after measuring a run, never during: the forced GCs would disturb byte and GC figures.
 * The result says so (`pass.kind: 'separate'`). Nothing but frames and readings should run during
 * the pass: whatever else keeps memory for a while reads as growth (a progress message sent to the
 * CLI at each reading was seen adding 184 B to 552 B in early intervals). Needs Node started with
 * --expose-gc and --expose-internals (the CLI and `execArgv()` do this).
 *
 * @example
 * const leaks = await measureRetained(() => clock.step(), { frames: 1200 });
 * leaks.verdict; // 'leak' | 'no-leak' | 'step' | 'inconclusive'
 */
export async function measureRetained(step: () => void, options: MeasureRetainedOptions = {}): Promise<LeaksResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('alloclab: the leak pass forces GCs and needs Node started with --expose-gc (the alloclab CLI and execArgv() add it)');
  const frames = options.frames ?? DEFAULT_LEAK_FRAMES;
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`measureRetained: frames must be an integer >= 1, got ${frames}`);
  const interval = options.interval ?? Math.max(1, Math.floor(frames / LEAK_INTERVALS));
  if (!Number.isInteger(interval) || interval < 1 || interval > frames) {
    throw new RangeError(`measureRetained: interval must be an integer from 1 to frames (${frames}), got ${interval}`);
  }
  const readings = Math.floor(frames / interval) + 1;
  const meter = new NodeHeapMeter();
  const size = meter.sampleSize;
  const buffer = new Float64Array(readings * size);
  for (let r = 0; r < LEAD_IN + readings; r++) {
    const i = r - LEAD_IN;
    if (r > 0) runFrames(step, i > 0 ? interval : 1);
    // Between frames, as a game's host loop does: pending timers, promise jobs and finalizers run,
    // so what they would release is not read as kept.
    await nextTurn();
    // Twice: what the first GC's weak callbacks and finalizers release, the second one frees.
    gc();
    gc();
    // Lead-in readings land in slot 0, which the first kept reading overwrites.
    meter.sample(buffer, Math.max(0, i) * size);
  }
  const samples: RetainedSample[] = [];
  for (let i = 0; i < readings; i++) {
    const jit = i > 0 && meter.jitBetween(buffer, (i - 1) * size, buffer, i * size);
    samples.push({ frame: i * interval, bytes: meter.toBytes(buffer, i * size), jit });
  }
  const growth = analyzeRetainedGrowth(samples, { thresholdBytesPerFrame: options.thresholdBytesPerFrame });
  return { ...growth, pass: { kind: 'separate', startFrame: (options.startFrame ?? 0) + LEAD_IN, frames: (readings - 1) * interval, interval } };
}
